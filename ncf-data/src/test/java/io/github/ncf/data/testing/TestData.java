package io.github.ncf.data.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real MovieLens files for integration tests: the folder named by the environment variable
 * {@code NCF_DATA_DIR} (or the system property {@code ncf.data.dir}) holding {@code ml-100k/},
 * {@code ml-latest-small/} and so on. A test calling these methods is skipped, with a message saying
 * what is missing, when the files are absent; nothing is ever downloaded.
 *
 * <pre>{@code
 * Path dir = TestData.ml100k();   // skips the test if NCF_DATA_DIR is unset
 * }</pre>
 */
public final class TestData {

    /** The environment variable naming the folder that holds the MovieLens dataset folders. */
    public static final String ENV = "NCF_DATA_DIR";

    private TestData() {
    }

    /**
     * Returns the MovieLens-100k folder (holding {@code u.data} and {@code u.item}), or skips the
     * calling test.
     *
     * @return the folder
     */
    public static Path ml100k() {
        return require("ml-100k", "u.data");
    }

    /**
     * Returns the ml-latest-small folder (holding {@code ratings.csv} and {@code movies.csv}), or
     * skips the calling test.
     *
     * @return the folder
     */
    public static Path mlLatestSmall() {
        return require("ml-latest-small", "ratings.csv");
    }

    /**
     * Returns {@code $NCF_DATA_DIR/<folder>} if it holds {@code file}, else skips the calling test.
     *
     * @param folder the dataset folder name, e.g. {@code ml-100k}
     * @param file a file that must exist in it
     * @return the folder
     */
    public static Path require(String folder, String file) {
        String root = System.getProperty("ncf.data.dir", System.getenv(ENV));
        Assumptions.assumeTrue(root != null && !root.isBlank(),
                "skipped: set " + ENV + " (e.g. NCF_DATA_DIR=../shared/data) to run the " + folder
                        + " integration tests");
        Path dir = Path.of(root).resolve(folder);
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve(file)),
                "skipped: " + dir.resolve(file) + " not found (" + ENV + "=" + root + ")");
        return dir;
    }
}
