package io.github.ncf.data.movielens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads a MovieLens release from its folder: the ratings (every rating an implicit positive unless a
 * {@link Builder#minRating(float) threshold} is set) in file order, and the item catalog.
 *
 * <p>Layouts: ML-100k {@code u.data} (tab-separated user, item, rating, timestamp) with {@code
 * u.item} ('|'-separated id, title, release date, video date, URL and 19 genre flags, ISO-8859-1);
 * ML-1M and ML-10M {@code ratings.dat}/{@code movies.dat} ({@code ::}); ML-20M, ML-25M and the
 * "latest" releases {@code ratings.csv}/{@code movies.csv} (header line, titles quoted when they hold
 * commas). Dense indices follow first appearance in the ratings file.
 *
 * <p>Releases with a fixed content are verified when read: the ratings file must hold exactly the
 * number of rows GroupLens publishes ({@link MovieLensVariant#ratings()}), so a copy cut short is a
 * {@link DataVerificationException} saying it is truncated, with the file and both counts, instead
 * of a smaller data set whose last line may be half a row. The archive checksums are checked when
 * {@link DataSource} downloads; an unpacked folder has no archive to check, so the row count is the
 * check it gets.
 *
 * <pre>{@code
 * MovieLensData ml = MovieLensReader.read(MovieLensVariant.ML_100K, Path.of("data/ml-100k"));
 * MovieLensData liked = MovieLensReader.builder().variant(MovieLensVariant.ML_1M).minRating(4f)
 *         .build().read(Path.of("data/ml-1m"));
 * }</pre>
 */
public final class MovieLensReader {

    /** The 19 genres of ML-100k's {@code u.item} flags, in column order (as listed in {@code u.genre}). */
    public static final List<String> ML100K_GENRES = List.of("unknown", "Action", "Adventure", "Animation",
            "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror",
            "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

    private final MovieLensVariant variant;
    private final float minRating;
    private final boolean verify;

    private MovieLensReader(Builder b) {
        this.variant = b.variant;
        this.minRating = b.minRating;
        this.verify = b.verify;
    }

    /**
     * Returns a builder for {@link MovieLensVariant#ML_100K} with every rating a positive.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a release with every rating a positive.
     *
     * @param variant the release
     * @param dir the folder holding its files
     * @return the data
     * @throws IOException if a file is missing, unreadable or malformed
     */
    public static MovieLensData read(MovieLensVariant variant, Path dir) throws IOException {
        return builder().variant(variant).build().read(dir);
    }

    /**
     * Returns the reader of the ratings file alone, as configured.
     *
     * @return the delimited reader for this variant's ratings file
     */
    public DelimitedReader ratingsReader() {
        DelimitedReader.Builder b = DelimitedReader.builder().userColumn(0).itemColumn(1).ratingColumn(2)
                .timestampColumn(3).fieldCount(4);
        switch (variant.layout()) {
            case U_DATA -> b.delimiter("\t");
            case DAT -> b.delimiter("::");
            case CSV -> b.delimiter(",").header(true);
            default -> throw new IllegalStateException("unknown layout " + variant.layout());
        }
        if (!Float.isNaN(minRating)) {
            b.minRating(minRating);
        }
        return b.build();
    }

    /**
     * Reads the release from a folder.
     *
     * @param dir the folder holding the ratings and item files
     * @return the data
     * @throws NoSuchFileException if the ratings or item file is absent
     * @throws MalformedLineException if a line is malformed
     * @throws DataVerificationException if the ratings file does not hold the release's row count
     * @throws IOException if reading fails
     */
    public MovieLensData read(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Path ratings = dir.resolve(variant.layout().ratingsFile());
        Path items = dir.resolve(variant.layout().itemsFile());
        for (Path p : new Path[] {ratings, items}) {
            // A directory or an unreadable file in its place is reported by the line reader, which says which.
            if (!Files.exists(p)) {
                throw new NoSuchFileException(p.toString(), null,
                        variant.id() + " needs " + variant.layout().ratingsFile() + " and "
                                + variant.layout().itemsFile() + " in " + dir);
            }
        }
        ReadResult result = ratingsReader().read(ratings);
        if (verify) {
            verifyRowCount(variant, result.report());
        }
        ItemCatalog catalog = readCatalog(variant, items);
        return new MovieLensData(variant, result.interactions(), catalog, result.report(),
                catalog.missing(result.interactions().itemIds()));
    }

    /**
     * Checks a ratings file against the row count GroupLens publishes for the release.
     *
     * @param variant the release
     * @param report the report of reading its ratings file
     * @throws DataVerificationException if the release has a fixed row count and the file holds a
     *     different number of rows; fewer rows are reported as a truncated file
     */
    public static void verifyRowCount(MovieLensVariant variant, ReadReport report)
            throws DataVerificationException {
        long expected = variant.ratings();
        long found = report.dataRows();
        if (expected < 0 || found == expected) {
            return;
        }
        String end = report.endsWithLineBreak() ? "" : "; its last line has no line break";
        if (found < expected) {
            throw new DataVerificationException(report.file(), expected, found, report.file()
                    + " is truncated: " + String.format(Locale.ROOT, "%,d", found) + " rows where " + variant.id() + " has "
                    + String.format(Locale.ROOT, "%,d", expected) + end + ". Unpack the official archive again, or read a"
                    + " modified copy with verify(false).");
        }
        throw new DataVerificationException(report.file(), expected, found, report.file() + " holds "
                + String.format(Locale.ROOT, "%,d", found) + " rows where " + variant.id() + " has "
                + String.format(Locale.ROOT, "%,d", expected) + ": not the official release. Read a modified copy with"
                + " verify(false).");
    }

    /**
     * Reads the item catalog file of a release.
     *
     * @param variant the release, which fixes the layout and encoding
     * @param file the {@code u.item}, {@code movies.dat} or {@code movies.csv} file
     * @return the catalog
     * @throws MalformedLineException if a line is malformed
     * @throws IOException if reading fails
     */
    public static ItemCatalog readCatalog(MovieLensVariant variant, Path file) throws IOException {
        String name = file.getFileName().toString();
        List<ItemCatalog.Item> items = new ArrayList<>();
        try (LineSource in = LineSource.open(file, variant.itemsCharset())) {
            String line;
            String[] fields = new String[24];
            while ((line = in.next()) != null) {
                long lineNo = in.number();
                if (line.isBlank() || (lineNo == 1 && variant.layout() == MovieLensVariant.Layout.CSV)) {
                    continue;
                }
                switch (variant.layout()) {
                    case U_DATA -> items.add(parseUItem(line, name, lineNo, fields));
                    case DAT -> {
                        int n = Fields.split(line, "::", fields);
                        if (n != 3) {
                            throw new MalformedLineException(name, lineNo, null, line,
                                    "expected 3 fields separated by \"::\", found " + n);
                        }
                        items.add(new ItemCatalog.Item(
                                RowCollector.nonEmpty(fields[0], name, lineNo, "movieId"),
                                fields[1], genres(fields[2])));
                    }
                    case CSV -> {
                        List<String> f = Fields.splitQuoted(line, ',', name, lineNo);
                        if (f.size() != 3) {
                            throw new MalformedLineException(name, lineNo, null, line,
                                    "expected 3 fields (movieId,title,genres), found " + f.size());
                        }
                        items.add(new ItemCatalog.Item(
                                RowCollector.nonEmpty(f.get(0), name, lineNo, "movieId"), f.get(1),
                                genres(f.get(2))));
                    }
                    default -> throw new IllegalStateException("unknown layout " + variant.layout());
                }
            }
        }
        try {
            return ItemCatalog.of(items);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": " + e.getMessage(), e);
        }
    }

    private static ItemCatalog.Item parseUItem(String line, String name, long lineNo, String[] fields)
            throws MalformedLineException {
        int n = Fields.split(line, "|", fields);
        if (n != 24) {
            throw new MalformedLineException(name, lineNo, null, line,
                    "expected 24 fields separated by \"|\" (id, title, dates, URL, 19 genre flags), found " + n);
        }
        String id = RowCollector.nonEmpty(fields[0], name, lineNo, "movie id");
        List<String> genres = new ArrayList<>();
        for (int g = 0; g < 19; g++) {
            String flag = fields[5 + g].strip();
            if (flag.equals("1")) {
                genres.add(ML100K_GENRES.get(g));
            } else if (!flag.equals("0")) {
                throw new MalformedLineException(name, lineNo, "genre " + ML100K_GENRES.get(g), fields[5 + g],
                        "is not 0 or 1");
            }
        }
        return new ItemCatalog.Item(id, fields[1], genres);
    }

    private static List<String> genres(String field) {
        String f = field.strip();
        if (f.isEmpty() || f.equals("(no genres listed)")) {
            return List.of();
        }
        return Arrays.asList(f.split("\\|"));
    }

    @Override
    public String toString() {
        return "MovieLensReader{" + variant.id() + (Float.isNaN(minRating) ? "" : ", minRating=" + minRating)
                + (verify ? "" : ", verify=false") + "}";
    }

    /** Configures a {@link MovieLensReader}; reusable after {@link #build()}. */
    public static final class Builder {

        private MovieLensVariant variant = MovieLensVariant.ML_100K;
        private float minRating = Float.NaN;
        private boolean verify = true;

        private Builder() {
        }

        /**
         * Sets the release; default {@link MovieLensVariant#ML_100K}.
         *
         * @param variant the release
         * @return this builder
         */
        public Builder variant(MovieLensVariant variant) {
            this.variant = Objects.requireNonNull(variant, "variant must not be null");
            return this;
        }

        /**
         * Keeps only ratings of at least {@code minRating} as positives; the others are counted in the
         * report. Default: every rating is a positive, as in the reference lab.
         *
         * @param minRating the threshold, a finite number
         * @return this builder
         */
        public Builder minRating(float minRating) {
            if (!Float.isFinite(minRating)) {
                throw new IllegalArgumentException("minRating must be finite, got " + minRating);
            }
            this.minRating = minRating;
            return this;
        }

        /**
         * Sets whether the ratings file is checked against the row count GroupLens publishes for
         * the release (ML-100k 100,000; ML-1M 1,000,209; ML-10M 10,000,054; ML-20M 20,000,263;
         * ML-25M 25,000,095; the re-issued "latest" releases have none); default true. Switch it off
         * only to read a deliberately modified copy.
         *
         * @param verify false to skip the check
         * @return this builder
         */
        public Builder verify(boolean verify) {
            this.verify = verify;
            return this;
        }

        /**
         * Builds the reader.
         *
         * @return the reader
         */
        public MovieLensReader build() {
            return new MovieLensReader(this);
        }
    }

}
