package io.github.ncf.eval.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.testing.EvalFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImplicitALSTest {

    /**
     * Two planted communities: users 0..9 have items 0..9, users 10..19 have items 10..19, except
     * that user u leaves out item u (its community's item of the same index).
     */
    private static Interactions communities() {
        int[] users = new int[20 * 9];
        int[] items = new int[users.length];
        int row = 0;
        for (int u = 0; u < 20; u++) {
            int first = u < 10 ? 0 : 10;
            for (int i = first; i < first + 10; i++) {
                if (i != u) {
                    users[row] = u;
                    items[row++] = i;
                }
            }
        }
        return Interactions.of(IdMapping.sequential(0, 20), IdMapping.sequential(0, 20), users, items,
                null, null);
    }

    @Test
    void plantedCommunities_leftOutItemOutscoresEveryOtherCommunityItem() {
        ImplicitALS als = ImplicitALS.builder().factors(2).lambda(0.1).alpha(5).iterations(10)
                .fit(communities());
        float[] scores = new float[20];
        for (int u = 0; u < 20; u++) {
            als.scoreAllItems(new int[] {u}, scores);
            int other = u < 10 ? 10 : 0;
            for (int i = other; i < other + 10; i++) {
                assertThat(scores[u]).as("user %d: own item %d vs foreign item %d", u, u, i)
                        .isGreaterThan(scores[i] + 0.3f);
            }
        }
    }

    @Test
    void loss_neverIncreases() {
        Interactions train = EvalFixtures.randomSplit(60, 40, 8, 6L)[0];
        double[] losses = ImplicitALS.builder().factors(5).lambda(0.5).alpha(3).iterations(12)
                .fit(train).losses();
        assertThat(losses).hasSize(12);
        for (int it = 1; it < losses.length; it++) {
            assertThat(losses[it]).as("iteration %d", it).isLessThanOrEqualTo(losses[it - 1] * (1 + 1e-9));
        }
        assertThat(losses[losses.length - 1]).isLessThan(losses[0]);
    }

    @Test
    void loss_equalsTheObjectiveSummedOverEveryPair() {
        Interactions train = EvalFixtures.randomSplit(15, 12, 4, 7L)[0];
        double lambda = 0.7;
        double alpha = 2;
        ImplicitALS als = ImplicitALS.builder().factors(3).lambda(lambda).alpha(alpha).iterations(2)
                .fit(train);
        double expected = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            for (int i = 0; i < train.numItems(); i++) {
                double s = dot(als.userFactors(u), als.itemFactors(i));
                boolean seen = train.contains(u, i);
                double c = seen ? 1 + alpha : 1;
                double p = seen ? 1 : 0;
                expected += c * (p - s) * (p - s);
            }
            expected += lambda * dot(als.userFactors(u), als.userFactors(u));
        }
        for (int i = 0; i < train.numItems(); i++) {
            expected += lambda * dot(als.itemFactors(i), als.itemFactors(i));
        }
        assertThat(als.losses()[1]).isCloseTo(expected, within(1e-4 * expected));
    }

    @Test
    void choleskySolve_solvesAHandWorkedSystem() {
        // A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]], x = (1, -1, 2): b = A x = (2, -1, 5).
        double[] a = {4, 2, 0, 0, 5, 1, 0, 0, 3};
        double[] b = {2, -1, 5};
        ImplicitALS.choleskySolveUpper(a, b, 3);
        assertThat(b).containsExactly(new double[] {1, -1, 2}, within(1e-12));
    }

    @Test
    void sameSeed_sameModel_otherSeedOther() {
        Interactions train = EvalFixtures.randomSplit(30, 20, 5, 8L)[0];
        ImplicitALS.Builder builder = ImplicitALS.builder().factors(4).iterations(3).seed(5L);
        ImplicitALS first = builder.fit(train);
        ImplicitALS again = builder.fit(train);
        ImplicitALS other = ImplicitALS.builder().factors(4).iterations(3).seed(6L).fit(train);
        assertThat(again.itemFactors(3)).containsExactly(first.itemFactors(3));
        assertThat(again.userFactors(7)).containsExactly(first.userFactors(7));
        assertThat(other.itemFactors(3)).isNotEqualTo(first.itemFactors(3));
    }

    @Test
    void scoreAllItems_equalsScore() {
        Interactions train = EvalFixtures.randomSplit(30, 20, 5, 9L)[0];
        EASETest.assertScoreAllItemsEqualsScore(ImplicitALS.builder().factors(6).iterations(2).fit(train));
    }

    @Test
    void factors_zero_isRejected() {
        assertThatThrownBy(() -> ImplicitALS.builder().factors(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("factors must be >= 1, got 0");
    }

    @Test
    void lambda_negative_isRejected() {
        assertThatThrownBy(() -> ImplicitALS.builder().lambda(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lambda must be > 0 and finite, got -1.0");
    }

    @Test
    void alpha_infinite_isRejected() {
        assertThatThrownBy(() -> ImplicitALS.builder().alpha(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha must be >= 0 and finite, got Infinity");
    }

    @Test
    void iterations_zero_isRejected() {
        assertThatThrownBy(() -> ImplicitALS.builder().iterations(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("iterations must be >= 1, got 0");
    }

    @Test
    void saveLoad_roundTrip_scoresIdentically(@TempDir Path dir) throws IOException {
        Interactions train = EvalFixtures.randomSplit(30, 20, 5, 10L)[0];
        ImplicitALS als = ImplicitALS.builder().factors(3).lambda(0.5).alpha(2).iterations(4).seed(9L)
                .fit(train);
        Path file = dir.resolve("als.bin");
        als.save(file);
        ImplicitALS loaded = ImplicitALS.load(file);
        float[] expected = new float[30 * 20];
        float[] actual = new float[30 * 20];
        int[] users = new int[30];
        for (int u = 0; u < 30; u++) {
            users[u] = u;
        }
        als.scoreAllItems(users, expected);
        loaded.scoreAllItems(users, actual);
        assertThat(actual).containsExactly(expected);
        assertThat(loaded.toString()).isEqualTo(als.toString());
        assertThat(loaded.losses()).containsExactly(als.losses());
    }

    @Test
    void load_damagedFile_failsItsChecksum(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("als.bin");
        ImplicitALS.builder().factors(2).iterations(1).fit(EvalFixtures.randomSplit(10, 8, 3, 1L)[0]).save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ImplicitALS.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("als.bin").hasMessageContaining("checksum mismatch");
    }

    @Test
    void load_truncatedFile_isRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("als.bin");
        ImplicitALS.builder().factors(2).iterations(1).fit(EvalFixtures.randomSplit(10, 8, 3, 1L)[0]).save(file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 9));
        assertThatThrownBy(() -> ImplicitALS.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void load_unknownVersion_isRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("als.bin");
        ImplicitALS.builder().factors(2).iterations(1).fit(EvalFixtures.randomSplit(10, 8, 3, 1L)[0]).save(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[10] = 7; // the low byte of the version, after the 7 magic bytes
        Files.write(file, bytes);
        assertThatThrownBy(() -> ImplicitALS.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("version 7 is not supported; this library reads version 1");
    }

    @Test
    void load_otherFile_isRejected(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("u.data");
        Files.writeString(file, "196\t242\t3\t881250949\n");
        assertThatThrownBy(() -> ImplicitALS.load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not an iALS model");
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }
}
