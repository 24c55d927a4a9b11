package org.gposuite.pg;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Where a run's time goes, per kind of work: CPU seconds (this thread's CPU time, from
 * {@link ThreadMXBean}, summed over every thread that did the work) and wall seconds (summed the
 * same way, so with two busy threads wall can exceed the elapsed time). Always on and cheap: the
 * engine reads the clocks at coarse boundaries (a rollout, an update, a DAgger iteration), never per
 * environment step; within a rollout the per-step wall time of the env steps, measured in one
 * place ({@link Rollout}), splits the rollout's CPU between physics and acting. Measuring touches
 * no number of the algorithm, so results are bit-for-bit those without it ({@code WorkClockTest}).
 *
 * <p>A clock is per run: the caller {@link #install}s it on its thread; the engine's worker pools
 * carry it into their tasks ({@link #carry}). With no clock installed every charge is dropped.
 */
public final class WorkClock {
  /** The kinds of work; each region of the engine charges exactly one (no nesting). */
  public enum Kind {
    PHYSICS("physics", "env steps (MuJoCo, rewards, resets) of every rollout: training, DAgger, evaluation"),
    INFERENCE("per-step inference", "the acting policy's forward and sampling per step (training and DAgger student rollouts)"),
    OLD_POLICY_PASS("old-policy pass", "after a rollout: batched old-policy mean/log-prob, V(s), bootstrap values, GAE"),
    SURROGATE_OWN("update, own batch", "PPO/A2C policy update (prepare, epochs, KL, normaliser), the own batch's share by rows"),
    SURROGATE_SHARED("update, shared batches", "the same, the shared batches' share by rows (data sharing)"),
    VALUE_FIT("value fit", "the value baseline's fit, inline or on its background thread"),
    KL_SELECT("KL, selection", "sharing sets, the shared batches' diagnostics (sharing.csv) and the selection's pairwise KL matrix"),
    PIS("pi_S", "the binary policy's data and epochs (crossover)"),
    DAGGER_LABEL("DAgger labelling", "the two-level expert acting and labelling states (its env steps are physics)"),
    DAGGER_EPOCHS("DAgger epochs", "the child's Adam epochs on the DAgger data, and its KL before/after"),
    EVALUATION("evaluation", "evaluation episodes' inference and bookkeeping (their env steps are physics)"),
    CHECKPOINT("checkpoint, CSV", "checkpoint and CSV files");

    public final String label;
    public final String description;

    Kind(String label, String description) {
      this.label = label;
      this.description = description;
    }
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final ThreadLocal<WorkClock> CURRENT = new ThreadLocal<>();

  private final AtomicLongArray cpu = new AtomicLongArray(Kind.values().length);
  private final AtomicLongArray wall = new AtomicLongArray(Kind.values().length);

  /** The clock installed on this thread, or null. */
  public static WorkClock current() { return CURRENT.get(); }

  /** Installs {@code clock} on this thread until the returned scope is closed (which restores the previous one). */
  public static Scope install(WorkClock clock) {
    WorkClock previous = CURRENT.get();
    CURRENT.set(clock);
    return () -> CURRENT.set(previous);
  }

  /** A scope that restores the previous clock; closing throws nothing. */
  public interface Scope extends AutoCloseable {
    @Override void close();
  }

  /** {@code task} run on another thread under this thread's current clock (captured now). */
  public static <T> Callable<T> carry(Callable<T> task) {
    WorkClock c = CURRENT.get();
    if (c == null) return task;
    return () -> {
      try (Scope s = install(c)) {
        return task.call();
      }
    };
  }

  /** This thread's CPU time, nanoseconds (a clock read: call it at coarse boundaries only). */
  public static long cpuNow() { return THREADS.getCurrentThreadCpuTime(); }

  /** Charges the CPU and wall time since {@code cpu0}/{@code wall0} (from {@link #cpuNow}, {@link System#nanoTime}) to {@code kind}. */
  public static void charge(Kind kind, long cpu0, long wall0) {
    WorkClock c = CURRENT.get();
    if (c != null) c.add(kind, cpuNow() - cpu0, System.nanoTime() - wall0);
  }

  /**
   * {@code work}'s value, its CPU and wall time charged to {@code kind}: the one way a region of the
   * engine is timed (a clock read at each end, so for coarse regions only).
   */
  public static <T> T time(Kind kind, Supplier<T> work) {
    long cpu0 = cpuNow(), wall0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      charge(kind, cpu0, wall0);
    }
  }

  /** The same for work without a value. */
  public static void time(Kind kind, Runnable work) {
    time(kind, () -> {
      work.run();
      return null;
    });
  }

  /**
   * Charges a region of {@code cpuNanos}/{@code wallNanos} to two kinds, {@code firstWallNanos} of
   * its wall time to {@code first} and the rest to {@code second}, and its CPU in the same
   * proportion (the region runs on one thread without waiting, so its CPU follows its wall time).
   */
  public static void chargeSplit(Kind first, Kind second, long cpuNanos, long wallNanos, long firstWallNanos) {
    WorkClock c = CURRENT.get();
    if (c == null) return;
    double f = wallNanos <= 0 ? 0 : Math.min(1.0, Math.max(0.0, (double) firstWallNanos / wallNanos));
    long firstCpu = Math.round(cpuNanos * f);
    c.add(first, firstCpu, firstWallNanos);
    c.add(second, cpuNanos - firstCpu, wallNanos - firstWallNanos);
  }

  public void add(Kind kind, long cpuNanos, long wallNanos) {
    cpu.addAndGet(kind.ordinal(), Math.max(0, cpuNanos));
    wall.addAndGet(kind.ordinal(), Math.max(0, wallNanos));
  }

  public double cpuSeconds(Kind kind) { return cpu.get(kind.ordinal()) / 1e9; }

  public double wallSeconds(Kind kind) { return wall.get(kind.ordinal()) / 1e9; }

  /** CPU seconds of every kind together. */
  public double cpuSeconds() {
    long s = 0;
    for (int i = 0; i < cpu.length(); i++) s += cpu.get(i);
    return s / 1e9;
  }
}
