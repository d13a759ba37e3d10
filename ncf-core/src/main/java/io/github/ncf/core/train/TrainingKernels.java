package io.github.ncf.core.train;

/**
 * Which code runs a training step of {@link NcfTrainer}.
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder().kernels(TrainingKernels.JAVA).build();
 * }</pre>
 */
public enum TrainingKernels {

    /**
     * torch's operators through DJL: forward pass, autograd's backward pass and torch's optimizer
     * rules (the default, and the reference the other kernels are tested against). Any block, any
     * device.
     */
    TORCH,

    /**
     * The whole step in Java with the Vector API: forward pass, backward pass and optimizer update
     * of GMF, MLP or NeuMF on the CPU, each block of about 320 rows kept in the core's cache from its
     * embedding lookups to its gradients, with no per-operator native calls and no activation
     * arrays in native memory. The mathematics are the {@link #TORCH} path's (the same grouped
     * forward pass, the same dropout masks, the same loss and update rules); only the order of the
     * sums differs, so results differ in the last bits and, over many steps, within seed noise.
     * The weights are copied into Java arrays when a fit starts and written back into the model at
     * the end of every epoch, before the listeners run.
     *
     * <p>Needs a JVM started with {@code --add-modules jdk.incubator.vector}; a fit fails with a
     * message that says so otherwise, or when the model or device is one it does not cover (MF, a
     * block with frozen parameters, a GPU). With {@link NcfTrainer.Builder#threads(int) threads(n)}
     * above 1 each batch's blocks are split over n threads (the fit's own, and n - 1 daemon threads
     * that live as long as the fit), each adding into gradient sums of its own that are added up in
     * a fixed order: a run is repeatable for a thread count, and differs from another count's in the
     * last bits.
     */
    JAVA
}
