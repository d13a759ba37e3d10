package io.github.ncf.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DataSource;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.EvaluationResult;
import io.github.ncf.eval.metric.HitRate;
import io.github.ncf.eval.metric.Mrr;
import io.github.ncf.eval.metric.Ndcg;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkReader;
import io.github.ncf.spark.SparkSessions;
import io.github.ncf.spark.SparkSplit;
import io.github.ncf.spark.SparkSplitter;
import io.github.ncf.spark.eval.AlsBaseline;
import io.github.ncf.spark.eval.FactorScorer;
import io.github.ncf.spark.eval.NcfModelSource;
import io.github.ncf.spark.eval.SparkEvaluation;
import io.github.ncf.spark.eval.SparkEvaluator;
import io.github.ncf.spark.eval.SparkRecommender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code ncf-spark} program: split, recommend, evaluate and ALS on Apache Spark, with the data
 * options and report keys of the {@code ncf} program ({@code final.full.hr@10}, ...).
 *
 * <pre>{@code
 * ncf-spark/bin/ncf-spark evaluate --dataset ml-100k --model models/neumf --report r.json
 * spark-submit --class io.github.ncf.spark.cli.NcfSpark ncf-spark-*-spark.jar als --dataset csv:hdfs:///r.csv
 * }</pre>
 */
@Command(name = "ncf-spark", mixinStandardHelpOptions = true,
        description = "Split, recommend, evaluate and ALS on Apache Spark (local mode unless --master).",
        subcommands = {NcfSpark.Split.class, NcfSpark.Recommend.class, NcfSpark.Evaluate.class, NcfSpark.Als.class})
public final class NcfSpark {

    /** The number of items per list and the cut-off of the metrics. */
    static final int K = 10;

    private NcfSpark() {
    }

    /**
     * Runs the program.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NcfSpark()).execute(args));
    }

    /** The options every command shares: where Spark runs, the data, the split, the report. */
    static final class Common {

        @Option(names = "--master", defaultValue = "local[*]", paramLabel = "URL",
                description = "Spark master (default local[*]; under spark-submit its --master wins).")
        String master;

        @Option(names = "--dataset", defaultValue = "ml-100k", paramLabel = "DATASET",
                description = "ml-100k (default), ml-1m, ml-20m, ml-25m, csv:PATH (a file or a folder of files, "
                        + "any Hadoop path) or synthetic:SIZE (tiny, small, 1m, 20m).")
        String dataset;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Folder holding the MovieLens folders. Default: $NCF_DATA_DIR, then ~/.ncf/data.")
        Path dataDir;

        @Option(names = "--csv-delimiter", defaultValue = ",", paramLabel = "CHAR",
                description = "csv: column delimiter (default ','; '\\t' for tabs).")
        String csvDelimiter;

        @Option(names = "--csv-header", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "csv: whether each file's first line is a header (default: yes).")
        boolean csvHeader;

        @Option(names = "--csv-user-column", defaultValue = "0", paramLabel = "N", description = "csv: user column (0).")
        int csvUserColumn;

        @Option(names = "--csv-item-column", defaultValue = "1", paramLabel = "N", description = "csv: item column (1).")
        int csvItemColumn;

        @Option(names = "--csv-rating-column", paramLabel = "N", description = "csv: rating column (none).")
        Integer csvRatingColumn;

        @Option(names = "--csv-timestamp-column", paramLabel = "N",
                description = "csv: timestamp column (none; the split then holds out the last row in file order).")
        Integer csvTimestampColumn;

        @Option(names = "--min-rating", paramLabel = "R", description = "Count only ratings >= R as positives.")
        Float minRating;

        @Option(names = "--split", defaultValue = "time", paramLabel = "ORDER",
                description = "time (default; file-order when the data have no timestamps), random or file-order.")
        String split;

        @Option(names = "--validation", description = "Hold out a validation row per user besides the test row.")
        boolean validation;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
                description = "Seed of the random split, the sampled candidates and ALS (default 42).")
        long seed;

        @Option(names = "--partitions", paramLabel = "N",
                description = "Partitions of the evaluation and recommendation jobs (default: Spark's parallelism).")
        Integer partitions;

        @Option(names = "--synthetic-files", defaultValue = "8", paramLabel = "N",
                description = "synthetic: how many CSV files the generated rows are written to (default 8).")
        int syntheticFiles;

        @Option(names = "--report", paramLabel = "FILE.json", description = "Write the JSON report here.")
        Path report;

        final Map<String, Object> record = new LinkedHashMap<>();
        final Map<String, Object> timing = new LinkedHashMap<>();
        /** Command-specific settings, reported under config beside the common ones. */
        final Map<String, Object> config = new LinkedHashMap<>();
        private SparkReader.ReadCounts counts;

        SparkSession session() {
            return SparkSessions.local(master, "ncf-spark").getOrCreate();
        }

        SparkInteractions read(SparkSession spark) {
            long start = System.nanoTime();
            String lower = dataset.toLowerCase(Locale.ROOT);
            SparkReader.ReadResult result;
            if (lower.startsWith("csv:")) {
                DelimitedReader.Builder b = DelimitedReader.builder().delimiter("\\t".equals(csvDelimiter) ? "\t" : csvDelimiter)
                        .header(csvHeader).userColumn(csvUserColumn).itemColumn(csvItemColumn);
                if (csvRatingColumn != null) {
                    b.ratingColumn(csvRatingColumn);
                }
                if (csvTimestampColumn != null) {
                    b.timestampColumn(csvTimestampColumn);
                }
                if (minRating != null) {
                    b.minRating(minRating);
                }
                result = SparkReader.of(b.build()).read(spark, dataset.substring(4));
            } else if (lower.startsWith("synthetic:")) {
                Path folder = SyntheticCsv.write(synthetic(lower.substring("synthetic:".length())), syntheticFiles);
                timing.put("generateSeconds", seconds(start));
                start = System.nanoTime();
                result = SyntheticCsv.reader().read(spark, folder.toString());
            } else {
                MovieLensVariant variant = MovieLensVariant.fromName(lower);
                Path dir;
                try {
                    DataSource.Builder source = DataSource.builder().download(false);
                    if (dataDir != null) {
                        source.dataDir(dataDir);
                    }
                    dir = source.build().resolve(variant);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                MovieLensReader.Builder b = MovieLensReader.builder().variant(variant);
                if (minRating != null) {
                    b.minRating(minRating);
                }
                result = SparkReader.of(b.build().ratingsReader())
                        .read(spark, dir.resolve(variant.layout().ratingsFile()).toString());
            }
            counts = result.counts();
            SparkInteractions data = result.interactions();
            timing.put("readSeconds", seconds(start));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", dataset);
            d.put("users", data.numUsers());
            d.put("items", data.numItems());
            d.put("interactions", counts.rowsKept());
            d.put("files", counts.files());
            d.put("lines", counts.lines());
            d.put("headerLines", counts.headerLines());
            d.put("blankLines", counts.blankLines());
            d.put("belowMinRating", counts.belowMinRating());
            record.put("dataset", d);
            System.out.printf(Locale.ROOT, "read %s: %d users, %d items, %d interactions (%s) in %.1f s%n", dataset,
                    data.numUsers(), data.numItems(), counts.rowsKept(), counts, timing.get("readSeconds"));
            return data;
        }

        private static SyntheticInteractions synthetic(String size) {
            return switch (size) {
                case "tiny" -> SyntheticInteractions.tiny();
                case "small" -> SyntheticInteractions.small();
                case "1m" -> SyntheticInteractions.ml1mSize();
                case "20m" -> SyntheticInteractions.ml20mSize();
                default -> throw new IllegalArgumentException("synthetic size must be one of tiny, small, 1m, 20m, got \""
                        + size + "\"");
            };
        }

        SparkSplit split(SparkInteractions data) {
            long start = System.nanoTime();
            SortOrder order = switch (split.toLowerCase(Locale.ROOT)) {
                case "time" -> data.hasTimestamps() ? SortOrder.TIMESTAMP : SortOrder.FILE_ORDER;
                case "random" -> SortOrder.RANDOM;
                case "file-order" -> SortOrder.FILE_ORDER;
                default -> throw new IllegalArgumentException("--split must be time, random or file-order, got \""
                        + split + "\"");
            };
            SparkSplit s = SparkSplitter.of(LeaveOneOutSplitter.builder().order(order).seed(seed).validation(validation).build()).split(data);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("order", order.name());
            info.put("usersHeldOut", s.usersHeldOut());
            info.put("usersKeptWhole", s.usersKeptWhole());
            info.put("usersWithoutRows", s.usersWithoutRows());
            info.put("usersWithoutValidation", s.usersWithoutValidation());
            info.put("testItemsAlsoInTrain", s.testItemsAlsoInTrain());
            record.put("split", info);
            timing.put("splitSeconds", seconds(start));
            System.out.printf(Locale.ROOT, "split: %s in %.1f s%n", s, timing.get("splitSeconds"));
            return s;
        }

        SparkEvaluator.Builder evaluator() {
            SparkEvaluator.Builder b = SparkEvaluator.builder().seed(seed).metrics(HitRate.at(K), Ndcg.at(K), Mrr.at(K));
            if (partitions != null) {
                b.partitions(partitions);
            }
            return b;
        }

        void putResults(String prefix, SparkEvaluation r) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("full", means(r.full()));
            both.put("sampled", means(r.sampled()));
            record.put(prefix, both);
            timing.put(prefix + "EvalSeconds", r.seconds());
            timing.put(prefix + "FullTaskSeconds", r.full().seconds());
            timing.put(prefix + "SampledTaskSeconds", r.sampled().seconds());
            System.out.println(prefix + " " + r.full());
            System.out.println(prefix + " " + r.sampled());
        }

        private static Map<String, Double> means(EvaluationResult r) {
            Map<String, Double> m = new LinkedHashMap<>();
            r.means().forEach((name, v) -> m.put(name.toLowerCase(Locale.ROOT), v));
            return m;
        }

        int finish(String command) throws IOException {
            record.put("command", command);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("master", master);
            all.put("seed", seed);
            all.put("validation", validation);
            all.put("partitions", partitions);
            all.putAll(config);
            record.put("config", all);
            record.put("timing", timing);
            record.put("memory", memory());
            if (report != null) {
                if (report.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(report.toAbsolutePath().getParent());
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), record);
                System.out.println("report: " + report);
            }
            return 0;
        }

        private static Map<String, Object> memory() {
            Map<String, Object> m = new LinkedHashMap<>();
            long heapPeak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                    heapPeak += pool.getPeakUsage().getUsed();
                }
            }
            m.put("driverHeapPeakBytes", heapPeak);
            m.put("driverHeapMaxBytes", Runtime.getRuntime().maxMemory());
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmHWM:")) {
                        m.put("driverResidentPeakBytes", 1024L * Long.parseLong(line.replaceAll("[^0-9]", "")));
                    }
                }
            } catch (IOException | RuntimeException e) {
                m.put("driverResidentPeakBytes", null);
            }
            return m;
        }
    }

    static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    /** {@code split}: reads and splits, prints the counts; optionally writes the parts as Parquet. */
    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Read and split leave-one-out; print the counts, optionally write the parts as Parquet.")
    static final class Split implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--out", paramLabel = "DIR",
                description = "Write train/, validation/, test/ (dense ids), users/ and items/ here as Parquet.")
        String out;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = common.session();
            SparkSplit split = common.split(common.read(spark));
            if (out != null) {
                long start = System.nanoTime();
                split.train().rows().write().mode("overwrite").parquet(out + "/train");
                if (split.hasValidation()) {
                    split.validation().rows().write().mode("overwrite").parquet(out + "/validation");
                }
                split.test().rows().write().mode("overwrite").parquet(out + "/test");
                split.train().userIds().write().mode("overwrite").parquet(out + "/users");
                split.train().itemIds().write().mode("overwrite").parquet(out + "/items");
                common.timing.put("writeSeconds", seconds(start));
            }
            return common.finish("split");
        }
    }

    /** {@code recommend}: top-K for every user of the data set, raw ids out. */
    @Command(name = "recommend", mixinStandardHelpOptions = true,
            description = "Top-K items for every user of the data set with a saved model (training items excluded).")
    static final class Recommend implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A saved ncf model directory.")
        Path model;

        @Option(names = "-k", defaultValue = "10", paramLabel = "K", description = "Items per user (default 10).")
        int k;

        @Option(names = "--out", paramLabel = "DIR", description = "Write the lists here as CSV (user,rank,item,score).")
        String out;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = common.session();
            SparkInteractions data = common.read(spark);
            long start = System.nanoTime();
            NcfModelSource source = NcfModelSource.broadcast(spark, model).intraOpThreads(1);
            SparkRecommender.Builder b = SparkRecommender.builder().model(source).k(k);
            Dataset<Row> users = data.userIds();
            if (common.partitions != null) {
                users = users.repartition(common.partitions);
            }
            Dataset<Row> recs = b.build().recommend(users);
            long rows;
            if (out != null) {
                recs.write().mode("overwrite").option("header", "true").csv(out);
                rows = spark.read().option("header", "true").csv(out).count();
            } else {
                rows = recs.count();
            }
            common.timing.put("recommendSeconds", seconds(start));
            common.record.put("recommendations", rows);
            System.out.printf(Locale.ROOT, "recommend: %d rows (top %d for %d users) in %.1f s%n", rows, k,
                    data.numUsers(), common.timing.get("recommendSeconds"));
            return common.finish("recommend");
        }
    }

    /** {@code evaluate}: both protocols on the test rows with a saved model. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluate a saved model under both protocols (full ranking, sampled 1+99) on the test rows.")
    static final class Evaluate implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "A saved ncf model directory.")
        Path model;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = common.session();
            SparkSplit split = common.split(common.read(spark));
            NcfModelSource source = NcfModelSource.broadcast(spark, model).intraOpThreads(1);
            common.record.put("model", model.toString());
            common.putResults("final", common.evaluator().scorer(source).build().test(split));
            return common.finish("evaluate");
        }
    }

    /** {@code als}: Spark MLlib's implicit ALS under both protocols. */
    @Command(name = "als", mixinStandardHelpOptions = true,
            description = "Fit Spark MLlib's implicit ALS on the training rows; evaluate it under both protocols.")
    static final class Als implements Callable<Integer> {

        @Mixin
        Common common;

        @Option(names = "--rank", defaultValue = "32", paramLabel = "N", description = "Factors (default 32).")
        int rank;

        @Option(names = "--iterations", defaultValue = "10", paramLabel = "N", description = "Sweeps (default 10).")
        int iterations;

        @Option(names = "--reg", defaultValue = "0.1", paramLabel = "L", description = "L2 regularisation (0.1).")
        double reg;

        @Option(names = "--alpha", defaultValue = "10", paramLabel = "A", description = "Confidence scale (10).")
        double alpha;

        @Override
        public Integer call() throws IOException {
            SparkSession spark = common.session();
            SparkSplit split = common.split(common.read(spark));
            AlsBaseline als = AlsBaseline.builder().rank(rank).maxIter(iterations).regParam(reg).alpha(alpha)
                    .seed(common.seed).build();
            common.config.put("rank", rank);
            common.config.put("iterations", iterations);
            common.config.put("regParam", reg);
            common.config.put("alpha", alpha);
            common.record.put("model", "als");
            long start = System.nanoTime();
            FactorScorer fitted = als.fit(split.train());
            common.timing.put("fitSeconds", seconds(start));
            if (split.hasValidation()) {
                common.putResults("validation", common.evaluator().scorer(fitted).build().validation(split));
            }
            common.putResults("final", common.evaluator().scorer(fitted).build().test(split));
            return common.finish("als");
        }
    }
}
