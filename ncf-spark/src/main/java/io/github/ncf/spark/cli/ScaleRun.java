package io.github.ncf.spark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.spark.SparkInteractions;
import io.github.ncf.spark.SparkSessions;
import io.github.ncf.spark.SparkSplit;
import io.github.ncf.spark.SparkSplitter;
import io.github.ncf.spark.eval.NcfModelSource;
import io.github.ncf.spark.eval.SparkEvaluation;
import io.github.ncf.spark.eval.SparkEvaluator;
import io.github.ncf.spark.eval.SparkRecommender;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The scale run: on synthetic data of a MovieLens size, in Spark local mode, times the split, top-10
 * for all users and the evaluation under both protocols, and records peak memory. The model is an
 * untrained NeuMF of the default sizes (scoring costs what a trained one costs); it is built on one
 * machine from the same file, as training would be.
 *
 * <pre>{@code
 * java -Xmx10g ... io.github.ncf.spark.cli.ScaleRun 20m local[2] scale.json
 * }</pre>
 */
public final class ScaleRun {

    private ScaleRun() {
    }

    /**
     * Runs the scale run.
     *
     * @param args size (tiny, small, 1m, 20m), master, report file
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        String size = args.length > 0 ? args[0] : "20m";
        String master = args.length > 1 ? args[1] : "local[2]";
        Path report = Path.of(args.length > 2 ? args[2] : "scale.json");
        Map<String, Object> record = new LinkedHashMap<>();
        Map<String, Object> timing = new LinkedHashMap<>();
        record.put("size", size);
        record.put("master", master);
        record.put("timing", timing);

        long t = System.nanoTime();
        SyntheticInteractions spec = switch (size) {
            case "tiny" -> SyntheticInteractions.tiny();
            case "small" -> SyntheticInteractions.small();
            case "1m" -> SyntheticInteractions.ml1mSize();
            default -> SyntheticInteractions.ml20mSize();
        };
        Path folder = SyntheticCsv.write(spec, 1);
        Path file;
        try (var files = Files.list(folder)) {
            file = files.findFirst().orElseThrow();
        }
        timing.put("generateSeconds", step("generate + write CSV", t));

        SparkSession spark = SparkSessions.local(master, "ncf-spark-scale").getOrCreate();
        t = System.nanoTime();
        SparkInteractions data = SyntheticCsv.reader().read(spark, file.toString()).interactions();
        long rows = data.rows().count();
        record.put("rows", rows);
        record.put("users", data.numUsers());
        record.put("items", data.numItems());
        timing.put("readSeconds", step("read " + rows + " rows", t));

        t = System.nanoTime();
        SparkSplit split = SparkSplitter.builder().build().split(data);
        long trainRows = split.train().rows().count();
        record.put("trainRows", trainRows);
        timing.put("splitSeconds", step("split " + split, t));

        t = System.nanoTime();
        Interactions local = DelimitedReader.builder().delimiter(",").header(true).ratingColumn(2).timestampColumn(3)
                .fieldCount(4).build().read(file).interactions();
        Interactions train = LeaveOneOutSplitter.builder().build().split(local).trainAndValidation();
        Path modelDir = Files.createTempDirectory("ncf-spark-scale-model-");
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(local.numUsers()).numItems(local.numItems())
                .seed(1L).build(), train)) {
            model.save(modelDir);
        }
        timing.put("localReadSplitAndSaveSeconds", step("one-machine read, split, untrained NeuMF saved", t));
        NcfModelSource source = NcfModelSource.broadcast(spark, modelDir).intraOpThreads(1);

        t = System.nanoTime();
        long recs = SparkRecommender.builder().model(source).k(10).build().recommend(data.userIds()).count();
        record.put("recommendations", recs);
        timing.put("top10AllUsersSeconds", step("top-10 for all users: " + recs + " rows", t));

        t = System.nanoTime();
        SparkEvaluation r = SparkEvaluator.builder().scorer(source).build().test(split);
        record.put("full", r.full().means());
        record.put("sampled", r.sampled().means());
        timing.put("evaluateBothProtocolsSeconds", step("evaluate: " + r.full() + " / " + r.sampled(), t));

        Map<String, Object> memory = new LinkedHashMap<>();
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        memory.put("heapPeakBytes", heapPeak);
        memory.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                memory.put("residentPeakBytes", 1024L * Long.parseLong(line.replaceAll("[^0-9]", "")));
            }
        }
        record.put("memory", memory);
        System.out.println("memory: " + memory);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(report.toFile(), record);
        System.out.println("report: " + report);
        spark.stop();
    }

    private static double step(String what, long start) {
        double s = NcfSpark.seconds(start);
        System.out.printf(Locale.ROOT, "%8.1f s  %s%n", s, what);
        return s;
    }
}
