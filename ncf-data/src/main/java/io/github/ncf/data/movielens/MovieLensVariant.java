package io.github.ncf.data.movielens;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MovieLens releases that {@code ncf} reads, with their file layout, folder name, official
 * GroupLens archive address and, where GroupLens publishes a fixed one, the archive's MD5.
 *
 * <p>The row counts ({@link #ratings()}) are those of GroupLens's READMEs; readers check a local
 * copy against them. The MD5 values are those of GroupLens's {@code <archive>.md5} files. The "latest" archives are
 * re-issued from time to time, so they have no fixed checksum: a download of them is verified by
 * size and structure only (the expected files must be inside).
 *
 * <pre>{@code
 * MovieLensVariant v = MovieLensVariant.fromName("ml-1m");
 * }</pre>
 */
public enum MovieLensVariant {
    /** 100,000 ratings of 943 users on 1,682 movies; {@code u.data}/{@code u.item}. */
    ML_100K("ml-100k", "ml-100k", Layout.U_DATA, "0e33842e24a9c977be4e0107933c0723", 4_924_029L, 100_000L),
    /** 1,000,209 ratings of 6,040 users; {@code ratings.dat}/{@code movies.dat} with {@code ::}. */
    ML_1M("ml-1m", "ml-1m", Layout.DAT, "c4d9eecfca2ab87c1945afe126590906", -1L, 1_000_209L),
    /** 10,000,054 ratings; {@code ratings.dat}/{@code movies.dat} with {@code ::}, folder {@code ml-10M100K}. */
    ML_10M("ml-10m", "ml-10M100K", Layout.DAT, "ce571fd55effeba0271552578f2648bd", -1L, 10_000_054L),
    /** 20,000,263 ratings of 138,493 users; {@code ratings.csv}/{@code movies.csv}. */
    ML_20M("ml-20m", "ml-20m", Layout.CSV, "cd245b17a1ae2cc31bb14903e1204af3", -1L, 20_000_263L),
    /** 25,000,095 ratings; {@code ratings.csv}/{@code movies.csv}. */
    ML_25M("ml-25m", "ml-25m", Layout.CSV, "6b51fb2759a8657d3bfcbfc42b592ada", -1L, 25_000_095L),
    /** The small "latest" release (about 100,000 ratings); re-issued, so no fixed checksum. */
    ML_LATEST_SMALL("ml-latest-small", "ml-latest-small", Layout.CSV, null, -1L, -1L),
    /** The full "latest" release; re-issued, so no fixed checksum. */
    ML_LATEST("ml-latest", "ml-latest", Layout.CSV, null, -1L, -1L);

    /** How the files of a release are laid out. */
    public enum Layout {
        /** {@code u.data} (tab: user, item, rating, timestamp) and {@code u.item} ('|', ISO-8859-1). */
        U_DATA("u.data", "u.item"),
        /** {@code ratings.dat} and {@code movies.dat}, fields separated by {@code ::}. */
        DAT("ratings.dat", "movies.dat"),
        /** {@code ratings.csv} and {@code movies.csv} with a header line, quoted titles. */
        CSV("ratings.csv", "movies.csv");

        private final String ratingsFile;
        private final String itemsFile;

        Layout(String ratingsFile, String itemsFile) {
            this.ratingsFile = ratingsFile;
            this.itemsFile = itemsFile;
        }

        /** @return the name of the ratings file */
        public String ratingsFile() {
            return ratingsFile;
        }

        /** @return the name of the item metadata file */
        public String itemsFile() {
            return itemsFile;
        }
    }

    /** Where GroupLens publishes the archives. */
    public static final String BASE_URL = "https://files.grouplens.org/datasets/movielens/";

    private final String id;
    private final String folder;
    private final Layout layout;
    private final String md5;
    private final long archiveBytes;
    private final long ratings;

    MovieLensVariant(String id, String folder, Layout layout, String md5, long archiveBytes, long ratings) {
        this.id = id;
        this.folder = folder;
        this.layout = layout;
        this.md5 = md5;
        this.archiveBytes = archiveBytes;
        this.ratings = ratings;
    }

    /**
     * Returns the number of rows of the ratings file as GroupLens's README states it (ML-100k
     * 100,000; ML-1M 1,000,209; ML-10M 10,000,054; ML-20M 20,000,263; ML-25M 25,000,095), or -1 for
     * the "latest" releases, which are re-issued with other counts (ml-latest-small held 100,004
     * ratings in 2016 and 100,836 from 2018).
     *
     * @return the row count or -1
     */
    public long ratings() {
        return ratings;
    }

    /**
     * Returns the short name, also the archive's base name, e.g. {@code ml-100k}.
     *
     * @return the name
     */
    public String id() {
        return id;
    }

    /**
     * Returns the folder the archive unpacks to, e.g. {@code ml-10M100K} for ML-10M.
     *
     * @return the folder name
     */
    public String folder() {
        return folder;
    }

    /**
     * Returns the file layout.
     *
     * @return the layout
     */
    public Layout layout() {
        return layout;
    }

    /**
     * Returns the official archive address.
     *
     * @return the URL as a string
     */
    public String url() {
        return BASE_URL + id + ".zip";
    }

    /**
     * Returns GroupLens's published MD5 of the archive, if the archive has a fixed one.
     *
     * @return the lower-case hex MD5
     */
    public Optional<String> md5() {
        return Optional.ofNullable(md5);
    }

    /**
     * Returns the archive size in bytes where it is known (ML-100k: 4,924,029), else -1.
     *
     * @return the size or -1
     */
    public long archiveBytes() {
        return archiveBytes;
    }

    /**
     * Returns the encoding of the item metadata file: ISO-8859-1 for ML-100k and ML-1M, UTF-8 after.
     *
     * @return the charset
     */
    public Charset itemsCharset() {
        return this == ML_100K || this == ML_1M ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    /**
     * Looks a variant up by its short name ({@code ml-100k}, {@code 100k}, {@code ML_100K} ...).
     *
     * @param name the name
     * @return the variant
     * @throws IllegalArgumentException if no variant has that name
     */
    public static MovieLensVariant fromName(String name) {
        String n = name.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        for (MovieLensVariant v : values()) {
            if (v.id.equals(n) || v.id.equals("ml-" + n) || v.folder.equalsIgnoreCase(n)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown MovieLens variant \"" + name + "\"; known: "
                + java.util.Arrays.stream(values()).map(MovieLensVariant::id).toList());
    }
}
