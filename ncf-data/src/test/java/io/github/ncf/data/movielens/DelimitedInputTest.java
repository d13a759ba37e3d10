package io.github.ncf.data.movielens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.ncf.data.split.LeaveOneOutSplitter;
import io.github.ncf.data.split.SortOrder;
import io.github.ncf.data.split.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delimited input as it arrives from users: byte-order marks, quoting, encodings, unreadable paths. */
class DelimitedInputTest {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private static final DelimitedReader CSV = DelimitedReader.builder().delimiter(",").build();

    private Path write(String name, byte[]... parts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        Path file = dir.resolve(name);
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void bom_withoutHeader_isNotPartOfTheFirstUserId() throws IOException {
        Path file = write("events.csv", BOM, utf8("1,10\n2,20\n1,20\n"));
        ReadResult r = CSV.read(file);
        assertThat(r.interactions().userIds().rawIds()).containsExactly("1", "2");
        assertThat(r.report().users()).isEqualTo(2);
    }

    @Test
    void bom_withHeader_isDroppedWithTheHeader() throws IOException {
        Path file = write("events.csv", BOM, utf8("user,item\n1,10\n2,20\n"));
        ReadResult r = DelimitedReader.builder().delimiter(",").header(true).build().read(file);
        assertThat(r.report().headerLines()).isEqualTo(1);
        assertThat(r.interactions().userIds().rawIds()).containsExactly("1", "2");
    }

    @Test
    void bom_inACharacterStream_isDroppedToo() throws IOException {
        ReadResult r = CSV.read(new StringReader("\uFEFF1,10\n2,20\n"), "events.csv");
        assertThat(r.interactions().userIds().rawIds()).containsExactly("1", "2");
    }

    @Test
    void quoted_fieldsWithCommasAndEscapedQuotes_followRfc4180() throws IOException {
        Path file = write("events.csv", utf8("\"1,x\",9\n\"say \"\"hi\"\"\",\"10\"\nplain,11\n"));
        ReadResult r = DelimitedReader.builder().delimiter(",").quoted(true).build().read(file);
        assertThat(r.interactions().userIds().rawIds()).containsExactly("1,x", "say \"hi\"", "plain");
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("9", "10", "11");
    }

    @Test
    void quotedOff_quotesAreOrdinaryCharacters() throws IOException {
        Path file = write("events.csv", utf8("\"1,x\",9\n"));
        ReadResult r = DelimitedReader.builder().delimiter(",").build().read(file);
        assertThat(r.interactions().userIds().rawIds()).containsExactly("\"1");
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("x\"");
    }

    @Test
    void quoted_fieldSpanningLines_isOneRecordAndLaterLinesKeepTheirNumbers() throws IOException {
        Path file = write("events.csv", utf8("user,item,time\n\"two\nlines\",9,1\nb,10,x\n"));
        DelimitedReader reader = DelimitedReader.builder().delimiter(",").header(true).quoted(true)
                .timestampColumn(2).build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("events.csv line 4: field \"timestamp\" is not an integer: \"x\"");
    }

    @Test
    void quoted_blankLines_areCountedNotRead() throws IOException {
        Path file = write("events.csv", utf8("a,1\n\n  \nb,2\n"));
        ReadResult r = DelimitedReader.builder().delimiter(",").quoted(true).build().read(file);
        assertThat(r.report().blankLines()).isEqualTo(2);
        assertThat(r.report().rowsKept()).isEqualTo(2);
        assertThat(r.report().lines()).isEqualTo(4);
    }

    @Test
    void quoted_unclosedQuote_namesTheLine() throws IOException {
        Path file = write("events.csv", utf8("a,1\n\"b,2\n"));
        DelimitedReader reader = DelimitedReader.builder().delimiter(",").quoted(true).build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("events.csv line 2: has an unclosed quote");
    }

    @Test
    void quoted_textAfterClosingQuote_isMalformed() throws IOException {
        Path file = write("events.csv", utf8("\"a\"b,1\n"));
        DelimitedReader reader = DelimitedReader.builder().delimiter(",").quoted(true).build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageStartingWith("events.csv line 1: has text after a closing quote");
    }

    @Test
    void latin1Bytes_inAUtf8File_nameFileLineByteAndEncoding() throws IOException {
        Path file = write("events.csv", utf8("1,cafe\n"), new byte[] {'2', ',', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> CSV.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageStartingWith("events.csv line 2: is not valid UTF-8 (byte 0xE9 at byte 6 of the line);"
                        + " give the file's encoding with charset(...)");
    }

    @Test
    void latin1File_readWithItsCharset_decodes() throws IOException {
        Path file = write("events.csv", new byte[] {'2', ',', 'c', 'a', 'f', (byte) 0xE9, '\n'});
        ReadResult r = DelimitedReader.builder().delimiter(",").charset(StandardCharsets.ISO_8859_1).build()
                .read(file);
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("café");
    }

    @Test
    void binaryGarbage_isAnErrorNamingTheLineAndEncoding() throws IOException {
        byte[] garbage = new byte[4096];
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < garbage.length; k++) {
            garbage[k] = (byte) random.nextInt(256);
        }
        Path file = write("model.bin", garbage);
        assertThatThrownBy(() -> CSV.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessageContaining("model.bin line ")
                .hasMessageContaining("is not valid UTF-8");
    }

    @Test
    void utf16Charset_isRejectedAtOnce() {
        assertThatThrownBy(() -> DelimitedReader.builder().charset(StandardCharsets.UTF_16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("charset must be ASCII-compatible (UTF-8, ISO-8859-1, windows-1252, ...), got UTF-16");
    }

    @Test
    void unreadableFile_saysPermissionDeniedAndNamesThePath() throws IOException {
        Path file = write("events.csv", utf8("1,10\n"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(file),
                "skipped: this process may read files whatever their permissions (running as root);"
                        + " permissionDenied_isReworded_namingThePathAndTheCause covers the message");
        assertThatThrownBy(() -> CSV.read(file))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage(file + ": permission denied: this process may not read it");
    }

    @Test
    void permissionDenied_isReworded_namingThePathAndTheCause() {
        Path file = dir.resolve("events.csv");
        IOException e = LineSource.explain(file, new AccessDeniedException(file.toString()));
        assertThat(e).isInstanceOf(AccessDeniedException.class)
                .hasMessage(file + ": permission denied: this process may not read it");
    }

    @Test
    void directoryAsFile_saysItIsADirectoryAndNamesThePath() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("ratings.csv"));
        assertThatThrownBy(() -> CSV.read(folder))
                .isInstanceOf(FileSystemException.class)
                .hasMessage(folder + ": is a directory, not a file");
    }

    @Test
    void shortLastLineWithoutLineBreak_isMalformedAndLooksCutShort() throws IOException {
        Path file = write("u.data", utf8("1\t2\t3\t881250949\n2\t3\t4"));
        DelimitedReader reader = DelimitedReader.builder().timestampColumn(3).ratingColumn(2).fieldCount(4).build();
        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(MalformedLineException.class)
                .hasMessage("u.data line 2: expected 4 fields separated by \"\\t\", found 3 (it is the last line"
                        + " and has no line break: the file looks cut short): \"2\\t3\\t4\"");
    }

    @Test
    void lastLineWithoutLineBreak_isReported() throws IOException {
        ReadResult r = CSV.read(write("events.csv", utf8("1,10\n2,20")));
        assertThat(r.interactions().size()).isEqualTo(2);
        assertThat(r.report().endsWithLineBreak()).isFalse();
        assertThat(r.report().toString()).contains("lastLineUnterminated");
    }

    @Test
    void crlfLineBreaks_areNotPartOfTheLastField() throws IOException {
        ReadResult r = CSV.read(write("events.csv", utf8("1,10\r\n2,20\r\n")));
        assertThat(r.interactions().itemIds().rawIds()).containsExactly("10", "20");
        assertThat(r.report().endsWithLineBreak()).isTrue();
    }

    @Test
    void noTimestampColumn_interactionsAndReportSayOnlyFileOrderIsKnown() throws IOException {
        ReadResult r = CSV.read(write("events.csv", utf8("1,10\n2,20\n")));
        assertThat(r.interactions().hasTimestamps()).isFalse();
        assertThat(r.report().timestamps()).isFalse();
        assertThat(r.report().toString()).contains("timestamps=none (only file order is known)");
    }

    @Test
    void noTimestamps_splitInFileOrder_holdsOutEachUsersLastRow() throws IOException {
        ReadResult r = CSV.read(write("events.csv", utf8("1,10\n2,20\n1,30\n2,40\n1,50\n")));
        Split split = LeaveOneOutSplitter.builder().order(SortOrder.FILE_ORDER).build().split(r.interactions());
        assertThat(split.test().size()).isEqualTo(2);
        assertThat(List.of(split.test().itemIds().rawId(split.test().item(0)),
                split.test().itemIds().rawId(split.test().item(1)))).containsExactlyInAnyOrder("50", "40");
    }

    @Test
    void longLines_acrossReadBuffers_areWhole() throws IOException {
        String user = "u".repeat(70_000);
        ReadResult r = CSV.read(write("events.csv", utf8("a,1\n" + user + ",2\n")));
        assertThat(r.interactions().userIds().rawId(1)).isEqualTo(user);
    }
}
