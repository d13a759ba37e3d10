package io.github.ncf.examples.cli;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.movielens.ItemCatalog;
import io.github.ncf.data.movielens.MovieLensData;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.movielens.ReadReport;
import io.github.ncf.data.movielens.ReadResult;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.Evaluator;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.eval.protocol.FullRanking;
import io.github.ncf.eval.protocol.SampledRanking;
import io.github.ncf.examples.report.DatasetInfo;
import io.github.ncf.examples.report.Reports;
import io.github.ncf.examples.report.RunReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Wires the library together for the commands: reads or generates a data set, splits it, builds the
 * two evaluators once per split, trains models and evaluates scorers into {@link RunReport}s.
 *
 * <p>Nothing here trains or measures by itself: loading is {@code ncf-data}'s, training {@code
 * ncf-core}'s and measuring {@code ncf-eval}'s. Every run made from one {@link Prepared} shares the
 * same split and the same sampled candidates, so their figures compare.
 */
final class Experiment {

    /** The metric cut-off of every table and report. */
    static final int K = 10;

    private Experiment() {
    }

    /**
     * A data set as loaded.
     *
     * @param spec what the user asked for
     * @param interactions every positive interaction
     * @param catalog titles of items, empty when the source has none
     * @param notes what loading skipped or changed, in words; empty if nothing
     */
    record LoadedData(DatasetSpec spec, Interactions interactions, ItemCatalog catalog, String notes) {
    }

    /**
     * A split with its evaluators.
     *
     * @param data the loaded data
     * @param split the leave-one-out split
     * @param full the full-ranking evaluator (training items masked)
     * @param sampled the sampled evaluator (held-out item among sampled non-interacted items)
     * @param info the data set as described in reports
     * @param seed the seed of the split's sampled candidates and of training
     */
    record Prepared(LoadedData data, Split split, Evaluator full, Evaluator sampled, DatasetInfo info, long seed) {
    }

    /**
     * Reads or generates the data set the options name, printing one line of what was read.
     *
     * @param options the data options
     * @param io where to print
     * @return the data
     * @throws UncheckedIOException if a file cannot be read, naming it
     */
    static LoadedData load(DataOptions options, Io io) {
        DatasetSpec spec = options.dataset();
        try {
            LoadedData data = switch (spec.kind()) {
                case MOVIELENS -> loadMovieLens(spec, options);
                case CSV -> loadCsv(spec, options);
                case SYNTHETIC -> Synthetic.load(spec);
            };
            Interactions i = data.interactions();
            io.out().printf(java.util.Locale.ROOT, "data: %s, %,d interactions, %,d users, %,d items%s%n",
                    spec.label(), i.size(), i.numUsers(), i.numItems(),
                    data.notes().isEmpty() ? "" : " (" + data.notes() + ")");
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.label() + ": " + e.getMessage(), e);
        }
    }

    private static LoadedData loadMovieLens(DatasetSpec spec, DataOptions options) throws IOException {
        MovieLensVariant variant = MovieLensVariant.fromName(spec.name());
        Path dir = DataDirs.resolve(variant, options.dataDir());
        MovieLensReader.Builder reader = MovieLensReader.builder().variant(variant);
        if (options.minRating != null) {
            reader.minRating(options.minRating);
        }
        MovieLensData ml = reader.build().read(dir);
        StringBuilder notes = new StringBuilder(describe(ml.report()));
        if (ml.itemsWithoutCatalogEntry() > 0) {
            append(notes, ml.itemsWithoutCatalogEntry() + " items without a title");
        }
        return new LoadedData(spec, ml.interactions(), ml.catalog(), notes.toString());
    }

    private static LoadedData loadCsv(DatasetSpec spec, DataOptions options) throws IOException {
        if (!Files.isRegularFile(spec.path())) {
            throw new IllegalArgumentException("--dataset csv:PATH: no such file: " + spec.path());
        }
        DelimitedReader.Builder b = DelimitedReader.builder().delimiter(options.csvDelimiter())
                .header(options.csvHeader).userColumn(options.csvUserColumn).itemColumn(options.csvItemColumn);
        if (options.csvTimestampColumn != null) {
            b.timestampColumn(options.csvTimestampColumn);
        }
        if (options.csvRatingColumn != null) {
            b.ratingColumn(options.csvRatingColumn);
        }
        if (options.minRating != null) {
            b.minRating(options.minRating);
        }
        ReadResult result = b.build().read(spec.path());
        return new LoadedData(spec, result.interactions(), ItemCatalog.empty(), describe(result.report()));
    }

    private static String describe(ReadReport r) {
        StringBuilder s = new StringBuilder();
        if (r.rowsBelowThreshold() > 0) {
            append(s, String.format(java.util.Locale.ROOT, "%,d rows rated below %s left out",
                    r.rowsBelowThreshold(), r.minRating()));
        }
        if (r.blankLines() > 0) {
            append(s, r.blankLines() + " blank lines skipped");
        }
        if (r.duplicatePairs() > 0) {
            append(s, String.format(java.util.Locale.ROOT, "%,d repeated (user, item) rows", r.duplicatePairs()));
        }
        return s.toString();
    }

    private static void append(StringBuilder s, String note) {
        if (s.length() > 0) {
            s.append("; ");
        }
        s.append(note);
    }

    /**
     * Splits the data leave-one-out by time (ties in file order) and builds both evaluators, printing
     * one line of the split.
     *
     * @param data the loaded data
     * @param seed the seed of the sampled candidates
     * @param evalNegatives sampled candidates per user besides the held-out item
     * @param io where to print
     * @return the prepared split
     */
    static Prepared prepare(LoadedData data, long seed, int evalNegatives, Io io) {
        Split split = LeaveOneOutSplitter.builder().seed(seed).build().split(data.interactions());
        Evaluator full = Evaluator.builder()
                .protocol(FullRanking.builder().train(split.train()).test(split.test()).build())
                .metrics(HitRate.at(K), Ndcg.at(K), Mrr.at(K)).build();
        Evaluator sampled = Evaluator.builder()
                .protocol(SampledRanking.builder().train(split.train()).test(split.test())
                        .negatives(evalNegatives).seed(seed).build())
                .metrics(HitRate.at(K), Ndcg.at(K), Mrr.at(K)).build();
        Interactions all = data.interactions();
        DatasetInfo info = new DatasetInfo(data.spec().label(), all.numUsers(), all.numItems(), all.size(),
                split.train().size(), split.test().size(), data.notes());
        io.out().println("split: " + split);
        return new Prepared(data, split, full, sampled, info, seed);
    }

    /**
     * Evaluates a scorer that needs no training (a baseline) under both protocols.
     *
     * @param prepared the split and evaluators
     * @param label the run's name in tables
     * @param model the baseline's name in reports
     * @param scorer the baseline
     * @return the report
     */
    static RunReport baseline(Prepared prepared, String label, String model, Scorer scorer) {
        EvaluationResult full = prepared.full().evaluate(scorer);
        EvaluationResult sampled = prepared.sampled().evaluate(scorer);
        return RunReport.builder().label(label).dataset(prepared.info()).model(model)
                .config("seed", prepared.seed())
                .config("evalNegatives", samplesOf(prepared))
                .finalFull(metrics(full)).finalSampled(metrics(sampled))
                .fullEvalSeconds(full.seconds()).sampledEvalSeconds(sampled.seconds())
                .build();
    }

    private static int samplesOf(Prepared prepared) {
        return ((SampledRanking) prepared.sampled().protocol()).negatives();
    }

    /**
     * Returns an evaluation's means keyed as in reports ({@code hr@10}).
     *
     * @param result the evaluation
     * @return metric key to mean
     */
    static Map<String, Double> metrics(EvaluationResult result) {
        Map<String, Double> m = new LinkedHashMap<>();
        result.means().forEach((name, value) -> m.put(Reports.metricKey(name), value));
        return m;
    }

    /**
     * Returns a value or a default when it is null.
     *
     * @param value the value
     * @param fallback the default
     * @param <T> the type
     * @return value if not null, else fallback
     */
    static <T> T orElse(T value, T fallback) {
        return Objects.requireNonNullElse(value, fallback);
    }
}
