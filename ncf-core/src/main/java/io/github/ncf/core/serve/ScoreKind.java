package io.github.ncf.core.serve;

/**
 * What a {@link Recommendation}'s score is, so that scores of different kinds are never compared
 * as if they were one.
 *
 * <pre>{@code
 * if (r.kind() == ScoreKind.POPULARITY) { ... }   // an unknown user, served by the fallback
 * }</pre>
 */
public enum ScoreKind {
    /** The model's logit for the pair (apply the sigmoid for a probability). */
    LOGIT,
    /** The item's number of training interactions: the popularity fallback for unknown users. */
    POPULARITY,
    /**
     * A baseline's own score (EASE's, ItemKNN's, iALS's, a popularity count): it orders one user's
     * items, and means nothing across models.
     */
    SCORE
}
