package io.github.ncf.core.serve;

import java.util.Objects;

/**
 * One recommended (or scored) item: its raw id and its score. For a known user the score is the
 * model's logit; for an unknown user served by the popularity fallback it is the item's number of
 * training interactions, and {@code fallback} is true.
 *
 * @param itemId the raw item id
 * @param score the score; higher is better
 * @param fallback whether the score comes from the popularity fallback
 */
public record Recommendation(String itemId, float score, boolean fallback) {

    /**
     * Checks the item id.
     *
     * @param itemId the raw item id, not null
     * @param score the score
     * @param fallback whether the score comes from the popularity fallback
     */
    public Recommendation {
        Objects.requireNonNull(itemId, "itemId");
    }
}
