package io.github.ncf.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Seeds;
import io.github.ncf.data.testing.Fixtures;
import io.github.ncf.data.Interactions;
import org.junit.jupiter.api.Test;

class BuildersTest {

    @Test
    void neumf_defaults_areTheReferenceConfiguration() {
        NeuMF n = NeuMF.builder().numUsers(943).numItems(1682).build();
        assertThat(n.gmfDim()).isEqualTo(32);
        assertThat(n.mlpDim()).isEqualTo(64);
        assertThat(n.mlpLayers()).containsExactly(128, 64, 32);
        assertThat(n.dropout()).isEqualTo(0.2f);
        assertThat(n.seed()).isEqualTo(Seeds.DEFAULT);
        assertThat(n.hyperparameters()).containsEntry("mlpLayers", "128,64,32")
                .containsEntry("numUsers", "943").containsEntry("numItems", "1682");
    }

    @Test
    void neumf_designCardExample_builds() {
        NeuMF n = NeuMF.builder().numUsers(943).numItems(1682).gmfDim(32).mlpDim(64)
                .mlpLayers(128, 64, 32).dropout(0.2).build();
        assertThat(n.kind()).isEqualTo("neumf");
        assertThat(n.parameter("output_weight").getShape().get(1)).isEqualTo(32 + 32);
    }

    @Test
    void gmf_defaultEmbeddingDim_is64() {
        assertThat(GMF.builder().numUsers(3).numItems(4).build().embeddingDim()).isEqualTo(64);
    }

    @Test
    void mlp_defaults_areTheReferenceConfiguration() {
        MLP m = MLP.builder().numUsers(3).numItems(4).build();
        assertThat(m.embeddingDim()).isEqualTo(64);
        assertThat(m.layers()).containsExactly(128, 64, 32);
        assertThat(m.dropout()).isEqualTo(0.2f);
    }

    @Test
    void gmfDim_negative_isRejected() {
        assertThatThrownBy(() -> NeuMF.builder().gmfDim(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gmfDim must be > 0, got -3");
    }

    @Test
    void mlpDim_zero_isRejected() {
        assertThatThrownBy(() -> NeuMF.builder().mlpDim(0)).hasMessage("mlpDim must be > 0, got 0");
    }

    @Test
    void numUsers_zero_isRejected() {
        assertThatThrownBy(() -> GMF.builder().numUsers(0)).hasMessage("numUsers must be > 0, got 0");
        assertThatThrownBy(() -> MLP.builder().numItems(-1)).hasMessage("numItems must be > 0, got -1");
    }

    @Test
    void embeddingDim_zero_isRejected() {
        assertThatThrownBy(() -> GMF.builder().embeddingDim(0))
                .hasMessage("embeddingDim must be > 0, got 0");
        assertThatThrownBy(() -> MLP.builder().embeddingDim(-8))
                .hasMessage("embeddingDim must be > 0, got -8");
    }

    @Test
    void mlpLayers_nonPositiveEntry_isRejectedWithItsPosition() {
        assertThatThrownBy(() -> NeuMF.builder().mlpLayers(128, 0, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mlpLayers[1] must be > 0, got 0");
    }

    @Test
    void layers_empty_isRejected() {
        assertThatThrownBy(() -> MLP.builder().layers())
                .hasMessageContaining("layers must list at least one layer size");
    }

    @Test
    void dropout_outsideZeroToOne_isRejected() {
        assertThatThrownBy(() -> NeuMF.builder().dropout(1.0))
                .hasMessage("dropout must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> MLP.builder().dropout(-0.1))
                .hasMessageContaining("dropout must be in [0, 1), got -0.1");
        assertThatThrownBy(() -> MLP.builder().dropout(Double.NaN))
                .hasMessageContaining("got NaN");
    }

    @Test
    void build_withoutSizes_givesAConfigurationWithoutSizes() {
        NeuMF n = NeuMF.builder().gmfDim(8).build();
        assertThat(n.hasSizes()).isFalse();
        assertThat(n.numUsers()).isZero();
        assertThat(n.gmfDim()).isEqualTo(8);
    }

    @Test
    void bind_takesTheSizesAndKeepsTheConfiguration() {
        NcfBlock bound = MLP.builder().embeddingDim(4).layers(8, 4).dropout(0.1).build().bind(7, 9, 5);
        assertThat(bound).isInstanceOf(MLP.class);
        assertThat(bound.numUsers()).isEqualTo(7);
        assertThat(bound.numItems()).isEqualTo(9);
        assertThat(((MLP) bound).layers()).containsExactly(8, 4);
        assertThat(((MLP) bound).dropout()).isEqualTo(0.1f);
        assertThat(bound.seed()).isEqualTo(5);
    }

    @Test
    void bind_keepsASeedTheBuilderSet() {
        assertThat(GMF.builder().seed(11).build().bind(3, 4, 5).seed()).isEqualTo(11);
    }

    @Test
    void bind_explicitSizeThatDisagrees_isRejectedNamingBoth() {
        assertThatThrownBy(() -> NeuMF.builder().numUsers(900).build().bind(943, 1682, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("neumf was built with numUsers 900 but the training interactions have 943 users");
    }

    @Test
    void initialize_withoutSizes_isRejected() {
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            assertThatThrownBy(() -> GMF.builder().build().initialize(m, ai.djl.ndarray.types.DataType.FLOAT32,
                    new ai.djl.ndarray.types.Shape(1), new ai.djl.ndarray.types.Shape(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("numUsers");
        }
    }

    @Test
    void create_blockWithoutSizes_takesThemFromTheInteractions() {
        Interactions train = Fixtures.band(6, 8, 3);
        try (NcfModel model = NcfModel.create(GMF.builder().embeddingDim(4).build(), train)) {
            assertThat(model.numUsers()).isEqualTo(train.numUsers());
            assertThat(model.numItems()).isEqualTo(train.numItems());
            assertThat(model.block().seed()).isEqualTo(Seeds.DEFAULT);
        }
    }

    @Test
    void build_tableLargerThanAJavaArray_isRejected() {
        assertThatThrownBy(() -> GMF.builder().numUsers(100_000_000).numItems(3).embeddingDim(64)
                .build()).hasMessageContaining("numUsers * embeddingDim must be <=");
    }

    @Test
    void builder_copiesLayers_andStaysReusable() {
        int[] layers = {16, 8};
        NeuMF.Builder b = NeuMF.builder().numUsers(3).numItems(4).mlpDim(8).mlpLayers(layers);
        layers[0] = 99;
        NeuMF first = b.build();
        NeuMF second = b.gmfDim(4).build();
        assertThat(first.mlpLayers()).containsExactly(16, 8);
        assertThat(first.gmfDim()).isEqualTo(32);
        assertThat(second.gmfDim()).isEqualTo(4);
        assertThat(second.mlpLayers()).containsExactly(16, 8);
        first.mlpLayers()[0] = 7;
        assertThat(first.mlpLayers()).containsExactly(16, 8);
    }

    @Test
    void parameterNames_areStableAndDocumented() {
        NeuMF n = NeuMF.builder().numUsers(3).numItems(4).mlpLayers(8, 4).build();
        assertThat(n.getParameters().keys()).containsExactly("gmf_user_embedding",
                "gmf_item_embedding", "mlp_user_embedding", "mlp_item_embedding",
                "mlp_layer1_weight", "mlp_layer1_bias", "mlp_layer2_weight", "mlp_layer2_bias",
                "output_weight", "output_bias");
        assertThat(n.embeddingParameters()).extracting(p -> p.getName()).containsExactly(
                "gmf_user_embedding", "gmf_item_embedding", "mlp_user_embedding",
                "mlp_item_embedding");
        assertThat(n.denseParameters()).hasSize(6);
        assertThat(GMF.builder().numUsers(3).numItems(4).build().getParameters().keys())
                .containsExactly("gmf_user_embedding", "gmf_item_embedding", "output_weight",
                        "output_bias");
    }

    @Test
    void parameter_unknownName_isRejectedListingTheKnownOnes() {
        GMF g = GMF.builder().numUsers(3).numItems(4).build();
        assertThatThrownBy(() -> g.parameter("nope")).hasMessageContaining("gmf_user_embedding")
                .hasMessageContaining("\"nope\"");
    }
}
