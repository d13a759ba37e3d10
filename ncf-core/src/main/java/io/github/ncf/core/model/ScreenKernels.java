package io.github.ncf.core.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how an {@link NcfModel}'s exact screen computes its screening scores: in Java with the
 * Vector API ({@code io.github.ncf.core.model.vector.VectorScreen}) when the JVM was started with {@code --add-modules
 * jdk.incubator.vector}, else with torch's factorised scoring. The choice is the application's (a
 * JVM option); the library only looks whether the module is there, and logs the result once.
 */
final class ScreenKernels {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenKernels.class);
    private static final String MODULE = "jdk.incubator.vector";
    private static final boolean AVAILABLE = ModuleLayer.boot().findModule(MODULE).isPresent();
    private static final AtomicBoolean LOGGED = new AtomicBoolean();
    /** In a package of its own, which javadoc does not read (it cannot see the incubator module). */
    private static final String CLASS = "io.github.ncf.core.model.vector.VectorScreen";
    /** The vectorised accumulations of a user's error bound, or null without the module. */
    private static final MethodHandle BOUND = boundKernel("accumulate", MethodType.methodType(void.class,
            double[].class, double[].class, int.class, int.class, double[].class, double[].class, double[].class,
            double[].class, double[].class));
    /** The vectorised item half of a screen's opening, or null without the module. */
    private static final MethodHandle ITEM_HALF = boundKernel("itemHalf", MethodType.methodType(void.class,
            float[].class, int.class, int.class, float[].class, int.class, float[].class, double[].class));

    /** Screening scores of all items for some users, within the reference's bound. */
    interface Kernel {

        /**
         * Writes {@code out[b * numItems + i]}, the screening score of {@code (users[b], i)}.
         *
         * @param users user indices, already checked
         * @param out the scores; already checked to be long enough
         */
        void screen(int[] users, float[] out);

        /**
         * Writes the reference scores of some items for one user, bit for bit those of {@code
         * user.score(items, 0, count, out, 0)}.
         *
         * @param user the user's reference side
         * @param items item indices
         * @param count how many of them, from position 0
         * @param out receives the scores
         */
        void reference(ReferenceNet.User user, int[] items, int count, float[] out);

        /** @return the items per tile */
        int tileSize();

        /** @return the number of tiles */
        int tiles();

        /** @return the item at each position of the tiled layout; null for item order */
        int[] order();

        /** @return scratch space for {@link #screenTiles}, one per thread */
        float[][] scratch();

        /**
         * Writes one user's screening scores for the positions of tiles {@code [fromTile, toTile)}
         * into {@code out[p - fromTile * tileSize()]}.
         *
         * @param user the user's reference side
         * @param fromTile the first tile
         * @param toTile one past the last tile
         * @param scratch from {@link #scratch()}
         * @param out receives the scores
         */
        void screenTiles(ReferenceNet.User user, int fromTile, int toTile, float[][] scratch, float[] out);

        /** @return a short description for the log */
        String describe();
    }

    private ScreenKernels() {
    }

    private static MethodHandle boundKernel(String name, MethodType type) {
        if (!AVAILABLE) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findStatic(Class.forName("io.github.ncf.core.model.vector.VectorBound"),
                    name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot find the vectorised bound although " + MODULE + " is present", e);
        }
    }

    /**
     * For every {@code o < out}: {@code s[o] += sum_k wT[k * out + o] * x[k]}, and where {@code vT} is
     * not null also {@code t[o] += sum_k wT[k * out + o] * y[k]} and {@code u[o] += sum_k vT[k * out +
     * o] * x[k]}, every sum in increasing {@code k} with each product rounded before it is added: with
     * the Vector API where the JVM has it (lanes over {@code o}), else in scalar loops; the same bits
     * either way.
     */
    static void accumulate(double[] wT, double[] vT, int in, int out, double[] x, double[] y, double[] s,
            double[] t, double[] u) {
        if (BOUND == null) {
            accumulateScalar(wT, vT, in, out, x, y, s, t, u);
            return;
        }
        try {
            BOUND.invokeExact(wT, vT, in, out, x, y, s, t, u);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One item's first-layer item half {@code sums[o] = sum_k wT[k * out + o] * x[from + k]} (float,
     * from zero, in increasing {@code k}, products rounded before they are added) and the magnitudes
     * {@code mags[o] = sum_k |(double) wT[k * out + o] * x[from + k]|}: vectorised where the JVM has
     * the module, else scalar; the same bits either way.
     */
    static void itemHalf(float[] wT, int in, int out, float[] x, int from, float[] sums, double[] mags) {
        if (ITEM_HALF == null) {
            itemHalfScalar(wT, in, out, x, from, sums, mags);
            return;
        }
        try {
            ITEM_HALF.invokeExact(wT, in, out, x, from, sums, mags);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #itemHalf} in scalar loops. */
    static void itemHalfScalar(float[] wT, int in, int out, float[] x, int from, float[] sums, double[] mags) {
        java.util.Arrays.fill(sums, 0, out, 0f);
        java.util.Arrays.fill(mags, 0, out, 0);
        for (int k = 0; k < in; k++) {
            float xk = x[from + k];
            int row = k * out;
            for (int o = 0; o < out; o++) {
                float w = wT[row + o];
                sums[o] += w * xk;
                mags[o] += Math.abs((double) w * xk);
            }
        }
    }

    /** {@link #accumulate} in scalar loops. */
    static void accumulateScalar(double[] wT, double[] vT, int in, int out, double[] x, double[] y, double[] s,
            double[] t, double[] u) {
        for (int k = 0; k < in; k++) {
            double xk = x[k];
            int row = k * out;
            for (int o = 0; o < out; o++) {
                s[o] += wT[row + o] * xk;
            }
            if (vT != null) {
                double yk = y[k];
                for (int o = 0; o < out; o++) {
                    t[o] += wT[row + o] * yk;
                    u[o] += vT[row + o] * xk;
                }
            }
        }
    }

    /** @return whether the Java screen can be used in this JVM */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Returns the Java screen over a reference's parameters, or null where the JVM lacks the Vector
     * API module (then torch screens).
     *
     * @param net the reference
     * @param order the item at each position of the kernel's tiles (the order in which a ranking
     *     that may stop early visits them), or null for item order
     * @return the kernel, or null
     */
    static Kernel create(ReferenceNet net, int[] itemOrder) {
        int[] order = itemOrder == null ? null : itemOrder.clone();
        if (!AVAILABLE) {
            if (LOGGED.compareAndSet(false, true)) {
                LOG.info("exact screen: torch's factorised scoring (start the JVM with --add-modules {}"
                        + " for the faster Java screen)", MODULE);
            }
            return null;
        }
        Object screen;
        MethodHandle call;
        MethodHandle exact;
        MethodHandle tiles;
        MethodHandle scratch;
        String description;
        int tileSize;
        int tileCount;
        try {
            Class<?> type = Class.forName(CLASS);
            screen = type.getConstructor(int.class, int[].class, float[][].class, float[][].class,
                    float[].class, float[].class, float.class, int.class, float[].class, float[].class,
                    int[].class)
                    .newInstance(net.numItems(), net.layers, net.weights, net.biases, net.itemHalf,
                            net.outWeight, net.outBias, net.gmfDim, net.gmfItem, net.mfItemGlobal, order);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            call = lookup.findVirtual(type, "screen", MethodType.methodType(void.class, float[][].class,
                    float[][].class, float[].class, float[].class)).bindTo(screen);
            exact = lookup.findVirtual(type, "reference", MethodType.methodType(void.class, float[].class,
                    float[].class, float.class, int[].class, int.class, float[].class)).bindTo(screen);
            tiles = lookup.findVirtual(type, "screenTiles", MethodType.methodType(void.class, float[].class,
                    float[].class, float.class, int.class, int.class, float[][].class, float[].class))
                    .bindTo(screen);
            scratch = lookup.findVirtual(type, "scratch", MethodType.methodType(float[][].class)).bindTo(screen);
            tileSize = (int) lookup.findVirtual(type, "tileSize", MethodType.methodType(int.class)).invoke(screen);
            tileCount = (int) lookup.findVirtual(type, "tiles", MethodType.methodType(int.class)).invoke(screen);
            description = (String) lookup.findVirtual(type, "describe", MethodType.methodType(String.class))
                    .invoke(screen);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the Java screen although " + MODULE
                    + " is present", e);
        }
        if (LOGGED.compareAndSet(false, true)) {
            LOG.info("exact screen: {}", description);
        }
        return new Kernel() {
            @Override
            public void screen(int[] users, float[] out) {
                float[][] halves = new float[users.length][];
                float[][] sides = new float[users.length][];
                float[] biases = new float[users.length];
                for (int b = 0; b < users.length; b++) {
                    ReferenceNet.User user = net.user(users[b]);
                    halves[b] = user.userHalf;
                    sides[b] = user.gmfUserSide;
                    biases[b] = user.mfUserBiasValue;
                }
                try {
                    call.invokeExact(halves, sides, biases, out);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void reference(ReferenceNet.User user, int[] items, int count, float[] out) {
                try {
                    exact.invokeExact(user.userHalf, user.gmfUserSide, user.mfUserBiasValue, items, count,
                            out);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public int tileSize() {
                return tileSize;
            }

            @Override
            public int tiles() {
                return tileCount;
            }

            @Override
            public int[] order() {
                return order;
            }

            @Override
            public float[][] scratch() {
                try {
                    return (float[][]) scratch.invokeExact();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void screenTiles(ReferenceNet.User user, int fromTile, int toTile, float[][] space,
                    float[] out) {
                try {
                    tiles.invokeExact(user.userHalf, user.gmfUserSide, user.mfUserBiasValue, fromTile, toTile,
                            space, out);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
