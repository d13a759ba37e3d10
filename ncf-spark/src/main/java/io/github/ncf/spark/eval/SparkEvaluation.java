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
 * <p>Times: {@link #seconds()} is the wall time of the one job that ranked both protocols (shuffle
 * included); each result's {@link EvaluationResult#seconds()} is the time its protocol's ranking took
 * in the tasks, summed over them (on {@code n} busy task slots the job's ranking wall time is about
 * the sum divided by {@code n}).
 *
 * @param full the full-ranking result (known items masked)
 * @param sampled the sampled result (1 + N candidates)
 * @param seconds the wall time of the job, shuffle and collection included
 * @param partitions how many partitions (tasks) the users were ranked in
 */
public record SparkEvaluation(EvaluationResult full, EvaluationResult sampled, double seconds, int partitions) {

    /**
     * Checks both results are present.
     *
     * @param full the full-ranking result
     * @param sampled the sampled result
     * @param seconds the wall time of the job, at least 0
     * @param partitions the number of partitions, at least 1
     */
    public SparkEvaluation {
        Objects.requireNonNull(full, "full");
        Objects.requireNonNull(sampled, "sampled");
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
    }
}
