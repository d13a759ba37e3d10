package io.github.ncf.data.movielens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Splits a line into fields; shared by the readers of this package. */
final class Fields {

    private Fields() {
    }

    /**
     * Splits on every occurrence of {@code delimiter}; a trailing empty field is kept.
     */
    static int split(String line, String delimiter, String[] out) {
        int n = 0;
        int from = 0;
        int d = delimiter.length();
        while (true) {
            int at = line.indexOf(delimiter, from);
            if (at < 0) {
                if (n < out.length) {
                    out[n] = line.substring(from);
                }
                return n + 1;
            }
            if (n < out.length) {
                out[n] = line.substring(from, at);
            }
            n++;
            from = at + d;
        }
    }

    /**
     * Returns the RFC 4180 format with the given delimiter: fields may be enclosed in double quotes,
     * inside which the delimiter and line breaks are literal and {@code ""} stands for one quote.
     */
    static CSVFormat rfc4180(char delimiter) {
        return CSVFormat.RFC4180.builder().setDelimiter(delimiter).build();
    }

    /**
     * Splits one RFC 4180 line with commons-csv.
     *
     * @throws MalformedLineException if a quote is not closed or text follows a closing quote
     */
    static List<String> splitQuoted(String line, char delimiter, String file, long lineNo)
            throws MalformedLineException {
        try (CSVParser parser = CSVParser.parse(line, rfc4180(delimiter))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new MalformedLineException(file, lineNo, null, line, "is not one RFC 4180 record");
            }
            return records.get(0).toList();
        } catch (MalformedLineException e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            throw new MalformedLineException(file, lineNo, null, line, quotingProblem(e));
        }
    }

    /** Words a commons-csv parse error for a user: which quoting rule the line breaks. */
    static String quotingProblem(Exception e) {
        String m = String.valueOf(e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage());
        if (m.contains("EOF reached before encapsulated token finished")) {
            return "has an unclosed quote";
        }
        if (m.contains("between encapsulated token and delimiter")) {
            return "has text after a closing quote (RFC 4180 allows only the delimiter there)";
        }
        return "is not valid RFC 4180 quoting (" + m + ")";
    }
}
