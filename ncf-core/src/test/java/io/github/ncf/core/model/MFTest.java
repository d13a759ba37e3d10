package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MFTest {

    @BeforeAll
    static void start() {
        Engines.start();
    }

    @Test
    void dim_zero_isRejected() {
        assertThatThrownBy(() -> MF.builder().dim(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dim must be > 0, got 0");
    }

    @Test
    void numUsers_negative_isRejected() {
        assertThatThrownBy(() -> MF.builder().numUsers(-2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("numUsers must be > 0, got -2");
    }

    @Test
    void sizes_areInferredFromTheTrainingData() {
        Interactions train = Fixtures.random(5, 7, 2, 1);
        try (NcfModel model = NcfModel.create(MF.builder().dim(3).build(), train)) {
            assertThat(model.block().numUsers()).isEqualTo(5);
            assertThat(model.block().numItems()).isEqualTo(7);
            assertThat(model.block().hyperparameters()).containsEntry("dim", "3");
        }
    }

    @Test
    void builder_isReusable_andDefaultsToDim64() {
        MF.Builder b = MF.builder();
        MF first = b.build();
        MF second = b.dim(8).build();
        assertThat(first.dim()).isEqualTo(MF.DEFAULT_DIM).isEqualTo(64);
        assertThat(second.dim()).isEqualTo(8);
        assertThat(first.kind()).isEqualTo("mf");
    }

    @Test
    void score_isDotProductPlusUserItemAndGlobalBias_handChecked() {
        Interactions train = Fixtures.random(2, 3, 0, 1);
        MF block = MF.builder().dim(2).seed(3).build();
        try (NcfModel model = NcfModel.create(block, train)) {
            MF mf = (MF) model.block();
            mf.setParameterValues("mf_user_embedding", new float[] {1f, 2f, -1f, 0.5f});
            mf.setParameterValues("mf_item_embedding", new float[] {3f, 1f, 0f, -2f, 0.5f, 0.5f});
            mf.setParameterValues("mf_user_bias", new float[] {0.1f, -0.2f});
            mf.setParameterValues("mf_item_bias", new float[] {0.01f, 0.02f, 0.03f});
            mf.setParameterValues("mf_global_bias", new float[] {1f});
            float[] pair = new float[1];
            model.score(new int[] {1}, new int[] {0}, pair);
            // user 1 . item 0 = -1*3 + 0.5*1 = -2.5; + (-0.2) + 0.01 + 1 = -1.69
            assertThat((double) pair[0]).isCloseTo(-1.69, within(1e-6));
            float[] all = new float[2 * 3];
            model.scoreAllItems(new int[] {0, 1}, all);
            // user 0: item 0 = 5 + 0.1 + 0.01 + 1; item 1 = -4 + 0.1 + 0.02 + 1; item 2 = 1.5 + 0.1 + 0.03 + 1
            assertThat(all[0]).isCloseTo(6.11f, within(1e-5f));
            assertThat(all[1]).isCloseTo(-2.88f, within(1e-5f));
            assertThat(all[2]).isCloseTo(2.63f, within(1e-5f));
            assertThat(all[3]).isCloseTo(-1.69f, within(1e-5f));
        }
    }

    @Test
    void groupedLogits_equalThePlainForward() {
        Interactions train = Fixtures.random(4, 6, 2, 5);
        try (NcfModel model = NcfModel.create(MF.builder().dim(3).seed(9).build(), train);
                NDManager m = NDManager.newBaseManager()) {
            NcfBlock block = model.block();
            ParameterStore store = new ParameterStore(m, false);
            NDArray groupUsers = m.create(new int[] {0, 3});
            NDArray items = m.create(new int[] {1, 2, 5, 0, 4, 3});
            NDArray users = m.create(new int[] {0, 0, 0, 3, 3, 3});
            float[] grouped = block.groupedLogits(store, groupUsers, items, 3, false).toFloatArray();
            float[] plain = block.forward(store, new ai.djl.ndarray.NDList(users, items), false)
                    .singletonOrThrow().toFloatArray();
            assertThat(grouped).containsExactly(plain, within(1e-6f));
        }
    }
}
