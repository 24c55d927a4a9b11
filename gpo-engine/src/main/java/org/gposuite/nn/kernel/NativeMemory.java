package org.gposuite.nn.kernel;

import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Keeps nd4j's native memory in step with the garbage collector. An nd4j array's data lives outside
 * the Java heap and is freed only when the collector reclaims the small Java object that holds it.
 * Arrays that outlive a young collection (a batch, its normalised copies, kept for one iteration)
 * move to the old generation, which G1 collects only when the heap fills; the heap hardly grows,
 * so native memory can. An A2C screen run with the shared critic went from 8 to 24 GB in fifteen
 * minutes that way and was killed by the kernel. So the one place every batch, evaluation and
 * DAgger pass goes through ({@code pg.Rollout.run}) asks here, and when the process's resident
 * memory is above a limit a full collection is requested, at most once per interval (a full GC of
 * this program's few hundred MB of live heap takes well under a second). Numbers are unaffected: only when memory is freed changes.
 */
public final class NativeMemory {
  /** One third of the machine's memory, at least 2 GiB: room for two runs side by side and the OS. */
  private static final NativeMemory PROCESS = new NativeMemory(Math.max(2L << 30, Pointer.totalPhysicalBytes() / 3), 10_000_000_000L);

  private final long limitBytes;
  private final long minIntervalNanos;
  private final AtomicLong lastCollection;
  private final AtomicLong collections = new AtomicLong();

  /**
   * @param limitBytes resident memory above which a collection is requested
   * @param minIntervalNanos the least time between two requests (a live set above the limit must not make every call collect)
   */
  NativeMemory(long limitBytes, long minIntervalNanos) {
    this.limitBytes = limitBytes;
    this.minIntervalNanos = minIntervalNanos;
    this.lastCollection = new AtomicLong(System.nanoTime() - minIntervalNanos);
  }

  /** The process's guard: call where large nd4j arrays are made often (once per batch collected). */
  public static void collectIfHigh() {
    PROCESS.collectIfAbove(Pointer.physicalBytes());
  }

  /** Full collections requested so far by the process's guard. */
  public static long collections() {
    return PROCESS.collections.get();
  }

  /** Requests a full collection if {@code residentBytes} is above the limit and the last one is old enough; true if it did. */
  boolean collectIfAbove(long residentBytes) {
    if (residentBytes <= limitBytes) return false;
    long now = System.nanoTime(), last = lastCollection.get();
    if (now - last < minIntervalNanos || !lastCollection.compareAndSet(last, now)) return false;
    collections.incrementAndGet();
    System.gc();
    return true;
  }
}
