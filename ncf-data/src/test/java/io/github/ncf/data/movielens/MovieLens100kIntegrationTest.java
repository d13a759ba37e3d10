package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.Split;
import io.github.ncf.data.testing.TestData;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs on the real files when NCF_DATA_DIR is set; skipped with a message otherwise. */
class MovieLens100kIntegrationTest {

    @Test
    void ml100k_has943Users1682Items100000Rows() throws IOException {
        MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k());
        assertThat(ml.interactions().size()).isEqualTo(100_000);
        assertThat(ml.interactions().numUsers()).isEqualTo(943);
        assertThat(ml.interactions().numItems()).isEqualTo(1_682);
        assertThat(ml.catalog().size()).isEqualTo(1_682);
        assertThat(ml.itemsWithoutCatalogEntry()).isZero();
        assertThat(ml.report().duplicatePairs()).isZero();
        assertThat(ml.catalog().title("50")).isEqualTo("Star Wars (1977)");
    }

    @Test
    void ml100k_firstRowIsFileOrder() throws IOException {
        MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k());
        // u.data begins "196	242	3	881250949".
        assertThat(ml.interactions().userIds().rawId(ml.interactions().user(0))).isEqualTo("196");
        assertThat(ml.interactions().itemIds().rawId(ml.interactions().item(0))).isEqualTo("242");
        assertThat(ml.interactions().timestamp(0)).isEqualTo(881250949L);
    }

    @Test
    void ml100k_leaveOneOut_943Test99057Train() throws IOException {
        MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k());
        Split split = LeaveOneOutSplitter.builder().build().split(ml.interactions());
        assertThat(split.test().size()).isEqualTo(943);
        assertThat(split.train().size()).isEqualTo(99_057);
        assertThat(split.usersKeptWhole()).isZero();
        assertThat(split.testItemsAlsoInTrain()).isZero();
    }
}
