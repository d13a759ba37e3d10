package io.github.ncf.core.model;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints what verifying a saved model costs at load time, for a NeuMF whose parameter file is about
 * 30 MB (40,000 users, 41,920 items, gmfDim 32, mlpDim 64): milliseconds to checksum the parameter
 * file with CRC32C and with SHA-256 (the two candidates), to read and verify the whole directory
 * as {@code load} does, and the whole {@code load}. Medians over repetitions after warm-ups;
 * the file is in the page cache, as right after a save or on a second load. Not a test: run it by
 * hand.
 */
public final class ModelFileBenchmark {

    private ModelFileBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args optional: repetitions (default 15)
     * @throws IOException if saving or loading fails
     * @throws NoSuchAlgorithmException never (SHA-256 is in every JDK)
     */
    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Engines.start();
        Interactions data = Fixtures.random(40_000, 41_920, 0, 1);
        Path dir = Files.createTempDirectory("ncf-model-bench");
        try (NcfModel model = NcfModel.create(NeuMF.builder().numUsers(data.numUsers())
                .numItems(data.numItems()).build(), data)) {
            model.save(dir);
        }
        Path params = SavedModels.dataDir(dir).resolve("neumf-0000.params");
        System.out.printf(Locale.ROOT, "parameter file %.1f MB%n", Files.size(params) / 1e6);
        double[] crc = new double[reps];
        double[] sha = new double[reps];
        double[] verify = new double[reps];
        double[] load = new double[reps];
        for (int r = -3; r < reps; r++) {
            long t0 = System.nanoTime();
            ModelDirectory.crc32c(params);
            long t1 = System.nanoTime();
            sha256(params);
            long t2 = System.nanoTime();
            ModelDirectory.verifyFiles(ModelDirectory.open(dir), List.of());
            long t3 = System.nanoTime();
            NcfModel.load(dir).close();
            long t4 = System.nanoTime();
            if (r >= 0) {
                crc[r] = (t1 - t0) / 1e6;
                sha[r] = (t2 - t1) / 1e6;
                verify[r] = (t3 - t2) / 1e6;
                load[r] = (t4 - t3) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "median ms over %d runs: CRC32C of the parameter file %.1f,"
                + " SHA-256 of it %.1f, verifying the whole directory (CRC32C) %.1f, whole load %.1f%n",
                reps, median(crc), median(sha), median(verify), median(load));
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return digest.digest();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
