package io.github.ncf.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.data.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaveOneOutSplitterTest {

    private static String testItemOf(Split split, String rawUser) {
        return itemOf(split.test(), rawUser);
    }

    private static String itemOf(Interactions test, String rawUser) {
        int u = test.userIds().index(rawUser);
        for (int k = 0; k < test.size(); k++) {
            if (test.user(k) == u) {
                return test.itemIds().rawId(test.item(k));
            }
        }
        return null;
    }

    @Test
    void timestamp_tieOnLatest_holdsOutLastRowInFileOrder() {
        Split split = LeaveOneOutSplitter.builder().build().split(Fixtures.tiesAndSingles());
        assertThat(testItemOf(split, "u1")).isEqualTo("c");
    }

    @Test
    void timestamp_latestRowNotLastInFile_isHeldOut() {
        Split split = LeaveOneOutSplitter.builder().build().split(Fixtures.tiesAndSingles());
        assertThat(testItemOf(split, "u3")).isEqualTo("a");
    }

    @Test
    void singleInteractionUser_staysWholeInTrainingWithNoTestRow() {
        Split split = LeaveOneOutSplitter.builder().build().split(Fixtures.tiesAndSingles());
        assertThat(testItemOf(split, "u2")).isNull();
        assertThat(split.usersKeptWhole()).isEqualTo(1);
        assertThat(split.usersHeldOut()).isEqualTo(2);
        int u2 = split.train().userIds().index("u2");
        assertThat(split.train().rowCount(u2)).isEqualTo(1);
    }

    @Test
    void split_partitionsRows_trainKeepsOriginalOrder() {
        Interactions data = Fixtures.tiesAndSingles();
        Split split = LeaveOneOutSplitter.builder().build().split(data);
        assertThat(split.train().size() + split.test().size()).isEqualTo(data.size());
        List<String> trainItems = new ArrayList<>();
        for (int r = 0; r < split.train().size(); r++) {
            trainItems.add(split.train().userIds().rawId(split.train().user(r)) + ":"
                    + split.train().itemIds().rawId(split.train().item(r)));
        }
        assertThat(trainItems).containsExactly("u1:a", "u3:c", "u1:b", "u2:e", "u1:d", "u3:b");
    }

    @Test
    void split_halvesShareIdMappings() {
        Interactions data = Fixtures.tiesAndSingles();
        Split split = LeaveOneOutSplitter.builder().build().split(data);
        assertThat(split.train().userIds()).isSameAs(data.userIds()).isSameAs(split.test().userIds());
        assertThat(split.train().itemIds()).isSameAs(data.itemIds()).isSameAs(split.test().itemIds());
    }

    @Test
    void random_sameSeed_sameSplit_differentSeedsDiffer() {
        Interactions data = Fixtures.band(200, 50, 10);
        LeaveOneOutSplitter a = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(7).build();
        LeaveOneOutSplitter b = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(7).build();
        LeaveOneOutSplitter c = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(8).build();
        int[] itemsA = a.split(data).test().itemsArray();
        assertThat(b.split(data).test().itemsArray()).containsExactly(itemsA);
        assertThat(c.split(data).test().itemsArray()).isNotEqualTo(itemsA);
    }

    @Test
    void random_holdsOutNotAlwaysTheLatestRow() {
        Interactions data = Fixtures.band(200, 50, 10);
        Split byTime = LeaveOneOutSplitter.builder().build().split(data);
        Split random = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).build().split(data);
        assertThat(random.test().itemsArray()).isNotEqualTo(byTime.test().itemsArray());
        assertThat(random.usersHeldOut()).isEqualTo(byTime.usersHeldOut());
    }

    @Test
    void timestamp_withoutTimestamps_isRejected() {
        Interactions noTime = Interactions.builder().add("u", "a").add("u", "b").build();
        assertThatThrownBy(() -> LeaveOneOutSplitter.builder().build().split(noTime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TIMESTAMP").hasMessageContaining("FILE_ORDER");
    }

    @Test
    void validation_holdsOutLatestRowBeforeTheTestRow_sameTieRule() {
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(Fixtures.tiesAndSingles());
        assertThat(testItemOf(split, "u1")).isEqualTo("c");
        assertThat(itemOf(split.validation(), "u1")).isEqualTo("b");
        assertThat(testItemOf(split, "u3")).isEqualTo("a");
        assertThat(itemOf(split.validation(), "u3")).isEqualTo("b");
        assertThat(split.train().size()).isEqualTo(4);
    }

    @Test
    void validation_testRowsEqualThoseWithoutValidation() {
        Interactions data = Fixtures.band(200, 50, 10);
        for (SortOrder order : SortOrder.values()) {
            Split plain = LeaveOneOutSplitter.builder().order(order).build().split(data);
            Split withValidation = LeaveOneOutSplitter.builder().order(order).validation(true).build().split(data);
            assertThat(withValidation.test().itemsArray()).as(order.name()).containsExactly(plain.test().itemsArray());
        }
    }

    @Test
    void validation_partsAreDisjointAndCoverEveryRow() {
        Interactions data = Fixtures.band(200, 50, 10);
        for (SortOrder order : SortOrder.values()) {
            Split split = LeaveOneOutSplitter.builder().order(order).validation(true).build().split(data);
            assertThat(split.train().size() + split.validation().size() + split.test().size())
                    .isEqualTo(data.size());
            for (int k = 0; k < split.validation().size(); k++) {
                int u = split.validation().user(k);
                int item = split.validation().item(k);
                assertThat(split.train().contains(u, item)).isFalse();
                assertThat(split.test().contains(u, item)).as(order + " user " + u).isFalse();
            }
        }
    }

    @Test
    void validation_userWithTwoRows_getsTestRowOnly_andIsCounted() {
        Interactions data = Interactions.builder()
                .add("u1", "a", 1L).add("u1", "b", 2L)
                .add("u2", "a", 1L).add("u2", "b", 2L).add("u2", "c", 3L)
                .build();
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(data);
        assertThat(split.usersWithoutValidation()).isEqualTo(1);
        assertThat(split.usersHeldOut()).isEqualTo(2);
        assertThat(split.validation().size()).isEqualTo(1);
        assertThat(itemOf(split.validation(), "u2")).isEqualTo("b");
        assertThat(split.toString()).contains("validation=1 rows", "usersWithoutValidation=1");
    }

    @Test
    void validation_absent_isAnError_thatSaysHowToAskForIt() {
        Split split = LeaveOneOutSplitter.builder().build().split(Fixtures.tiesAndSingles());
        assertThat(split.hasValidation()).isFalse();
        assertThat(split.trainAndValidation()).isSameAs(split.train());
        assertThatThrownBy(split::validation).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validation(true)");
    }

    @Test
    void trainAndValidation_isTrainFollowedByValidation() {
        Split split = LeaveOneOutSplitter.builder().validation(true).build().split(Fixtures.tiesAndSingles());
        Interactions known = split.trainAndValidation();
        assertThat(known.size()).isEqualTo(split.train().size() + split.validation().size());
        for (int k = 0; k < split.validation().size(); k++) {
            assertThat(known.contains(split.validation().user(k), split.validation().item(k))).isTrue();
        }
        assertThat(known.userIds()).isSameAs(split.train().userIds());
    }

    @Test
    void fileOrder_holdsOutLastRowsInFileOrder_withoutTimestamps() {
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.FILE_ORDER).validation(true).build()
                .split(Fixtures.tiesAndSingles());
        assertThat(testItemOf(split, "u1")).isEqualTo("d");
        assertThat(itemOf(split.validation(), "u1")).isEqualTo("c");
        assertThat(testItemOf(split, "u3")).isEqualTo("b");
        assertThat(itemOf(split.validation(), "u3")).isEqualTo("a");
        Interactions noTime = Interactions.builder().add("u", "a").add("u", "b").build();
        Split untimed = LeaveOneOutSplitter.builder().order(SortOrder.FILE_ORDER).build().split(noTime);
        assertThat(testItemOf(untimed, "u")).isEqualTo("b");
    }

    @Test
    void random_validation_sameSeed_sameRows() {
        Interactions data = Fixtures.band(200, 50, 10);
        LeaveOneOutSplitter s = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(5).validation(true).build();
        assertThat(s.split(data).validation().itemsArray()).containsExactly(s.split(data).validation().itemsArray());
    }

    @Test
    void randomPositions_areTheRowsTheRandomSplitHoldsOut() {
        Interactions data = SyntheticInteractions.tiny().generate();
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(5).validation(true).build()
                .split(data);
        for (int u = 0; u < data.numUsers(); u++) {
            int count = data.rowCount(u);
            if (count < 3) {
                continue;
            }
            int[] drawn = LeaveOneOutSplitter.randomPositions(5, u, count, true);
            assertThat(drawn[1]).isNotEqualTo(drawn[0]).isBetween(0, count - 1);
            assertThat(split.test().itemsOf(u)).containsExactly(data.item(data.userRow(u, drawn[0])));
            assertThat(split.validation().itemsOf(u)).containsExactly(data.item(data.userRow(u, drawn[1])));
        }
    }

    @Test
    void randomPositions_ofFewerThanTwoRows_isRejected() {
        assertThatThrownBy(() -> LeaveOneOutSplitter.randomPositions(5, 0, 1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count must be >= 2, got 1");
    }

    @Test
    void order_null_isRejected() {
        assertThatThrownBy(() -> LeaveOneOutSplitter.builder().order(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("order");
    }

    @Test
    void toString_namesOrderAndSeed() {
        assertThat(LeaveOneOutSplitter.builder().build()).hasToString("LeaveOneOutSplitter{order=TIMESTAMP}");
        assertThat(LeaveOneOutSplitter.builder().order(SortOrder.RANDOM).seed(3).build())
                .hasToString("LeaveOneOutSplitter{order=RANDOM, seed=3}");
        assertThat(LeaveOneOutSplitter.builder().order(SortOrder.FILE_ORDER).validation(true).build())
                .hasToString("LeaveOneOutSplitter{order=FILE_ORDER, validation=true}");
        assertThat(LeaveOneOutSplitter.builder().build().split(Fixtures.tiesAndSingles()).toString())
                .contains("train=6 rows", "test=2 rows", "usersKeptWhole=1");
    }
}
