package io.github.ncf.eval.baseline;

import io.github.ncf.core.Scorer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.SplitMix64;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Implicit-feedback matrix factorisation by alternating least squares, iALS (Hu, Koren and Volinsky,
 * "Collaborative Filtering for Implicit Feedback Datasets", ICDM 2008): a user's score for an item
 * is the dot product of their factor vectors.
 *
 * <pre>{@code
 * ImplicitALS als = ImplicitALS.builder().factors(64).lambda(10).alpha(10).iterations(15).seed(42L)
 *         .fit(split.train());
 * EvaluationResult r = evaluator.evaluate(als);
 * }</pre>
 *
 * <p>It minimises {@code sum over all (u, i) of c_ui (p_ui - x_u . y_i)^2 + lambda (sum |x_u|^2 + sum
 * |y_i|^2)} with preference {@code p_ui = 1} for a training interaction and 0 otherwise, and
 * confidence {@code c_ui = 1 + alpha} for a training interaction and 1 otherwise. Each iteration
 * solves every user's factors exactly with the items' fixed, then every item's: with {@code Y^T Y}
 * computed once per half-step, a user's system {@code (Y^T Y + alpha sum y_i y_i^T + lambda I) x_u =
 * (1 + alpha) sum y_i} (sums over the user's items) costs {@code items of the user x factors^2} to
 * form and one {@code factors x factors} Cholesky to solve, so an iteration costs {@code
 * O(interactions x factors^2 + (users + items) x factors^3)}. Each half-step is an exact minimisation,
 * so the objective, recorded after every iteration in {@link #losses()}, never increases. Item
 * factors start as Gaussians of standard deviation 0.01 drawn per item from {@code (seed, item)}; the
 * same seed gives the same model; {@link #save(Path)} and {@link #load(Path)} keep a fitted model in
 * one checksummed binary file. Plain Java in double precision, stored as floats, sparse throughout:
 * an iteration's memory is {@code (users + items) x factors} plus one system. On ML-100k (64 factors,
 * 15 iterations) a DJL form of the same solves, which builds all systems with one dense product of
 * the users x items matrix and solves them by a batched inverse, took 5.7 s of CPU against this
 * class's 7.7 s, with the same objective ({@code AlsBenchmark} in {@code ncf-examples}); it is not
 * used because its dense users x items matrix and users x factors^2 buffer grow with the product of
 * users and items (14.8 GB and 2.3 GB at ML-20M's size, where the factors take 42 MB).
 * Thread-safe once fitted.
 */
public final class ImplicitALS implements Scorer {

    /** The default number of factors. */
    public static final int DEFAULT_FACTORS = 64;
    /** The default L2 regularisation. */
    public static final double DEFAULT_LAMBDA = 10;
    /** The default confidence slope. */
    public static final double DEFAULT_ALPHA = 1;
    /** The default number of iterations (a user half-step and an item half-step each). */
    public static final int DEFAULT_ITERATIONS = 15;
    /** The version of the file written by {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "NCFIALS".getBytes(StandardCharsets.US_ASCII);

    private final int factors;
    private final double lambda;
    private final double alpha;
    private final int iterations;
    private final long seed;
    private final int numUsers;
    private final int numItems;
    private final float[] userFactors; // row-major numUsers x factors
    private final float[] itemFactors; // row-major numItems x factors
    private final double[] losses;

    private ImplicitALS(Builder b, Interactions train) {
        this.factors = b.factors;
        this.lambda = b.lambda;
        this.alpha = b.alpha;
        this.iterations = b.iterations;
        this.seed = b.seed;
        this.numUsers = train.numUsers();
        this.numItems = train.numItems();
        this.userFactors = new float[numUsers * factors];
        this.itemFactors = new float[numItems * factors];
        for (int i = 0; i < numItems; i++) {
            SplitMix64 random = SplitMix64.of(seed, i);
            for (int a = 0; a < factors; a++) {
                itemFactors[i * factors + a] = (float) (0.01 * random.nextGaussian());
            }
        }
        int[] userOffsets = train.userItemOffsets();
        int[] userItems = train.userItemIndex();
        int[][] transposed = transpose(userOffsets, userItems, numItems);
        this.losses = new double[iterations];
        for (int it = 0; it < iterations; it++) {
            solveHalf(userOffsets, userItems, itemFactors, userFactors);
            solveHalf(transposed[0], transposed[1], userFactors, itemFactors);
            losses[it] = loss(userOffsets, userItems);
        }
    }

    private ImplicitALS(int factors, double lambda, double alpha, int iterations, long seed, int numUsers,
            int numItems, float[] userFactors, float[] itemFactors, double[] losses) {
        this.factors = factors;
        this.lambda = lambda;
        this.alpha = alpha;
        this.iterations = iterations;
        this.seed = seed;
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.userFactors = userFactors;
        this.itemFactors = itemFactors;
        this.losses = losses;
    }

    /** @return a new builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits iALS with the default hyperparameters.
     *
     * @param train the training interactions
     * @return the fitted scorer
     */
    public static ImplicitALS fit(Interactions train) {
        return builder().fit(train);
    }

    /** @return the number of factors */
    public int factors() {
        return factors;
    }

    /** @return the L2 regularisation */
    public double lambda() {
        return lambda;
    }

    /** @return the confidence slope */
    public double alpha() {
        return alpha;
    }

    /** @return the number of iterations run */
    public int iterations() {
        return iterations;
    }

    /** @return the seed of the initial item factors */
    public long seed() {
        return seed;
    }

    /**
     * Returns the objective after each iteration.
     *
     * @return a new array of {@link #iterations()} values, non-increasing up to rounding
     */
    public double[] losses() {
        return losses.clone();
    }

    /**
     * Returns a user's factor vector.
     *
     * @param user the user index
     * @return a new array of {@link #factors()} values
     */
    public float[] userFactors(int user) {
        Objects.checkIndex(user, numUsers);
        return Arrays.copyOfRange(userFactors, user * factors, (user + 1) * factors);
    }

    /**
     * Returns an item's factor vector.
     *
     * @param item the item index
     * @return a new array of {@link #factors()} values
     */
    public float[] itemFactors(int item) {
        Objects.checkIndex(item, numItems);
        return Arrays.copyOfRange(itemFactors, item * factors, (item + 1) * factors);
    }

    /**
     * Writes the fitted model to one binary file: the magic bytes {@code NCFIALS}, format version
     * {@value #FORMAT_VERSION}, the hyperparameters and seed, the sizes, the losses, the user and
     * item factors (big-endian), and a CRC-32 of everything before it. Id mappings are not included:
     * indices mean what they meant in the training data.
     *
     * @param file the file to write; replaced if present
     * @throws IOException if writing fails
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        CRC32 crc = new CRC32();
        try (DataOutputStream out = new DataOutputStream(new CheckedOutputStream(
                new BufferedOutputStream(Files.newOutputStream(file)), crc))) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(factors);
            out.writeDouble(lambda);
            out.writeDouble(alpha);
            out.writeInt(iterations);
            out.writeLong(seed);
            out.writeInt(numUsers);
            out.writeInt(numItems);
            for (double loss : losses) {
                out.writeDouble(loss);
            }
            for (float v : userFactors) {
                out.writeFloat(v);
            }
            for (float v : itemFactors) {
                out.writeFloat(v);
            }
            out.writeLong(crc.getValue());
        }
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the model, scoring exactly as the saved one did
     * @throws IOException if reading fails, or the file is not an iALS model, has an unknown format
     *     version, is truncated or fails its checksum; the message names the file
     */
    public static ImplicitALS load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        CRC32 crc = new CRC32();
        try (DataInputStream in = new DataInputStream(new CheckedInputStream(
                new BufferedInputStream(Files.newInputStream(file)), crc))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + ": not an iALS model (no NCFIALS header)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException(file + ": iALS format version " + version
                        + " is not supported; this library reads version " + FORMAT_VERSION);
            }
            int factors = in.readInt();
            double lambda = in.readDouble();
            double alpha = in.readDouble();
            int iterations = in.readInt();
            long seed = in.readLong();
            int numUsers = in.readInt();
            int numItems = in.readInt();
            if (factors < 1 || iterations < 1 || numUsers < 0 || numItems < 0
                    || (long) Math.max(numUsers, numItems) * factors > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": implausible sizes factors=" + factors + ", iterations="
                        + iterations + ", users=" + numUsers + ", items=" + numItems);
            }
            double[] losses = new double[iterations];
            for (int k = 0; k < iterations; k++) {
                losses[k] = in.readDouble();
            }
            float[] users = new float[numUsers * factors];
            for (int k = 0; k < users.length; k++) {
                users[k] = in.readFloat();
            }
            float[] items = new float[numItems * factors];
            for (int k = 0; k < items.length; k++) {
                items[k] = in.readFloat();
            }
            long computed = crc.getValue();
            long stored = in.readLong();
            if (stored != computed) {
                throw new IOException(file + ": checksum mismatch (stored " + Long.toHexString(stored)
                        + ", computed " + Long.toHexString(computed) + "); the file is damaged");
            }
            return new ImplicitALS(factors, lambda, alpha, iterations, seed, numUsers, numItems, users,
                    items, losses);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated iALS model", e);
        }
    }

    /** The item -> distinct users index: {offsets, users}. */
    private static int[][] transpose(int[] offsets, int[] items, int numItems) {
        int[] start = new int[numItems + 1];
        for (int item : items) {
            start[item + 1]++;
        }
        for (int i = 0; i < numItems; i++) {
            start[i + 1] += start[i];
        }
        int[] users = new int[items.length];
        int[] fill = Arrays.copyOf(start, numItems);
        for (int u = 0; u + 1 < offsets.length; u++) {
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                users[fill[items[p]]++] = u;
            }
        }
        return new int[][] {start, users};
    }

    /**
     * Solves every row's factors with the other side fixed: row {@code r} has the columns {@code
     * index[offsets[r] .. offsets[r + 1])}.
     */
    private void solveHalf(int[] offsets, int[] index, float[] fixed, float[] out) {
        int f = factors;
        double[] gram = gram(fixed, f);
        double[] a = new double[f * f];
        double[] b = new double[f];
        double[] y = new double[f];
        for (int r = 0; r + 1 < offsets.length; r++) {
            System.arraycopy(gram, 0, a, 0, f * f);
            Arrays.fill(b, 0);
            for (int p = offsets[r]; p < offsets[r + 1]; p++) {
                int base = index[p] * f;
                for (int k = 0; k < f; k++) {
                    y[k] = fixed[base + k];
                    b[k] += (1 + alpha) * y[k];
                }
                // The upper triangle only; the Cholesky below reads no other half.
                for (int k = 0; k < f; k++) {
                    double ayk = alpha * y[k];
                    int row = k * f;
                    for (int c = k; c < f; c++) {
                        a[row + c] += ayk * y[c];
                    }
                }
            }
            for (int k = 0; k < f; k++) {
                a[k * f + k] += lambda;
            }
            choleskySolveUpper(a, b, f);
            for (int k = 0; k < f; k++) {
                out[r * f + k] = (float) b[k];
            }
        }
    }

    /** {@code M^T M} of a row-major rows x f matrix, in double, upper triangle filled. */
    private static double[] gram(float[] m, int f) {
        double[] g = new double[f * f];
        int rows = m.length / f;
        for (int r = 0; r < rows; r++) {
            int base = r * f;
            for (int k = 0; k < f; k++) {
                double v = m[base + k];
                int row = k * f;
                for (int c = k; c < f; c++) {
                    g[row + c] += v * m[base + c];
                }
            }
        }
        return g;
    }

    /**
     * Solves {@code A x = b} for a symmetric positive definite A given by its upper triangle
     * (row-major), overwriting A with its factor {@code U} ({@code A = U^T U}) and b with x.
     */
    static void choleskySolveUpper(double[] a, double[] b, int f) {
        // Right-looking: each step updates the trailing rows with contiguous, vectorisable loops.
        for (int k = 0; k < f; k++) {
            int rowK = k * f;
            double d = a[rowK + k];
            if (!(d > 0)) {
                throw new IllegalStateException("iALS system is not positive definite at pivot " + k
                        + " (value " + d + "); increase lambda");
            }
            double pivot = Math.sqrt(d);
            a[rowK + k] = pivot;
            for (int c = k + 1; c < f; c++) {
                a[rowK + c] /= pivot;
            }
            for (int i = k + 1; i < f; i++) {
                double uki = a[rowK + i];
                int rowI = i * f;
                for (int c = i; c < f; c++) {
                    a[rowI + c] -= uki * a[rowK + c];
                }
            }
        }
        // U^T z = b, then U x = z.
        for (int k = 0; k < f; k++) {
            int rowK = k * f;
            b[k] /= a[rowK + k];
            double zk = b[k];
            for (int c = k + 1; c < f; c++) {
                b[c] -= a[rowK + c] * zk;
            }
        }
        for (int k = f - 1; k >= 0; k--) {
            int rowK = k * f;
            double v = b[k];
            for (int c = k + 1; c < f; c++) {
                v -= a[rowK + c] * b[c];
            }
            b[k] = v / a[rowK + k];
        }
    }

    /**
     * The objective: the all-pairs squared scores come from the two Gram matrices, {@code sum_ab
     * (X^T X)_ab (Y^T Y)_ab}, so only the training pairs are visited.
     */
    private double loss(int[] offsets, int[] items) {
        int f = factors;
        double[] gx = gram(userFactors, f);
        double[] gy = gram(itemFactors, f);
        double allPairs = 0;
        for (int k = 0; k < f; k++) {
            allPairs += gx[k * f + k] * gy[k * f + k];
            for (int c = k + 1; c < f; c++) {
                allPairs += 2 * gx[k * f + c] * gy[k * f + c];
            }
        }
        double observed = 0;
        for (int u = 0; u + 1 < offsets.length; u++) {
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                double s = dot(userFactors, u * f, itemFactors, items[p] * f, f);
                observed += (1 + alpha) * (1 - s) * (1 - s) - s * s;
            }
        }
        double norms = 0;
        for (int k = 0; k < f; k++) {
            norms += gx[k * f + k] + gy[k * f + k];
        }
        return allPairs + observed + lambda * norms;
    }

    private static double dot(float[] x, int xBase, float[] y, int yBase, int f) {
        double s = 0;
        for (int k = 0; k < f; k++) {
            s += x[xBase + k] * y[yBase + k];
        }
        return s;
    }

    @Override
    public int numUsers() {
        return numUsers;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    @Override
    public void score(int[] users, int[] items, float[] out) {
        UserHistories.checkPairs(this, users, items, out);
        FactorScores.scorePairs(userFactors, itemFactors, factors, users, items, out);
    }

    @Override
    public void scoreAllItems(int[] users, float[] out) {
        UserHistories.checkAll(this, users, out);
        FactorScores.scoreAllItems(userFactors, itemFactors, factors, numItems, users, out);
    }

    @Override
    public String toString() {
        return "ImplicitALS{factors=" + factors + ", lambda=" + lambda + ", alpha=" + alpha
                + ", iterations=" + iterations + ", seed=" + seed + ", users=" + numUsers + ", items="
                + numItems + "}";
    }

    /** Configures and fits {@link ImplicitALS}; reusable, one builder can fit several training sets. */
    public static final class Builder {

        private int factors = DEFAULT_FACTORS;
        private double lambda = DEFAULT_LAMBDA;
        private double alpha = DEFAULT_ALPHA;
        private int iterations = DEFAULT_ITERATIONS;
        private long seed = Seeds.DEFAULT;

        private Builder() {
        }

        /**
         * Sets the number of factors per user and item.
         *
         * @param factors at least 1 (default {@value ImplicitALS#DEFAULT_FACTORS})
         * @return this builder
         */
        public Builder factors(int factors) {
            this.factors = Checks.atLeastOne("factors", factors);
            return this;
        }

        /**
         * Sets the L2 regularisation of both factor matrices.
         *
         * @param lambda finite and {@code > 0} (default {@value ImplicitALS#DEFAULT_LAMBDA})
         * @return this builder
         */
        public Builder lambda(double lambda) {
            this.lambda = Checks.positiveFinite("lambda", lambda);
            return this;
        }

        /**
         * Sets the confidence slope: a training interaction weighs {@code 1 + alpha}, any other pair 1.
         *
         * @param alpha finite and {@code >= 0} (default {@value ImplicitALS#DEFAULT_ALPHA})
         * @return this builder
         */
        public Builder alpha(double alpha) {
            this.alpha = Checks.nonNegativeFinite("alpha", alpha);
            return this;
        }

        /**
         * Sets the number of iterations.
         *
         * @param iterations at least 1 (default {@value ImplicitALS#DEFAULT_ITERATIONS})
         * @return this builder
         */
        public Builder iterations(int iterations) {
            this.iterations = Checks.atLeastOne("iterations", iterations);
            return this;
        }

        /**
         * Sets the seed of the initial item factors.
         *
         * @param seed any value (default {@link Seeds#DEFAULT})
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Fits iALS to training interactions.
         *
         * @param train the training interactions; its users and items are the scorer's
         * @return the fitted scorer
         * @throws IllegalArgumentException if {@code (users + items) x factors} exceeds an array
         */
        public ImplicitALS fit(Interactions train) {
            Objects.requireNonNull(train, "train");
            long cells = (long) Math.max(train.numUsers(), train.numItems()) * factors;
            if (cells > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("factors x max(users, items) must fit in an array, got "
                        + factors + " x " + Math.max(train.numUsers(), train.numItems()));
            }
            return new ImplicitALS(this, train);
        }

        @Override
        public String toString() {
            return "ImplicitALS.Builder{factors=" + factors + ", lambda=" + lambda + ", alpha=" + alpha
                    + ", iterations=" + iterations + ", seed=" + seed + "}";
        }
    }
}
