package io.github.ncf.core.train.internal;

/**
 * Not API: the trainer's implementation switches, kept for the benchmarks that measure them and the
 * tests that prove each one leaves the mathematics alone. The defaults are the fastest measured
 * setting; applications never need this class.
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder()
 *         .tuning(Tuning.builder().uploadEpochOnce(false).profile(true).build())
 *         .build();
 * }</pre>
 */
public final class Tuning {

    /** The default of {@link Builder#rowsPerPass(int)}: 64 Ki rows, 32 MiB per 128-wide activation. */
    public static final int DEFAULT_ROWS_PER_PASS = 1 << 16;

    /** The defaults: every switch at its fastest measured setting, profiling off. */
    public static final Tuning DEFAULT = builder().build();

    /** The embedding parameters from which the Java embedding updates are on by default (2^20). */
    public static final long JAVA_EMBEDDING_UPDATES_MIN_PARAMETERS = 1L << 20;

    private final boolean uploadEpochOnce;
    private final boolean javaDropoutMasks;
    private final boolean maskBeforeActivation;
    private final boolean groupedForward;
    private final int rowsPerPass;
    /** Null: chosen by the tables' size ({@link #JAVA_EMBEDDING_UPDATES_MIN_PARAMETERS}). */
    private final Boolean javaEmbeddingUpdates;
    private final boolean profile;

    private Tuning(Builder b) {
        this.uploadEpochOnce = b.uploadEpochOnce;
        this.javaDropoutMasks = b.javaDropoutMasks;
        this.maskBeforeActivation = b.maskBeforeActivation != null ? b.maskBeforeActivation
                : b.javaDropoutMasks;
        this.groupedForward = b.groupedForward;
        this.rowsPerPass = b.rowsPerPass;
        this.javaEmbeddingUpdates = b.javaEmbeddingUpdates;
        this.profile = b.profile;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether each epoch's arrays are uploaded once and sliced per batch */
    public boolean uploadEpochOnce() {
        return uploadEpochOnce;
    }

    /** @return whether dropout masks are drawn in Java rather than by torch's dropout */
    public boolean javaDropoutMasks() {
        return javaDropoutMasks;
    }

    /** @return whether the Java dropout masks multiply each pre-activation in place before the ReLU */
    public boolean maskBeforeActivation() {
        return maskBeforeActivation;
    }

    /** @return whether each positive's user side is computed once for its group of rows */
    public boolean groupedForward() {
        return groupedForward;
    }

    /** @return the most rows one forward/backward pass takes */
    public int rowsPerPass() {
        return rowsPerPass;
    }

    /**
     * Returns whether embedding gradients are kept row-sparse and the tables updated in Java, for a
     * block with the given number of trainable embedding parameters: as set on the builder, or by
     * default from {@value #JAVA_EMBEDDING_UPDATES_MIN_PARAMETERS} parameters on (at MovieLens-20M
     * size it saved 5-15% of a step; at MovieLens-100k size it saved nothing and cost up to 9% of an
     * epoch at batch 256, so small tables keep torch's path; the results are bit-identical).
     *
     * @param embeddingParameters the block's trainable embedding parameters
     * @return whether the Java path is used
     */
    public boolean javaEmbeddingUpdates(long embeddingParameters) {
        return javaEmbeddingUpdates != null ? javaEmbeddingUpdates
                : embeddingParameters >= JAVA_EMBEDDING_UPDATES_MIN_PARAMETERS;
    }

    /** @return whether every step's phases are timed */
    public boolean profile() {
        return profile;
    }

    @Override
    public String toString() {
        return "Tuning{uploadEpochOnce=" + uploadEpochOnce + ", javaDropoutMasks=" + javaDropoutMasks
                + ", maskBeforeActivation=" + maskBeforeActivation
                + ", groupedForward=" + groupedForward + ", rowsPerPass=" + rowsPerPass
                + ", javaEmbeddingUpdates=" + javaEmbeddingUpdates + ", profile=" + profile + "}";
    }

    /** Builds {@link Tuning}; reusable. */
    public static final class Builder {
        private boolean uploadEpochOnce = true;
        private boolean javaDropoutMasks = true;
        private Boolean maskBeforeActivation;
        private boolean groupedForward = true;
        private int rowsPerPass = DEFAULT_ROWS_PER_PASS;
        private Boolean javaEmbeddingUpdates;
        private boolean profile;

        private Builder() {
        }

        /**
         * Uploads each epoch's arrays to the device once and slices a view per batch, instead of
         * creating each batch's arrays from the Java arrays. Epochs of more than 4 Mi rows are
         * never uploaded: the native copy would double their memory.
         *
         * @param once default true
         * @return this builder
         */
        public Builder uploadEpochOnce(boolean once) {
            this.uploadEpochOnce = once;
            return this;
        }

        /**
         * Draws dropout masks in Java into reused native buffers ({@code DropoutMasks}) instead of
         * with torch's dropout, whose per-element Bernoulli draw on the CPU is the slowest op of a
         * large-batch step. Same distribution, different random stream.
         *
         * @param javaMasks default true; false uses torch's dropout and its generator
         * @return this builder
         */
        public Builder javaDropoutMasks(boolean javaMasks) {
            this.javaDropoutMasks = javaMasks;
            return this;
        }

        /**
         * Multiplies each hidden layer's fresh pre-activation by its Java-drawn dropout mask in
         * place and applies the ReLU after it, {@code relu(x * mask)}, instead of {@code relu(x) *
         * mask}: one activation-sized array fewer per layer and pass. The mask is never negative,
         * so the values are the same but for the sign of some zeros (losses and weights measured
         * bit-identical). Only with {@link #javaDropoutMasks(boolean) Java masks}.
         *
         * @param beforeActivation default true with Java masks, false with torch's dropout
         * @return this builder
         */
        public Builder maskBeforeActivation(boolean beforeActivation) {
            this.maskBeforeActivation = beforeActivation;
            return this;
        }

        /**
         * Computes each positive's user side once for the positive and its negatives ({@code
         * NcfBlock.groupedLogits}): the user embeddings are gathered once per positive and the first
         * MLP layer is split into a user half, once per positive, and an item half, once per row.
         * The same mathematics within float rounding. It applies to epochs whose rows are laid out
         * as {@code EpochSamples} documents, each positive's negatives sharing its user (checked
         * per epoch; epochs that do not are trained with the plain forward pass).
         *
         * @param grouped default true
         * @return this builder
         */
        public Builder groupedForward(boolean grouped) {
            this.groupedForward = grouped;
            return this;
        }

        /**
         * Sets the most rows one forward/backward pass takes. A batch with more rows (positives
         * times 1 + negatives) is split into passes of at most this many rows, rounded down to
         * whole positives with their negatives, whose gradients add up before one optimizer step:
         * the mathematics of the whole batch (each pass's mean loss is weighted by its share of the
         * rows), with activations a fraction of the size. Very large activations are slow on the
         * CPU: glibc gives each of them fresh pages, and at MovieLens-20M batch sizes (327,680 rows)
         * a step spent most of its time in page faults. Smaller passes do not make a step faster
         * (4 Ki to 32 Ki rows measured the same or up to 10% more CPU time per step at that size,
         * the embedding gradients being collected per pass) but hold less native memory: 16 Ki
         * rows about 300-400 MB less than 64 Ki with NeuMF's reference layers.
         *
         * @param rows default {@value Tuning#DEFAULT_ROWS_PER_PASS}; at least 1
         * @return this builder
         * @throws IllegalArgumentException if rows is less than 1
         */
        public Builder rowsPerPass(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rowsPerPass must be >= 1, got " + rows);
            }
            this.rowsPerPass = rows;
            return this;
        }

        /**
         * Keeps the embedding tables' gradients row-sparse and updates the tables in Java ({@code
         * EmbeddingTables}) instead of letting torch's embedding backward build a dense gradient of
         * every table in every pass and the optimizer's kernels read and write the tables in about
         * ten passes per step. The same float operations in the same order: bit-identical results.
         *
         * @param javaUpdates true or false for every block; by default on from {@link
         *     Tuning#JAVA_EMBEDDING_UPDATES_MIN_PARAMETERS} embedding parameters, off below; false
         *     restores torch's dense embedding gradients
         * @return this builder
         */
        public Builder javaEmbeddingUpdates(boolean javaUpdates) {
            this.javaEmbeddingUpdates = javaUpdates;
            return this;
        }

        /**
         * Times the phases of every step (batch creation, forward with loss, backward, collecting
         * the embedding gradients, optimizer) into {@code FitResult.phaseSeconds()}, in CPU seconds
         * of the training thread (the epoch's sampling in wall seconds). PyTorch on the CPU runs
         * each op before returning, so with one intra-op thread the split is exact and other
         * processes do not inflate it; with more threads it leaves out the other threads' work.
         *
         * @param profile default false
         * @return this builder
         */
        public Builder profile(boolean profile) {
            this.profile = profile;
            return this;
        }

        /**
         * Builds the tuning.
         *
         * @return the tuning
         * @throws IllegalStateException if maskBeforeActivation is set without Java dropout masks
         */
        public Tuning build() {
            if (Boolean.TRUE.equals(maskBeforeActivation) && !javaDropoutMasks) {
                throw new IllegalStateException("maskBeforeActivation(true) needs javaDropoutMasks"
                        + "(true), got javaDropoutMasks(false): torch's dropout has no in-place form");
            }
            return new Tuning(this);
        }
    }
}
