package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class DelimitedLinesTest {

    private static final DelimitedReader READER = DelimitedReader.builder().delimiter(",").ratingColumn(2)
            .timestampColumn(3).minRating(3f).build();

    @Test
    void parse_keepsStripsAndThresholdsAsReadDoes() throws Exception {
        DelimitedLines lines = READER.lines();
        assertThat(lines.parse(" u , i ,4,17", "f.csv", 1))
                .isEqualTo(new DelimitedLines.Row("u", "i", 17L, 4f, false));
        assertThat(lines.parse("u,j,2,18", "f.csv", 2).belowMinRating()).isTrue();
        assertThat(lines.parse("  ", "f.csv", 3)).isNull();
        ReadResult read = READER.read(new StringReader(" u , i ,4,17\nu,j,2,18\n  \n"), "f.csv");
        assertThat(read.interactions().userIds().rawIds()).containsExactly("u");
        assertThat(read.interactions().itemIds().rawIds()).containsExactly("i");
        assertThat(read.report().rowsBelowThreshold()).isEqualTo(1);
    }

    @Test
    void parse_malformedLine_failsWithTheMessageReadGives() {
        String text = "u,i,4,x";
        assertThatThrownBy(() -> READER.lines().parse(text, "f.csv", 7))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("f.csv line 7: field \"timestamp\" is not an integer: \"x\"");
        assertThatThrownBy(() -> READER.read(new StringReader("u,i,4,1\n".repeat(6) + text + "\n"), "f.csv"))
                .hasMessage("f.csv line 7: field \"timestamp\" is not an integer: \"x\"");
    }

    @Test
    void lines_ofAQuotedReader_areUnsupported() {
        DelimitedReader quoted = DelimitedReader.builder().delimiter(",").quoted(true).build();
        assertThatThrownBy(quoted::lines).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("quoted fields may span lines");
    }
}
