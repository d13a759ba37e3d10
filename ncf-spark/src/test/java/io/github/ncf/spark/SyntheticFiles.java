package io.github.ncf.spark;

import io.github.ncf.data.Interactions;
import io.github.ncf.data.movielens.DelimitedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes interactions as CSV files (user,item,rating,timestamp with a header) and reads them back. */
final class SyntheticFiles {

    private SyntheticFiles() {
    }

    /** Writes the rows in order across {@code files} files part-0.csv, part-1.csv, ... of a new folder. */
    static Path write(Interactions data, int files) {
        try {
            Path folder = Files.createTempDirectory("ncf-spark-csv-");
            int n = data.size();
            for (int f = 0; f < files; f++) {
                try (Writer w = Files.newBufferedWriter(folder.resolve("part-" + f + ".csv"), StandardCharsets.UTF_8)) {
                    w.write("userId,itemId,rating,timestamp\n");
                    for (int r = (int) ((long) n * f / files); r < (int) ((long) n * (f + 1) / files); r++) {
                        // Raw ids shifted so that first appearance, not the generator, numbers them.
                        w.write((data.user(r) * 7 + 3) + "," + (data.item(r) * 5 + 1) + ",1,"
                                + (data.hasTimestamps() ? data.timestamp(r) : 0L) + "\n");
                    }
                }
            }
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the reader of the files {@link #write} makes */
    static SparkReader reader() {
        return SparkReader.of(DelimitedReader.builder().delimiter(",").header(true).ratingColumn(2).timestampColumn(3)
                .fieldCount(4).build());
    }

    /** Reads the folder's files, concatenated without their headers, with the single-machine reader. */
    static Interactions readLocally(Path folder) throws IOException {
        StringBuilder all = new StringBuilder("userId,itemId,rating,timestamp\n");
        for (int f = 0; Files.exists(folder.resolve("part-" + f + ".csv")); f++) {
            String text = Files.readString(folder.resolve("part-" + f + ".csv"));
            all.append(text, text.indexOf('\n') + 1, text.length());
        }
        return DelimitedReader.builder().delimiter(",").header(true).ratingColumn(2).timestampColumn(3).fieldCount(4)
                .build().read(new StringReader(all.toString()), "all.csv").interactions();
    }
}
