package io.github.ncf.data.movielens;

import java.util.ArrayList;
import java.util.List;

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
     * Splits an RFC 4180 line: fields may be enclosed in double quotes, inside which the delimiter is
     * literal and {@code ""} stands for one quote.
     *
     * @return the fields, or null if a quote is not closed
     */
    static List<String> splitQuoted(String line, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = line.length();
        while (true) {
            field.setLength(0);
            if (i < n && line.charAt(i) == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (!closed) {
                    return null;
                }
                // Text between the closing quote and the delimiter is kept verbatim.
                while (i < n && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i++));
                }
            } else {
                while (i < n && line.charAt(i) != delimiter) {
                    field.append(line.charAt(i++));
                }
            }
            fields.add(field.toString());
            if (i >= n) {
                return fields;
            }
            i++; // the delimiter
        }
    }
}
