package org.gposuite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * A/B comparison in this thread's CPU time, interleaved: on a machine whose cores other processes
 * share, JMH's wall-clock scores of A and B are taken minutes apart under different loads, while
 * CPU time charged to the measuring thread, in alternating short blocks, hardly depends on the load.
 * Reports the median CPU microseconds per call of each and their ratio (the benchmarks' {@code main}s
 * use it beside their JMH methods).
 */
public final class CpuRatio {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CpuRatio() {}

  public record Result(String a, String b, double aMicros, double bMicros) {
    public double ratio() { return aMicros / bMicros; }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-28s %10.1f us CPU/op   %-28s %10.1f us CPU/op   ratio %.2fx", a, aMicros, b, bMicros, ratio());
    }
  }

  /** @param reps calls per block; @param blocks alternating blocks of each (after as many warm-up blocks) */
  public static Result compare(String aName, Runnable a, String bName, Runnable b, int reps, int blocks) {
    for (int i = 0; i < blocks; i++) { block(a, reps); block(b, reps); }
    double[] ta = new double[blocks], tb = new double[blocks];
    for (int i = 0; i < blocks; i++) {
      ta[i] = block(a, reps);
      tb[i] = block(b, reps);
    }
    return new Result(aName, bName, median(ta), median(tb));
  }

  private static double block(Runnable r, int reps) {
    long c0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < reps; i++) r.run();
    return (THREADS.getCurrentThreadCpuTime() - c0) / 1e3 / reps;
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
