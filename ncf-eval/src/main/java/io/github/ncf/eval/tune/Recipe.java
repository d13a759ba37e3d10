package io.github.ncf.eval.tune;

import io.github.ncf.data.split.Split;
import java.util.Map;
import java.util.Objects;

/**
 * How one model of the comparison is trained from a configuration, and the space its search draws from.
 *
 * <pre>{@code
 * Recipe ease = Recipes.builder().build().get("ease");
 * try (Fitted f = ease.fit(Map.of("lambda", 100.0), split, Recipe.Stage.FINAL)) { ... }
 * }</pre>
 */
public interface Recipe {

    /** Where a fit sits in the protocol. */
    enum Stage {
        /**
         * A search trial: trains on {@code split.train()}; iterative models stop early on validation
         * and report the epoch they chose.
         */
        SELECTION,
        /**
         * The chosen configuration: trains on {@code split.trainAndValidation()} (what is known at test
         * time) for the epochs chosen on validation, reading no held-out row.
         */
        FINAL
    }

    /** @return the model's name on the command line, e.g. {@code ease} */
    String name();

    /** @return the hyperparameters a search draws */
    SearchSpace space();

    /** @return the configuration used when none is tuned: the library's defaults */
    Map<String, Object> defaults();

    /**
     * Trains the model.
     *
     * @param config hyperparameters (numbers may arrive as any Number, e.g. read back from JSON); a
     *     missing key takes its default
     * @param split the split; SELECTION needs its validation rows
     * @param stage selection trial or final fit
     * @return the trained model and what training chose
     */
    Fitted fit(Map<String, Object> config, Split split, Stage stage);

    /**
     * Returns this recipe with one hyperparameter held at a value in every trial (see {@link
     * SearchSpace#fix(String, Object)}); training is unchanged.
     *
     * <pre>{@code
     * Recipe pretrained = recipes.get("neumf").fix("pretrain", true);
     * }</pre>
     *
     * @param name a hyperparameter of the space
     * @param value the value it keeps
     * @return the recipe with the narrower space
     * @throws IllegalArgumentException if the space has no such hyperparameter
     */
    default Recipe fix(String name, Object value) {
        Recipe outer = this;
        SearchSpace narrowed = space().fix(name, value);
        return new Recipe() {
            @Override
            public String name() {
                return outer.name();
            }

            @Override
            public SearchSpace space() {
                return narrowed;
            }

            @Override
            public Map<String, Object> defaults() {
                Map<String, Object> d = outer.defaults();
                d.put(name, value);
                return d;
            }

            @Override
            public Fitted fit(Map<String, Object> config, Split split, Stage stage) {
                return outer.fit(Objects.requireNonNull(config, "config"), split, stage);
            }

            @Override
            public String toString() {
                return "Recipe{" + name() + ", " + narrowed + "}";
            }
        };
    }
}
