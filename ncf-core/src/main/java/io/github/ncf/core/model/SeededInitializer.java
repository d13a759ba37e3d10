package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Draws initial parameter values in Java from a seeded generator, so that a block's initial weights
 * depend only on its seed and not on the engine's global random state or on which thread builds it.
 *
 * <p>Three distributions cover the reference initialisation: {@link #normal} for embeddings,
 * {@link #uniform} with the Xavier bound {@code sqrt(6 / (fan_in + fan_out))} for linear weights
 * (torch's {@code xavier_uniform_}; DJL's default {@code XavierInitializer(UNIFORM, AVG, 6)} gives
 * {@code sqrt(12 / (fan_in + fan_out))}, wider by a factor of sqrt 2), and {@link #uniform} with bound
 * {@code 1 / sqrt(fan_in)} for biases (torch's {@code nn.Linear} default).
 */
final class SeededInitializer implements Initializer {

    private final boolean gaussian;
    private final double scale;
    private final long seed;

    private SeededInitializer(boolean gaussian, double scale, long seed) {
        this.gaussian = gaussian;
        this.scale = scale;
        this.seed = seed;
    }

    /**
     * Returns an initializer drawing from N(0, std^2).
     *
     * @param std the standard deviation
     * @param seed the seed
     * @return the initializer
     */
    static SeededInitializer normal(double std, long seed) {
        return new SeededInitializer(true, std, seed);
    }

    /**
     * Returns an initializer drawing from U(-bound, bound).
     *
     * @param bound the bound
     * @param seed the seed
     * @return the initializer
     */
    static SeededInitializer uniform(double bound, long seed) {
        return new SeededInitializer(false, bound, seed);
    }

    /**
     * Returns torch's {@code xavier_uniform_} bound for a weight of shape (fanOut, fanIn).
     *
     * @param fanIn input features
     * @param fanOut output features
     * @return {@code sqrt(6 / (fanIn + fanOut))}
     */
    static double xavierBound(long fanIn, long fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    /**
     * Derives a parameter's seed from the block seed and the parameter name, so that each parameter
     * has its own stream and adding a parameter does not shift the others.
     *
     * @param blockSeed the block seed
     * @param name the parameter name
     * @return the parameter seed
     */
    static long parameterSeed(long blockSeed, String name) {
        long h = 1125899906842597L;
        for (int i = 0; i < name.length(); i++) {
            h = 31 * h + name.charAt(i);
        }
        return new SplittableRandom(blockSeed ^ h).nextLong();
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter of shape " + shape + " has " + size
                    + " elements, more than a Java array holds");
        }
        float[] values = new float[(int) size];
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < values.length; k++) {
            values[k] = gaussian
                    ? (float) (random.nextGaussian() * scale)
                    : (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        NDArray array = manager.create(values, shape);
        return dataType == DataType.FLOAT32 ? array : array.toType(dataType, false);
    }
}
