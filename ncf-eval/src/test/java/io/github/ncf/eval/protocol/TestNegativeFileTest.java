package io.github.ncf.eval.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.eval.protocol.TestNegativeFile.IdFormat;
import io.github.ncf.eval.testing.EvalFixtures;
import io.github.ncf.eval.testing.TableScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestNegativeFileTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("fixture.test.negative");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private SampledRanking read(String content) throws IOException {
        return SampledRanking.of(TestNegativeFile.read(write(content), EvalFixtures.train(), IdFormat.INDEX));
    }

    @Test
    void officialFormat_isRead_andRanksAsWorkedOnPaper() throws IOException {
        // The NCF authors' layout: "(user,item)" then tab-separated negatives, 0-based indices.
        SampledRanking s = read("(0,4)\t3\t5\t6\t7\n(3,0)\t1\t2\t3\t4\n");
        assertThat(s.users()).containsExactly(0, 3);
        assertThat(s.testItems()).containsExactly(4, 0);
        assertThat(s.candidates(0)).containsExactly(4, 3, 5, 6, 7);
        assertThat(s.skippedUsers()).isEqualTo(2);
        assertThat(s.negatives()).isEqualTo(4);
        assertThat(s.name()).isEqualTo("test-negative");
        Ranks ranks = s.rank(new TableScorer(EvalFixtures.scores()));
        // User 0: item 4 scores 5; negatives score 1, 6, 0, 2 -> one higher.
        // User 3: item 0 scores 3; negatives score 3 (tie), 1, 1, 1 -> none higher, one tie.
        assertThat(ranks.ranks()).containsExactly(1, 0);
        assertThat(ranks.ties()).containsExactly(0, 1);
    }

    @Test
    void fixtureFile_fromTestResources_isRead() throws Exception {
        Path file = Path.of(getClass().getResource("/fixture.test.negative").toURI());
        SampledRanking s = SampledRanking.of(TestNegativeFile.read(file, EvalFixtures.train(), IdFormat.INDEX));
        assertThat(s.users()).containsExactly(0, 1, 3);
        assertThat(s.skippedUsers()).isEqualTo(1);
        // User 1: item 7 scores 0.5, below its four negatives (all 1): rank 4.
        assertThat(s.rank(new TableScorer(EvalFixtures.scores())).ranks()).containsExactly(1, 4, 0);
    }

    @Test
    void parsedFile_listsUsersHeldOutItemsAndCounts_withoutRanking() throws IOException {
        TestNegativeFile file = TestNegativeFile.read(write("(3,0)\t1\t2\t2\n(0,4)\t0\t5\n"),
                EvalFixtures.train(), IdFormat.INDEX);
        assertThat(file.size()).isEqualTo(2);
        assertThat(file.users()).containsExactly(0, 3);
        assertThat(file.heldOutItems()).containsExactly(4, 0);
        assertThat(file.candidates(1)).containsExactly(0, 1, 2, 2);
        assertThat(file.maxNegatives()).isEqualTo(3);
        assertThat(file.duplicateNegatives()).isEqualTo(1);
        assertThat(file.negativesInTraining()).isEqualTo(1); // item 0 is a training item of user 0
        assertThat(file.toString()).contains("fixture.test.negative").contains("users=2");
    }

    @Test
    void linesOutOfUserOrder_areSortedByUser() throws IOException {
        SampledRanking s = read("(3,0)\t1\t2\n(0,4)\t3\t5\n");
        assertThat(s.users()).containsExactly(0, 3);
        assertThat(s.candidates(1)).containsExactly(0, 1, 2);
    }

    @Test
    void rawIds_areTranslatedThroughTheMappings() throws IOException {
        IdMapping users = IdMapping.of("196", "186");
        IdMapping items = IdMapping.of("242", "302", "377", "51");
        Interactions train = Interactions.of(users, items, new int[] {0, 1}, new int[] {0, 1}, null, null);
        Path file = write("(186,377)\t242\t51\n");
        SampledRanking s = SampledRanking.of(TestNegativeFile.read(file, train, IdFormat.RAW));
        assertThat(s.users()).containsExactly(1);
        assertThat(s.candidates(0)).containsExactly(2, 0, 3);
    }

    @Test
    void blankLines_areIgnored() throws IOException {
        SampledRanking s = read("\n(0,4)\t3\t5\r\n\n(1,7)\t0\n\n");
        assertThat(s.users()).containsExactly(0, 1);
    }

    @Test
    void repeatedAndTrainingNegatives_areKept_andCounted() throws IOException {
        // Item 5 twice for user 0; item 1 is one of user 0's training items.
        SampledRanking s = read("(0,4)\t5\t5\t1\n");
        assertThat(s.candidates(0)).containsExactly(4, 5, 5, 1);
        assertThat(s.duplicateNegatives()).isEqualTo(1);
        assertThat(s.negativesInTraining()).isEqualTo(1);
        assertThat(s.toString()).contains("duplicateNegatives=1").contains("negativesInTraining=1");
    }

    @Test
    void malformedHeader_namesFileLineAndField() throws IOException {
        assertThatThrownBy(() -> read("(0,4)\t3\n0,25\t3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixture.test.negative line 2")
                .hasMessageContaining("(user,item)").hasMessageContaining("\"0,25\"");
    }

    @Test
    void nonIntegerUser_namesFileLineFieldAndValue() throws IOException {
        assertThatThrownBy(() -> read("(x1,4)\t3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fixture.test.negative line 1")
                .hasMessageContaining("field \"user\" is not an integer: \"x1\"");
    }

    @Test
    void nonIntegerNegative_namesItsPosition() throws IOException {
        assertThatThrownBy(() -> read("(0,4)\t3\t5\tsix\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageContaining("field \"negative 3\"")
                .hasMessageContaining("\"six\"");
    }

    @Test
    void itemOutOfRange_isRejected() throws IOException {
        assertThatThrownBy(() -> read("(0,8)\t3\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field \"item\" index 8 is outside [0, 8)");
    }

    @Test
    void unknownRawId_isRejected() throws IOException {
        Path file = write("(0,4)\t3\n(99,4)\t3\n");
        assertThatThrownBy(() -> TestNegativeFile.read(file, EvalFixtures.train(), IdFormat.RAW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("unknown raw id \"99\"");
    }

    @Test
    void userOnTwoLines_isRejected() throws IOException {
        assertThatThrownBy(() -> read("(0,4)\t3\n(1,7)\t3\n(0,4)\t5\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("already appeared on line 1");
    }

    @Test
    void lineWithoutNegatives_isRejected() throws IOException {
        assertThatThrownBy(() -> read("(0,4)\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1").hasMessageContaining("no negatives");
    }

    @Test
    void heldOutItemAsNegative_isRejected() throws IOException {
        assertThatThrownBy(() -> read("(0,4)\t3\t4\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field \"negative 2\" is the held-out item");
    }

    @Test
    void missingFile_failsNamingIt() {
        Path missing = dir.resolve("absent.test.negative");
        assertThatThrownBy(() -> TestNegativeFile.read(missing, EvalFixtures.train(), IdFormat.INDEX))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.test.negative");
    }
}
