package io.github.ncf.eval.protocol;

/** SplitMix64 (Steele, Lea and Flood, 2014): a small, fast, splittable generator, one per user. */
final class SplitMix64 {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    /** A stream that depends only on (seed, stream), so users' draws are independent of each other. */
    SplitMix64(long seed, long stream) {
        this.state = mix(seed ^ mix(stream * GOLDEN + GOLDEN));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, bound) by Lemire's multiply-shift; the bias is below bound / 2^32. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
