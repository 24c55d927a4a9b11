package org.gposuite.reproduce.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.store.CellRecord;

/**
 * What a plan still needs, for the dry run: which of its cells the expected results already hold
 * (same id and same config hash, so a cell whose settings changed counts as left), and how long the
 * rest take on this machine and on a Slurm cluster of machines like it.
 *
 * <p>The arithmetic, stated so the numbers can be checked by hand. A cell keeps {@link CellSpec#parallelism} of
 * the machine's cores busy for its measured wall time (a GPO cell all of them, Single and Joint
 * one), so it costs {@code min(parallelism, cores) / cores} machine-seconds per second. Here the cells run one
 * after another in that currency: the sum. On N machines a cell is never faster than its own wall
 * time, and the machines share the work; the estimate is the longest-processing-time-first
 * schedule of the cells' machine-seconds over N machines, and at least the longest cell. Both are
 * estimates from the measured cells' walls ({@link Rates}), not promises: a shared machine is slower.
 */
public final class ComputePlan {
  /** Cluster sizes the dry run prints. */
  static final int[] CLUSTER_NODES = {4, 16, 64};

  private final Plan plan;
  private final List<CellSpec> left;
  private final int storedCount;
  private final ToDoubleFunction<CellSpec> seconds;
  private final int cores;

  /**
   * @param stored the expected results' rows for this profile (empty when it has none)
   * @param seconds estimated wall seconds of one cell ({@link Rates#seconds(CellSpec)})
   * @param cores the machine's cores
   */
  public ComputePlan(Plan plan, List<CellRecord> stored, ToDoubleFunction<CellSpec> seconds,
      int cores) {
    this.plan = plan;
    this.seconds = seconds;
    this.cores = Math.max(1, cores);
    Predicate<CellSpec> notStored = notStoredIn(stored);
    List<CellSpec> todo = new ArrayList<>();
    int n = 0;
    for (CellSpec c : plan.cells()) {
      if (notStored.test(c)) todo.add(c);
      else n++;
    }
    this.left = List.copyOf(todo);
    this.storedCount = n;
  }

  /** A cell is stored when {@code stored} has a row of its id and config hash (a cell whose settings changed is not). */
  public static Predicate<CellSpec> notStoredIn(List<CellRecord> stored) {
    Set<String> have = new HashSet<>();
    for (CellRecord r : stored) have.add(r.id() + " " + r.configHash());
    return c -> !have.contains(c.id() + " " + c.configHash());
  }

  public List<CellSpec> left() { return left; }

  public int storedCount() { return storedCount; }

  /** Machine-seconds of a cell: its wall time times the share of the machine it keeps busy. */
  public double machineSeconds(CellSpec c) {
    return seconds.applyAsDouble(c) * Math.min(cores, c.parallelism()) / cores;
  }

  /** The cells left, one machine: the sum of their machine-seconds. */
  public double hereSeconds() {
    double sum = 0;
    for (CellSpec c : left) sum += machineSeconds(c);
    return sum;
  }

  /** The cells left on {@code nodes} machines like this one: LPT over machine-seconds, at least the longest cell. */
  public double clusterSeconds(int nodes) {
    if (nodes < 1) throw new IllegalArgumentException("nodes must be at least 1, got " + nodes);
    double[] load = new double[nodes];
    double longest = 0;
    List<CellSpec> order = new ArrayList<>(left);
    order.sort(Comparator.comparingDouble(this::machineSeconds).reversed().thenComparing(CellSpec::id));
    for (CellSpec c : order) {
      int k = 0;
      for (int i = 1; i < nodes; i++) if (load[i] < load[k]) k = i;
      load[k] += machineSeconds(c);
      longest = Math.max(longest, seconds.applyAsDouble(c));
    }
    double makespan = 0;
    for (double l : load) makespan = Math.max(makespan, l);
    return Math.max(makespan, longest);
  }

  /** The dry run's "what is left" block. */
  public List<String> lines(String storedSource) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "compute plan: %d of %d cells stored in %s (same id and config hash); %d left"
        + " (a cell that serves several tables and figures counts in each)", storedCount, plan.cells().size(),
        storedSource, left.size()));
    for (Experiment e : plan.experiments()) {
      int n = 0;
      double s = 0;
      for (CellSpec c : left) {
        if (!c.usedBy().contains(e)) continue;
        n++;
        s += machineSeconds(c);
      }
      out.add(String.format(Locale.ROOT, "  %-10s %4d cells left, about %s here",
          (e.isTable() ? "Table " : "Figure ") + e.number(), n, ProgressPrinter.clock(s)));
    }
    out.add(String.format(Locale.ROOT, "  all left: about %s on this machine (%d cores, cells as --jobs admits them)",
        ProgressPrinter.clock(hereSeconds()), cores));
    StringBuilder cluster = new StringBuilder("  on a Slurm cluster of machines like this one (--executor slurm):");
    for (int nodes : CLUSTER_NODES) {
      cluster.append(String.format(Locale.ROOT, " %d nodes about %s;", nodes, ProgressPrinter.clock(clusterSeconds(nodes))));
    }
    cluster.setLength(cluster.length() - 1);
    out.add(cluster.toString());
    return out;
  }
}
