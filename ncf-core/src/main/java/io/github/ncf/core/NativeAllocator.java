package io.github.ncf.core;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Locale;

/**
 * Tunes glibc's {@code malloc}, which libtorch allocates its tensors with, so that the large,
 * short-lived buffers of a training step are reused instead of being mapped and unmapped on every
 * step.
 *
 * <p>Every step of NCF training allocates and frees the same few activations and gradients, each
 * megabytes large (a batch of 4,096 positives has 20,480 rows; one 128-wide activation is 10 MiB).
 * glibc serves allocations above its mmap threshold (128 KiB to start with) by {@code mmap} and
 * returns them to the kernel on {@code free}, and it gives the top of its heap back whenever more
 * than its trim threshold is free; the next step then touches fresh pages, and the kernel zeroes each
 * one in a page fault. Measured on ML-100k NeuMF at batch 4,096, that was over a third of the epoch's
 * time, spent in the kernel. This class raises the mmap threshold to glibc's maximum (32 MiB),
 * switches serving allocations by {@code mmap} off (an 81,920 x 128 matrix product, 40 MiB, ran five
 * times slower from fresh mappings than from reused memory), sets the trim threshold to 1 GiB and the
 * top pad to 64 MiB, with {@code mallopt}: the process keeps up to that much freed memory for reuse
 * (its resident size stays near its peak), and the steps stop faulting.
 *
 * <p>One limit remains: on threads other than the process's first, glibc allocates from arenas whose
 * heaps hold at most 64 MiB, and serves anything larger by {@code mmap} whatever the settings. A
 * Java program's threads are such threads, so {@code NcfTrainer} keeps activations below that size
 * by splitting very large batches into passes ({@code NcfTrainer.Builder.rowsPerPass}).
 *
 * <p>It is applied only when the application asks, through {@link ProcessTuning}, once per process,
 * on Linux with glibc; the settings then hold for every native allocation of the process. The
 * system property {@value #PROPERTY}{@code =false} vetoes it even then (for example when the process
 * preloads jemalloc or tcmalloc, or sets {@code MALLOC_*} variables itself). Where it does not apply
 * (not Linux, no glibc {@code mallopt}), nothing changes and {@link #status()} says why.
 *
 * <pre>{@code
 * ProcessTuning.builder().mklAvx512(false).offline(false).build().apply();  // the allocator only
 * System.out.println(NativeAllocator.status());
 * }</pre>
 */
public final class NativeAllocator {

    /** System property that switches the tuning off when {@code false}; on by default. */
    public static final String PROPERTY = "ncf.malloc.tune";

    /** The mmap threshold set: 32 MiB, the largest glibc accepts on 64-bit. */
    public static final int MMAP_THRESHOLD_BYTES = 32 << 20;

    /** The trim threshold set: freed memory up to this much is kept for reuse. */
    public static final int TRIM_THRESHOLD_BYTES = 1 << 30;

    /** The top pad set: how much extra the heap grows by at a time. */
    public static final int TOP_PAD_BYTES = 64 << 20;

    /** The most allocations glibc may serve by {@code mmap}: none, so that large buffers are reused. */
    public static final int MMAP_MAX = 0;

    // mallopt parameters, from glibc's malloc.h.
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    private static final int M_MMAP_MAX = -4;

    private static volatile String status = "not applied yet";
    private static volatile boolean tuned;
    private static boolean attempted;

    private NativeAllocator() {
    }

    /** glibc's {@code mallopt}, bound by JNA. */
    private interface CLib extends Library {
        int mallopt(int param, int value);

        int malloc_trim(long pad);
    }

    /**
     * Applies the tuning once per process, unless {@value #PROPERTY} is {@code false}; later calls
     * do nothing. Where the tuning cannot apply, {@link #status()} says why.
     *
     * @return whether the allocator is tuned
     * @throws IllegalArgumentException if {@value #PROPERTY} is set to something other than {@code
     *     true} or {@code false}
     */
    static synchronized boolean apply() {
        if (attempted) {
            return tuned;
        }
        boolean wanted = enabled(PROPERTY, System.getProperty(PROPERTY));
        attempted = true;
        if (!wanted) {
            status = "off (" + PROPERTY + "=false)";
            return false;
        }
        if (!Platform.isLinux()) {
            status = "not applied: not Linux (" + System.getProperty("os.name") + ")";
            return false;
        }
        try {
            CLib c = Native.load("c", CLib.class);
            boolean ok = c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
                    & c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1
                    & c.mallopt(M_TOP_PAD, TOP_PAD_BYTES) == 1
                    & c.mallopt(M_MMAP_MAX, MMAP_MAX) == 1;
            tuned = ok;
            status = ok ? String.format(Locale.ROOT, "tuned (glibc mallopt: mmap threshold %d MiB, mmap"
                    + " max 0, trim threshold %d MiB, top pad %d MiB)", MMAP_THRESHOLD_BYTES >> 20,
                    TRIM_THRESHOLD_BYTES >> 20, TOP_PAD_BYTES >> 20)
                    : "not applied: mallopt refused a setting (not glibc?)";
        } catch (LinkageError e) {
            status = "not applied: no mallopt in libc (" + e.getMessage() + ")";
        }
        return tuned;
    }

    /**
     * Reads an on-by-default switch such as {@value #PROPERTY}.
     *
     * @param property the system property's name, for the error message
     * @param value the property's value, or null when unset
     * @return whether the setting is wanted (unset means yes)
     * @throws IllegalArgumentException if the value is neither {@code true} nor {@code false}
     */
    static boolean enabled(String property, String value) {
        if (value == null) {
            return true;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("system property " + property
                    + " must be true or false, got '" + value + "'");
        }
        return v.equals("true");
    }

    /**
     * Returns the native memory freed so far to the kernel ({@code malloc_trim(0)}), if this process
     * asked for the tuning and it applied; otherwise does nothing. The tuning keeps freed memory for
     * reuse, in every arena; a long run that frees a whole working set at a known point (a
     * hyperparameter search between two trials) calls this there, so that what one trial freed does
     * not stay resident through the next. Measured on ML-100k NeuMF trials: 0.6 GB released per call.
     *
     * @return whether glibc released memory; false where the tuning is not applied
     */
    public static boolean releaseFreed() {
        if (!tuned) {
            return false;
        }
        return Native.load("c", CLib.class).malloc_trim(0) == 1;
    }

    /** @return whether {@link #apply()} tuned the allocator in this process */
    public static boolean isTuned() {
        return tuned;
    }

    /** @return a one-line description of what {@link #apply()} did, for logs and benchmark reports */
    public static String status() {
        return status;
    }
}
