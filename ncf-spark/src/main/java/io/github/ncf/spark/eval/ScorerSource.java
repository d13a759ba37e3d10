package io.github.ncf.spark.eval;

import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.Scorer;
import io.github.ncf.core.ScreenedScorer;
import java.io.Serializable;
import java.util.Optional;

/**
 * What an executor needs to obtain a {@link Scorer}: shipped with the task, opened where the task
 * runs. Implementations load or build the scorer at most once per JVM and keep it for later tasks,
 * and may keep its {@link ExactScreen} beside it, so that exact ranking does not open one per task.
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

    /**
     * Returns the exact screen of {@link #scorer()}, kept by this source for the JVM and shared by every
     * task and thread (screens are safe from several threads), or empty when the source keeps none; then
     * each exact ranking opens and closes its own, if the scorer is a {@link ScreenedScorer}. Callers
     * use the screen and never close it. This default keeps none.
     *
     * @return the JVM's screen of the scorer, or empty
     */
    default Optional<ExactScreen> screen() {
        return Optional.empty();
    }

    /**
     * Returns the JVM's screen as {@link #screen()} does, opened, if this call opens it, with its items
     * in the given order ({@link ScreenedScorer#openScreen(int[])}: the order in which a ranking that
     * may stop early visits them). A screen opened earlier keeps its order; ranks do not depend on it.
     *
     * @param itemOrder every item index once, the likeliest to rank high first
     * @return the JVM's screen of the scorer, or empty; this default returns {@link #screen()}
     */
    default Optional<ExactScreen> screen(int[] itemOrder) {
        return screen();
    }
}
