package io.github.ncf.core.serve;

import java.util.Objects;

/**
 * One recommended (or scored) item: its raw id, its score and what kind of score that is. For a
 * known user the score is the model's logit ({@link ScoreKind#LOGIT}); for an unknown user served by
 * the popularity fallback it is the item's number of training interactions ({@link
 * ScoreKind#POPULARITY}).
 *
 * <pre>{@code
 * Recommendation r = model.recommender().recommend("196", 1).get(0);
 * System.out.println(r.itemId() + " " + r.score() + " " + r.kind());   // 313 3.91 LOGIT
 * }</pre>
 *
 * @param itemId the raw item id
 * @param score the score; higher is better
 * @param kind what the score is
 */
public record Recommendation(String itemId, float score, ScoreKind kind) {

    /**
     * Checks the item id and the kind.
     *
     * @param itemId the raw item id, not null
     * @param score the score
     * @param kind what the score is, not null
     */
    public Recommendation {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return whether the score comes from the popularity fallback */
    public boolean fallback() {
        return kind == ScoreKind.POPULARITY;
    }
}
