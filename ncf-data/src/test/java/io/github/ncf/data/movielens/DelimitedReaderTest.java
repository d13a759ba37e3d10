package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DelimitedReaderTest {

    private static ReadResult read(DelimitedReader reader, String text) throws IOException {
        return reader.read(new StringReader(text), "events.txt");
    }

    @Test
    void columns_anyOrder_withoutTimestampOrRating() throws IOException {
        DelimitedReader reader = DelimitedReader.builder().delimiter(";").userColumn(2).itemColumn(0).build();
        ReadResult r = read(reader, "apple;x;alice\npear;y;bob\napple;z;bob\n");
        assertThat(r.interactions().userIds().rawIds()).containsExactly("alice", "bob");
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("apple", "pear");
        assertThat(r.interactions().hasTimestamps()).isFalse();
        assertThat(r.interactions().hasRatings()).isFalse();
    }

    @Test
    void minRating_rowsBelowAreCountedAndReported() throws IOException {
        DelimitedReader reader = DelimitedReader.builder().delimiter(",").header(true)
                .ratingColumn(2).minRating(3.5f).build();
        ReadResult r = read(reader, "u,i,r\na,1,5\na,2,3\nb,1,3.5\n");
        assertThat(r.interactions().size()).isEqualTo(2);
        assertThat(r.report().rowsBelowThreshold()).isEqualTo(1);
        assertThat(r.report().lines()).isEqualTo(r.report().headerLines() + r.report().blankLines()
                + r.report().rowsKept() + r.report().rowsBelowThreshold());
    }

    @Test
    void duplicatePairs_areKeptAndCounted() throws IOException {
        ReadResult r = read(DelimitedReader.builder().build(), "a\t1\na\t1\n");
        assertThat(r.interactions().size()).isEqualTo(2);
        assertThat(r.report().duplicatePairs()).isEqualTo(1);
    }

    @Test
    void tooFewFields_namesFileAndLine() {
        DelimitedReader reader = DelimitedReader.builder().timestampColumn(2).build();
        assertThatThrownBy(() -> read(reader, "a\t1\t5\nb\t2\n"))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageContaining("events.txt line 2").hasMessageContaining("at least 3 fields");
    }

    @Test
    void badTimestamp_carriesFieldAndValue() {
        DelimitedReader reader = DelimitedReader.builder().timestampColumn(2).build();
        assertThatThrownBy(() -> read(reader, "a\t1\t12.5\n"))
                .isInstanceOfSatisfying(MalformedLineException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.field()).isEqualTo("timestamp");
                    assertThat(e.value()).isEqualTo("12.5");
                });
    }

    @Test
    void nonFiniteRating_isRejected() {
        DelimitedReader reader = DelimitedReader.builder().ratingColumn(2).build();
        assertThatThrownBy(() -> read(reader, "a\t1\tNaN\n")).hasMessageContaining("field \"rating\"");
    }

    @Test
    void quoted_fieldsMayHoldTheDelimiter() throws IOException {
        DelimitedReader reader = DelimitedReader.builder().delimiter(",").quoted(true).build();
        ReadResult r = read(reader, "\"Smith, Ann\",\"item,1\"\n");
        assertThat(r.interactions().userIds().rawId(0)).isEqualTo("Smith, Ann");
        assertThat(r.interactions().itemIds().rawId(0)).isEqualTo("item,1");
    }

    @Test
    void sameColumnTwice_isRejected() {
        assertThatThrownBy(() -> DelimitedReader.builder().userColumn(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userColumn").hasMessageContaining("itemColumn").hasMessageContaining("1");
    }

    @Test
    void minRatingWithoutRatingColumn_isRejected() {
        assertThatThrownBy(() -> DelimitedReader.builder().minRating(4f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ratingColumn");
    }

    @Test
    void negativeColumn_isRejected() {
        assertThatThrownBy(() -> DelimitedReader.builder().itemColumn(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("itemColumn must be >= 0, got -2");
    }

    @Test
    void emptyDelimiter_isRejected() {
        assertThatThrownBy(() -> DelimitedReader.builder().delimiter(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delimiter");
    }
}
