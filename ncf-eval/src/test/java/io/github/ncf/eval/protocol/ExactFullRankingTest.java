package io.github.ncf.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import io.github.ncf.core.Engines;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full ranking of the NCF models through their screen: ranks, tie counts and top-K lists equal those
 * of the reference scores (the reference path: the plain protocol over a table of them).
 */
class ExactFullRankingTest {

    private static final int USERS = 40;
    private static final int ITEMS = 300;
    private static final Interactions[] SPLIT = EvalFixtures.randomSplit(USERS, ITEMS, 12, 11L);

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    private static List<NcfBlock> blocks() {
        return List.of(
                GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(16, 8, 4).seed(2)
                        .build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(3).build(),
                MF.builder().numUsers(USERS).numItems(ITEMS).dim(8).seed(4).build());
    }

    /**
     * Spreads the scores as training does, and gives items 20-39 the embeddings of item 7, so that
     * they tie with it exactly under the reference.
     */
    private static void prepare(NcfBlock block, float scale) {
        for (Parameter p : block.embeddingParameters()) {
            float[] v = p.getArray().toFloatArray();
            int dim = (int) p.getArray().getShape().get(1);
            for (int k = 0; k < v.length; k++) {
                v[k] *= scale;
            }
            if (p.getName().contains("item")) {
                for (int i = 20; i < 40; i++) {
                    System.arraycopy(v, 7 * dim, v, i * dim, dim);
                }
            }
            block.setParameterValues(p.getName(), v);
        }
    }

    /** The reference path: every pair's reference score in a table, ranked by the plain protocol. */
    private static TableScorer referenceTable(NcfModel model) {
        float[][] table = new float[USERS][ITEMS];
        try (ExactScreen screen = model.openScreen()) {
            for (int u = 0; u < USERS; u++) {
                ExactScreen.Reference reference = screen.reference(u);
                for (int i = 0; i < ITEMS; i++) {
                    table[u][i] = reference.score(i);
                }
            }
        }
        return new TableScorer(table);
    }

    @Test
    void exactRanks_equalTheRanksOfTheReferenceScores_tiesAndTopKIncluded() {
        for (float scale : new float[] {1f, 40f}) {
            for (NcfBlock block : blocks()) {
                try (NcfModel model = NcfModel.create(block, SPLIT[0])) {
                    prepare(model.block(), scale);
                    TableScorer reference = referenceTable(model);
                    FullRanking exact = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build();
                    Ranks expected = exact.rank(reference);
                    Ranks actual = exact.rank(model);
                    String what = block.kind() + " x" + scale;
                    assertThat(actual.ranks()).as(what).containsExactly(expected.ranks());
                    assertThat(actual.ties()).as(what).containsExactly(expected.ties());
                    assertThat(actual.candidates()).as(what).containsExactly(expected.candidates());
                    for (int k : new int[] {1, 10, 50}) {
                        assertThat(exact.topK(model, k)).as(what + " top %d", k)
                                .isDeepEqualTo(exact.topK(reference, k));
                    }
                }
            }
        }
    }

    @Test
    void cutRanks_equalTheReferenceRanksBelowTheCutoff_andAreTheCutoffAbove() {
        int stopped = 0;
        for (float scale : new float[] {1f, 40f}) {
            for (NcfBlock block : blocks()) {
                try (NcfModel model = NcfModel.create(block, SPLIT[0])) {
                    prepare(model.block(), scale);
                    TableScorer reference = referenceTable(model);
                    FullRanking uncut = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build();
                    Ranks all = uncut.rank(reference);
                    for (int cutoff : new int[] {1, 5, 10, 50}) {
                        String what = block.kind() + " x" + scale + " cut at " + cutoff;
                        FullRanking cut = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).rankCutoff(cutoff)
                                .threads(2).build();
                        assertThat(uncut.withRankCutoff(cutoff).rankCutoff()).isEqualTo(cutoff);
                        Ranks actual = cut.rank(model);
                        // The plain protocol over the reference table, cut: the expected ranks.
                        assertThat(actual).as(what).isEqualTo(cut.rank(reference));
                        assertThat(actual.cutoff()).isEqualTo(cutoff);
                        for (int p = 0; p < all.size(); p++) {
                            if (all.rank(p) < cutoff) {
                                assertThat(actual.rank(p)).as(what).isEqualTo(all.rank(p));
                                assertThat(actual.ties(p)).as(what).isEqualTo(all.ties(p));
                            } else {
                                assertThat(actual.rank(p)).as(what).isEqualTo(cutoff);
                                assertThat(actual.ties(p)).as(what).isZero();
                                stopped++;
                            }
                        }
                        assertThat(actual.candidates()).as(what).containsExactly(all.candidates());
                    }
                }
            }
        }
        assertThat(stopped).as("users ranked at or past a cut-off").isPositive();
    }

    @Test
    void popularityOrder_putsTheMostKnownItemsFirst_tiesByIndex() {
        int[] order = FullRanking.popularityOrder(new int[] {3, 1, 3, 0, 1, 3, 4}, 6);
        assertThat(order).containsExactly(3, 1, 0, 4, 2, 5);
    }

    @Test
    void exactRanks_doNotDependOnBatchesOrThreads() {
        try (NcfModel model = NcfModel.create(blocks().get(2), SPLIT[0])) {
            prepare(model.block(), 1f);
            Ranks one = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build().rank(model);
            Ranks many = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).usersPerBatch(7)
                    .threads(3).build().rank(model);
            assertThat(many.ranks()).containsExactly(one.ranks());
            assertThat(many.ties()).containsExactly(one.ties());
        }
    }

    @Test
    void duplicatedItems_tieUnderTheReference_andAreCounted() {
        try (NcfModel model = NcfModel.create(blocks().get(2), SPLIT[0])) {
            prepare(model.block(), 40f);
            Ranks ranks = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build().rank(model);
            int[] items = ranks.items();
            int checked = 0;
            for (int p = 0; p < items.length; p++) {
                if (items[p] == 7 || (items[p] >= 20 && items[p] < 40)) {
                    // Item 7 and items 20-39 share one score: the unmasked others tie with it.
                    assertThat(ranks.ties(p)).as("user %d", ranks.users()[p]).isPositive();
                    checked++;
                }
            }
            assertThat(checked).as("users holding out a duplicated item").isPositive();
        }
    }

    @Test
    void heldScreen_givesTheRanksOfRank_andIsLeftOpenForTheNextSetOfUsers() {
        try (NcfModel model = NcfModel.create(blocks().get(2), SPLIT[0])) {
            prepare(model.block(), 40f);
            FullRanking full = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build();
            Ranks own = full.rank(model);
            // Two halves of the users, as two partitions would rank them, through one screen.
            int[] rows = java.util.stream.IntStream.range(0, SPLIT[1].size()).toArray();
            int half = rows.length / 2;
            FullRanking first = FullRanking.builder().train(SPLIT[0])
                    .test(SPLIT[1].select(Arrays.copyOfRange(rows, 0, half))).build();
            FullRanking second = FullRanking.builder().train(SPLIT[0])
                    .test(SPLIT[1].select(Arrays.copyOfRange(rows, half, rows.length))).build();
            try (ExactScreen screen = model.openScreen()) {
                Ranks held = full.rank(model, screen);
                Ranks a = first.rank(model, screen);
                Ranks b = second.rank(model, screen);
                assertThat(held.ranks()).containsExactly(own.ranks());
                assertThat(held.ties()).containsExactly(own.ties());
                assertThat(held.candidates()).containsExactly(own.candidates());
                assertThat(a.users().length).isPositive();
                assertThat(b.users().length).isPositive();
                int[] byUser = new int[USERS];
                Arrays.fill(byUser, -1);
                for (Ranks part : List.of(a, b)) {
                    for (int p = 0; p < part.users().length; p++) {
                        byUser[part.users()[p]] = part.ranks()[p];
                    }
                }
                for (int p = 0; p < own.users().length; p++) {
                    assertThat(byUser[own.users()[p]]).as("user %d", own.users()[p]).isEqualTo(own.ranks()[p]);
                }
            }
        }
    }

    @Test
    void heldScreen_withExactOff_isRejected() {
        try (NcfModel model = NcfModel.create(blocks().get(0), SPLIT[0]);
                ExactScreen screen = model.openScreen()) {
            FullRanking plain = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).exact(false).build();
            assertThatThrownBy(() -> plain.rank(model, screen)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exact is false");
        }
    }

    @Test
    void heldScreenOfAnotherItemCount_isRejected() {
        Interactions[] wider = EvalFixtures.randomSplit(USERS, ITEMS + 5, 12, 11L);
        try (NcfModel model = NcfModel.create(blocks().get(0), SPLIT[0]);
                NcfModel other = NcfModel.create(GMF.builder().numUsers(USERS).numItems(ITEMS + 5)
                        .embeddingDim(8).seed(1).build(), wider[0]);
                ExactScreen screen = other.openScreen()) {
            FullRanking full = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).build();
            assertThatThrownBy(() -> full.rank(model, screen)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("screen must score the data's " + ITEMS + " items, got a screen of "
                            + (ITEMS + 5) + " items");
        }
    }

    @Test
    void exactOff_ranksTheScoresOfScoreAllItems() {
        try (NcfModel model = NcfModel.create(blocks().get(1), SPLIT[0])) {
            prepare(model.block(), 40f);
            float[][] table = new float[USERS][ITEMS];
            float[] row = new float[ITEMS];
            for (int u = 0; u < USERS; u++) {
                model.scoreAllItems(new int[] {u}, row);
                table[u] = row.clone();
            }
            FullRanking plain = FullRanking.builder().train(SPLIT[0]).test(SPLIT[1]).exact(false)
                    .usersPerBatch(1).build();
            assertThat(plain.rank(model).ranks()).containsExactly(plain.rank(new TableScorer(table))
                    .ranks());
        }
    }
}
