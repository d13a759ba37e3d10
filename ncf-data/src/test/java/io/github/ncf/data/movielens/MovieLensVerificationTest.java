package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MovieLens release read from a folder is checked against the row count GroupLens publishes. */
class MovieLensVerificationTest {

    private static final String FLAGS = "|0|0|0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0";

    @TempDir
    Path dir;

    private static ReadReport report(String file, long rows, boolean endsWithLineBreak) {
        return new ReadReport(file, rows, 0, 0, rows, 0, Float.NaN, 0, 1, 1, true, endsWithLineBreak);
    }

    @Test
    void truncatedUData_fromTheRealFileCutInHalfMidLine_isAnErrorSayingTruncated() throws IOException {
        Path real = TestData.ml100k();
        long half = Files.size(real.resolve("u.data")) / 2;
        try (InputStream in = Files.newInputStream(real.resolve("u.data"))) {
            Files.write(dir.resolve("u.data"), in.readNBytes((int) half));
        }
        Files.copy(real.resolve("u.item"), dir.resolve("u.item"));
        assertThatThrownBy(() -> MovieLensReader.read(MovieLensVariant.ML_100K, dir))
                .isInstanceOfSatisfying(DataVerificationException.class, e -> {
                    assertThat(e.truncated()).isTrue();
                    assertThat(e.expected()).isEqualTo(100_000);
                    assertThat(e.found()).isBetween(40_000L, 60_000L);
                })
                .hasMessageMatching("u\\.data is truncated: \\d\\d,\\d\\d\\d rows where ml-100k has 100,000;"
                        + " its last line has no line break\\. .*");
    }

    @Test
    void truncatedUData_synthetic_cutMidLine_isAnErrorSayingTruncated() throws IOException {
        Files.writeString(dir.resolve("u.data"), "1\t10\t4\t881250949\n2\t10\t3\t881250950\n3\t10\t5\t888");
        Files.writeString(dir.resolve("u.item"), "10|Ten (1995)|01-Jan-1995||http://x" + FLAGS + "\n",
                StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MovieLensReader.read(MovieLensVariant.ML_100K, dir))
                .isInstanceOf(DataVerificationException.class)
                .hasMessage("u.data is truncated: 3 rows where ml-100k has 100,000; its last line has no line break."
                        + " Unpack the official archive again, or read a modified copy with verify(false).");
    }

    @Test
    void truncated_cutAtALineBreak_isStillAnErrorByCount() {
        assertThatThrownBy(() -> MovieLensReader.verifyRowCount(MovieLensVariant.ML_1M, report("ratings.dat", 500_000, true)))
                .isInstanceOf(DataVerificationException.class)
                .hasMessageStartingWith("ratings.dat is truncated: 500,000 rows where ml-1m has 1,000,209.");
    }

    @Test
    void moreRowsThanTheRelease_isAnErrorSayingItIsNotTheOfficialRelease() {
        assertThatThrownBy(() -> MovieLensReader.verifyRowCount(MovieLensVariant.ML_20M,
                report("ratings.csv", 20_000_264, true)))
                .isInstanceOfSatisfying(DataVerificationException.class, e -> assertThat(e.truncated()).isFalse())
                .hasMessageStartingWith("ratings.csv holds 20,000,264 rows where ml-20m has 20,000,263: not the"
                        + " official release.");
    }

    @Test
    void rowsBelowTheRatingThreshold_countTowardsTheRelease() throws IOException {
        ReadReport filtered = new ReadReport("ratings.csv", 25_000_096, 1, 0, 12_452_811, 12_547_284, 4f, 0, 1, 1,
                true, true);
        MovieLensReader.verifyRowCount(MovieLensVariant.ML_25M, filtered);
        assertThat(filtered.dataRows()).isEqualTo(MovieLensVariant.ML_25M.ratings());
    }

    @Test
    void publishedRowCounts_areThoseOfTheGroupLensReadmes() {
        assertThat(MovieLensVariant.ML_100K.ratings()).isEqualTo(100_000);
        assertThat(MovieLensVariant.ML_1M.ratings()).isEqualTo(1_000_209);
        assertThat(MovieLensVariant.ML_10M.ratings()).isEqualTo(10_000_054);
        assertThat(MovieLensVariant.ML_20M.ratings()).isEqualTo(20_000_263);
        assertThat(MovieLensVariant.ML_25M.ratings()).isEqualTo(25_000_095);
    }

    @Test
    void latestReleases_areReissued_soAnyRowCountPasses() throws IOException {
        assertThat(MovieLensVariant.ML_LATEST_SMALL.ratings()).isEqualTo(-1);
        assertThat(MovieLensVariant.ML_LATEST.ratings()).isEqualTo(-1);
        MovieLensReader.verifyRowCount(MovieLensVariant.ML_LATEST_SMALL, report("ratings.csv", 3, true));
    }

    @Test
    void verifyFalse_readsADeliberatelyModifiedCopy() throws IOException {
        Files.writeString(dir.resolve("u.data"), "1\t10\t4\t881250949\n");
        Files.writeString(dir.resolve("u.item"), "10|Ten (1995)|01-Jan-1995||http://x" + FLAGS + "\n",
                StandardCharsets.ISO_8859_1);
        MovieLensData ml = MovieLensReader.builder().verify(false).build().read(dir);
        assertThat(ml.interactions().size()).isEqualTo(1);
    }

    @Test
    void directoryInPlaceOfTheRatingsFile_saysItIsADirectory() throws IOException {
        Files.createDirectory(dir.resolve("u.data"));
        Files.writeString(dir.resolve("u.item"), "10|Ten (1995)|01-Jan-1995||http://x" + FLAGS + "\n",
                StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> MovieLensReader.read(MovieLensVariant.ML_100K, dir))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(dir.resolve("u.data") + ": is a directory, not a file");
    }

    @Test
    void realMl100k_passesVerification() throws IOException {
        MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, TestData.ml100k());
        assertThat(ml.report().dataRows()).isEqualTo(100_000);
        assertThat(ml.report().endsWithLineBreak()).isTrue();
    }
}
