package io.github.ncf.data.movielens;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The lines of a text file or stream, for the readers of this package: line breaks are {@code \n}
 * or {@code \r\n}, a UTF-8 byte-order mark before the first line is dropped, and it is known whether
 * the last line ended with a line break (a file cut short usually does not).
 *
 * <p>Files are split into lines as bytes and each line is decoded on its own with a decoder that
 * reports malformed input, so that undecodable bytes are an error naming the file, the line, the
 * byte and the encoding rather than a bare "Input length = 1". This needs an encoding in which
 * {@code '\n'} is the single byte 0x0A, which every ASCII-compatible one (UTF-8, ISO-8859-1,
 * windows-1252, ...) is.
 */
abstract class LineSource implements Closeable {

    private static final char BOM = '\uFEFF';

    /** The file name shown in messages. */
    final String name;
    private long number;
    private boolean terminated = true;

    LineSource(String name) {
        this.name = name;
    }

    /**
     * Opens a file, turning the unhelpful errors of a directory or a file the process may not read
     * into ones that say so and name the path.
     */
    static LineSource open(Path file, Charset charset) throws IOException {
        requireAsciiCompatible(charset);
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw explain(file, e);
        }
        return new Bytes(file.getFileName().toString(), in, charset);
    }

    /** Lines of an already-decoded stream; {@code name} is shown in messages. */
    static LineSource of(Reader in, String name) {
        return new Chars(name, in);
    }

    /** Rewords the error of opening or reading {@code file} so that it names the path and the cause. */
    static IOException explain(Path file, IOException e) {
        IOException explained;
        if (e instanceof AccessDeniedException) {
            explained = new AccessDeniedException(file.toString(), null,
                    "permission denied: this process may not read it");
        } else if (e instanceof NoSuchFileException) {
            explained = new NoSuchFileException(file.toString(), null, "no such file");
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            explained = new FileSystemException(file.toString(), null, fs.getReason());
        } else {
            return e;
        }
        explained.initCause(e);
        return explained;
    }

    static void requireAsciiCompatible(Charset charset) {
        if (!Arrays.equals("\n\r,;|:\t\"az09".getBytes(charset), "\n\r,;|:\t\"az09".getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("charset must be ASCII-compatible (UTF-8, ISO-8859-1, "
                    + "windows-1252, ...), got " + charset.name());
        }
    }

    /**
     * Returns the next line without its line break, or null at the end.
     *
     * @throws MalformedLineException if the line's bytes are not valid in the encoding
     */
    final String next() throws IOException {
        String line = read();
        if (line == null) {
            return null;
        }
        number++;
        if (number == 1 && !line.isEmpty() && line.charAt(0) == BOM) {
            return line.substring(1);
        }
        return line;
    }

    /** The 1-based number of the line last returned. */
    final long number() {
        return number;
    }

    /** Whether the line last returned ended with a line break (true before any line). */
    final boolean terminated() {
        return terminated;
    }

    final void terminated(boolean value) {
        terminated = value;
    }

    /**
     * Returns these lines as one character stream, each line followed by {@code \n} when it had a
     * line break, for a parser that reads records spanning lines (commons-csv). Decoding errors
     * surface from {@code read} as the {@link MalformedLineException} of {@link #next()}.
     */
    final Reader asReader() {
        return new Reader() {
            private String line = "";
            private int at;
            private boolean lineBreak;
            private boolean done;

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                int n = 0;
                while (n < len) {
                    if (at < line.length()) {
                        int k = Math.min(len - n, line.length() - at);
                        line.getChars(at, at + k, cbuf, off + n);
                        at += k;
                        n += k;
                    } else if (lineBreak) {
                        cbuf[off + n++] = '\n';
                        lineBreak = false;
                    } else if (done || n > 0) {
                        break;
                    } else {
                        String next = next();
                        if (next == null) {
                            done = true;
                            break;
                        }
                        line = next;
                        at = 0;
                        lineBreak = terminated();
                    }
                }
                return n == 0 && done && len > 0 ? -1 : n;
            }

            @Override
            public void close() {
                // The line source is closed by its owner.
            }
        };
    }

    /** Reads the next raw line, setting {@link #terminated(boolean)}; null at the end. */
    abstract String read() throws IOException;

    /** Splits bytes on 0x0A and decodes line by line. */
    private static final class Bytes extends LineSource {

        private final InputStream in;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final boolean singleByte;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] carry = new byte[256];
        private CharBuffer chars = CharBuffer.allocate(256);

        Bytes(String name, InputStream in, Charset charset) {
            super(name);
            this.in = in;
            this.charset = charset;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.singleByte = charset.equals(StandardCharsets.ISO_8859_1);
        }

        @Override
        String read() throws IOException {
            int carried = 0;
            while (true) {
                if (pos >= limit) {
                    limit = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (carried == 0) {
                            return null;
                        }
                        terminated(false);
                        return decode(carry, 0, carried);
                    }
                }
                int end = pos;
                while (end < limit && buf[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    terminated(true);
                    String line;
                    if (carried == 0) {
                        line = decode(buf, pos, end - pos);
                    } else {
                        carry = append(carry, carried, buf, pos, end - pos);
                        line = decode(carry, 0, carried + end - pos);
                    }
                    pos = end + 1;
                    return line;
                }
                carry = append(carry, carried, buf, pos, limit - pos);
                carried += limit - pos;
                pos = limit;
            }
        }

        private static byte[] append(byte[] to, int used, byte[] from, int off, int len) {
            byte[] out = used + len <= to.length ? to : Arrays.copyOf(to, Math.max(to.length * 2, used + len));
            System.arraycopy(from, off, out, used, len);
            return out;
        }

        private String decode(byte[] b, int off, int len) throws MalformedLineException {
            if (len > 0 && b[off + len - 1] == '\r') {
                len--;
            }
            boolean ascii = true;
            for (int k = off; k < off + len; k++) {
                if (b[k] < 0) {
                    ascii = false;
                    break;
                }
            }
            if (ascii || singleByte) {
                // ISO-8859-1 maps every byte to the char of the same value: the fastest exact decode.
                return new String(b, off, len, StandardCharsets.ISO_8859_1);
            }
            if (chars.capacity() < len + 1) {
                chars = CharBuffer.allocate(len + 1);
            }
            chars.clear();
            ByteBuffer bytes = ByteBuffer.wrap(b, off, len);
            decoder.reset();
            CoderResult result = decoder.decode(bytes, chars, true);
            if (!result.isError()) {
                result = decoder.flush(chars);
            }
            if (result.isError()) {
                int at = bytes.position() - off;
                throw new MalformedLineException(name, number() + 1, null,
                        new String(b, off, len, charset),
                        "is not valid " + charset.name() + " (byte 0x"
                                + String.format("%02X", b[off + at] & 0xFF) + " at byte " + (at + 1)
                                + " of the line); give the file's encoding with charset(...)");
            }
            chars.flip();
            return chars.toString();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Splits a character stream on {@code \n}. */
    private static final class Chars extends LineSource {

        private final Reader in;
        private final char[] buf = new char[1 << 14];
        private int pos;
        private int limit;

        Chars(String name, Reader in) {
            super(name);
            this.in = in;
        }

        @Override
        String read() throws IOException {
            StringBuilder carry = null;
            while (true) {
                if (pos >= limit) {
                    limit = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (carry == null) {
                            return null;
                        }
                        terminated(false);
                        return stripCr(carry.toString());
                    }
                }
                int end = pos;
                while (end < limit && buf[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    terminated(true);
                    String line = carry == null ? new String(buf, pos, end - pos)
                            : carry.append(buf, pos, end - pos).toString();
                    pos = end + 1;
                    return stripCr(line);
                }
                if (carry == null) {
                    carry = new StringBuilder(limit - pos + 64);
                }
                carry.append(buf, pos, limit - pos);
                pos = limit;
            }
        }

        private static String stripCr(String line) {
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        @Override
        public void close() {
            // The caller owns the reader.
        }
    }
}
