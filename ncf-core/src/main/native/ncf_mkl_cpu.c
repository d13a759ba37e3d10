/*
 * libncf_mkl_cpu.so: lets the oneMKL inside libtorch take its AVX-512 code paths on AMD processors.
 *
 * oneMKL picks its GEMM kernels by asking mkl_serv_intel_cpu_true() whether the processor is an
 * Intel one; on any other vendor it answers 0 and oneMKL stays on its AVX2 kernels, even where the
 * processor has AVX-512 (AMD Zen 4 and Zen 5). libtorch exports that function and calls it through
 * its procedure linkage table, so a library loaded into the global symbol scope before libtorch,
 * defining the same name, answers instead. The kernels are then still chosen by the processor's
 * feature flags; io.github.ncf.core.MklCpuDispatch loads this library only on AMD processors that
 * report the AVX-512 foundation, CD, BW, DQ and VL extensions.
 *
 * Build (any gcc for x86-64 Linux; the result depends on nothing, not even libc):
 *   gcc -O2 -shared -fPIC -nostdlib -Wl,-soname,libncf_mkl_cpu.so -Wl,--build-id=none -s \
 *       -o ../resources/io/github/ncf/core/native/linux-x86_64/libncf_mkl_cpu.so ncf_mkl_cpu.c
 */

/* Tells oneMKL that the processor may run its Intel code paths. */
__attribute__((visibility("default"))) int mkl_serv_intel_cpu_true(void) {
    return 1;
}
