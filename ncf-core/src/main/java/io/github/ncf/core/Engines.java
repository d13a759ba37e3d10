package io.github.ncf.core;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine the way {@code ncf} needs it: offline, with a chosen number of intra-op
 * threads.
 *
 * <p>The PyTorch natives come from the {@code pytorch-native-cpu} Maven artifact, so the engine must
 * never download anything: unless the caller has set the system property {@code ai.djl.offline}
 * itself, this class sets it to {@code true} before the engine starts. It also tunes the native
 * allocator for training's large per-step buffers (see {@link NativeAllocator}; system property
 * {@value NativeAllocator#PROPERTY}) and, on AMD processors with AVX-512, lets libtorch's oneMKL use
 * its AVX-512 matrix kernels (see {@link MklCpuDispatch}; system property {@value
 * MklCpuDispatch#PROPERTY}); both must happen before libtorch is loaded. Call {@link #start(int)} (or
 * {@link #start()}) before any other DJL call; {@code NcfTrainer} does so.
 *
 * <pre>{@code
 * Engine engine = Engines.start(1);   // one intra-op thread
 * }</pre>
 */
public final class Engines {

    /** The name of DJL's PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    private static volatile int configuredThreads = -1;

    private Engines() {
    }

    /**
     * Starts (or returns) the PyTorch engine offline, leaving the thread settings as they are.
     *
     * @return the engine
     */
    public static Engine start() {
        preferOffline();
        return Engine.getEngine(PYTORCH);
    }

    /**
     * Starts (or returns) the PyTorch engine offline and sets the number of intra-op and inter-op
     * threads. On a machine shared with other work one thread is often faster than two.
     *
     * @param threads intra-op threads, at least 1
     * @return the engine
     * @throws IllegalArgumentException if threads is less than 1
     */
    public static Engine start(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        preferOffline();
        // Read by DJL's PyTorch engine when it starts; setNumThreads below covers a running engine.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine(PYTORCH);
        if (configuredThreads != threads) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            configuredThreads = threads;
        }
        return engine;
    }

    /** @return the intra-op thread count last set by {@link #start(int)}, or -1 if never set */
    public static int threads() {
        return configuredThreads;
    }

    private static void preferOffline() {
        NativeAllocator.apply();
        MklCpuDispatch.apply();
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
