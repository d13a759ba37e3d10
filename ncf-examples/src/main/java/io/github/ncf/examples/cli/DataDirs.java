package io.github.ncf.examples.cli;

import io.github.ncf.data.movielens.MovieLensVariant;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the folder of a MovieLens release: {@code --data-dir}, else {@code NCF_DATA_DIR} (environment
 * variable or system property {@code ncf.data.dir}), else the cache {@code ~/.ncf/data}. Each may name
 * the release folder itself or the folder that holds it.
 */
final class DataDirs {

    private DataDirs() {
    }

    /**
     * Resolves the release folder.
     *
     * @param variant the release
     * @param dataDir the folder given with {@code --data-dir}, or null
     * @return a folder holding the release's ratings file
     * @throws IllegalArgumentException naming every place looked at and how to provide the files
     */
    static Path resolve(MovieLensVariant variant, Path dataDir) {
        String ratings = variant.layout().ratingsFile();
        StringBuilder tried = new StringBuilder();
        Path[] bases;
        if (dataDir != null) {
            bases = new Path[] {dataDir};
        } else {
            String env = System.getenv("NCF_DATA_DIR");
            String prop = System.getProperty("ncf.data.dir");
            String cache = System.getProperty("ncf.cache.dir",
                    Path.of(System.getProperty("user.home"), ".ncf", "data").toString());
            bases = new Path[] {prop == null ? null : Path.of(prop), env == null ? null : Path.of(env), Path.of(cache)};
        }
        for (Path base : bases) {
            if (base == null) {
                continue;
            }
            for (Path candidate : new Path[] {base.resolve(variant.folder()), base}) {
                if (Files.isRegularFile(candidate.resolve(ratings))) {
                    return candidate;
                }
            }
            tried.append(tried.length() == 0 ? "" : ", ").append(base.resolve(variant.folder()));
        }
        throw new IllegalArgumentException("MovieLens " + variant.id() + " not found (looked for " + ratings
                + " in " + tried + "); unpack " + variant.url() + " into a folder and pass --data-dir DIR "
                + "or set NCF_DATA_DIR=DIR (DIR holds " + variant.folder() + "/)");
    }
}
