package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.core.Engines;
import io.github.ncf.core.ExactScreen;
import io.github.ncf.data.Interactions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The screen of the NCF models: its bound holds, and its reference scores depend on the pair alone. */
class ExactScreenTest {

    private static final int USERS = 29;
    private static final int ITEMS = 300;
    private static Interactions data;

    @BeforeAll
    static void start() {
        Engines.start();
        data = Fixtures.random(USERS, ITEMS, 3, 5);
    }

    /**
     * Every kind (MLP twice), with embeddings scaled up so that scores spread as a trained model's
     * do.
     */
    private static List<NcfModel> models() {
        List<NcfModel> models = new ArrayList<>();
        for (NcfBlock block : List.of(
                GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).seed(1).build(),
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(8).layers(16, 8, 4).seed(2)
                        .build(),
                // Layer widths that are not multiples of four, for the single-item path's remainder.
                MLP.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(5).layers(10, 7, 3).seed(6)
                        .build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(4).mlpDim(8).mlpLayers(16, 8, 4)
                        .seed(3).build(),
                NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(4).build(),
                MF.builder().numUsers(USERS).numItems(ITEMS).dim(8).seed(5).build())) {
            NcfModel model = NcfModel.create(block, data);
            NcfModelTest.scaleEmbeddings(model.block(), 30f);
            models.add(model);
        }
        return models;
    }

    private static int[] allUsers() {
        int[] users = new int[USERS];
        for (int u = 0; u < USERS; u++) {
            users[u] = u;
        }
        return users;
    }

    @Test
    void screeningScores_lieWithinTheBoundOfTheReference() {
        for (boolean javaScreen : new boolean[] {true, false}) {
            for (NcfModel model : models()) {
                try (model; ExactScreen screen = model.openScreen(javaScreen)) {
                    float[] scores = new float[USERS * ITEMS];
                    screen.screenAllItems(allUsers(), scores);
                    for (int u = 0; u < USERS; u++) {
                        ExactScreen.Reference reference = screen.reference(u);
                        assertThat(reference.bound()).as(model.block().kind()).isPositive().isFinite();
                        for (int i = 0; i < ITEMS; i++) {
                            double gap = Math.abs((double) scores[u * ITEMS + i] - reference.score(i));
                            assertThat(gap).as("%s (Java screen %s) user %d item %d", model.block().kind(),
                                    javaScreen, u, i).isLessThanOrEqualTo(reference.bound());
                        }
                    }
                }
            }
        }
    }

    @Test
    void javaScreen_isUsedWhereTheVectorModuleIsPresent() {
        // The build's test JVMs start with --add-modules jdk.incubator.vector (see the parent pom).
        assertThat(ScreenKernels.available()).isTrue();
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(4).build(),
                data)) {
            ReferenceNet net = ReferenceNet.of(model.block());
            assertThat(ScreenKernels.create(net, null)).isNotNull();
        }
    }

    @Test
    void javaScreen_scoresTheModelsFormula_oneUserOrMany_anyItemCount() {
        // 300 items are 3 full tiles of 80 and a partial one with AVX-512; the scores must not depend
        // on which users share a call, and stay within the bound for every item of every tile.
        for (NcfModel model : models()) {
            try (model; ExactScreen screen = model.openScreen(true)) {
                float[] all = new float[USERS * ITEMS];
                screen.screenAllItems(allUsers(), all);
                float[] one = new float[ITEMS];
                for (int u = 0; u < USERS; u += 7) {
                    screen.screenAllItems(new int[] {u}, one);
                    assertThat(one).as("%s user %d", model.block().kind(), u)
                            .containsExactly(java.util.Arrays.copyOfRange(all, u * ITEMS, (u + 1) * ITEMS));
                }
            }
        }
    }

    @Test
    void javaKernelReference_isBitForBitTheScalarReference() {
        // Every item once in a shuffled order, then repeated items, so tiles of 80 gather from
        // every tile and lane; 1, 17 and all items, through the kernel and through the screen.
        SplittableRandom random = new SplittableRandom(11);
        for (NcfModel model : models()) {
            ReferenceNet net = ReferenceNet.of(model.block());
            ScreenKernels.Kernel kernel = ScreenKernels.create(net, null);
            try (model; ExactScreen screen = model.openScreen(true)) {
                for (int u = 0; u < USERS; u += 3) {
                    int[] items = new int[ITEMS + 40];
                    for (int i = 0; i < ITEMS; i++) {
                        items[i] = i;
                    }
                    for (int i = ITEMS - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = items[i];
                        items[i] = items[j];
                        items[j] = t;
                    }
                    for (int i = ITEMS; i < items.length; i++) {
                        items[i] = random.nextInt(ITEMS);
                    }
                    for (int count : new int[] {1, 17, items.length}) {
                        float[] scalar = new float[count];
                        net.user(u).score(items, 0, count, scalar, 0);
                        float[] vector = new float[count];
                        kernel.reference(net.user(u), items, count, vector);
                        float[] viaScreen = new float[count];
                        ExactScreen.Reference reference = screen.reference(u);
                        reference.scores(items, count, viaScreen);
                        for (int j = 0; j < count; j++) {
                            assertThat(Float.floatToIntBits(vector[j])).as("%s user %d item %d of %d",
                                    model.block().kind(), u, items[j], count)
                                    .isEqualTo(Float.floatToIntBits(scalar[j]));
                            assertThat(Float.floatToIntBits(viaScreen[j]))
                                    .isEqualTo(Float.floatToIntBits(reference.score(items[j])));
                        }
                    }
                }
            }
        }
    }

    @Test
    void torchScreeningScores_areThoseOfScoreAllItems() {
        for (NcfModel model : models()) {
            try (model; ExactScreen screen = model.openScreen(false)) {
                float[] screened = new float[USERS * ITEMS];
                float[] plain = new float[USERS * ITEMS];
                screen.screenAllItems(allUsers(), screened);
                model.scoreAllItems(allUsers(), plain);
                assertThat(screened).as(model.block().kind()).containsExactly(plain);
            }
        }
    }

    @Test
    void referenceScores_doNotDependOnTheItemsScoredWithThem() {
        SplittableRandom random = new SplittableRandom(7);
        for (NcfModel model : models()) {
            ReferenceNet net = ReferenceNet.of(model.block());
            try (model) {
                for (int u = 0; u < USERS; u += 4) {
                    ReferenceNet.User user = net.user(u);
                    int[] all = new int[ITEMS];
                    for (int i = 0; i < ITEMS; i++) {
                        all[i] = i;
                    }
                    float[] together = new float[ITEMS];
                    user.score(all, 0, ITEMS, together, 0);
                    // A shuffled subset, scored in an odd-sized call, and single items.
                    int[] some = random.ints(97, 0, ITEMS).toArray();
                    float[] apart = new float[some.length];
                    net.user(u).score(some, 0, some.length, apart, 0);
                    for (int k = 0; k < some.length; k++) {
                        assertThat(Float.floatToIntBits(apart[k])).as("%s user %d item %d",
                                model.block().kind(), u, some[k])
                                .isEqualTo(Float.floatToIntBits(together[some[k]]));
                        assertThat(Float.floatToIntBits(user.score(some[k])))
                                .isEqualTo(Float.floatToIntBits(together[some[k]]));
                    }
                }
            }
        }
    }

    @Test
    void referenceScores_doNotDependOnTheSizesOfEarlierCalls() {
        for (NcfModel model : models()) {
            ReferenceNet net = ReferenceNet.of(model.block());
            try (model) {
                int[] all = new int[ITEMS];
                for (int i = 0; i < ITEMS; i++) {
                    all[i] = ITEMS - 1 - i;
                }
                float[] together = new float[ITEMS];
                net.user(3).score(all, 0, ITEMS, together, 0);
                // A fresh user context whose scratch grows call by call: 1, 3, 17, then all items.
                ReferenceNet.User growing = net.user(3);
                float[] apart = new float[ITEMS];
                int from = 0;
                for (int size : new int[] {1, 3, 17, ITEMS - 21}) {
                    growing.score(all, from, from + size, apart, from);
                    from += size;
                }
                for (int k = 0; k < ITEMS; k++) {
                    assertThat(Float.floatToIntBits(apart[k])).as("%s item %d", model.block().kind(),
                            all[k]).isEqualTo(Float.floatToIntBits(together[k]));
                }
            }
        }
    }

    @Test
    void referenceScores_equalTheForwardPassWithinRounding() {
        for (NcfModel model : models()) {
            try (model; ExactScreen screen = model.openScreen()) {
                int[] users = new int[ITEMS];
                int[] items = new int[ITEMS];
                for (int i = 0; i < ITEMS; i++) {
                    users[i] = i % USERS;
                    items[i] = i;
                }
                float[] plain = NcfModelTest.plainForward(model, users, items);
                for (int k = 0; k < ITEMS; k++) {
                    assertThat(screen.reference(users[k]).score(items[k])).as(model.block().kind())
                            .isCloseTo(plain[k], org.assertj.core.api.Assertions.within(1e-4f));
                }
            }
        }
    }

    @Test
    void screen_keepsTheParametersOfItsOpening() {
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(USERS).numItems(ITEMS).seed(9)
                .build(), data); ExactScreen screen = model.openScreen()) {
            float before = screen.reference(3).score(5);
            float[] screened = new float[ITEMS];
            screen.screenAllItems(new int[] {3}, screened);
            NcfModelTest.scaleEmbeddings(model.block(), 50f);
            assertThat(screen.reference(3).score(5)).isEqualTo(before);
            float[] after = new float[ITEMS];
            screen.screenAllItems(new int[] {3}, after);
            assertThat(after).containsExactly(screened);
        }
    }

    @Test
    void reference_unknownUser_isRejected() {
        try (NcfModel model = NcfModel.create(GMF.builder().numUsers(USERS).numItems(ITEMS).build(),
                data); ExactScreen screen = model.openScreen()) {
            assertThatThrownBy(() -> screen.reference(USERS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("user index must be in [0, " + USERS + "), got " + USERS);
        }
    }
}
