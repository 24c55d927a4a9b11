package org.gposuite.nn.kernel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Pins, for the whole process, the native arithmetic whose choice would otherwise follow the CPU,
 * so that a result has the same bits on every x86-64 machine of our kind (AVX2 and FMA, with or
 * without AVX-512).
 *
 * <p>What decides the bits, measured (smoke cells, this class's test {@code CrossCpuBitsTest}):
 * <ul>
 *   <li>OpenBLAS's kernel. The bundled OpenBLAS 0.3.19 (two copies: {@code libopenblas_nolapack},
 *       whose gemm {@link Blas} calls, and nd4j's {@code libopenblas}) is a DYNAMIC_ARCH build that
 *       picks its kernels from the CPU at load time: Haswell, SkylakeX, Cooperlake, Zen, ... and,
 *       on CPUs newer than itself such as our reference machine's AMD EPYC (Zen 5), the SSE3-era
 *       Barcelona kernels. The kernels sum in different orders, so the MLPs' products and every
 *       result differ from the 7th digit on. Pinned here: {@value #OPENBLAS_CORE}, the newest
 *       kernel every machine of our kind can run (AVX2 + FMA), and faster than Barcelona.</li>
 *   <li>Not the JVM's vector width ({@code -XX:UseAVX=2/3}, {@code MaxVectorSize}): the SIMD
 *       kernels compute each lane on its own ({@link Simd}).</li>
 *   <li>Not the JVM's {@code Math.exp/log/pow/sin/tanh}: HotSpot uses the same stubs (or the same
 *       Java code) at every AVX level, with or without FMA; checked on 2M arguments each.</li>
 *   <li>Threads: OpenBLAS's and nd4j's (OpenMP) sums change with their thread count
 *       ({@code OMP_NUM_THREADS=2} changes every result), which would follow the core count of
 *       a machine without the variable. Pinned to 1 (our parallelism is across policies).</li>
 *   <li>glibc's libm (MuJoCo, nd4j's exp/log) picks FMA variants by CPU ({@code
 *       GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA} changes every result); every machine of our
 *       kind has FMA, which {@link #pin()} requires.</li>
 * </ul>
 *
 * <p>How: OpenBLAS reads {@code OPENBLAS_CORETYPE} once, when it is loaded. The launchers
 * (./reproduce, ./run-tests and the Maven build via scripts/setup.sh and the poms) export it;
 * for a JVM started without it, {@link #pin()} sets it in the process's own environment (libc
 * {@code setenv} through FFM) before OpenBLAS is loaded. Either way {@link #pin()} then asks the
 * loaded library for its core ({@code openblas_get_corename}) and stops the JVM's work with a
 * message when it is another (OpenBLAS loaded earlier by someone else, with another core):
 * wrong bits are never computed silently. Why not our own Java gemm: pinning keeps OpenBLAS's
 * speed and also covers the products nd4j makes itself; the kernel is recorded in every result's
 * provenance ({@link #openblasCore()}).
 */
public final class NativeArithmetic {
  private NativeArithmetic() {}

  /** The OpenBLAS core type every JVM of the suite runs. */
  public static final String OPENBLAS_CORE = "Haswell";
  static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

  private static String loadedCore;

  /**
   * Pins OpenBLAS's core type and the native libraries' threads to 1 (idempotent, cheap after the
   * first call) and checks they took.
   *
   * @throws IllegalStateException when the CPU lacks AVX2 or FMA, or OpenBLAS runs another core or
   *     OpenBLAS/OpenMP more threads (loaded before this call with other settings)
   */
  public static synchronized void pin() {
    if (loadedCore != null) return;
    requireCpu();
    if (!openblasLoaded()) {
      setenv(CORETYPE_VARIABLE, OPENBLAS_CORE);
      for (String threads : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")) setenv(threads, "1");
    }
    // both OpenBLAS copies and nd4j now, so all are checked here: ours (Blas) and nd4j's
    org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas_nolapack.class);
    org.bytedeco.javacpp.Loader.load(org.bytedeco.openblas.global.openblas.class);
    // nd4j's start-up sets OpenMP (on this thread) and OpenBLAS to the core count unless the
    // environment it read at JVM start says OMP_NUM_THREADS: undo that, then check
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1);
    org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
    List<Path> libraries = openblasLibraries();
    if (libraries.isEmpty()) throw new IllegalStateException("OpenBLAS is not mapped into this process after loading it");
    for (Path lib : libraries) {
      String core = corename(lib);
      if (!core.equalsIgnoreCase(OPENBLAS_CORE))
        throw new IllegalStateException("OpenBLAS (" + lib.getFileName() + ") runs its " + core + " kernels, not " + OPENBLAS_CORE
            + ": it was loaded before gpo-suite could pin them, so results would not have the reference bits. Start the JVM with "
            + CORETYPE_VARIABLE + "=" + OPENBLAS_CORE + " in its environment (./reproduce, ./run-tests and scripts/setup.sh do)");
      setThreads(lib);
      int threads = intCall(lib, "openblas_get_num_threads");
      if (threads != 1) throw new IllegalStateException("OpenBLAS (" + lib.getFileName() + ") runs " + threads + " threads, not 1");
    }
    // OpenMP's default for threads other than this one was read from the environment when it loaded
    for (Path lib : mapped("libgomp")) {
      int[] elsewhere = new int[1];
      Thread probe = Thread.ofPlatform().start(() -> elsewhere[0] = intCall(lib, "omp_get_max_threads"));
      try {
        probe.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking OpenMP's threads", e);
      }
      int here = intCall(lib, "omp_get_max_threads");
      if (here != 1 || elsewhere[0] != 1)
        throw new IllegalStateException("OpenMP (" + lib.getFileName() + ") runs " + Math.max(here, elsewhere[0]) + " threads, not 1: "
            + "it was loaded before gpo-suite could pin them, and nd4j's sums depend on them. Start the JVM with OMP_NUM_THREADS=1 in its environment");
    }
    loadedCore = OPENBLAS_CORE;
  }

  /** The core type of the loaded OpenBLAS (after {@link #pin()}), for provenance. */
  public static String openblasCore() {
    pin();
    return loadedCore;
  }

  private static void requireCpu() {
    String arch = System.getProperty("os.arch");
    if (!"amd64".equals(arch) && !"x86_64".equals(arch))
      throw new IllegalStateException("gpo-suite's results are pinned to x86-64 arithmetic; this JVM runs on " + arch);
    List<String> flags = cpuFlags();
    if (flags.isEmpty()) return; // no /proc/cpuinfo: OpenBLAS itself would fail on a CPU it cannot run
    for (String need : List.of("avx2", "fma"))
      if (!flags.contains(need))
        throw new IllegalStateException("this CPU lacks " + need.toUpperCase(Locale.ROOT) + ", which the pinned OpenBLAS kernels ("
            + OPENBLAS_CORE + ") and the reference bits need");
  }

  private static List<String> cpuFlags() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
        if (line.startsWith("flags")) return List.of(line.substring(line.indexOf(':') + 1).strip().split("\\s+"));
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return List.of();
  }

  /** Whether some libopenblas is mapped into this process already (then its core is fixed). */
  private static boolean openblasLoaded() {
    return !openblasLibraries().isEmpty();
  }

  private static List<Path> openblasLibraries() {
    return mapped("libopenblas");
  }

  /** The files mapped into this process (/proc/self/maps) whose name starts with {@code prefix}. */
  private static List<Path> mapped(String prefix) {
    java.util.Set<Path> found = new java.util.LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
        int slash = line.indexOf('/');
        if (slash >= 0 && line.substring(line.lastIndexOf('/') + 1).startsWith(prefix)) found.add(Path.of(line.substring(slash)));
      }
    } catch (IOException | RuntimeException e) {
      // cannot tell: setting the variable is harmless
    }
    return List.copyOf(found);
  }

  private static void setenv(String name, String value) {
    Linker linker = Linker.nativeLinker();
    MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
      if (rc != 0) throw new IllegalStateException("setenv " + name + " failed");
    } catch (Throwable t) {
      throw new IllegalStateException("cannot set " + name + " for OpenBLAS: " + t, t);
    }
  }

  private static void setThreads(Path file) {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = SymbolLookup.libraryLookup(file, Arena.global());
    MethodHandle h = linker.downcallHandle(lib.find("openblas_set_num_threads").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
    try {
      h.invokeExact(1);
    } catch (Throwable t) {
      throw new IllegalStateException("cannot set OpenBLAS's threads in " + file + ": " + t, t);
    }
  }

  private static int intCall(Path file, String function) {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = SymbolLookup.libraryLookup(file, Arena.global());
    MethodHandle h = linker.downcallHandle(lib.find(function).orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT));
    try {
      return (int) h.invokeExact();
    } catch (Throwable t) {
      throw new IllegalStateException("cannot call " + function + " in " + file + ": " + t, t);
    }
  }

  /** {@code openblas_get_corename()} of one loaded OpenBLAS (dlopen of its path returns the loaded copy). */
  private static String corename(Path file) {
    Linker linker = Linker.nativeLinker();
    SymbolLookup lib = SymbolLookup.libraryLookup(file, Arena.global());
    MethodHandle h = linker.downcallHandle(lib.find("openblas_get_corename").orElseThrow(), FunctionDescriptor.of(ValueLayout.ADDRESS));
    try {
      MemorySegment name = (MemorySegment) h.invokeExact();
      return name.reinterpret(64).getString(0).strip();
    } catch (Throwable t) {
      throw new IllegalStateException("cannot ask OpenBLAS for its core type: " + t, t);
    }
  }
}
