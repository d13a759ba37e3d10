package io.github.ncf.core;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lets the oneMKL inside libtorch use its AVX-512 matrix kernels on AMD processors that have
 * AVX-512, where it otherwise stays on its AVX2 kernels.
 *
 * <p>libtorch multiplies float matrices with oneMKL's {@code sgemm}. oneMKL chooses its kernels by
 * first asking whether the processor is an Intel one ({@code mkl_serv_intel_cpu_true}); on an AMD
 * processor the answer is no and it takes its AVX2 path, whatever the processor supports. On the
 * 2-core AMD EPYC (Zen 5) this library is measured on, that path multiplies the NCF layers' matrices
 * at 60-80 GFLOP/s; the AVX-512 path at 145-195 GFLOP/s, about 2.5 times as fast. Matrix products
 * are most of the arithmetic of NCF training and full-ranking evaluation, so an ML-100k NeuMF epoch
 * at batch 4,096 went from 1.5 to 0.9 s and full ranking from 0.64 to about 0.35 s.
 *
 * <p>libtorch exports that function and calls it through its procedure linkage table, so a library
 * in the process's global symbol scope that defines the same name answers first. When the application
 * asks for it through {@link ProcessTuning}, this class loads such a library ({@code libncf_mkl_cpu.so}, shipped in this jar;
 * its C source and build command are in {@code ncf-core/src/main/native}) before libtorch is loaded.
 * oneMKL still picks the kernels by the processor's feature flags, so the library is loaded only
 * where they are all present: on Linux x86-64, on a processor whose vendor is {@code AuthenticAMD}
 * and whose flags include {@code avx512f}, {@code avx512cd}, {@code avx512bw}, {@code avx512dq} and
 * {@code avx512vl}. On Intel processors oneMKL already uses its best kernels and nothing is done.
 *
 * <p>The results are float matrix products like any other: the AVX-512 kernels add in a different
 * order, so scores differ from the AVX2 kernels' in the last bits, as they would on another machine.
 * The library overrides the symbol for every oneMKL user in the process, which is why nothing loads it
 * unless the application calls {@link ProcessTuning}; the system property {@value #PROPERTY}{@code
 * =false} vetoes it even then. {@link #status()} says what was done and why; it must happen before
 * libtorch is loaded, so a program that starts DJL's engine before calling {@link ProcessTuning} gets
 * a status saying it came too late.
 *
 * <pre>{@code
 * ProcessTuning.forTraining(1);
 * System.out.println(MklCpuDispatch.status());
 * }</pre>
 */
public final class MklCpuDispatch {

    /** System property that keeps oneMKL's own kernel choice when {@code false}; on by default. */
    public static final String PROPERTY = "ncf.mkl.avx512";

    /** The processor flags the AVX-512 kernels need, as {@code /proc/cpuinfo} names them. */
    public static final List<String> REQUIRED_FLAGS =
            List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");

    /** The symbol the shipped library defines. */
    static final String SYMBOL = "mkl_serv_intel_cpu_true";

    /** Where the library is in this jar. */
    static final String RESOURCE = "native/linux-x86_64/libncf_mkl_cpu.so";

    private static final int RTLD_LAZY = 0x1;
    private static final int RTLD_GLOBAL = 0x100;

    private static volatile String status = "not applied yet";
    private static volatile boolean applied;
    private static boolean attempted;
    // Held for the life of the process: the library must stay loaded once libtorch binds to it.
    private static NativeLibrary library;

    private MklCpuDispatch() {
    }

    /**
     * Loads the library once per process where it applies (see the class comment); later calls do
     * nothing. Where it does not apply, {@link #status()} says why.
     *
     * @return whether the library is loaded
     * @throws IllegalArgumentException if {@value #PROPERTY} is set to something other than {@code
     *     true} or {@code false}
     */
    static synchronized boolean apply() {
        if (attempted) {
            return applied;
        }
        attempted = true;
        if (!NativeAllocator.enabled(PROPERTY, System.getProperty(PROPERTY))) {
            status = "off (" + PROPERTY + "=false): oneMKL keeps its own kernel choice";
            return false;
        }
        if (!Platform.isLinux() || !Platform.isIntel() || !Platform.is64Bit()) {
            status = "not applied: not Linux x86-64 (" + System.getProperty("os.name") + ", "
                    + System.getProperty("os.arch") + ")";
            return false;
        }
        String cpuinfo;
        String maps;
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException | UncheckedIOException e) {
            status = "not applied: cannot read /proc (" + e.getMessage() + ")";
            return false;
        }
        String refusal = refusal(cpuinfo, maps.contains("libtorch_cpu"));
        if (refusal != null) {
            status = "not applied: " + refusal;
            return false;
        }
        try {
            library = load();
            Function f = library.getFunction(SYMBOL);
            if (f.invokeInt(new Object[0]) != 1) {
                status = "not applied: the shipped library's " + SYMBOL + " did not answer 1";
                return false;
            }
            applied = true;
            status = "applied: loaded before libtorch, so oneMKL may take its AVX-512 kernels on this"
                    + " AMD processor (" + PROPERTY + "=false to keep its AVX2 kernels)";
        } catch (IOException | UncheckedIOException | LinkageError e) {
            status = "not applied: cannot load the shipped " + RESOURCE + " (" + e.getMessage() + ")";
        }
        return applied;
    }

    /**
     * Decides from {@code /proc/cpuinfo} and whether libtorch is already loaded.
     *
     * @param cpuinfo the text of {@code /proc/cpuinfo}
     * @param libtorchLoaded whether libtorch is already mapped into the process
     * @return why the library must not be loaded, or null if it should be
     */
    static String refusal(String cpuinfo, boolean libtorchLoaded) {
        String vendor = field(cpuinfo, "vendor_id");
        if (vendor == null) {
            return "no vendor_id in /proc/cpuinfo";
        }
        if (!vendor.equals("AuthenticAMD")) {
            return "the processor is not an AMD one (" + vendor + "); oneMKL already chooses its"
                    + " kernels by the processor's flags there";
        }
        String flagLine = field(cpuinfo, "flags");
        Set<String> flags = new HashSet<>(flagLine == null ? List.of()
                : Arrays.asList(flagLine.trim().split("\\s+")));
        List<String> missing = new ArrayList<>();
        for (String flag : REQUIRED_FLAGS) {
            if (!flags.contains(flag)) {
                missing.add(flag);
            }
        }
        if (!missing.isEmpty()) {
            return "the processor lacks " + String.join(", ", missing);
        }
        if (libtorchLoaded) {
            return "libtorch was loaded before ProcessTuning was applied (apply it before DJL's"
                    + " engine starts), so oneMKL keeps its AVX2 kernels";
        }
        return null;
    }

    /** The value of the first line {@code name : value} of {@code /proc/cpuinfo}, or null. */
    private static String field(String cpuinfo, String name) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /**
     * Copies the shipped library to a temporary file, loads it into the global symbol scope and
     * deletes the file (the mapping stays valid).
     */
    static NativeLibrary load() throws IOException {
        Path file = Files.createTempFile("libncf_mkl_cpu", ".so");
        try {
            try (InputStream in = MklCpuDispatch.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException("resource " + RESOURCE + " missing from the ncf-core jar");
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return NativeLibrary.getInstance(file.toString(),
                    Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY | RTLD_GLOBAL));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return whether {@link #apply()} loaded the library in this process */
    public static boolean isApplied() {
        return applied;
    }

    /** @return a one-line description of what {@link #apply()} did, for logs and benchmark reports */
    public static String status() {
        return status;
    }
}
