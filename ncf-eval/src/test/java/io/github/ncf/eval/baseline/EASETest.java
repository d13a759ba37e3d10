package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.testing.EvalFixtures;
import org.junit.jupiter.api.Test;

class EASETest {

    // Users {0,1}, {0}, {0,1}, {0}: item 0 has 4 users, item 1 has 2, both together 2.
    private static Interactions twoItems() {
        return Interactions.of(IdMapping.sequential(0, 4), IdMapping.sequential(0, 2),
                new int[] {0, 0, 1, 2, 2, 3}, new int[] {0, 1, 0, 0, 1, 0}, null, null);
    }

    @Test
    void twoItems_weightsAreRidgeRegressionsOnTheOtherItem() {
        // With two items B[0][1] = x0.x1 / (x0.x0 + lambda) = 2 / (4 + 1), B[1][0] = 2 / (2 + 1).
        EASE ease = EASE.builder().lambda(1).fit(twoItems());
        assertThat(ease.weight(0, 1)).isCloseTo(0.4f, within(1e-6f));
        assertThat(ease.weight(1, 0)).isCloseTo(2f / 3, within(1e-6f));
        assertThat(ease.weight(0, 0)).isZero();
        assertThat(ease.weight(1, 1)).isZero();
    }

    @Test
    void weights_matchAnIndependentDoubleInverse() {
        Interactions train = EvalFixtures.randomSplit(40, 12, 5, 3L)[0];
        double lambda = 2.5;
        EASE ease = EASE.builder().lambda(lambda).fit(train);
        int n = train.numItems();
        double[][] g = new double[n][n];
        for (int u = 0; u < train.numUsers(); u++) {
            for (int i : train.itemsOf(u)) {
                for (int j : train.itemsOf(u)) {
                    g[i][j]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            g[i][i] += lambda;
        }
        double[][] p = gaussJordanInverse(g);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double expected = i == j ? 0 : -p[i][j] / p[j][j];
                assertThat((double) ease.weight(i, j)).as("B[%d][%d]", i, j).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void solve_inBlocksOfRows_equalsOneBlock() {
        // Catalogues above 23,170 items cross to native memory in blocks; 12 items in blocks of 5.
        Interactions train = EvalFixtures.randomSplit(40, 12, 5, 3L)[0];
        float[] whole = EASE.solve(EASE.gram(train, 2.5), 12, 12);
        float[] blocks = EASE.solve(EASE.gram(train, 2.5), 12, 5);
        assertThat(blocks).containsExactly(whole);
    }

    @Test
    void score_sumsTheWeightsFromTheUsersItems() {
        EASE ease = EASE.builder().lambda(1).fit(twoItems());
        float[] out = new float[3];
        // User 1 has item 0 only; user 0 has both, so each item gets the other's weight.
        ease.score(new int[] {1, 1, 0}, new int[] {0, 1, 1}, out);
        assertThat(out[0]).isZero();
        assertThat(out[1]).isCloseTo(0.4f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0.4f, within(1e-6f));
    }

    @Test
    void scoreAllItems_equalsScore() {
        Interactions train = EvalFixtures.randomSplit(30, 15, 6, 4L)[0];
        EASE ease = EASE.builder().lambda(3).fit(train);
        assertScoreAllItemsEqualsScore(ease);
    }

    static void assertScoreAllItemsEqualsScore(io.github.ncf.core.Scorer scorer) {
        int n = scorer.numItems();
        int[] users = {3, 0, 7, 3};
        float[] all = new float[users.length * n];
        scorer.scoreAllItems(users, all);
        for (int b = 0; b < users.length; b++) {
            int[] u = new int[n];
            int[] items = new int[n];
            for (int i = 0; i < n; i++) {
                u[i] = users[b];
                items[i] = i;
            }
            float[] pairs = new float[n];
            scorer.score(u, items, pairs);
            for (int i = 0; i < n; i++) {
                assertThat(all[b * n + i]).as("user %d item %d", users[b], i)
                        .isCloseTo(pairs[i], within(1e-5f));
            }
        }
    }

    @Test
    void lambda_zero_isRejected() {
        assertThatThrownBy(() -> EASE.builder().lambda(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda must be > 0 and finite, got 0.0");
    }

    @Test
    void lambda_nan_isRejected() {
        assertThatThrownBy(() -> EASE.builder().lambda(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got NaN");
    }

    @Test
    void unknownUser_isRejected() {
        EASE ease = EASE.builder().lambda(1).fit(twoItems());
        assertThatThrownBy(() -> ease.score(new int[] {4}, new int[] {0}, new float[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toString_namesLambda() {
        assertThat(EASE.builder().lambda(7).fit(twoItems()).toString())
                .isEqualTo("EASE{lambda=7.0, users=4, items=2}");
    }

    /** Plain Gauss-Jordan with partial pivoting, the oracle for the PyTorch inverse. */
    private static double[][] gaussJordanInverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            double d = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }
}
