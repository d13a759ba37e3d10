package io.github.ncf.eval.tune;

import io.github.ncf.core.Scorer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model trained by a {@link Recipe}, with what its training chose on validation.
 *
 * <pre>{@code
 * try (Fitted f = recipe.fit(config, split, Recipe.Stage.SELECTION)) {
 *     EvaluationReport r = evaluation.validate(f.scorer(), split);
 * }
 * }</pre>
 *
 * @param scorer the trained model
 * @param learned choices training made (e.g. {@code epochs}, the best epoch on validation); empty for
 *     closed-form models
 */
public record Fitted(Scorer scorer, Map<String, Object> learned) implements AutoCloseable {

    /**
     * Copies the map.
     *
     * @param scorer the trained model
     * @param learned choices training made (e.g. {@code epochs}, the best epoch on validation); empty for
     */
    public Fitted {
        learned = Collections.unmodifiableMap(new LinkedHashMap<>(learned));
    }

    /** Releases the model's native memory when it holds any. */
    @Override
    public void close() {
        if (scorer instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + scorer + ": " + e.getMessage(), e);
            }
        }
    }
}
