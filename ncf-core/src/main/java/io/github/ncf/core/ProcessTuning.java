package io.github.ncf.core;

import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one explicit call that opts a program into the process-wide tunings that make NCF training
 * fast; without it, nothing in {@code ncf} changes system properties, torch's thread counts, the
 * allocator or native symbols.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ProcessTuning.forTraining(1);   // first thing, before any DJL or ncf call
 *     ...
 * }
 * }</pre>
 *
 * <p>What it can apply, each switchable in {@link #builder()} (all on in {@link #forTraining(int)}):
 *
 * <ul>
 *   <li>{@link Builder#allocator(boolean) allocator}: glibc {@code mallopt} settings that let
 *       training steps reuse their large buffers ({@link NativeAllocator}). They hold for every
 *       native allocation of the process; freed memory up to 1 GiB stays resident.
 *   <li>{@link Builder#mklAvx512(boolean) mklAvx512}: on AMD processors with AVX-512, loads a small
 *       library into the global symbol scope so that oneMKL in libtorch takes its AVX-512 matrix
 *       kernels ({@link MklCpuDispatch}); every oneMKL user in the process is affected. Must come
 *       before libtorch loads, so call this before DJL's engine starts.
 *   <li>{@link Builder#threads(int) threads}: torch's intra-op thread count, which is global to
 *       libtorch. Trainers still scope their own count to their work.
 *   <li>{@link Builder#offline(boolean) offline}: sets {@code ai.djl.offline=true} unless the
 *       application set it, which stops DJL from opening URLs (its model zoo, and its telemetry call
 *       when it resolves a default engine). DJL does not need it to load PyTorch: the natives come
 *       from the {@code pytorch-native-cpu} jar without a download.
 * </ul>
 *
 * <p>Each tuning is applied at most once per process; what a call applies is logged once, at INFO,
 * through SLF4J, and {@link #status()} reports everything applied so far. The system properties
 * {@value NativeAllocator#PROPERTY}{@code =false} and {@value MklCpuDispatch#PROPERTY}{@code =false}
 * still veto the allocator and oneMKL tunings when a program asks for them (the benchmarks use
 * them to measure each tuning). Measured on ML-100k NeuMF, batch 4,096 positives: the ncf-core
 * README has the epoch times with and without this call.
 */
public final class ProcessTuning {

    /** The system property DJL reads for its offline mode. */
    public static final String OFFLINE_PROPERTY = "ai.djl.offline";

    private static final Logger LOGGER = LoggerFactory.getLogger(ProcessTuning.class);

    // What was applied so far, per tuning, in the order applied; guarded by ProcessTuning.class.
    private static final Map<String, String> APPLIED = new LinkedHashMap<>();

    private final boolean allocator;
    private final boolean mklAvx512;
    private final boolean offline;
    private final int threads;

    private ProcessTuning(Builder b) {
        this.allocator = b.allocator;
        this.mklAvx512 = b.mklAvx512;
        this.offline = b.offline;
        this.threads = b.threads;
    }

    /**
     * Returns a builder with the allocator, oneMKL and offline tunings on and torch's thread count
     * left alone.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies every training tuning: the allocator, oneMKL's AVX-512 kernels where they apply, DJL's
     * offline mode, and {@code threads} intra-op threads. Call it first in {@code main}, before any
     * DJL call.
     *
     * @param threads torch's intra-op threads, at least 1
     * @return {@link #status()} after applying
     * @throws IllegalArgumentException if threads is less than 1
     */
    public static String forTraining(int threads) {
        return builder().threads(threads).build().apply();
    }

    /**
     * Applies this tuning's choices that are not applied yet, logs what it applied (once) and
     * returns the process's status.
     *
     * @return {@link #status()} after applying
     * @throws IllegalArgumentException if {@value NativeAllocator#PROPERTY} or {@value
     *     MklCpuDispatch#PROPERTY} is set to something other than {@code true} or {@code false}
     */
    public String apply() {
        synchronized (ProcessTuning.class) {
            Map<String, String> now = new LinkedHashMap<>();
            if (allocator && !APPLIED.containsKey("allocator")) {
                NativeAllocator.apply();
                now.put("allocator", NativeAllocator.status());
            }
            if (mklAvx512 && !APPLIED.containsKey("oneMKL")) {
                MklCpuDispatch.apply();
                now.put("oneMKL", MklCpuDispatch.status());
            }
            if (offline && !APPLIED.containsKey("offline")) {
                String was = System.getProperty(OFFLINE_PROPERTY);
                if (was == null) {
                    System.setProperty(OFFLINE_PROPERTY, "true");
                    now.put("offline", OFFLINE_PROPERTY + "=true (was unset)");
                } else {
                    now.put("offline", OFFLINE_PROPERTY + "=" + was + " (kept: the application set it)");
                }
            }
            if (threads > 0) {
                Engines.start();
                int was = JniUtils.getNumThreads();
                String entry = "torch intra-op threads " + threads + " (was " + was + ")";
                if (was != threads) {
                    JniUtils.setNumThreads(threads);
                    now.put("threads", entry);
                } else if (!APPLIED.containsKey("threads")) {
                    now.put("threads", "torch intra-op threads " + threads + " (already so)");
                }
            }
            if (!now.isEmpty()) {
                APPLIED.putAll(now);
                LOGGER.info("ncf process tuning applied: {}", describe(now));
            }
            return describe(APPLIED);
        }
    }

    /**
     * Returns what {@code ProcessTuning} has applied in this process so far, one entry per tuning,
     * or says that nothing was.
     *
     * @return a one-line description, for logs and run reports
     */
    public static String status() {
        synchronized (ProcessTuning.class) {
            return describe(APPLIED);
        }
    }

    /** @return whether any tuning was applied in this process */
    public static boolean isApplied() {
        synchronized (ProcessTuning.class) {
            return !APPLIED.isEmpty();
        }
    }

    private static String describe(Map<String, String> applied) {
        if (applied.isEmpty()) {
            return "none (the process is as the application left it)";
        }
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : applied.entrySet()) {
            s.append(s.length() == 0 ? "" : "; ").append(e.getKey()).append(": ").append(e.getValue());
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "ProcessTuning{allocator=" + allocator + ", mklAvx512=" + mklAvx512 + ", offline="
                + offline + ", threads=" + (threads > 0 ? Integer.toString(threads) : "unchanged") + "}";
    }

    /** Builds a {@link ProcessTuning}; each setter checks its argument, and the builder is reusable. */
    public static final class Builder {
        private boolean allocator = true;
        private boolean mklAvx512 = true;
        private boolean offline = true;
        private int threads;

        private Builder() {
        }

        /**
         * Tunes glibc's allocator ({@link NativeAllocator}).
         *
         * @param tune default true
         * @return this builder
         */
        public Builder allocator(boolean tune) {
            this.allocator = tune;
            return this;
        }

        /**
         * Lets oneMKL take its AVX-512 kernels on AMD processors that have them ({@link
         * MklCpuDispatch}).
         *
         * @param enable default true
         * @return this builder
         */
        public Builder mklAvx512(boolean enable) {
            this.mklAvx512 = enable;
            return this;
        }

        /**
         * Sets {@code ai.djl.offline=true} unless the application has set it.
         *
         * @param offline default true
         * @return this builder
         */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Sets torch's intra-op thread count for the process.
         *
         * @param threads at least 1; unset by default (torch's count is left alone)
         * @return this builder
         * @throws IllegalArgumentException if threads is less than 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** @return a tuning with this builder's choices, applied by {@link ProcessTuning#apply()} */
        public ProcessTuning build() {
            return new ProcessTuning(this);
        }
    }
}
