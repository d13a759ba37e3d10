package io.github.ncf.data;

/**
 * A small, fast, splittable pseudo-random generator (Steele, Lea and Flood's SplitMix64), used by
 * every random component of {@code ncf-data} instead of {@link java.util.Random}.
 *
 * <p>Streams are derived from a seed and any number of extra keys with {@link #of(long, long...)},
 * so the draws of, say, chunk 17 of epoch 3 do not depend on how many threads produced the other
 * chunks. Not thread-safe: give each thread its own instance.
 *
 * <pre>{@code
 * SplitMix64 rng = SplitMix64.of(42L, epoch, chunk);
 * int item = rng.nextInt(numItems);
 * }</pre>
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /**
     * Creates a generator whose sequence is fully determined by {@code seed}.
     *
     * @param seed the seed
     */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * Creates a generator for the stream identified by a seed and a sequence of keys (for example an
     * epoch and a chunk number); different key sequences give statistically independent streams.
     *
     * @param seed the base seed
     * @param keys further keys
     * @return a new generator
     */
    public static SplitMix64 of(long seed, long... keys) {
        long s = mix(seed);
        for (long key : keys) {
            s = mix(s ^ mix(key + GOLDEN_GAMMA));
        }
        return new SplitMix64(s);
    }

    /**
     * The SplitMix64 finaliser: a bijective mixing function of 64 bits.
     *
     * @param z the input
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns the next 64 random bits.
     *
     * @return a uniformly distributed long
     */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /**
     * Returns a uniformly distributed int in {@code [0, bound)}, without modulo bias (Lemire's
     * multiply-and-reject method).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return a value in {@code [0, bound)}
     * @throws IllegalArgumentException if bound is less than 1
     */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * Returns a uniformly distributed double in {@code [0, 1)} with 53 random bits.
     *
     * @return a value in {@code [0, 1)}
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * Returns a standard normal variate (Box-Muller, one of the pair).
     *
     * @return a draw from N(0, 1)
     */
    public double nextGaussian() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    /**
     * Shuffles {@code a[0 .. n)} in place with the Fisher-Yates algorithm.
     *
     * @param a the array
     * @param n how many leading elements to shuffle
     */
    public void shuffle(int[] a, int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
