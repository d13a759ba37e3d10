package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ncf.data.testing.TestData;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Runs on the real ml-latest-small files when NCF_DATA_DIR is set; skipped with a message otherwise. */
class MovieLensLatestSmallIntegrationTest {

    @Test
    void mlLatestSmall_readsRatingsAndQuotedTitles() throws IOException {
        MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_LATEST_SMALL, TestData.mlLatestSmall());
        assertThat(ml.report().headerLines()).isEqualTo(1);
        assertThat(ml.interactions().size()).isEqualTo(ml.report().rowsKept()).isGreaterThan(100_000);
        assertThat(ml.interactions().numUsers()).isEqualTo(610);
        assertThat(ml.itemsWithoutCatalogEntry()).isZero();
        assertThat(ml.catalog().items()).anyMatch(i -> i.title().contains(", The ("));
    }
}
