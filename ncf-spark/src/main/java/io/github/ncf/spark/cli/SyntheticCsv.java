package io.github.ncf.spark.cli;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DelimitedReader;
import io.github.ncf.data.synthetic.SyntheticInteractions;
import io.github.ncf.spark.SparkReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a synthetic data set as CSV files (userId,itemId,rating,timestamp) for the program to read back. */
final class SyntheticCsv {

    private SyntheticCsv() {
    }

    /**
     * Generates the data and writes its rows, in order, across {@code files} files of a new temporary folder.
     *
     * @param spec the generator
     * @param files how many files, at least 1
     * @return the folder
     */
    static Path write(SyntheticInteractions spec, int files) {
        Interactions data = spec.generate();
        try {
            Path folder = Files.createTempDirectory("ncf-spark-synthetic-");
            int n = data.size();
            for (int f = 0; f < files; f++) {
                Path file = folder.resolve(String.format("part-%05d.csv", f));
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    w.write("userId,itemId,rating,timestamp\n");
                    StringBuilder line = new StringBuilder(48);
                    for (int r = (int) ((long) n * f / files), end = (int) ((long) n * (f + 1) / files); r < end; r++) {
                        line.setLength(0);
                        line.append(data.userIds().rawId(data.user(r))).append(',')
                                .append(data.itemIds().rawId(data.item(r))).append(",1,")
                                .append(data.hasTimestamps() ? data.timestamp(r) : 0L).append('\n');
                        w.append(line);
                    }
                }
                file.toFile().deleteOnExit();
            }
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic data set", e);
        }
    }

    /** @return the single-machine reader of the files {@link #write} makes */
    static DelimitedReader localReader() {
        return DelimitedReader.builder().delimiter(",").header(true).ratingColumn(2).timestampColumn(3).fieldCount(4)
                .build();
    }

    /** @return the Spark reader of the files {@link #write} makes, the same rules as {@link #localReader()} */
    static SparkReader reader() {
        return SparkReader.of(localReader());
    }
}
