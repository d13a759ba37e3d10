package io.github.ncf.core.model;

import io.github.ncf.core.ExactRanking;
import io.github.ncf.core.ExactScreen;
import java.util.Arrays;

/**
 * One user's exact rank through the Java screen, tile by tile in the screen's item order, stopping
 * once {@code cutoff} unmasked items are certainly higher than the held-out item: the count of
 * {@link io.github.ncf.core.ExactRanking#rank} with the same decisions (an item is certainly higher
 * when its screening score exceeds the held-out item's reference score by more than the bound,
 * certainly lower below minus the bound, and scored with the reference arithmetic otherwise).
 */
final class CutoffRanking {

    /** Tiles screened before the first check; later chunks double up to {@link #MAX_CHUNK}. */
    private static final int FIRST_CHUNK = 1;
    private static final int MAX_CHUNK = 8;

    private CutoffRanking() {
    }

    /** One thread's scratch space for {@link #rank}, reused from user to user. */
    static final class Workspace {
        final float[][] scratch;
        final float[] scores;
        int[] items = new int[64];
        int[] skip = new int[64];

        Workspace(ScreenKernels.Kernel kernel) {
            this.scratch = kernel.scratch();
            this.scores = new float[MAX_CHUNK * kernel.tileSize()];
        }
    }

    /**
     * Fills {@code counts} as {@link ExactScreen#rank} specifies.
     *
     * @param kernel the Java screen
     * @param position each item's position in the kernel's layout, or null for item order
     * @param user the user's reference side
     * @param reference the user's reference (its scores of several items use the kernel)
     * @param numItems the number of items
     * @param testItem the held-out item
     * @param masked masked items, ascending, in {@code [maskFrom, maskTo)}
     * @param maskFrom first masked position
     * @param maskTo one past the last
     * @param cutoff certainly higher items that end the count
     * @param counts receives {higher, equal, NaN, re-scored}
     * @param work this thread's workspace for the kernel
     */
    static void rank(ScreenKernels.Kernel kernel, int[] position, ReferenceNet.User user, ExactScreen.Reference reference,
            int numItems, int testItem, int[] masked, int maskFrom, int maskTo, int cutoff, int[] counts,
            Workspace work) {
        float target = user.score(testItem);
        if (Float.isNaN(target)) {
            throw new IllegalStateException("reference score of the held-out item " + testItem + " is NaN");
        }
        double bound = user.bound();
        double t = target;
        // The masked items' positions in the kernel's layout, ascending, to skip while scanning.
        int[] order = kernel.order();
        int maskCount = maskTo - maskFrom;
        if (work.skip.length < maskCount) {
            work.skip = new int[Math.max(maskCount, 2 * work.skip.length)];
        }
        int[] skip = work.skip;
        if (order == null) {
            System.arraycopy(masked, maskFrom, skip, 0, maskCount);
        } else {
            for (int k = 0; k < maskCount; k++) {
                skip[k] = position[masked[maskFrom + k]];
            }
            Arrays.sort(skip, 0, maskCount);
        }
        int tileSize = kernel.tileSize();
        int tiles = kernel.tiles();
        float[][] scratch = work.scratch;
        float[] scores = work.scores;
        int[] items = work.items;
        int undecided = 0;
        int higher = 0;
        int m = 0;
        int chunk = FIRST_CHUNK;
        for (int from = 0; from < tiles; from += chunk, chunk = Math.min(MAX_CHUNK, 2 * chunk)) {
            int to = Math.min(tiles, from + chunk);
            kernel.screenTiles(user, from, to, scratch, scores);
            int first = from * tileSize;
            int end = Math.min(numItems, to * tileSize);
            for (int p = first; p < end; p++) {
                if (m < maskCount && skip[m] == p) {
                    m++;
                    continue;
                }
                double d = scores[p - first] - t;
                if (d > bound) {
                    higher++;
                } else if (!(d < -bound)) {
                    if (undecided == items.length) {
                        items = Arrays.copyOf(items, 2 * undecided);
                        work.items = items;
                    }
                    items[undecided++] = order == null ? p : order[p];
                }
            }
            if (higher >= cutoff) {
                counts[0] = higher;
                counts[1] = 0;
                counts[2] = 0;
                counts[3] = 0;
                return;
            }
        }
        ExactRanking.resolve(reference, target, items, undecided, higher, counts);
    }

    /** The inverse of a permutation. */
    static int[] positions(int[] order) {
        int[] position = new int[order.length];
        for (int p = 0; p < order.length; p++) {
            position[order[p]] = p;
        }
        return position;
    }
}
