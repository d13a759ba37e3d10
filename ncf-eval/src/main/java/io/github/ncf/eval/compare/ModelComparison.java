package io.github.ncf.eval.compare;

import io.github.ncf.eval.EvaluationReport;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.metric.RankMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Several models' test reports side by side: each model's difference to the best model per protocol
 * and metric with its paired bootstrap interval, and Kendall's tau between the model orderings of the
 * full and the sampled protocol.
 *
 * <pre>{@code
 * Map<String, EvaluationReport> reports = new LinkedHashMap<>();
 * reports.put("ease", evaluation.test(ease, split));
 * reports.put("neumf", evaluation.test(neumf, split));
 * ModelComparison c = ModelComparison.of(reports, List.of(HitRate.at(10), Ndcg.at(10)),
 *         PairedBootstrap.builder().build());
 * System.out.println(c.tau().get("HR@10"));
 * }</pre>
 *
 * @param models the model names, in the order given
 * @param means protocol ({@code full}, {@code sampled}) to metric name to model to mean
 * @param best protocol to metric name to the best model's name (first one on ties)
 * @param toBest protocol to metric name to model to the interval of {@code model - best} (the best
 *     model's own is absent)
 * @param tau metric name to Kendall's tau-b between the models' full and sampled means (NaN when all
 *     tie)
 */
public record ModelComparison(List<String> models, Map<String, Map<String, Map<String, Double>>> means,
        Map<String, Map<String, String>> best,
        Map<String, Map<String, Map<String, BootstrapInterval>>> toBest, Map<String, Double> tau) {

    /** The protocols compared, as keys of the maps. */
    public static final List<String> PROTOCOLS = List.of("full", "sampled");

    /**
     * Compares the reports, which must come from the same evaluation of the same split (the same users
     * in the same order).
     *
     * @param reports model name to its test report, at least two
     * @param metrics the metrics to compare, each computed by the reports
     * @param bootstrap the bootstrap
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models are given or users differ
     */
    public static ModelComparison of(Map<String, EvaluationReport> reports, List<RankMetric> metrics,
            PairedBootstrap bootstrap) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (reports.size() < 2) {
            throw new IllegalArgumentException("reports must hold at least two models, got " + reports.keySet());
        }
        Map<String, ModelFigures> figures = new LinkedHashMap<>();
        for (Map.Entry<String, EvaluationReport> e : reports.entrySet()) {
            Map<String, Double> means = new LinkedHashMap<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            for (String protocol : PROTOCOLS) {
                EvaluationResult r = result(e.getValue(), protocol);
                for (RankMetric metric : metrics) {
                    means.put(key(protocol, metric.name()), r.get(metric));
                    values.put(key(protocol, metric.name()), r.values(metric.name()).values());
                }
            }
            figures.put(e.getKey(), new ModelFigures(means, values));
        }
        return ofFigures(figures, metrics.stream().map(RankMetric::name).toList(), bootstrap);
    }

    /**
     * One model's test figures as recorded (for example in a report of an earlier run): means and
     * per-user values keyed {@code <protocol>.<metric name>}, e.g. {@code full.HR@10}.
     *
     * @param means the means
     * @param values the per-user values, users in the evaluation's order
     */
    public record ModelFigures(Map<String, Double> means, Map<String, double[]> values) {

        /**
         * Copies the maps.
         *
         * @param means the means
         * @param values the per-user values, users in the evaluation's order
         */
        public ModelFigures {
            means = Map.copyOf(means);
            values = Map.copyOf(values);
        }
    }

    /**
     * Compares recorded figures, which must come from the same evaluation of the same split (the same
     * users in the same order): the same comparison {@link #of} makes from reports.
     *
     * @param figures model name to its figures, at least two
     * @param metrics the metric names, e.g. {@code HR@10}, each recorded for both protocols
     * @param bootstrap the bootstrap
     * @return the comparison
     * @throws IllegalArgumentException if fewer than two models are given, a figure is missing or users
     *     differ
     */
    public static ModelComparison ofFigures(Map<String, ModelFigures> figures, List<String> metrics,
            PairedBootstrap bootstrap) {
        Objects.requireNonNull(bootstrap, "bootstrap");
        if (figures.size() < 2) {
            throw new IllegalArgumentException("figures must hold at least two models, got " + figures.keySet());
        }
        List<String> models = List.copyOf(figures.keySet());
        Map<String, Map<String, Map<String, Double>>> means = new LinkedHashMap<>();
        Map<String, Map<String, String>> best = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, BootstrapInterval>>> toBest = new LinkedHashMap<>();
        for (String protocol : PROTOCOLS) {
            Map<String, Map<String, Double>> pm = new LinkedHashMap<>();
            Map<String, String> pb = new LinkedHashMap<>();
            Map<String, Map<String, BootstrapInterval>> pi = new LinkedHashMap<>();
            for (String metric : metrics) {
                String k = key(protocol, metric);
                Map<String, Double> m = new LinkedHashMap<>();
                String top = null;
                for (String model : models) {
                    Double v = figures.get(model).means().get(k);
                    if (v == null || figures.get(model).values().get(k) == null) {
                        throw new IllegalArgumentException(model + " has no recorded " + k);
                    }
                    m.put(model, v);
                    if (top == null || v > m.get(top)) {
                        top = model;
                    }
                }
                Map<String, BootstrapInterval> intervals = new LinkedHashMap<>();
                for (String model : models) {
                    if (!model.equals(top)) {
                        intervals.put(model, bootstrap.interval(figures.get(model).values().get(k),
                                figures.get(top).values().get(k)));
                    }
                }
                pm.put(metric, m);
                pb.put(metric, top);
                pi.put(metric, intervals);
            }
            means.put(protocol, pm);
            best.put(protocol, pb);
            toBest.put(protocol, pi);
        }
        Map<String, Double> tau = new LinkedHashMap<>();
        for (String metric : metrics) {
            double[] full = new double[models.size()];
            double[] sampled = new double[models.size()];
            for (int k = 0; k < models.size(); k++) {
                full[k] = means.get("full").get(metric).get(models.get(k));
                sampled[k] = means.get("sampled").get(metric).get(models.get(k));
            }
            tau.put(metric, KendallTau.tauB(full, sampled));
        }
        return new ModelComparison(models, means, best, toBest, tau);
    }

    private static String key(String protocol, String metric) {
        return protocol + "." + metric;
    }

    /**
     * Returns whether the full and sampled protocols order the models the same way by a metric (tau
     * of 1).
     *
     * @param metric the metric name, e.g. {@code HR@10}
     * @return true when the orderings agree
     */
    public boolean orderingsAgree(String metric) {
        Double t = tau.get(metric);
        return t != null && t >= 1.0 - 1e-12;
    }

    /**
     * Returns the models ordered by a protocol's metric, best first.
     *
     * @param protocol {@code full} or {@code sampled}
     * @param metric the metric name
     * @return the model names
     */
    public List<String> ordering(String protocol, String metric) {
        Map<String, Double> m = means.get(protocol).get(metric);
        List<String> order = new ArrayList<>(models);
        order.sort((a, b) -> Double.compare(m.get(b), m.get(a)));
        return order;
    }

    private static EvaluationResult result(EvaluationReport report, String protocol) {
        return protocol.equals("full") ? report.full() : report.sampled();
    }
}
