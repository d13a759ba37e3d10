package io.github.ncf.eval.tune;

import io.github.ncf.core.model.GMF;
import io.github.ncf.core.model.MF;
import io.github.ncf.core.model.MLP;
import io.github.ncf.core.model.NcfBlock;
import io.github.ncf.core.model.NcfModel;
import io.github.ncf.core.model.NeuMF;
import io.github.ncf.core.pretrain.Pretraining;
import io.github.ncf.core.train.FitResult;
import io.github.ncf.core.train.NcfTrainer;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.Seeds;
import io.github.ncf.data.split.Split;
import io.github.ncf.eval.RankingEvaluation;
import io.github.ncf.eval.baseline.EASE;
import io.github.ncf.eval.baseline.ImplicitALS;
import io.github.ncf.eval.baseline.ItemKNN;
import io.github.ncf.eval.baseline.ItemPopularity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The models of the comparison as {@link Recipe}s: their search spaces, their defaults, and how each
 * is trained from a configuration, all with one seed and one evaluation.
 *
 * <pre>{@code
 * Recipes recipes = Recipes.builder().evaluation(evaluation).seed(42).maxEpochs(20).build();
 * Recipe mf = recipes.get("mf");
 * }</pre>
 *
 * <p>Spaces: GMF, MLP and NeuMF draw the learning rate (log-uniform 1e-4..1e-2), embedding sizes,
 * MLP layers and dropout, negatives and L2 (with NeuMF also GMF+MLP pretraining on or off); their
 * epochs are chosen by early stopping on validation. MF (Rendle et al. 2020) draws dim, learning rate,
 * L2 and negatives; EASE its lambda (log-uniform 10..2000); ItemKNN k (log-integer 5..200); iALS
 * factors, regularisation, alpha and iterations. ItemPopularity has nothing to tune.
 *
 * <p>An NCF or MF trial records, beside the epoch early stopping chose, the batch size it trained with
 * ({@code batchSize}): the chosen epochs hold for that batch size, so a final fit of the chosen
 * configuration trains with it whatever the recipes' own batch size is.
 */
public final class Recipes {

    /** The model names in the order the comparison lists them. */
    public static final List<String> NAMES =
            List.of("itempop", "itemknn", "ease", "ials", "mf", "gmf", "mlp", "neumf");

    /** The default most epochs of an NCF or MF fit (early stopping may stop it sooner). */
    public static final int DEFAULT_MAX_EPOCHS = 20;

    private static final Object[] LAYERS = {"64-32-16", "128-64-32", "256-128-64"};
    private static final Object[] L2 = {0.0, 1e-7, 1e-6, 1e-5};

    private final RankingEvaluation evaluation;
    private final long seed;
    private final int threads;
    private final int maxEpochs;
    private final int batchSize;
    private final Map<String, Recipe> recipes = new LinkedHashMap<>();

    private Recipes(Builder b) {
        evaluation = b.evaluation != null ? b.evaluation : RankingEvaluation.builder().seed(b.seed).build();
        seed = b.seed;
        threads = b.threads;
        maxEpochs = b.maxEpochs;
        batchSize = b.batchSize;
        add("itempop", SearchSpace.builder().build(), Map.of(), (c, s, st) -> new Fitted(
                ItemPopularity.fit(data(s, st)), Map.of()));
        add("itemknn", SearchSpace.builder().logInt("k", 5, 200).build(), Map.of("k", ItemKNN.DEFAULT_K),
                (c, s, st) -> new Fitted(ItemKNN.builder().k(i(c, "k")).fit(data(s, st)), Map.of()));
        add("ease", SearchSpace.builder().logUniform("lambda", 10, 2000).build(),
                Map.of("lambda", EASE.DEFAULT_LAMBDA),
                (c, s, st) -> new Fitted(EASE.builder().lambda(d(c, "lambda")).fit(data(s, st)), Map.of()));
        add("ials", SearchSpace.builder().choice("factors", 16, 32, 64, 128).logUniform("reg", 0.1, 100)
                        .logUniform("alpha", 1, 100).logInt("iterations", 5, 20).build(),
                ordered("factors", ImplicitALS.DEFAULT_FACTORS, "reg", ImplicitALS.DEFAULT_LAMBDA, "alpha",
                        ImplicitALS.DEFAULT_ALPHA, "iterations", ImplicitALS.DEFAULT_ITERATIONS),
                (c, s, st) -> new Fitted(ImplicitALS.builder().factors(i(c, "factors")).lambda(d(c, "reg"))
                        .alpha(d(c, "alpha")).iterations(i(c, "iterations")).seed(seed).fit(data(s, st)),
                        Map.of()));
        add("mf", SearchSpace.builder().choice("dim", 16, 32, 64, 128, 192).logUniform("lr", 1e-4, 1e-2)
                        .choice("l2", L2).choice("negatives", 4, 8, 12, 16).build(),
                ordered("dim", MF.DEFAULT_DIM, "lr", 1e-3, "l2", 0.0, "negatives", 8, "epochs", 10),
                (c, s, st) -> ncf(c, s, st, cfg -> MF.builder().dim(i(cfg, "dim")).build()));
        add("gmf", SearchSpace.builder().logUniform("lr", 1e-4, 1e-2).choice("embeddingDim", 8, 16, 32, 64)
                        .choice("negatives", 2, 4, 6, 8).choice("l2", L2).build(),
                ordered("lr", 1e-3, "embeddingDim", GMF.DEFAULT_EMBEDDING_DIM, "negatives", 4, "l2", 0.0,
                        "epochs", 10),
                (c, s, st) -> ncf(c, s, st, cfg -> gmf(cfg, "embeddingDim")));
        add("mlp", SearchSpace.builder().logUniform("lr", 1e-4, 1e-2).choice("embeddingDim", 16, 32, 64)
                        .choice("layers", LAYERS).uniform("dropout", 0, 0.5).choice("negatives", 2, 4, 6, 8)
                        .choice("l2", L2).build(),
                ordered("lr", 1e-3, "embeddingDim", 64, "layers", "128-64-32", "dropout", 0.2, "negatives", 4,
                        "l2", 0.0, "epochs", 10),
                (c, s, st) -> ncf(c, s, st, cfg -> mlp(cfg, "embeddingDim")));
        add("neumf", SearchSpace.builder().logUniform("lr", 1e-4, 1e-2).choice("gmfDim", 8, 16, 32, 64)
                        .choice("mlpDim", 16, 32, 64).choice("layers", LAYERS).uniform("dropout", 0, 0.5)
                        .choice("negatives", 2, 4, 6, 8).choice("l2", L2).choice("pretrain", false, true)
                        .build(),
                ordered("lr", 1e-3, "gmfDim", 32, "mlpDim", 64, "layers", "128-64-32", "dropout", 0.2,
                        "negatives", 4, "l2", 0.0, "pretrain", false, "epochs", 10),
                this::neumf);
    }

    /**
     * Returns a builder with the defaults: {@link Seeds#DEFAULT}, one thread, {@value #DEFAULT_MAX_EPOCHS}
     * most epochs, batch 256.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a model's recipe.
     *
     * @param name one of {@link #NAMES}
     * @return the recipe
     * @throws IllegalArgumentException naming the allowed names
     */
    public Recipe get(String name) {
        Recipe r = recipes.get(name);
        if (r == null) {
            throw new IllegalArgumentException("model must be one of " + String.join(", ", NAMES) + ", got \""
                    + name + "\"");
        }
        return r;
    }

    /** @return the evaluation whose validation protocol early stopping reads */
    public RankingEvaluation evaluation() {
        return evaluation;
    }

    private interface FitFunction {
        Fitted fit(Map<String, Object> config, Split split, Recipe.Stage stage);
    }

    private void add(String name, SearchSpace space, Map<String, Object> defaults, FitFunction fit) {
        Map<String, Object> d = new LinkedHashMap<>(defaults);
        recipes.put(name, new Recipe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SearchSpace space() {
                return space;
            }

            @Override
            public Map<String, Object> defaults() {
                return new LinkedHashMap<>(d);
            }

            @Override
            public Fitted fit(Map<String, Object> config, Split split, Stage stage) {
                Map<String, Object> merged = new LinkedHashMap<>(d);
                merged.putAll(Objects.requireNonNull(config, "config"));
                return fit.fit(merged, Objects.requireNonNull(split, "split"), stage);
            }

            @Override
            public String toString() {
                return "Recipe{" + name + ", " + space + "}";
            }
        });
    }

    private static Interactions data(Split split, Recipe.Stage stage) {
        return stage == Recipe.Stage.SELECTION ? split.train() : split.trainAndValidation();
    }

    /**
     * Trains a block with NcfTrainer: under SELECTION up to maxEpochs with early stopping on validation
     * (best epoch restored and reported as {@code epochs}), under FINAL for the configuration's epochs.
     */
    private Fitted ncf(Map<String, Object> c, Split split, Recipe.Stage stage, Function<Map<String, Object>,
            NcfBlock> block) {
        Interactions train = data(split, stage);
        NcfModel model = NcfModel.create(block.apply(c).bind(train.numUsers(), train.numItems(), seed), train);
        return train(model, c, split, stage, new LinkedHashMap<>());
    }

    /** Trains a created model in place; closes it if training fails. */
    private Fitted train(NcfModel model, Map<String, Object> c, Split split, Recipe.Stage stage,
            Map<String, Object> learned) {
        try {
            boolean selection = stage == Recipe.Stage.SELECTION;
            NcfTrainer.Builder t = trainer(c, selection ? maxEpochs : i(c, "epochs"));
            if (selection) {
                t.earlyStopping(evaluation.earlyStopping(split));
            }
            FitResult r = t.build().fit(model, data(split, stage));
            if (selection) {
                learned.put("epochs", r.bestEpoch());
                // The epochs chosen hold for this batch size only; the final fit must use the same.
                learned.putIfAbsent("batchSize", c.containsKey("batchSize") ? i(c, "batchSize") : batchSize);
            }
            return new Fitted(model, learned);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A configuration may carry the batch size it was chosen with (a tuned one does); else the recipes'. */
    private NcfTrainer.Builder trainer(Map<String, Object> c, int epochs) {
        int batch = c.containsKey("batchSize") ? i(c, "batchSize") : batchSize;
        return NcfTrainer.builder().epochs(epochs).batchSize(batch).negatives(i(c, "negatives"))
                .learningRate((float) d(c, "lr")).l2((float) d(c, "l2")).seed(seed).threads(threads);
    }

    private static NcfBlock gmf(Map<String, Object> c, String dimKey) {
        return GMF.builder().embeddingDim(i(c, dimKey)).build();
    }

    private static NcfBlock mlp(Map<String, Object> c, String dimKey) {
        return MLP.builder().embeddingDim(i(c, dimKey)).layers(layers(c)).dropout(d(c, "dropout"))
                .build();
    }

    /**
     * NeuMF, with pretraining when the configuration says so: GMF and MLP trained first (each stopping
     * early on validation under SELECTION), their weights transplanted, then NeuMF trained on.
     */
    private Fitted neumf(Map<String, Object> c, Split split, Recipe.Stage stage) {
        NeuMF config = NeuMF.builder().gmfDim(i(c, "gmfDim")).mlpDim(i(c, "mlpDim")).mlpLayers(layers(c))
                .dropout(d(c, "dropout")).build();
        if (!Boolean.parseBoolean(String.valueOf(c.get("pretrain")))) {
            return ncf(c, split, stage, cfg -> config);
        }
        Map<String, Object> learned = new LinkedHashMap<>();
        Map<String, Object> gc = new LinkedHashMap<>(c);
        Map<String, Object> mc = new LinkedHashMap<>(c);
        if (stage == Recipe.Stage.FINAL) {
            gc.put("epochs", c.get("gmfEpochs"));
            mc.put("epochs", c.get("mlpEpochs"));
        }
        try (Fitted g = ncf(gc, split, stage, cfg -> gmf(cfg, "gmfDim"));
                Fitted m = ncf(mc, split, stage, cfg -> mlp(cfg, "mlpDim"))) {
            if (stage == Recipe.Stage.SELECTION) {
                learned.put("gmfEpochs", g.learned().get("epochs"));
                learned.put("mlpEpochs", m.learned().get("epochs"));
            }
            NcfModel model = Pretraining.builder().build().transplant((NcfModel) g.scorer(),
                    (NcfModel) m.scorer(), config);
            return train(model, c, split, stage, learned);
        }
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = 0; k < kv.length; k += 2) {
            m.put((String) kv[k], kv[k + 1]);
        }
        return m;
    }

    private static int[] layers(Map<String, Object> c) {
        Object v = c.get("layers");
        return Arrays.stream(String.valueOf(v).split("[-,]")).map(String::trim).mapToInt(Integer::parseInt)
                .toArray();
    }

    static int i(Map<String, Object> c, String key) {
        return (int) Math.round(d(c, key));
    }

    static double d(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v == null) {
            throw new IllegalArgumentException("configuration has no " + key);
        }
        try {
            return Double.parseDouble(v.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got \"" + v + "\"", e);
        }
    }

    /** Builds {@link Recipes}; each setter checks its argument. */
    public static final class Builder {

        private RankingEvaluation evaluation;
        private long seed = Seeds.DEFAULT;
        private int threads = 1;
        private int maxEpochs = DEFAULT_MAX_EPOCHS;
        private int batchSize = NcfTrainer.DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /**
         * Sets the evaluation whose validation full ranking early stopping reads (default: HR@10 and
         * NDCG@10, seeded with {@link #seed(long)}).
         *
         * @param evaluation the evaluation
         * @return this builder
         */
        public Builder evaluation(RankingEvaluation evaluation) {
            this.evaluation = Objects.requireNonNull(evaluation, "evaluation");
            return this;
        }

        /**
         * Sets the seed of every trained model (weights, negatives, iALS factors).
         *
         * @param seed default {@link Seeds#DEFAULT}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the training threads of the NCF trainer.
         *
         * @param threads >= 1; default 1
         * @return this builder
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets the most epochs of an NCF or MF search trial (early stopping on validation picks the
         * epoch within them).
         *
         * @param maxEpochs >= 1; default {@value Recipes#DEFAULT_MAX_EPOCHS}
         * @return this builder
         */
        public Builder maxEpochs(int maxEpochs) {
            if (maxEpochs < 1) {
                throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
            }
            this.maxEpochs = maxEpochs;
            return this;
        }

        /**
         * Sets the NCF and MF batch size in positives.
         *
         * @param batchSize >= 1; default {@value NcfTrainer#DEFAULT_BATCH_SIZE}
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Builds the recipes.
         *
         * @return the recipes
         */
        public Recipes build() {
            return new Recipes(this);
        }
    }
}
