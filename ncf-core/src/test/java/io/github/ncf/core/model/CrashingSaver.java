package io.github.ncf.core.model;

import io.github.ncf.core.Engines;
import io.github.ncf.data.Interactions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The child process of {@link CrashDuringSaveTest}: saves model B over model A, either stopping at a
 * named step of the save until it is killed ({@code pause STEP}), or saving A and B in turns until it
 * is killed ({@code loop}). Prints one line per event for the parent to wait on.
 */
public final class CrashingSaver {

    static final int USERS = 3000;
    static final int ITEMS = 2000;

    private CrashingSaver() {
    }

    /** @return the interactions both models are built on */
    static Interactions data() {
        return Fixtures.random(USERS, ITEMS, 2, 5);
    }

    /**
     * Returns model A ({@code which == 0}) or B: same sizes and data, different seeds and kinds, so
     * their scores differ everywhere.
     */
    static NcfModel model(Interactions data, int which) {
        NcfBlock block = which == 0
                ? NeuMF.builder().numUsers(USERS).numItems(ITEMS).gmfDim(16).mlpDim(32)
                        .mlpLayers(32, 16).seed(11).build()
                : GMF.builder().numUsers(USERS).numItems(ITEMS).embeddingDim(48).seed(12).build();
        return NcfModel.create(block, data);
    }

    /**
     * Runs the child.
     *
     * @param args {@code DIR pause STEP} or {@code DIR loop}
     * @throws IOException if a save fails
     * @throws InterruptedException never; the process is killed while paused
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(args[0]);
        Engines.start();
        Interactions data = data();
        try (NcfModel a = model(data, 0); NcfModel b = model(data, 1)) {
            if (args[1].equals("pause")) {
                String step = args[2];
                ModelDirectory.savePointHook = point -> {
                    if (point.equals(step)) {
                        System.out.println("paused " + point);
                        System.out.flush();
                        try {
                            Thread.sleep(Long.MAX_VALUE);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
                b.save(dir);
                System.out.println("finished without pausing at " + step);
            } else {
                for (int n = 0; ; n++) {
                    (n % 2 == 0 ? b : a).save(dir);
                    System.out.println("saved " + n);
                    System.out.flush();
                }
            }
        }
    }
}
