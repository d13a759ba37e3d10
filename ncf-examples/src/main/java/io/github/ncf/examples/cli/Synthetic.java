package io.github.ncf.examples.cli;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.ItemCatalog;
import io.github.ncf.data.synthetic.SyntheticInteractions;

/** Generates the synthetic data sets named {@code synthetic:SIZE} with ncf-data's presets. */
final class Synthetic {

    private Synthetic() {
    }

    /**
     * Returns the generator of a size.
     *
     * @param size {@code tiny}, {@code small}, {@code 1m} or {@code 20m}
     * @return the preset generator
     * @throws IllegalArgumentException for another size
     */
    static SyntheticInteractions preset(String size) {
        return switch (size) {
            case "tiny" -> SyntheticInteractions.tiny();
            case "small" -> SyntheticInteractions.small();
            case "1m" -> SyntheticInteractions.ml1mSize();
            case "20m" -> SyntheticInteractions.ml20mSize();
            default -> throw new IllegalArgumentException("synthetic size must be one of "
                    + DatasetSpec.SYNTHETIC_SIZES + ", got \"" + size + "\"");
        };
    }

    /**
     * Generates a synthetic data set; its raw ids are 1..N as in MovieLens and it has no titles.
     *
     * @param spec a {@code synthetic:SIZE} spec
     * @return the data
     */
    static Experiment.LoadedData load(DatasetSpec spec) {
        SyntheticInteractions generator = preset(spec.name());
        Interactions data = generator.generate();
        return new Experiment.LoadedData(spec, data, ItemCatalog.empty(), "generated: " + generator);
    }
}
