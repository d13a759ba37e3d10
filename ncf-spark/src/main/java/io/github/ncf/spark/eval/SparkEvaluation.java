package io.github.ncf.spark.eval;

import io.github.ncf.eval.EvaluationResult;
import java.util.Objects;

/**
 * Both protocols' results of one distributed evaluation.
 *
 * <pre>{@code
 * SparkEvaluation r = evaluator.test(split);
 * System.out.println(r.full() + "\n" + r.sampled());
 * }</pre>
 *
 * @param full the full-ranking result (known items masked)
 * @param sampled the sampled result (1 + N candidates)
 */
public record SparkEvaluation(EvaluationResult full, EvaluationResult sampled) {

    /**
     * Checks both results are present.
     *
     * @param full the full-ranking result
     * @param sampled the sampled result
     */
    public SparkEvaluation {
        Objects.requireNonNull(full, "full");
        Objects.requireNonNull(sampled, "sampled");
    }
}
