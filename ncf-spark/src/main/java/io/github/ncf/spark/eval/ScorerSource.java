package io.github.ncf.spark.eval;

import io.github.ncf.core.Scorer;
import java.io.Serializable;

/**
 * What an executor needs to obtain a {@link Scorer}: shipped with the task, opened where the task
 * runs. Implementations load or build the scorer at most once per JVM and keep it for later tasks.
 *
 * <pre>{@code
 * ScorerSource source = NcfModelSource.broadcast(spark, Path.of("models/neumf"));
 * SparkEvaluation result = SparkEvaluator.builder().scorer(source).build().test(split);
 * }</pre>
 */
public interface ScorerSource extends Serializable {

    /**
     * Returns the scorer, loading it into this JVM on first use.
     *
     * @return a thread-safe scorer of the data's dense user and item indices
     */
    Scorer scorer();
}
