package io.github.ncf.core;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.serve.Recommender;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An application run in a fresh JVM by {@link HostProcessTest}, so that DJL's engine has not started:
 * it does one kind of work with the library and prints, as {@code key=value} lines, what it finds
 * changed in its process.
 *
 * <p>Modes: {@code recommend DIR} loads the saved model in DIR, scores all items and recommends;
 * {@code train} trains a small NeuMF for one epoch; {@code optIn} calls {@link
 * ProcessTuning#forTraining(int)} twice, then trains like {@code train}.
 */
public final class HostProcessProbe {

    /** The intra-op thread count the application chooses for itself before using the library. */
    static final int APPLICATION_THREADS = 3;

    /** The thread count the {@code optIn} mode asks {@link ProcessTuning} for. */
    static final int TUNED_THREADS = 2;

    private HostProcessProbe() {
    }

    /**
     * Runs one mode.
     *
     * @param args the mode, and the model folder for {@code recommend}
     * @throws Exception if the work fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> atStart = snapshot(System.getProperties());
        Map<String, String> before = atStart;
        String mode = args[0];
        if (mode.equals("optIn")) {
            ProcessTuning.forTraining(TUNED_THREADS);
            ProcessTuning.forTraining(TUNED_THREADS);
        } else {
            // The application starts DJL itself and picks its own torch thread count. DJL's engine
            // start loads JNA, which records jna.* properties: the baseline is taken after it.
            Engine.getEngine("PyTorch");
            JniUtils.setNumThreads(APPLICATION_THREADS);
            before = snapshot(System.getProperties());
            System.out.println("engineStartChanged=" + diff(atStart, before));
        }
        int threadsBefore = JniUtils.getNumThreads();
        int interopBefore = JniUtils.getNumInteropThreads();
        switch (mode) {
            case "recommend" -> recommend(Path.of(args[1]));
            case "train", "optIn" -> train();
            default -> throw new IllegalArgumentException("mode must be recommend, train or optIn, got "
                    + mode);
        }
        String changed = diff(before, snapshot(System.getProperties()));
        String maps = Files.readString(Path.of("/proc/self/maps"));
        System.out.println("propertiesChanged=" + changed);
        System.out.println("threadsBefore=" + threadsBefore);
        System.out.println("threadsAfter=" + JniUtils.getNumThreads());
        System.out.println("interopBefore=" + interopBefore);
        System.out.println("interopAfter=" + JniUtils.getNumInteropThreads());
        System.out.println("mklLibraryMapped=" + maps.contains("libncf_mkl_cpu"));
        System.out.println("mklApplied=" + MklCpuDispatch.isApplied());
        System.out.println("allocatorTuned=" + NativeAllocator.isTuned());
        System.out.println("tuningStatus=" + ProcessTuning.status());
    }

    /** The keys whose values differ, as {@code key:before->after}, comma-separated, in key order. */
    private static String diff(Map<String, String> before, Map<String, String> after) {
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        keys.removeIf(k -> Objects.equals(before.get(k), after.get(k)));
        StringBuilder s = new StringBuilder();
        for (String k : keys) {
            s.append(s.length() == 0 ? "" : ",").append(k).append(':').append(before.get(k))
                    .append("->").append(after.get(k));
        }
        return s.toString();
    }

    private static Map<String, String> snapshot(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    private static void recommend(Path dir) throws Exception {
        try (NcfModel model = NcfModel.load(dir)) {
            float[] scores = new float[model.numItems()];
            model.scoreAllItems(new int[] {0}, scores);
            Recommender recommender = Recommender.builder(model).build();
            String user = model.userIds().rawId(0);
            System.out.println("recommended=" + recommender.recommend(user, 3).size());
        }
    }

    private static void train() {
        int users = 30;
        int items = 40;
        int[] u = new int[users * 8];
        int[] it = new int[u.length];
        for (int k = 0; k < u.length; k++) {
            u[k] = k / 8;
            it[k] = (k / 8 + 5 * (k % 8)) % items;
        }
        Interactions train = Interactions.of(IdMapping.sequential(0, users),
                IdMapping.sequential(0, items), u, it, null, null);
        NeuMF block = NeuMF.builder().numUsers(users).numItems(items).gmfDim(8).mlpDim(8)
                .mlpLayers(16, 8).dropout(0.2).seed(7).build();
        try (NcfModel model = NcfModel.create(block, train)) {
            double loss = NcfTrainer.builder().epochs(1).threads(1).seed(7).batchSize(32).negatives(4)
                    .build().fit(model, train).meanLosses().get(0);
            System.out.println("loss=" + loss);
        }
    }
}
