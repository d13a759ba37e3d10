package io.github.ncf.eval.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.github.ncf.core.Engines;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.SplitKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Validation-only selection, one test evaluation, budgets and resumption, on the tiny synthetic set. */
class RandomSearchTest {

    private static Split split;
    private static Recipes recipes;

    @BeforeAll
    static void start() {
        Engines.start();
        split = LeaveOneOutSplitter.builder().validation(true).build()
                .split(SyntheticInteractions.tiny().generate());
        recipes = Recipes.builder().evaluation(evaluation()).maxEpochs(3).build();
    }

    private static RankingEvaluation evaluation() {
        return RankingEvaluation.builder().sampledNegatives(20).build();
    }

    private static RandomSearch search(int trials) {
        return RandomSearch.builder().trials(trials).budget(Duration.ofMinutes(5)).seed(7)
                .evaluation(evaluation()).build();
    }

    @Test
    void run_choosesTheBestValidationTrial_andEvaluatesTestOnce() {
        List<Trial> seen = new ArrayList<>();
        SearchResult r = search(3).run(recipes.get("ease"), split, List.of(), seen::add);

        assertThat(r.trials()).hasSize(3).isEqualTo(seen);
        // The evaluation selects by its selection metric, full-ranking NDCG@10 by default.
        double best = r.trials().stream().mapToDouble(t -> t.validation().get("full.ndcg@10")).max().orElseThrow();
        assertThat(r.chosen().validation().get("full.ndcg@10")).isEqualTo(best);
        assertThat(r.chosenConfig()).containsEntry("lambda", r.chosen().config().get("lambda"));
        assertThat(r.test().split()).isEqualTo(SplitKind.TEST);
        assertThat(r.testEvaluations()).isEqualTo(1);
    }

    @Test
    void sameSeed_drawsTheSameTrialSequence() {
        SearchSpace space = recipes.get("neumf").space();
        assertThat(space.sample(7, 4)).isEqualTo(space.sample(7, 4));
        assertThat(space.sample(7, 4)).isNotEqualTo(space.sample(8, 4));
    }

    @Test
    void resume_skipsRecordedTrials_andContinuesTheSequence() {
        SearchResult first = search(2).run(recipes.get("itemknn"), split, List.of(), t -> { });
        List<Trial> fresh = new ArrayList<>();
        SearchResult resumed = search(3).run(recipes.get("itemknn"), split, first.trials(), fresh::add);

        assertThat(fresh).extracting(Trial::index).containsExactly(2);
        assertThat(resumed.trials().subList(0, 2)).isEqualTo(first.trials());
        assertThat(fresh.get(0).config()).isEqualTo(recipes.get("itemknn").space().sample(7, 2));
    }

    @Test
    void resume_withAnotherSeedsTrials_isRefused() {
        Trial foreign = new Trial(0, Map.of("k", 3), Map.of(), Map.of("full.hr@10", 0.1), 1, 1);
        assertThatThrownBy(() -> search(2).run(recipes.get("itemknn"), split, List.of(foreign), t -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded trial 0 has configuration {k=3}");
    }

    @Test
    void splitWithoutValidation_isRefused() {
        Split noValidation = LeaveOneOutSplitter.builder().build().split(SyntheticInteractions.tiny().generate());
        assertThatThrownBy(() -> search(1).run(recipes.get("ease"), noValidation, List.of(), t -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("selection must not read test");
    }

    @Test
    void ncfTrial_recordsTheEpochChosenOnValidation_andTheFinalFitUsesIt() {
        SearchResult r = search(1).run(recipes.get("mf"), split, List.of(), t -> { });
        Object epochs = r.trials().get(0).learned().get("epochs");
        assertThat(epochs).isInstanceOf(Integer.class);
        assertThat((Integer) epochs).isBetween(1, 3);
        assertThat(r.chosenConfig()).containsEntry("epochs", epochs);
    }

    @Test
    void search_closesEveryModelItTrains_pretrainedNeuMfIncluded() {
        NDManager system = systemManager();
        int before = system.getManagedArrays().size();
        Recipe neumf = recipes.get("neumf").fix("pretrain", true).fix("l2", 1e-5);
        SearchResult r = search(2).run(neumf, split, List.of(), t -> { });

        assertThat(r.trials()).hasSize(2);
        assertThat(system.getManagedArrays()).as("native arrays alive after the search").hasSize(before);
    }

    @Test
    void leakCheck_seesAModelLeftOpen() {
        NDManager system = systemManager();
        int before = system.getManagedArrays().size();
        try (Fitted open = recipes.get("gmf").fit(Map.of("epochs", 1), split, Recipe.Stage.FINAL)) {
            assertThat(system.getManagedArrays().size()).isGreaterThan(before);
        }
        assertThat(system.getManagedArrays()).hasSize(before);
    }

    /** The engine's root manager, under which every model's and every scope's arrays live. */
    private static NDManager systemManager() {
        try (NDManager probe = Engines.start().newBaseManager()) {
            return probe.getParentManager();
        }
    }

    @Test
    void fixedHyperparameter_holdsInEveryTrial_andTheOthersAreDrawnAsWithoutIt() {
        Recipe free = recipes.get("neumf");
        Recipe fixed = free.fix("pretrain", true);
        for (int k = 0; k < 4; k++) {
            Map<String, Object> a = new java.util.LinkedHashMap<>(free.space().sample(7, k));
            Map<String, Object> b = fixed.space().sample(7, k);
            assertThat(b).containsEntry("pretrain", true);
            a.put("pretrain", true);
            assertThat(b).isEqualTo(a);
        }
    }

    @Test
    void trials_zero_isRejected() {
        assertThatThrownBy(() -> RandomSearch.builder().trials(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trials must be >= 1, got 0");
    }

    @Test
    void spaceWithNothingToDraw_runsOneTrial() {
        SearchResult r = search(5).run(recipes.get("itempop"), split, List.of(), t -> { });
        assertThat(r.trials()).hasSize(1);
    }
}
