package io.github.ncf.core;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Starts DJL's PyTorch engine for {@code ncf} without changing anything process-wide, and scopes
 * torch's intra-op thread count to a piece of work.
 *
 * <pre>{@code
 * Engine engine = Engines.start();                       // no properties set, no tuning applied
 * int answer = Engines.withIntraOpThreads(2, () -> work());
 * }</pre>
 *
 * <p>Starting the engine sets no system property, thread count or allocator setting: the PyTorch
 * natives come from the {@code pytorch-native-cpu} jar on the class path, which DJL 0.36 extracts
 * to its cache without downloading (it downloads only for the {@code pytorch-native-auto}
 * placeholder or a {@code PYTORCH_VERSION} override). Process-wide tunings are applied only by an
 * explicit {@link ProcessTuning} call.
 */
public final class Engines {

    /** The name of DJL's PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    private Engines() {
    }

    /**
     * Starts (or returns) the PyTorch engine, leaving system properties, thread counts and the
     * allocator as they are.
     *
     * @return the engine
     */
    public static Engine start() {
        return Engine.getEngine(PYTORCH);
    }

    /**
     * Runs {@code work} with torch's intra-op thread count set to {@code threads} and restores the
     * previous count afterwards, also when {@code work} throws. The count is global to libtorch, so
     * while {@code work} runs it applies to every thread of the process that uses torch; run such
     * pieces of work one at a time.
     *
     * @param threads intra-op threads, at least 1
     * @param work what to run
     * @param <T> the result type
     * @return the work's result
     * @throws IllegalArgumentException if threads is less than 1
     */
    public static <T> T withIntraOpThreads(int threads, Supplier<T> work) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Objects.requireNonNull(work, "work");
        start();
        int previous = JniUtils.getNumThreads();
        if (previous == threads) {
            return work.get();
        }
        JniUtils.setNumThreads(threads);
        try {
            return work.get();
        } finally {
            JniUtils.setNumThreads(previous);
        }
    }
}
