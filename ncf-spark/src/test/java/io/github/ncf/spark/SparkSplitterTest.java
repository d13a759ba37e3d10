package io.github.ncf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.MovieLensReader;
import io.github.ncf.data.movielens.MovieLensVariant;
import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.data.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkSplitterTest {

    private static final SparkSession SPARK = TestSpark.session();

    @Test
    void movieLens100k_idsAndRows_equalTheLocalReaders() throws Exception {
        Path dir = TestData.ml100k();
        Interactions local = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        SparkReader.ReadResult read = TestSpark.ml100k();
        Interactions fromSpark = read.interactions().toLocal();
        assertThat(fromSpark.userIds()).isEqualTo(local.userIds());
        assertThat(fromSpark.itemIds()).isEqualTo(local.itemIds());
        assertThat(rows(fromSpark)).isEqualTo(rows(local));
        assertThat(read.counts().rowsKept()).isEqualTo(100_000);
        assertThat(read.counts().lines()).isEqualTo(100_000);
    }

    @Test
    void movieLens100k_splitsEqualTheLocalSplitter_forEveryOrder() throws Exception {
        Path dir = TestData.ml100k();
        Interactions local = MovieLensReader.read(MovieLensVariant.ML_100K, dir).interactions();
        SparkInteractions data = TestSpark.ml100k().interactions();
        for (SortOrder order : SortOrder.values()) {
            assertSameSplit(local, data, order, true);
        }
    }

    @Test
    void synthetic_filesInAFolder_readInFileOrder_withTheLocalReadersIds() throws Exception {
        Interactions generated = SyntheticInteractions.small().generate();
        Path folder = SyntheticFiles.write(generated, 3);
        Interactions local = SyntheticFiles.readLocally(folder);
        SparkReader.ReadResult read = SyntheticFiles.reader().read(SPARK, folder.toString());
        Interactions fromSpark = read.interactions().toLocal();
        assertThat(read.counts().files()).isEqualTo(3);
        assertThat(read.counts().headerLines()).isEqualTo(3);
        assertThat(fromSpark.userIds()).isEqualTo(local.userIds());
        assertThat(fromSpark.itemIds()).isEqualTo(local.itemIds());
        assertThat(rows(fromSpark)).isEqualTo(rows(local));
        assertSameSplit(local, read.interactions(), SortOrder.TIMESTAMP, true);
    }

    @Test
    void synthetic_splitsEqualTheLocalSplitter_withOneAndSevenPartitions() {
        Interactions local = SyntheticInteractions.tiny().generate();
        for (int partitions : new int[] {1, 7}) {
            SparkInteractions data = SparkInteractions.fromLocal(SPARK, local, partitions);
            assertSameSplit(local, data, SortOrder.RANDOM, true);
            assertSameSplit(local, data, SortOrder.TIMESTAMP, false);
        }
    }

    @Test
    void timestampOrder_withoutTimestamps_isRejected() {
        Interactions noTime = Interactions.of(IdMapping.of("a"), IdMapping.of("x", "y"),
                new int[] {0, 0}, new int[] {0, 1}, null, null);
        SparkInteractions data = SparkInteractions.fromLocal(SPARK, noTime, 1);
        assertThatThrownBy(() -> SparkSplitter.of(LeaveOneOutSplitter.builder().build()).split(data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FILE_ORDER");
    }

    @Test
    void validation_absent_isAnError_thatSaysHowToAskForIt() {
        SparkInteractions data = SparkInteractions.fromLocal(SPARK, SyntheticInteractions.tiny().generate(), 2);
        SparkSplit split = SparkSplitter.of(LeaveOneOutSplitter.builder().build()).split(data);
        assertThatThrownBy(split::validation).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("validation(true)");
    }

    private static void assertSameSplit(Interactions local, SparkInteractions data, SortOrder order,
            boolean validation) {
        Split expected = LeaveOneOutSplitter.builder().order(order).seed(7).validation(validation).build()
                .split(local);
        SparkSplit actual = SparkSplitter.of(LeaveOneOutSplitter.builder().order(order).seed(7).validation(validation).build()).split(data);
        String what = order + (validation ? " with validation" : "");
        assertThat(rows(actual.train().toLocal(local.userIds(), local.itemIds())))
                .as("train, " + what).isEqualTo(rows(expected.train()));
        assertThat(rows(actual.test().toLocal(local.userIds(), local.itemIds())))
                .as("test, " + what).containsExactlyInAnyOrderElementsOf(rows(expected.test()));
        if (validation) {
            assertThat(rows(actual.validation().toLocal(local.userIds(), local.itemIds())))
                    .as("validation, " + what).containsExactlyInAnyOrderElementsOf(rows(expected.validation()));
        }
        assertThat(actual.usersHeldOut()).isEqualTo(expected.usersHeldOut());
        assertThat(actual.usersKeptWhole()).isEqualTo(expected.usersKeptWhole());
        assertThat(actual.usersWithoutRows()).isEqualTo(expected.usersWithoutRows());
        assertThat(actual.usersWithoutValidation()).isEqualTo(expected.usersWithoutValidation());
        assertThat(actual.testItemsAlsoInTrain()).isEqualTo(expected.testItemsAlsoInTrain());
    }

    static List<String> rows(Interactions data) {
        List<String> out = new ArrayList<>(data.size());
        for (int r = 0; r < data.size(); r++) {
            out.add(data.user(r) + " " + data.item(r) + " " + (data.hasTimestamps() ? data.timestamp(r) : "-")
                    + " " + (data.hasRatings() ? data.rating(r) : "-"));
        }
        return out;
    }
}
