package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Loading, making data, resetting and closing must give all native memory back. Each check
 * first runs a warm-up round (heap, JIT, malloc arenas settle) and then bounds the growth over
 * the measured rounds.
 */
class NativeMemoryTest {
  /** Bound on RSS growth over the 2,000 load/close cycles. */
  private static final long RSS_BOUND = 16L << 20;
  /** Bound on malloc in-use growth over the same cycles: catches any leak of 8 KiB a cycle or more. */
  private static final long MALLOC_BOUND = 16L << 20;
  /** Bound on RSS growth over 100,000 resets: a leak of 1 KiB a call would be ~100 MB. */
  private static final long RESET_RSS_BOUND = 48L << 20;

  // struct mallinfo2 { size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost; }
  private static final MethodHandle MALLINFO2 = Linker.nativeLinker().downcallHandle(
      Linker.nativeLinker().defaultLookup().find("mallinfo2").orElseThrow(),
      FunctionDescriptor.of(MemoryLayout.structLayout(
          JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG)));

  static long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  /** glibc's count of bytes malloc has handed out and not got back (mallinfo2: uordblks + hblkhd). */
  static long mallocInUseBytes() {
    try {
      MemorySegment info = (MemorySegment) MALLINFO2.invokeExact((SegmentAllocator) Arena.ofAuto());
      return info.get(JAVA_LONG, 7 * 8) + info.get(JAVA_LONG, 4 * 8);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * Bytes of one pendulum model and data that MuJoCo writes on creation (structs and main
   * buffers; the mjData stack is left untouched, so it would not show in RSS if leaked).
   */
  static long leakPerCycleBytes() {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      return MjLayout.SIZEOF_MJMODEL + m.struct().get(JAVA_INT, MjLayout.M_NBUFFER)
          + MjLayout.SIZEOF_MJDATA + d.struct().get(JAVA_INT, MjLayout.D_NBUFFER);
    }
  }

  private static void cycles(int n) {
    for (int i = 0; i < n; i++) {
      try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
        d.step();
      }
    }
  }

  /**
   * 2,000 load/makeData/step/close cycles after a warm-up round of 500. RSS, the requested
   * measure, is blurred by the Java heap (it often shrinks here), so malloc's own in-use count is
   * bounded too; the JIT's compiler arenas move that count by several MB either way, which sets
   * the bound. A leak of the model and data would add 2,000 x 3 MB.
   */
  @Test
  void loadCloseCyclesGiveBackTheirMemory() throws IOException {
    long perCycle = leakPerCycleBytes();
    assertTrue(2000 * perCycle > 100 * Math.max(MALLOC_BOUND, RSS_BOUND),
        "the bounds must be far below a leak of " + perCycle + " B/cycle");
    cycles(500);
    System.gc();
    long rssBefore = rssBytes();
    long mallocBefore = mallocInUseBytes();
    cycles(2000);
    long mallocGrowth = mallocInUseBytes() - mallocBefore;
    System.gc();
    long rssGrowth = rssBytes() - rssBefore;
    System.out.printf("load/close x2000: RSS growth %.1f MiB (bound %d MiB); malloc in-use growth %.1f MiB"
        + " (bound %d MiB); one leaked cycle would be %d B%n",
        rssGrowth / 1048576.0, RSS_BOUND >> 20, mallocGrowth / 1048576.0, MALLOC_BOUND >> 20, perCycle);
    assertTrue(rssGrowth < RSS_BOUND, "RSS grew by " + rssGrowth + " bytes over 2000 load/close cycles");
    assertTrue(mallocGrowth < MALLOC_BOUND, "malloc'd bytes grew by " + mallocGrowth + " over 2000 load/close cycles");
  }

  /**
   * 100,000 mj_resetData calls after 10,000 of warm-up. A leak of even 1 KiB a call would be ~100
   * MB; the bounds sit well below that and well above what the JVM itself moves meanwhile (its
   * heap, JIT code and compiler arenas: RSS grew by up to 14 MB in CI runs with no leak), and
   * malloc's own count, which the Java heap does not blur, is bounded too.
   */
  @Test
  void resetDataDoesNotGrowRss() throws IOException {
    try (MjModel m = MjModel.fromXml(Models.pendulum("Euler")); MjData d = m.makeData()) {
      for (int i = 0; i < 10_000; i++) {
        d.resetData();
      }
      System.gc();
      long rssBefore = rssBytes();
      long mallocBefore = mallocInUseBytes();
      for (int i = 0; i < 100_000; i++) {
        d.resetData();
      }
      long mallocGrowth = mallocInUseBytes() - mallocBefore;
      System.gc();
      long rssGrowth = rssBytes() - rssBefore;
      System.out.printf("resetData x100000: RSS growth %.2f MiB (bound %d MiB), malloc in-use growth %d B (bound %d MiB)%n",
          rssGrowth / 1048576.0, RESET_RSS_BOUND >> 20, mallocGrowth, MALLOC_BOUND >> 20);
      assertTrue(rssGrowth < RESET_RSS_BOUND, "RSS grew by " + rssGrowth + " bytes over 100,000 mj_resetData calls");
      assertTrue(mallocGrowth < MALLOC_BOUND, "malloc'd bytes grew by " + mallocGrowth + " over 100,000 mj_resetData calls");
    }
  }
}
