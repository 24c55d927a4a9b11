package org.gposuite.reproduce.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gposuite.pg.WorkClock;
import org.gposuite.reproduce.io.AtomicFiles;

/**
 * Where one cell's time went (issue 13): CPU and wall seconds per kind of work
 * ({@link WorkClock.Kind}), written as the cell's {@code time.csv}, summarised in {@code cells.csv}
 * (physics share = physics CPU s / all accounted compute CPU s; steps/s over the cell's wall time)
 * and in the report. {@code unaccounted} is the process's CPU over the cell less every kind: JIT,
 * GC, set-up (model loading, env creation) and whatever ran beside the cell in the same JVM.
 *
 * <p>Wall seconds per kind are summed over the threads that did the work, so with several busy
 * threads they add up to more than the cell's wall time.
 */
public final class CellTimes {
  static final String FILE = "time.csv";
  static final String UNACCOUNTED = "unaccounted";
  static final String CELL = "cell";
  static final String JIT = "jit", GC = "gc";
  /** The time measured up to a cell's last checkpoint, beside it until the cell's time.csv is written. */
  static final String PARTIAL = "time.partial.csv";
  /** The cell being measured on this thread, for {@link #checkpointed}. */
  private static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

  /** The columns {@code cells.csv} gets from here; optional when read (older files lack them). */
  static final List<String> COLUMNS = List.of("compute_cpu_s", "physics_cpu_s", "physics_share", "steps_per_s");

  /** kind (its {@code name()}, or {@link #UNACCOUNTED}/{@link #CELL}) -> {cpu s, wall s}, in file order. */
  private final Map<String, double[]> rows;

  private CellTimes(Map<String, double[]> rows) { this.rows = rows; }

  /**
   * Measures one cell: install the clock on the calling thread, run, then {@link Running#elapsed}.
   * A cell resumed from a checkpoint starts from what its earlier processes measured up to that
   * checkpoint ({@link #checkpointed}), so its {@code time.csv} covers the whole cell, not only the
   * last process (work after the last checkpoint of a stopped process is redone, and counted once).
   */
  public static Running start(Path cellDir) {
    return new Running(cellDir);
  }

  /**
   * Called by a runner on the cell's thread right after it saved a checkpoint: keeps the time
   * measured so far beside it ({@value #PARTIAL}), the base a resumed process starts from.
   */
  public static void checkpointed() {
    Running r = CURRENT.get();
    if (r == null) return;
    try {
      r.elapsed().writeTo(r.cellDir.resolve(PARTIAL));
    } catch (IOException e) {
      // the time file costs the breakdown of an interrupted cell, never its result
    }
  }

  /** A cell being measured. */
  public static final class Running implements AutoCloseable {
    private final Path cellDir;
    private final Optional<CellTimes> before;
    private final WorkClock clock = new WorkClock();
    private final WorkClock.Scope scope = WorkClock.install(clock);
    private final long cpu0 = processCpu(), wall0 = System.nanoTime(), jit0 = jitMillis(), gc0 = gcMillis();

    private Running(Path cellDir) {
      this.cellDir = cellDir;
      this.before = readFile(cellDir.resolve(PARTIAL));
      CURRENT.set(this);
    }

    /**
     * The time so far: this process's, plus what earlier processes measured up to the checkpoint
     * it resumed from. The clocks keep running until {@link #close}.
     */
    public CellTimes elapsed() {
      long cpu = processCpu() - cpu0, wall = System.nanoTime() - wall0;
      Map<String, double[]> rows = new LinkedHashMap<>();
      for (WorkClock.Kind k : WorkClock.Kind.values()) rows.put(k.name(), new double[] {clock.cpuSeconds(k), clock.wallSeconds(k)});
      double accounted = clock.cpuSeconds();
      rows.put(UNACCOUNTED, new double[] {Math.max(0, cpu / 1e9 - accounted), Double.NaN});
      rows.put(JIT, new double[] {Double.NaN, (jitMillis() - jit0) / 1e3});
      rows.put(GC, new double[] {Double.NaN, (gcMillis() - gc0) / 1e3});
      rows.put(CELL, new double[] {cpu / 1e9, wall / 1e9});
      CellTimes now = new CellTimes(rows);
      return before.map(now::plus).orElse(now);
    }

    @Override
    public void close() {
      CURRENT.remove();
      scope.close();
    }
  }

  /** Row by row sums (a NaN column stays NaN). */
  private CellTimes plus(CellTimes other) {
    Map<String, double[]> sum = new LinkedHashMap<>();
    rows.forEach((k, v) -> {
      double[] o = other.rows.getOrDefault(k, new double[] {0, 0});
      sum.put(k, new double[] {v[0] + o[0], v[1] + o[1]});
    });
    return new CellTimes(sum);
  }

  /** The JIT compilers' accumulated time, ms (part of "unaccounted"). */
  private static long jitMillis() {
    var c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /** The collectors' accumulated time, ms (part of "unaccounted" or of the kinds whose threads it paused). */
  private static long gcMillis() {
    long t = 0;
    for (var g : ManagementFactory.getGarbageCollectorMXBeans()) t += Math.max(0, g.getCollectionTime());
    return t;
  }

  private static long processCpu() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return os.getProcessCpuTime();
    return 0;
  }

  public double cpu(WorkClock.Kind k) { return rows.get(k.name())[0]; }

  public double wall(WorkClock.Kind k) { return rows.get(k.name())[1]; }

  /** CPU seconds of every kind (the compute the engine accounts for). */
  public double computeCpu() {
    double s = 0;
    for (WorkClock.Kind k : WorkClock.Kind.values()) s += cpu(k);
    return s;
  }

  public double physicsShare() {
    double c = computeCpu();
    return c > 0 ? cpu(WorkClock.Kind.PHYSICS) / c : Double.NaN;
  }

  public double cellWall() { return rows.get(CELL)[1]; }

  public double cellCpu() { return rows.get(CELL)[0]; }

  public double unaccountedCpu() { return rows.get(UNACCOUNTED)[0]; }

  /** Writes the cell's {@code time.csv}; the checkpoint's partial time is then no longer needed. */
  public void write(Path cellDir) throws IOException {
    writeTo(cellDir.resolve(FILE));
    Files.deleteIfExists(cellDir.resolve(PARTIAL));
  }

  private void writeTo(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("kind,cpu_s,wall_s,description\n");
    for (WorkClock.Kind k : WorkClock.Kind.values())
      sb.append(k.name()).append(',').append(num(cpu(k))).append(',').append(num(wall(k))).append(",\"").append(k.label).append(": ")
          .append(k.description).append("\"\n");
    sb.append(UNACCOUNTED).append(',').append(num(unaccountedCpu())).append(",,\"process CPU over the cell less every kind: JIT, GC, set-up\"\n");
    sb.append(JIT).append(",,").append(num(rows.get(JIT)[1])).append(",\"JIT compilation time (CompilationMXBean), within unaccounted\"\n");
    sb.append(GC).append(",,").append(num(rows.get(GC)[1])).append(",\"garbage-collection time (GarbageCollectorMXBeans)\"\n");
    sb.append(CELL).append(',').append(num(cellCpu())).append(',').append(num(cellWall())).append(",\"the process's CPU and the cell's elapsed time\"\n");
    AtomicFiles.writeString(file, sb.toString());
  }

  /** The cell's time.csv, if it has one (cells from before issue 13 have none). */
  public static Optional<CellTimes> read(Path cellDir) {
    return readFile(cellDir.resolve(FILE));
  }

  private static Optional<CellTimes> readFile(Path f) {
    if (!Files.isRegularFile(f)) return Optional.empty();
    try {
      Map<String, double[]> rows = new LinkedHashMap<>();
      List<String> lines = Files.readAllLines(f);
      for (String line : lines.subList(1, lines.size())) {
        String[] p = line.split(",", 4);
        rows.put(p[0], new double[] {parse(p[1]), parse(p[2])});
      }
      for (WorkClock.Kind k : WorkClock.Kind.values()) if (!rows.containsKey(k.name())) return Optional.empty();
      if (!rows.containsKey(CELL) || !rows.containsKey(UNACCOUNTED)) return Optional.empty();
      return Optional.of(new CellTimes(rows));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // a damaged time file costs the breakdown, never the result
    }
  }

  /** The {@link #COLUMNS} values of a cell that used {@code steps} env steps. */
  public List<String> columns(long steps) {
    return List.of(num(computeCpu()), num(cpu(WorkClock.Kind.PHYSICS)), num(physicsShare()), num(steps / cellWall()));
  }

  /**
   * The report's section: one row per cell, the share of compute CPU per kind; kinds that are zero
   * in every cell are left out.
   */
  public static String reportSection(List<String> ids, List<CellTimes> times, List<Long> steps) {
    if (times.isEmpty()) return "";
    List<WorkClock.Kind> kinds = new ArrayList<>();
    for (WorkClock.Kind k : WorkClock.Kind.values()) if (times.stream().anyMatch(t -> t.cpu(k) > 0)) kinds.add(k);
    StringBuilder sb = new StringBuilder("\n## Where the time went (CPU per kind of work)\n\n");
    sb.append("Per cell, each kind's share of the compute CPU the engine accounts for (all threads summed; "
        + "each cell's `time.csv` has seconds, CPU and wall). Physics share = physics CPU / compute CPU; "
        + "unaccounted = process CPU beyond it (JIT, GC, set-up), as a share of compute CPU.\n\n");
    sb.append("| cell | wall s | steps/s | compute CPU s |");
    for (WorkClock.Kind k : kinds) sb.append(' ').append(k.label).append(" |");
    sb.append(" unaccounted |\n|---|---:|---:|---:|");
    sb.append("---:|".repeat(kinds.size() + 1)).append('\n');
    for (int i = 0; i < times.size(); i++) {
      CellTimes t = times.get(i);
      double c = t.computeCpu();
      sb.append("| ").append(ids.get(i)).append(" | ").append(f0(t.cellWall())).append(" | ").append(f0(steps.get(i) / t.cellWall()))
          .append(" | ").append(f0(c)).append(" |");
      for (WorkClock.Kind k : kinds) sb.append(' ').append(pct(t.cpu(k) / c)).append(" |");
      sb.append(' ').append(pct(t.unaccountedCpu() / c)).append(" |\n");
    }
    return sb.toString();
  }

  private static String pct(double x) { return Double.isFinite(x) ? String.format(Locale.ROOT, "%.1f%%", 100 * x) : "-"; }

  private static String f0(double x) { return Double.isFinite(x) ? String.format(Locale.ROOT, "%.0f", x) : "-"; }

  private static String num(double x) { return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.4f", x); }

  private static double parse(String s) { return s.isBlank() ? Double.NaN : Double.parseDouble(s); }
}
