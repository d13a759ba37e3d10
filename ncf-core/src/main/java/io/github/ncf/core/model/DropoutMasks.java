package io.github.ncf.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.ncf.data.SplitMix64;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Inverted-dropout masks drawn in Java, straight into native memory that libtorch reads in place:
 * the cheap replacement for torch's CPU dropout, whose per-element Bernoulli draw dominated the step
 * at large batches.
 *
 * <p>Each element of a mask is {@code 1 / (1 - rate)} with probability {@code 1 - rate} and {@code
 * 0} otherwise, independently, exactly the distribution of {@code torch.nn.functional.dropout}; the
 * layer's output is {@code relu(x) * mask} (or, from a source that masks {@link #beforeActivation()
 * before the activation}, {@code relu(x * mask)} with the product taken in place: the same values),
 * and autograd multiplies the gradient by the same mask.
 * Each mask takes a 64-bit seed from a SplitMix64 stream seeded by the trainer's seed; element
 * {@code k} of the mask is decided by a counter-based hash of {@code k} and that seed (two rounds of
 * MurmurHash3's 32-bit finaliser, keyed by the two halves of the seed), whose top 24 bits are
 * compared with {@code rate * 2^24}: the drop probability is exact to 2<sup>-24</sup>, the
 * resolution of a float. Training is deterministic for a seed but draws different masks from
 * torch's generator. The hash has no loop-carried state, so the JIT vectorises it: a 20,480 x 128
 * mask takes about 1 ms, where torch's Bernoulli draw takes about 30 ms.
 *
 * <p>Masks live in direct buffers that are allocated once and reused from step to step (the arrays
 * returned share them, without a copy): a step's masks must not be needed after the next step's
 * {@link #beginStep()}. {@code NcfTrainer} calls {@link #beginStep()} before each forward pass, and
 * its backward pass completes within the step. Not thread-safe: one instance per training loop.
 */
public final class DropoutMasks {

    private final SplitMix64 seeds;
    private final boolean beforeActivation;
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private int[] counter = new int[0];
    private int[] scratch = new int[0];
    private int slot;
    private long drawn;

    /**
     * Creates a mask source.
     *
     * @param seed the seed of the mask stream
     */
    public DropoutMasks(long seed) {
        this(seed, false);
    }

    /**
     * Creates a mask source that may also mask pre-activations in place ({@link
     * #beforeActivation()}).
     *
     * @param seed the seed of the mask stream
     * @param beforeActivation whether layers multiply their fresh pre-activation by the mask in
     *     place and apply the ReLU after it, {@code relu(x * mask)}, instead of {@code relu(x) *
     *     mask}: the same values (the mask is never negative) but for the sign of some zeros, one
     *     activation-sized array fewer per layer
     */
    public DropoutMasks(long seed, boolean beforeActivation) {
        this.seeds = new SplitMix64(seed);
        this.beforeActivation = beforeActivation;
    }

    /**
     * @return whether layers mask their pre-activation in place ({@link #applyInPlace(NDArray,
     *     float)}) before the ReLU
     */
    public boolean beforeActivation() {
        return beforeActivation;
    }

    /** Starts a new step: later masks may overwrite the previous step's. */
    public void beginStep() {
        slot = 0;
    }

    /** @return how many mask elements were drawn so far */
    public long elementsDrawn() {
        return drawn;
    }

    /**
     * Applies inverted dropout to {@code x} with a fresh mask: {@code x * mask}.
     *
     * @param x the activations, float32 on the CPU
     * @param rate the drop probability, in [0, 1)
     * @return {@code x} with each element zeroed with probability {@code rate} and the rest scaled
     *     by {@code 1 / (1 - rate)}
     */
    public NDArray apply(NDArray x, float rate) {
        check(x, rate);
        if (rate == 0f) {
            return x;
        }
        return x.mul(mask(x.getManager(), x.getShape(), rate));
    }

    /**
     * Multiplies {@code x} by a fresh mask in place, {@code x *= mask}; {@code x} must be an array
     * that nothing else reads afterwards and, under gradient recording, no op saved for its backward
     * pass (the output of a linear layer or of an addition is such an array; a view is not).
     *
     * @param x the activations, float32 on the CPU
     * @param rate the drop probability, in [0, 1)
     * @return {@code x}, masked
     */
    public NDArray applyInPlace(NDArray x, float rate) {
        check(x, rate);
        if (rate == 0f) {
            return x;
        }
        return x.muli(mask(x.getManager(), x.getShape(), rate));
    }

    private static void check(NDArray x, float rate) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        if (x.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("dropout masks are float32, got " + x.getDataType());
        }
    }

    /**
     * Draws a mask of the given shape into the next reusable buffer of this step.
     *
     * @param manager the manager of the returned array
     * @param shape the mask's shape
     * @param rate the drop probability, in [0, 1)
     * @return a float32 array sharing this source's buffer
     */
    NDArray mask(NDManager manager, Shape shape, float rate) {
        long size = shape.size();
        if (size > Integer.MAX_VALUE / Float.BYTES) {
            throw new IllegalArgumentException("dropout mask of shape " + shape + " is too large");
        }
        int n = (int) size;
        if (slot == buffers.size()) {
            buffers.add(null);
        }
        ByteBuffer buffer = buffers.get(slot);
        if (buffer == null || buffer.capacity() < n * Float.BYTES) {
            buffer = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder());
            buffers.set(slot, buffer);
        }
        slot++;
        if (counter.length < n) {
            counter = counter(n);
            scratch = new int[n];
        }
        fill(scratch, counter, n, rate, seeds.nextLong());
        buffer.asIntBuffer().put(scratch, 0, n);
        drawn += n;
        ByteBuffer view = buffer.duplicate().order(ByteOrder.nativeOrder());
        view.limit(n * Float.BYTES);
        return manager.create(view.slice().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
    }

    /** The hash inputs {@code k * 0x9E3779B9} for k below n, as an array so that the fill vectorises. */
    static int[] counter(int n) {
        int[] c = new int[n];
        for (int k = 0; k < n; k++) {
            c[k] = k * 0x9E3779B9;
        }
        return c;
    }

    /**
     * The hash that decides a mask element: element {@code k} of a mask with seed {@code s} is dropped
     * when {@code hash(k * 0x9E3779B9, (int) s, (int) (s >>> 32)) >>> 8} is below {@code floor(rate *
     * 2^24)}. Public so that other implementations of the training step draw the very same masks.
     *
     * @param counter the element's index times {@code 0x9E3779B9}
     * @param s1 the low half of the mask's seed
     * @param s2 the high half of the mask's seed
     * @return the element's 32 hash bits
     */
    public static int hash(int counter, int s1, int s2) {
        int h = counter + s1;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        h ^= s2;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Writes {@code n} mask values as float bits: {@code 1 / (1 - rate)} where the hash's top 24
     * bits are at least {@code rate * 2^24}, else 0.
     *
     * @param out where the float bits go
     * @param counter {@link #counter(int)} of at least n
     * @param n how many values
     * @param rate the drop probability
     * @param seed the mask's seed
     */
    static void fill(int[] out, int[] counter, int n, float rate, long seed) {
        int threshold = (int) Math.floor((double) rate * (1 << 24));
        int keep = Float.floatToIntBits((float) (1.0 / (1.0 - rate)));
        int s1 = (int) seed;
        int s2 = (int) (seed >>> 32);
        for (int k = 0; k < n; k++) {
            int h = hash(counter[k], s1, s2);
            // (h >>> 8) < threshold: the difference is negative, its sign smeared to all ones.
            out[k] = keep & ~(((h >>> 8) - threshold) >> 31);
        }
    }
}
