package io.github.ncf.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class KendallTauTest {

    @Test
    void identicalOrders_giveOne() {
        assertThat(KendallTau.tauB(new double[] {0.3, 0.1, 0.2, 0.5}, new double[] {3, 1, 2, 5}))
                .isEqualTo(1.0);
    }

    @Test
    void reversedOrders_giveMinusOne() {
        assertThat(KendallTau.tauB(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
    }

    @Test
    void oneSwappedPairOfThree_givesOneThird() {
        // Pairs (0,1) discordant, (0,2) and (1,2) concordant: (2 - 1) / 3.
        assertThat(KendallTau.tauB(new double[] {0.149, 0.134, 0.086}, new double[] {0.618, 0.641, 0.395}))
                .isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void ties_areHandledAsTauB() {
        // x = 1,2,2,3 and y = 2,1,3,3: C = 3 (pairs 02, 03, 13), D = 1 (pair 01), one pair tied in x
        // (12) and one in y (23): (3 - 1) / sqrt((6 - 1) * (6 - 1)) = 0.4.
        assertThat(KendallTau.tauB(new double[] {1, 2, 2, 3}, new double[] {2, 1, 3, 3}))
                .isCloseTo(0.4, within(1e-15));
    }

    @Test
    void tiesOnOneSideOnly_shrinkTheDenominatorOnThatSide() {
        // C = 5, D = 0, one pair tied in x only: 5 / sqrt(5 * 6).
        assertThat(KendallTau.tauB(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}))
                .isCloseTo(5 / Math.sqrt(30), within(1e-15));
    }

    @Test
    void allTied_isNaN() {
        assertThat(KendallTau.tauB(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    @Test
    void namedOrders_oneAdjacentSwap() {
        // Four names, one adjacent pair swapped: (5 - 1) / 6.
        assertThat(KendallTau.tauB(List.of("ease", "itemknn", "neumf", "pop"),
                List.of("ease", "neumf", "itemknn", "pop"))).isCloseTo(4.0 / 6, within(1e-15));
    }

    @Test
    void namedOrders_differentNames_areRejected() {
        assertThatThrownBy(() -> KendallTau.tauB(List.of("a", "b"), List.of("a", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same distinct names");
    }

    @Test
    void namedOrders_repeatedName_isRejected() {
        assertThatThrownBy(() -> KendallTau.tauB(List.of("a", "b"), List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"a\" twice");
    }

    @Test
    void differentLengths_areRejected() {
        assertThatThrownBy(() -> KendallTau.tauB(new double[] {1, 2}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 and 3 values");
    }

    @Test
    void singleThing_isRejected() {
        assertThatThrownBy(() -> KendallTau.tauB(new double[] {1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }

    @Test
    void nan_isRejected() {
        assertThatThrownBy(() -> KendallTau.tauB(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]=NaN");
    }
}
