package io.github.ncf.eval.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    @Test
    void logUniform_nonPositiveLow_isRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().logUniform("lambda", 0, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda: low must be > 0 for a log-uniform range, got 0.0");
    }

    @Test
    void range_highBelowLow_isRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().uniform("dropout", 0.5, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dropout: range must be finite with high >= low, got [0.5, 0.1]");
    }

    @Test
    void name_declaredTwice_isRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().choice("k", 1).choice("k", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k is declared twice");
    }

    @Test
    void samples_stayWithinTheirRanges() {
        SearchSpace space = SearchSpace.builder().logUniform("lambda", 10, 2000).logInt("k", 5, 200)
                .uniform("dropout", 0, 0.5).choice("negatives", 4, 8).build();
        for (int t = 0; t < 200; t++) {
            Map<String, Object> c = space.sample(1, t);
            assertThat((Double) c.get("lambda")).isBetween(10.0, 2000.0);
            assertThat((Integer) c.get("k")).isBetween(5, 200);
            assertThat((Double) c.get("dropout")).isBetween(0.0, 0.5);
            assertThat(c.get("negatives")).isIn(4, 8);
        }
    }

    @Test
    void negativeTrial_isRejected() {
        assertThatThrownBy(() -> SearchSpace.builder().build().sample(1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trial must be >= 0, got -1");
    }

    @Test
    void fix_unknownName_isRejectedNamingTheSpacesNames() {
        SearchSpace space = SearchSpace.builder().logUniform("lr", 1e-4, 1e-2).build();
        assertThatThrownBy(() -> space.fix("dropout", 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no hyperparameter \"dropout\"").hasMessageContaining("[lr]");
    }
}
