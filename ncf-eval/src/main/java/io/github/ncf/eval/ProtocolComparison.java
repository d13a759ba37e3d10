package io.github.ncf.eval;

import io.github.ncf.core.Scorer;
import io.github.ncf.eval.metric.RankMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Full-ranking and sampled results side by side, one row per scorer, one column per (protocol,
 * metric): sampled metrics run far higher than full-ranking ones and can order models differently
 * (Krichene and Rendle, KDD 2020), so reports show both.
 *
 * <pre>{@code
 * ProtocolComparison table = ProtocolComparison.of(evaluation.evaluators(split, SplitKind.TEST));
 * table = table.add("popularity", popularity).add("NeuMF", model);
 * System.out.println(table.toMarkdown());
 * }</pre>
 */
public final class ProtocolComparison {

    private final List<ProtocolEvaluator> evaluators;
    private final Map<String, List<EvaluationResult>> rows;

    private ProtocolComparison(List<ProtocolEvaluator> evaluators, Map<String, List<EvaluationResult>> rows) {
        this.evaluators = evaluators;
        this.rows = rows;
    }

    /**
     * Starts an empty comparison over the given evaluators.
     *
     * @param evaluators one or more evaluators, typically full and sampled
     * @return the comparison, with no rows yet
     * @throws IllegalArgumentException if no evaluator is given
     */
    public static ProtocolComparison of(List<ProtocolEvaluator> evaluators) {
        if (evaluators.isEmpty()) {
            throw new IllegalArgumentException("evaluators must hold at least one evaluator, got none");
        }
        return new ProtocolComparison(List.copyOf(evaluators), new LinkedHashMap<>());
    }

    /**
     * Returns a comparison with one more row: the scorer evaluated by every evaluator.
     *
     * @param name the row's name, distinct from earlier rows
     * @param scorer the model or baseline
     * @return a new comparison; this one is unchanged
     * @throws IllegalArgumentException if the name is already used
     */
    public ProtocolComparison add(String name, Scorer scorer) {
        Objects.requireNonNull(scorer, "scorer");
        List<EvaluationResult> results = new ArrayList<>();
        for (ProtocolEvaluator e : evaluators) {
            results.add(e.evaluate(scorer));
        }
        return add(name, results);
    }

    /**
     * Returns a comparison with one more row of results already computed.
     *
     * @param name the row's name, distinct from earlier rows
     * @param results one result per evaluator, in the evaluators' order
     * @return a new comparison; this one is unchanged
     * @throws IllegalArgumentException if the name is used or the results do not match the evaluators'
     *     protocols and metrics
     */
    public ProtocolComparison add(String name, List<EvaluationResult> results) {
        Objects.requireNonNull(name, "name");
        if (rows.containsKey(name)) {
            throw new IllegalArgumentException("name must be distinct, got \"" + name + "\" twice");
        }
        if (results.size() != evaluators.size()) {
            throw new IllegalArgumentException("results must hold one result per evaluator ("
                    + evaluators.size() + "), got " + results.size());
        }
        for (int e = 0; e < results.size(); e++) {
            ProtocolEvaluator ev = evaluators.get(e);
            EvaluationResult r = results.get(e);
            if (!r.protocol().equals(ev.protocol().name())) {
                throw new IllegalArgumentException("results[" + e + "] must come from protocol \""
                        + ev.protocol().name() + "\", got \"" + r.protocol() + "\"");
            }
            for (var m : ev.metrics()) {
                if (!r.metricNames().contains(m.name())) {
                    throw new IllegalArgumentException("results[" + e + "] must hold " + m.name()
                            + ", got " + r.metricNames());
                }
            }
        }
        Map<String, List<EvaluationResult>> copy = new LinkedHashMap<>(rows);
        copy.put(name, List.copyOf(results));
        return new ProtocolComparison(evaluators, copy);
    }

    /** @return the row names, in the order added */
    public List<String> names() {
        return List.copyOf(rows.keySet());
    }

    /**
     * Returns a row's results.
     *
     * @param name the row's name
     * @return one result per evaluator
     * @throws IllegalArgumentException if there is no such row
     */
    public List<EvaluationResult> results(String name) {
        List<EvaluationResult> r = rows.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no row named \"" + name + "\"; have " + rows.keySet());
        }
        return r;
    }

    /**
     * Returns the row names ordered by one metric under one protocol, best first; rows with equal
     * values keep the order in which they were added.
     *
     * @param protocol the protocol's name, such as {@code "full"}
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return the names, best first
     * @throws IllegalArgumentException if no evaluator has that protocol and metric
     */
    public List<String> order(String protocol, String metric) {
        int e = evaluatorIndex(protocol, metric);
        List<String> names = new ArrayList<>(rows.keySet());
        names.sort((a, b) -> Double.compare(rows.get(b).get(e).mean(metric), rows.get(a).get(e).mean(metric)));
        return names;
    }

    /**
     * Returns whether every protocol orders the rows the same way by a metric.
     *
     * <pre>{@code
     * boolean same = table.ordersAgree(HitRate.at(10));
     * }</pre>
     *
     * @param metric the metric
     * @return true if all evaluators computing the metric give one order
     * @throws IllegalArgumentException if no evaluator computes the metric
     */
    public boolean ordersAgree(RankMetric metric) {
        return ordersAgree(metric.name());
    }

    /**
     * Returns whether every protocol orders the rows the same way by a metric, named; sampled protocols
     * need not agree with full ranking (Krichene and Rendle, KDD 2020).
     *
     * @param metric the metric's name, such as {@code "HR@10"}
     * @return true if all evaluators computing the metric give one order
     * @throws IllegalArgumentException if no evaluator computes the metric
     */
    public boolean ordersAgree(String metric) {
        List<String> first = null;
        for (ProtocolEvaluator e : evaluators) {
            if (e.metrics().stream().anyMatch(m -> m.name().equals(metric))) {
                List<String> order = order(e.protocol().name(), metric);
                if (first == null) {
                    first = order;
                } else if (!first.equals(order)) {
                    return false;
                }
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("no evaluator computes \"" + metric + "\"");
        }
        return true;
    }

    private int evaluatorIndex(String protocol, String metric) {
        for (int e = 0; e < evaluators.size(); e++) {
            ProtocolEvaluator ev = evaluators.get(e);
            if (ev.protocol().name().equals(protocol)
                    && ev.metrics().stream().anyMatch(m -> m.name().equals(metric))) {
                return e;
            }
        }
        throw new IllegalArgumentException("no evaluator with protocol \"" + protocol + "\" and metric \""
                + metric + "\"; columns are " + columns());
    }

    /** @return the column headers, {@code "protocol metric"}, in order */
    public List<String> columns() {
        List<String> columns = new ArrayList<>();
        for (ProtocolEvaluator e : evaluators) {
            e.metrics().forEach(m -> columns.add(e.protocol().name() + " " + m.name()));
        }
        return List.copyOf(columns);
    }

    /** @return a Markdown table: scorers down, (protocol, metric) across, then evaluation seconds */
    public String toMarkdown() {
        StringBuilder s = new StringBuilder("| scorer |");
        List<String> columns = columns();
        columns.forEach(c -> s.append(' ').append(c).append(" |"));
        evaluators.forEach(e -> s.append(' ').append(e.protocol().name()).append(" s |"));
        s.append("\n|---|");
        for (int c = 0; c < columns.size() + evaluators.size(); c++) {
            s.append("---:|");
        }
        s.append('\n');
        rows.forEach((name, results) -> {
            s.append("| ").append(name).append(" |");
            for (EvaluationResult r : results) {
                for (String metric : r.metricNames()) {
                    s.append(String.format(Locale.ROOT, " %.4f |", r.mean(metric)));
                }
            }
            for (EvaluationResult r : results) {
                s.append(String.format(Locale.ROOT, " %.3f |", r.seconds()));
            }
            s.append('\n');
        });
        return s.toString();
    }

    @Override
    public String toString() {
        return toMarkdown();
    }
}
