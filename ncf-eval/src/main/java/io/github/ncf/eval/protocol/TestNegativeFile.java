package io.github.ncf.eval.protocol;

import io.github.ncf.data.IdMapping;
import io.github.ncf.data.Interactions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The candidates of a file in the NCF authors' {@code .test.negative} format, read and checked: one
 * line per test user, {@code (user,item)} followed by tab-separated negatives, e.g. {@code
 * (0,25)\t1064\t174\t2791...}. {@link SampledRanking#of(TestNegativeFile)} ranks with them.
 *
 * <p>Blank lines are ignored. Negatives repeated on a line, or that are training items of the user,
 * are kept as given and counted ({@link #duplicateNegatives()}, {@link #negativesInTraining()}); a
 * negative equal to the held-out item is an error. Users are listed in ascending index, whatever the
 * order of the lines. Immutable.
 *
 * <pre>{@code
 * TestNegativeFile file = TestNegativeFile.read(Path.of("ml-1m.test.negative"), train, IdFormat.RAW);
 * Ranks ranks = SampledRanking.of(file).rank(model);
 * }</pre>
 */
public final class TestNegativeFile {

    /**
     * How users and items are written in a {@code .test.negative} file.
     *
     * <p>The NCF authors' files ({@code ml-1m.test.negative}, {@code (0,25)\t1064\t174...}) hold the
     * 0-based ids of <em>their</em> preprocessing, which are the raw ids of their {@code .train.rating}
     * file. Read that file into {@code Interactions} and use {@link #RAW}: this library assigns dense
     * indices in order of first appearance, which need not equal the authors' numbers.
     */
    public enum IdFormat {
        /** This library's dense 0-based indices of the training set's id mappings. */
        INDEX,
        /** Raw ids as in the source data, translated through the training set's id mappings. */
        RAW
    }

    private final Path file;
    private final int numUsers;
    private final int numItems;
    private final int[] users;
    private final int[] heldOut;
    // Candidates of the user at position p are pairItems[offsets[p] .. offsets[p + 1]); the first is
    // the held-out item.
    private final int[] offsets;
    private final int[] pairItems;
    private final int maxNegatives;
    private final int duplicateNegatives;
    private final int negativesInTraining;

    private TestNegativeFile(Path file, Interactions train, List<int[]> rows, int maxNegatives,
            int duplicateNegatives, int negativesInTraining) {
        this.file = file;
        this.numUsers = train.numUsers();
        this.numItems = train.numItems();
        rows.sort(Comparator.comparingInt(r -> r[0]));
        int n = rows.size();
        this.users = new int[n];
        this.heldOut = new int[n];
        this.offsets = new int[n + 1];
        for (int p = 0; p < n; p++) {
            users[p] = rows.get(p)[0];
            heldOut[p] = rows.get(p)[1];
            offsets[p + 1] = offsets[p] + rows.get(p).length - 1;
        }
        this.pairItems = new int[offsets[n]];
        for (int p = 0; p < n; p++) {
            int[] row = rows.get(p);
            System.arraycopy(row, 1, pairItems, offsets[p], row.length - 1);
        }
        this.maxNegatives = maxNegatives;
        this.duplicateNegatives = duplicateNegatives;
        this.negativesInTraining = negativesInTraining;
    }

    /**
     * Reads and checks a {@code .test.negative} file.
     *
     * @param file the file to read
     * @param train the training interactions, for the id space and (with {@link IdFormat#RAW}) the id
     *     mappings
     * @param ids whether the file holds dense indices or raw ids
     * @return the file's candidates
     * @throws IllegalArgumentException naming file, line, field and value if a line is malformed,
     *     an id is unknown or out of range, or a user appears twice
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TestNegativeFile read(Path file, Interactions train, IdFormat ids) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(ids, "ids");
        String where = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<int[]> rows = new ArrayList<>();
        Map<Integer, Integer> lineOfUser = new HashMap<>();
        int duplicates = 0;
        int inTraining = 0;
        int maxNegatives = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                String trimmed = line.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                String at = where + " line " + lineNo + ": ";
                String[] fields = trimmed.split("\t");
                String header = fields[0].strip();
                int comma = header.indexOf(',');
                if (!header.startsWith("(") || !header.endsWith(")") || comma < 0
                        || header.indexOf(',', comma + 1) >= 0) {
                    throw new IllegalArgumentException(at + "field \"(user,item)\" must look like"
                            + " \"(0,25)\", got \"" + header + "\"");
                }
                int user = parseId(at, "user", header.substring(1, comma).strip(), ids,
                        train.userIds());
                int item = parseId(at, "item", header.substring(comma + 1, header.length() - 1).strip(),
                        ids, train.itemIds());
                if (fields.length < 2) {
                    throw new IllegalArgumentException(at + "no negatives after \"" + header
                            + "\"; expected tab-separated item ids");
                }
                Integer previous = lineOfUser.putIfAbsent(user, lineNo);
                if (previous != null) {
                    throw new IllegalArgumentException(at + "field \"user\": user \""
                            + header.substring(1, comma).strip() + "\" already appeared on line "
                            + previous);
                }
                int[] row = new int[fields.length + 1];
                row[0] = user;
                row[1] = item;
                for (int f = 1; f < fields.length; f++) {
                    String field = "negative " + f;
                    int neg = parseId(at, field, fields[f].strip(), ids, train.itemIds());
                    if (neg == item) {
                        throw new IllegalArgumentException(at + "field \"" + field + "\" is the held-out"
                                + " item itself: \"" + fields[f].strip() + "\"");
                    }
                    for (int g = 2; g < f + 1; g++) {
                        if (row[g] == neg) {
                            duplicates++;
                            break;
                        }
                    }
                    if (train.contains(user, neg)) {
                        inTraining++;
                    }
                    row[f + 1] = neg;
                }
                maxNegatives = Math.max(maxNegatives, fields.length - 1);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new TestNegativeFile(file, train, rows, maxNegatives, duplicates, inTraining);
    }

    private static int parseId(String at, String field, String value, IdFormat ids, IdMapping mapping) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" is empty");
        }
        if (ids == IdFormat.RAW) {
            Integer index = mapping.find(value).orElse(null);
            if (index == null) {
                throw new IllegalArgumentException(at + "field \"" + field + "\": unknown raw id \""
                        + value + "\" (" + mapping.size() + " ids known)");
            }
            return index;
        }
        int index;
        try {
            index = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" is not an integer: \""
                    + value + "\"", e);
        }
        if (index < 0 || index >= mapping.size()) {
            throw new IllegalArgumentException(at + "field \"" + field + "\" index " + index
                    + " is outside [0, " + mapping.size() + ")");
        }
        return index;
    }

    /** @return the file that was read */
    public Path file() {
        return file;
    }

    /** @return the number of users of the training id space */
    public int numUsers() {
        return numUsers;
    }

    /** @return the number of items of the training id space */
    public int numItems() {
        return numItems;
    }

    /** @return the number of users listed in the file */
    public int size() {
        return users.length;
    }

    /** @return the listed users' indices, ascending; a copy */
    public int[] users() {
        return users.clone();
    }

    /** @return each listed user's held-out item, in the order of {@link #users()}; a copy */
    public int[] heldOutItems() {
        return heldOut.clone();
    }

    /**
     * Returns the candidates of the user at a position: the held-out item first, then the negatives
     * in the order of the line.
     *
     * @param position the user's position in {@link #users()}
     * @return a new array of item indices
     */
    public int[] candidates(int position) {
        Objects.checkIndex(position, users.length);
        return Arrays.copyOfRange(pairItems, offsets[position], offsets[position + 1]);
    }

    /** @return the largest number of negatives on one line */
    public int maxNegatives() {
        return maxNegatives;
    }

    /**
     * Returns the number of negatives repeated on the same line; they are kept as given and each copy
     * counts in the rank.
     *
     * @return the number of repeated negatives
     */
    public int duplicateNegatives() {
        return duplicateNegatives;
    }

    /**
     * Returns the number of negatives that are training items of their user; they are kept as given.
     *
     * @return the number of negatives that are training positives
     */
    public int negativesInTraining() {
        return negativesInTraining;
    }

    // Shared, not copied, with the protocol built from this file: neither changes them.
    int[] usersArray() {
        return users;
    }

    int[] heldOutArray() {
        return heldOut;
    }

    int[] offsetsArray() {
        return offsets;
    }

    int[] pairItemsArray() {
        return pairItems;
    }

    @Override
    public String toString() {
        return "TestNegativeFile{file=" + (file.getFileName() == null ? file : file.getFileName())
                + ", users=" + users.length + ", maxNegatives=" + maxNegatives + ", duplicateNegatives="
                + duplicateNegatives + ", negativesInTraining=" + negativesInTraining + "}";
    }
}
