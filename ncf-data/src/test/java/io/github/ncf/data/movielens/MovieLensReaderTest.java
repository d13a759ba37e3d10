package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensReaderTest {

    @TempDir
    Path dir;

    private static final String FLAGS_COMEDY = "|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0";
    private static final String U_ITEM = "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
            + "2|Café Society (1995)|01-Jan-1995||http://y" + FLAGS_COMEDY + "\n"
            + "3|Three (1996)|01-Jan-1996||http://z" + FLAGS_COMEDY + "\n";

    private void write(String name, String text) throws IOException {
        write(name, text, StandardCharsets.UTF_8);
    }

    private void write(String name, String text, Charset charset) throws IOException {
        Files.writeString(dir.resolve(name), text, charset);
    }

    /** Reads a small hand-made fixture, which cannot hold the release's published row count. */
    private MovieLensData readFixture(MovieLensVariant variant) throws IOException {
        return MovieLensReader.builder().variant(variant).verify(false).build().read(dir);
    }

    private void uItem() throws IOException {
        write("u.item", U_ITEM, StandardCharsets.ISO_8859_1);
    }

    @Test
    void uData_rowsKeptInFileOrder_idsByFirstAppearance() throws IOException {
        write("u.data", "196\t2\t3\t881250949\n186\t1\t3\t891717742\n196\t1\t1\t878887116\n");
        uItem();
        MovieLensData ml = readFixture(MovieLensVariant.ML_100K);
        Interactions data = ml.interactions();
        assertThat(data.size()).isEqualTo(3);
        assertThat(data.userIds().rawIds()).containsExactly("196", "186");
        assertThat(data.itemIds().rawIds()).containsExactly("2", "1");
        assertThat(data.timestamp(2)).isEqualTo(878887116L);
        assertThat(data.rating(1)).isEqualTo(3f);
    }

    @Test
    void uItem_readsIso88591TitlesAndGenreFlags() throws IOException {
        write("u.data", "1\t2\t3\t5\n");
        uItem();
        ItemCatalog catalog = readFixture(MovieLensVariant.ML_100K).catalog();
        assertThat(catalog.size()).isEqualTo(3);
        assertThat(catalog.title("2")).isEqualTo("Café Society (1995)");
        assertThat(catalog.find("1").orElseThrow().genres()).containsExactly("Animation", "Children's", "Comedy");
    }

    @Test
    void uData_badTimestamp_namesFileLineFieldAndValue() throws IOException {
        write("u.data", "1\t1\t3\t5\n".repeat(16) + "1\t2\t3\t88x\n");
        uItem();
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("u.data line 17: field \"timestamp\" is not an integer: \"88x\"");
    }

    @Test
    void uData_missingField_namesLineAndCount() throws IOException {
        write("u.data", "1\t1\t3\t5\n1\t2\t3\n");
        uItem();
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageContaining("u.data line 2").hasMessageContaining("expected 4 fields")
                .hasMessageContaining("found 3");
    }

    @Test
    void uData_badRating_namesField() throws IOException {
        write("u.data", "1\t1\tfive\t5\n");
        uItem();
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .hasMessage("u.data line 1: field \"rating\" is not a number: \"five\"");
    }

    @Test
    void uData_emptyUser_isRejected() throws IOException {
        write("u.data", "\t1\t4\t5\n");
        uItem();
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .hasMessage("u.data line 1: field \"user\" is empty: \"\"");
    }

    @Test
    void uItem_badGenreFlag_namesGenre() throws IOException {
        write("u.data", "1\t1\t4\t5\n");
        write("u.item", "1|T|d||u|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|2\n", StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .hasMessage("u.item line 1: field \"genre Western\" is not 0 or 1: \"2\"");
    }

    @Test
    void blankLines_areCountedNotSilentlyDropped() throws IOException {
        write("u.data", "1\t1\t4\t5\n\n1\t2\t4\t6\n");
        uItem();
        ReadReport report = readFixture(MovieLensVariant.ML_100K).report();
        assertThat(report.blankLines()).isEqualTo(1);
        assertThat(report.rowsKept()).isEqualTo(2);
        assertThat(report.lines()).isEqualTo(3);
    }

    @Test
    void minRating_leavesOutAndCountsLowRatings() throws IOException {
        write("u.data", "1\t1\t4\t5\n1\t2\t2\t6\n2\t3\t5\t7\n");
        uItem();
        MovieLensData ml = MovieLensReader.builder().minRating(4f).verify(false).build().read(dir);
        assertThat(ml.interactions().size()).isEqualTo(2);
        assertThat(ml.report().rowsBelowThreshold()).isEqualTo(1);
        assertThat(ml.report().toString()).contains("belowThreshold=1", "minRating=4.0");
    }

    @Test
    void missingFile_namesTheFileAndFolder() throws IOException {
        write("u.data", "1\t1\t4\t5\n");
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_100K))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("u.item");
    }

    @Test
    void ratingsDat_doubleColonSeparated() throws IOException {
        write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n2::1193::4::978298413\n");
        write("movies.dat", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James (1996)::Animation|Musical\n",
                StandardCharsets.ISO_8859_1);
        MovieLensData ml = readFixture(MovieLensVariant.ML_1M);
        assertThat(ml.interactions().size()).isEqualTo(3);
        assertThat(ml.interactions().numUsers()).isEqualTo(2);
        assertThat(ml.catalog().find("661").orElseThrow().genres()).containsExactly("Animation", "Musical");
        assertThat(ml.itemsWithoutCatalogEntry()).isZero();
    }

    @Test
    void ratingsDat_badField_namesLine() throws IOException {
        write("ratings.dat", "1::1193::5::978300760\n1::661::3\n");
        write("movies.dat", "1193::A::Drama\n", StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_1M))
                .hasMessageContaining("ratings.dat line 2").hasMessageContaining("\"::\"");
    }

    @Test
    void csv_headerSkipped_quotedTitlesWithCommas() throws IOException {
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,3.5,964981247\n");
        write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Adventure|Comedy\n"
                + "3,\"American President, The (1995)\",Comedy|Drama|Romance\n"
                + "4,\"Quote \"\"Inside\"\" (2000)\",(no genres listed)\n");
        MovieLensData ml = readFixture(MovieLensVariant.ML_LATEST_SMALL);
        assertThat(ml.report().headerLines()).isEqualTo(1);
        assertThat(ml.interactions().rating(1)).isEqualTo(3.5f);
        assertThat(ml.catalog().title("3")).isEqualTo("American President, The (1995)");
        assertThat(ml.catalog().title("4")).isEqualTo("Quote \"Inside\" (2000)");
        assertThat(ml.catalog().find("4").orElseThrow().genres()).isEmpty();
    }

    @Test
    void csv_unclosedQuote_namesLine() throws IOException {
        write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        write("movies.csv", "movieId,title,genres\n1,\"Broken (1995),Comedy\n");
        assertThatThrownBy(() -> readFixture(MovieLensVariant.ML_LATEST_SMALL))
                .hasMessageContaining("movies.csv line 2").hasMessageContaining("unclosed quote");
    }

    @Test
    void itemsWithoutCatalogEntry_areCounted() throws IOException {
        write("u.data", "1\t1\t4\t5\n1\t99\t4\t6\n");
        uItem();
        assertThat(readFixture(MovieLensVariant.ML_100K).itemsWithoutCatalogEntry()).isEqualTo(1);
    }

    @Test
    void variant_fromName_acceptsShortForms() {
        assertThat(MovieLensVariant.fromName("100k")).isEqualTo(MovieLensVariant.ML_100K);
        assertThat(MovieLensVariant.fromName("ML_1M")).isEqualTo(MovieLensVariant.ML_1M);
        assertThat(MovieLensVariant.fromName("ml-10M100K")).isEqualTo(MovieLensVariant.ML_10M);
        assertThatThrownBy(() -> MovieLensVariant.fromName("ml-7m")).hasMessageContaining("ml-7m");
    }
}
