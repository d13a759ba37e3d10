package io.github.ncf.examples.cli;

import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.RankingEvaluation;
import java.util.Locale;

/**
 * The split and evaluation {@code tune} and {@code compare --models} share, so both read the
 * same held-out rows and the same sampled candidates for one seed.
 */
final class ModelRuns {

    private ModelRuns() {
    }

    static RankingEvaluation evaluation(long seed, int evalNegatives, int evalThreads) {
        return RankingEvaluation.builder().sampledNegatives(evalNegatives).seed(seed).threads(evalThreads).build();
    }

    static Split split(Experiment.LoadedData data, long seed, boolean validation, Io io) {
        Split split = LeaveOneOutSplitter.builder().order(data.order().sortOrder()).seed(seed)
                .validation(validation).build().split(data.interactions());
        if (validation && split.validation().size() == 0) {
            throw new UsageException("no user of " + data.spec().label() + " has three or more interactions, so "
                    + "none can hold out a validation one besides the test one");
        }
        io.out().printf(Locale.ROOT, "split: --split %s, %,d train, %s%,d test rows%n", data.order().id(),
                split.train().size(), validation ? String.format(Locale.ROOT, "%,d validation, ",
                        split.validation().size()) : "", split.test().size());
        return split;
    }
}
