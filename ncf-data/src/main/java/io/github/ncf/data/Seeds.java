package io.github.ncf.data;

/**
 * The one default seed of {@code ncf}: every random component (splits, negatives, initialisation,
 * dropout, sampled candidates, synthetic data) uses it when no seed is given.
 *
 * <pre>{@code
 * long seed = Seeds.DEFAULT;   // 42
 * }</pre>
 */
public final class Seeds {

    /** The default seed, 42, used by every component of {@code ncf} when none is given. */
    public static final long DEFAULT = 42L;

    private Seeds() {
    }
}
