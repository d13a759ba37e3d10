package io.github.ncf.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.movielens.DelimitedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class SparkReaderTest {

    private static final SparkSession SPARK = TestSpark.session();

    private static Path file(String text) throws Exception {
        Path f = Files.createTempFile("ncf-spark-reader-", ".csv");
        Files.writeString(f, text);
        f.toFile().deleteOnExit();
        return f;
    }

    @Test
    void malformedLine_failsNamingFileByteOffsetFieldAndValue() throws Exception {
        Path f = file("u,i,5,1\nv,j,4,x\n");
        SparkReader reader = SparkReader.of(DelimitedReader.builder().delimiter(",").ratingColumn(2).timestampColumn(3)
                .build());
        assertThatThrownBy(() -> reader.read(SPARK, f.toString()).interactions().rows().count())
                .hasStackTraceContaining(f.getFileName() + " line at byte 8: field \"timestamp\" is not an integer:"
                        + " \"x\"");
    }

    @Test
    void blankHeaderAndBelowMinRatingLines_areSkippedAndCounted() throws Exception {
        Path f = file("user,item,rating\nu,i,5\n\nu,j,2\nv,i,4\n");
        SparkReader.ReadResult r = SparkReader.of(DelimitedReader.builder().delimiter(",").header(true).ratingColumn(2)
                .minRating(3f).build()).read(SPARK, f.toString());
        assertThat(r.counts().lines()).isEqualTo(5);
        assertThat(r.counts().headerLines()).isEqualTo(1);
        assertThat(r.counts().blankLines()).isEqualTo(1);
        assertThat(r.counts().belowMinRating()).isEqualTo(1);
        assertThat(r.counts().rowsKept()).isEqualTo(2);
        assertThat(r.interactions().collectUserIds().rawIds()).containsExactly("u", "v");
        assertThat(r.interactions().collectItemIds().rawIds()).containsExactly("i");
    }

    @Test
    void byteOrderMark_beforeTheFirstLine_isNotPartOfTheFirstUserId() throws Exception {
        Path f = file("\uFEFFu,i\nv,i\n");
        SparkReader.ReadResult r = SparkReader.of(DelimitedReader.builder().delimiter(",").build())
                .read(SPARK, f.toString());
        assertThat(r.interactions().collectUserIds().rawIds()).containsExactly("u", "v");
    }

    @Test
    void quotedReader_isRejected() {
        DelimitedReader quoted = DelimitedReader.builder().delimiter(",").quoted(true).build();
        assertThatThrownBy(() -> SparkReader.of(quoted)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("quoted fields may span lines");
    }

    @Test
    void readerOfAnotherEncoding_isRejected() {
        DelimitedReader latin1 = DelimitedReader.builder().charset(StandardCharsets.ISO_8859_1).build();
        assertThatThrownBy(() -> SparkReader.of(latin1)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("SparkReader reads UTF-8 only, got a reader of ISO-8859-1; convert the files to UTF-8");
    }
}
