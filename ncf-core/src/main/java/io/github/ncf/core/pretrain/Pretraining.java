package io.github.ncf.core.pretrain;

import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import java.util.Arrays;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transplants a trained {@link GMF} and a trained {@link MLP} into a {@link NeuMF}, the pretraining
 * of He et al., "Neural Collaborative Filtering", WWW 2017, section 3.4.1.
 *
 * <p>The GMF embeddings become NeuMF's GMF embeddings; the MLP embeddings and hidden layers become
 * NeuMF's MLP part; the output layer becomes {@code [alpha * h_GMF, (1 - alpha) * h_MLP]} with bias
 * {@code alpha * b_GMF + (1 - alpha) * b_MLP}. So, without dropout, NeuMF's logit equals {@code
 * alpha * GMF logit + (1 - alpha) * MLP logit} for every pair right after the transplant. Values are
 * copied: later changes to the sources do not reach the NeuMF.
 *
 * <p><b>Sizes.</b> The NeuMF's sizes are the parts': gmfDim is the GMF's embeddingDim, mlpDim, layers
 * and dropout are the MLP's (logged once per transplant). Note that GMF's default embeddingDim is 64
 * while NeuMF's default gmfDim is 32: train the GMF with {@code embeddingDim(32)} to pretrain the
 * reference NeuMF, or pass the NeuMF you mean to {@link #transplant(NcfModel, NcfModel, NeuMF)},
 * which rejects parts whose sizes differ from it.
 *
 * <p><b>Fine-tuning: use Adam at learning rate 0.001</b> ({@code NcfTrainer}'s default). Measured on
 * MovieLens-100k (three seeds, 10 epochs each): Adam fine-tuning reached full HR@10 0.1428 against
 * 0.1326 for NeuMF trained from scratch. The paper fine-tunes with plain SGD because Adam's moments
 * are not carried over, but SGD at 0.001 barely moves the transplanted model (0.128-0.135 full
 * HR@10, the transplant's own level).
 *
 * <pre>{@code
 * NcfTrainer trainer = NcfTrainer.builder().epochs(10).build();   // Adam 0.001
 * try (NcfModel gmf = trainer.fit(GMF.builder().embeddingDim(32).build(), train);
 *         NcfModel mlp = trainer.fit(MLP.builder().build(), train);
 *         NcfModel neumf = Pretraining.builder().build()
 *                 .transplant(gmf, mlp, NeuMF.builder().build())) {   // sizes checked
 *     trainer.fit(neumf, train);                                      // fine-tune
 * }
 * }</pre>
 */
public final class Pretraining {

    private static final Logger LOG = LoggerFactory.getLogger(Pretraining.class);

    /** The default weight of the GMF part in the output layer, as in the paper. */
    public static final double DEFAULT_ALPHA = 0.5;

    private final double alpha;

    private Pretraining(Builder b) {
        this.alpha = b.alpha;
    }

    /**
     * Returns a builder with alpha {@value #DEFAULT_ALPHA}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the weight of the GMF part in the output layer */
    public double alpha() {
        return alpha;
    }

    /**
     * Returns a NeuMF whose shape matches the given parts: gmfDim from the GMF, mlpDim, layers and
     * dropout from the MLP. Its parameters are not initialised.
     *
     * @param gmf the GMF part
     * @param mlp the MLP part
     * @param seed the NeuMF's seed (only its initial values, all overwritten by a transplant)
     * @return a new NeuMF block
     * @throws IllegalArgumentException if the parts differ in users or items
     */
    public static NeuMF matchingNeuMF(GMF gmf, MLP mlp, long seed) {
        checkSameSizes(gmf, mlp);
        return NeuMF.builder().numUsers(gmf.numUsers()).numItems(gmf.numItems())
                .gmfDim(gmf.embeddingDim()).mlpDim(mlp.embeddingDim()).mlpLayers(mlp.layers())
                .dropout(mlp.dropout()).seed(seed).build();
    }

    /**
     * Builds a new NeuMF model from a trained GMF model and a trained MLP model, with the id
     * mappings and training items of the GMF model (which must equal the MLP model's).
     *
     * @param gmfModel a model holding a trained GMF
     * @param mlpModel a model holding a trained MLP over the same users and items
     * @return a new model holding the NeuMF, to be closed by the caller
     * @throws IllegalArgumentException if the models do not hold a GMF and an MLP, or their users,
     *     items or training items differ
     */
    public NcfModel transplant(NcfModel gmfModel, NcfModel mlpModel) {
        return transplantInto(gmfModel, mlpModel, null);
    }

    /**
     * Builds a new NeuMF model from a trained GMF and MLP, checking the parts against the NeuMF
     * configuration you mean: its gmfDim must equal the GMF's embeddingDim, its mlpDim and mlpLayers
     * the MLP's; its dropout and seed are used. Sizes it was built without are taken from the parts.
     *
     * @param gmfModel a model holding a trained GMF
     * @param mlpModel a model holding a trained MLP over the same users and items
     * @param neumf the intended NeuMF configuration
     * @return a new model holding the NeuMF, to be closed by the caller
     * @throws IllegalArgumentException if a size of the configuration differs from the parts' (the
     *     message names both), or as {@link #transplant(NcfModel, NcfModel)}
     */
    public NcfModel transplant(NcfModel gmfModel, NcfModel mlpModel, NeuMF neumf) {
        return transplantInto(gmfModel, mlpModel, Objects.requireNonNull(neumf, "neumf"));
    }

    private NcfModel transplantInto(NcfModel gmfModel, NcfModel mlpModel, NeuMF config) {
        if (!(gmfModel.block() instanceof GMF gmf)) {
            throw new IllegalArgumentException("gmfModel must hold a gmf block, got "
                    + gmfModel.block().kind());
        }
        if (!(mlpModel.block() instanceof MLP mlp)) {
            throw new IllegalArgumentException("mlpModel must hold an mlp block, got "
                    + mlpModel.block().kind());
        }
        if (!gmfModel.userIds().equals(mlpModel.userIds())
                || !gmfModel.itemIds().equals(mlpModel.itemIds())) {
            throw new IllegalArgumentException("gmfModel and mlpModel must share user and item id"
                    + " mappings (train them on the same split)");
        }
        for (int u = 0; u < gmfModel.numUsers(); u++) {
            if (!Arrays.equals(gmfModel.trainingItems(u), mlpModel.trainingItems(u))) {
                throw new IllegalArgumentException("gmfModel and mlpModel must have the same"
                        + " training items; they differ for user " + gmfModel.userIds().rawId(u));
            }
        }
        NeuMF neumf;
        if (config == null) {
            neumf = matchingNeuMF(gmf, mlp, gmf.seed());
        } else {
            checkConfig(config, gmf, mlp);
            neumf = NeuMF.builder().numUsers(gmf.numUsers()).numItems(gmf.numItems())
                    .gmfDim(config.gmfDim()).mlpDim(config.mlpDim()).mlpLayers(config.mlpLayers())
                    .dropout(config.dropout()).seed(config.seed()).build();
        }
        LOG.info("pretrained NeuMF takes its sizes from the parts: gmfDim {} (the GMF's embeddingDim),"
                + " mlpDim {}, mlpLayers {} (the MLP's), dropout {}", neumf.gmfDim(), neumf.mlpDim(),
                Arrays.toString(neumf.mlpLayers()), neumf.dropout());
        NcfModel result = gmfModel.withBlock(neumf);
        try {
            transplant(gmf, mlp, neumf);
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        result.putProvenance("pretrained", "gmf+mlp");
        result.putProvenance("pretrainAlpha", Double.toString(alpha));
        return result;
    }

    /**
     * Copies a trained GMF and MLP into an initialised NeuMF of matching shape.
     *
     * @param gmf the trained GMF (initialised)
     * @param mlp the trained MLP (initialised)
     * @param target the NeuMF to overwrite (initialised)
     * @throws IllegalArgumentException if the shapes do not match; the message names the field
     */
    public void transplant(GMF gmf, MLP mlp, NeuMF target) {
        checkSameSizes(gmf, mlp);
        if (target.numUsers() != gmf.numUsers() || target.numItems() != gmf.numItems()) {
            throw new IllegalArgumentException("target must have the parts' " + gmf.numUsers()
                    + " users and " + gmf.numItems() + " items, got " + target.numUsers() + " and "
                    + target.numItems());
        }
        if (target.gmfDim() != gmf.embeddingDim()) {
            throw new IllegalArgumentException("target gmfDim must equal the GMF's embeddingDim "
                    + gmf.embeddingDim() + ", got " + target.gmfDim());
        }
        if (target.mlpDim() != mlp.embeddingDim()) {
            throw new IllegalArgumentException("target mlpDim must equal the MLP's embeddingDim "
                    + mlp.embeddingDim() + ", got " + target.mlpDim());
        }
        if (!Arrays.equals(target.mlpLayers(), mlp.layers())) {
            throw new IllegalArgumentException("target mlpLayers must equal the MLP's layers "
                    + Arrays.toString(mlp.layers()) + ", got " + Arrays.toString(target.mlpLayers()));
        }
        copy(gmf, "gmf_user_embedding", target, "gmf_user_embedding");
        copy(gmf, "gmf_item_embedding", target, "gmf_item_embedding");
        copy(mlp, "mlp_user_embedding", target, "mlp_user_embedding");
        copy(mlp, "mlp_item_embedding", target, "mlp_item_embedding");
        for (int l = 1; l <= mlp.layers().length; l++) {
            copy(mlp, "mlp_layer" + l + "_weight", target, "mlp_layer" + l + "_weight");
            copy(mlp, "mlp_layer" + l + "_bias", target, "mlp_layer" + l + "_bias");
        }
        float[] wGmf = values(gmf, "output_weight");
        float[] wMlp = values(mlp, "output_weight");
        float[] w = new float[wGmf.length + wMlp.length];
        for (int k = 0; k < wGmf.length; k++) {
            w[k] = (float) (alpha * wGmf[k]);
        }
        for (int k = 0; k < wMlp.length; k++) {
            w[wGmf.length + k] = (float) ((1 - alpha) * wMlp[k]);
        }
        target.setParameterValues("output_weight", w);
        float b = (float) (alpha * values(gmf, "output_bias")[0]
                + (1 - alpha) * values(mlp, "output_bias")[0]);
        target.setParameterValues("output_bias", new float[] {b});
    }

    private static void copy(NcfBlock from, String fromName, NeuMF to, String toName) {
        to.setParameterValues(toName, values(from, fromName));
    }

    private static float[] values(NcfBlock block, String name) {
        var p = block.parameter(name);
        if (!p.isInitialized()) {
            throw new IllegalStateException(block.kind() + " parameter " + name
                    + " is not initialised; train (or create) the " + block.kind() + " first");
        }
        return p.getArray().toFloatArray();
    }

    private static void checkConfig(NeuMF config, GMF gmf, MLP mlp) {
        if (config.gmfDim() != gmf.embeddingDim()) {
            throw new IllegalArgumentException("NeuMF gmfDim " + config.gmfDim() + " differs from the"
                    + " pretrained GMF's embeddingDim " + gmf.embeddingDim() + "; train the GMF with"
                    + " embeddingDim(" + config.gmfDim() + ") or build NeuMF with gmfDim("
                    + gmf.embeddingDim() + ")");
        }
        if (config.mlpDim() != mlp.embeddingDim()) {
            throw new IllegalArgumentException("NeuMF mlpDim " + config.mlpDim() + " differs from the"
                    + " pretrained MLP's embeddingDim " + mlp.embeddingDim());
        }
        if (!Arrays.equals(config.mlpLayers(), mlp.layers())) {
            throw new IllegalArgumentException("NeuMF mlpLayers " + Arrays.toString(config.mlpLayers())
                    + " differ from the pretrained MLP's layers " + Arrays.toString(mlp.layers()));
        }
        if (config.numUsers() != 0 && config.numUsers() != gmf.numUsers()
                || config.numItems() != 0 && config.numItems() != gmf.numItems()) {
            throw new IllegalArgumentException("NeuMF was built for " + config.numUsers() + " users and "
                    + config.numItems() + " items but the pretrained parts have " + gmf.numUsers()
                    + " and " + gmf.numItems());
        }
    }

    private static void checkSameSizes(GMF gmf, MLP mlp) {
        if (gmf.numUsers() != mlp.numUsers()) {
            throw new IllegalArgumentException("MLP numUsers must equal the GMF's " + gmf.numUsers()
                    + ", got " + mlp.numUsers());
        }
        if (gmf.numItems() != mlp.numItems()) {
            throw new IllegalArgumentException("MLP numItems must equal the GMF's " + gmf.numItems()
                    + ", got " + mlp.numItems());
        }
    }

    @Override
    public String toString() {
        return "Pretraining{alpha=" + alpha + "}";
    }

    /** Builds a {@link Pretraining}; the setter checks its argument at once. */
    public static final class Builder {

        private double alpha = DEFAULT_ALPHA;

        private Builder() {
        }

        /**
         * Sets the weight of the GMF part (default {@value Pretraining#DEFAULT_ALPHA}).
         *
         * @param alpha the weight, in [0, 1]
         * @return this builder
         */
        public Builder alpha(double alpha) {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /**
         * Builds the helper.
         *
         * @return a new Pretraining
         */
        public Pretraining build() {
            return new Pretraining(this);
        }
    }
}
