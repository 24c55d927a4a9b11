package org.gposuite.reproduce.exec;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * Who computes a run's unfinished cells: this JVM ({@link LocalExecutor}) or a cluster
 * ({@link SlurmExecutor}). Either way a cell is computed by the harness's one code path
 * ({@link Compute} here, {@code ./reproduce --run-cell INDEX} in another process), and a cell is
 * done exactly when its result file exists: the harness reads the results back from the run
 * folder after {@link #run}, whoever wrote them.
 */
public interface Executor {
  /**
   * A cell to compute.
   *
   * @param index its position in the plan (the Slurm array index)
   * @param threads cores it keeps busy (a GPO cell's population runs in parallel; Single and Joint use one)
   */
  record Cell(int index, CellSpec spec, int threads) {}

  /** Computes one cell in this JVM and writes its result files; empty when it finished, else the failure in one line. */
  @FunctionalInterface
  interface Compute {
    Optional<String> compute(Cell cell) throws InterruptedException;
  }

  /**
   * Computes {@code todo} (a subset of {@code plan}, the whole plan in order); returns when each
   * has its result file or has failed for good.
   *
   * @return cell id -&gt; why it failed, for the cells that did
   */
  Map<String, String> run(List<CellSpec> plan, List<Cell> todo, Compute compute)
      throws IOException, InterruptedException;

  /** Cores of this machine as the JVM sees them (cgroup and affinity limits included). */
  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }
}
