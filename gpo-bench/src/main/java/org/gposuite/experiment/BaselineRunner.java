package org.gposuite.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.env.TaskConfig;
import org.gposuite.pg.Baseline;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.PolicyGradient;
import org.gposuite.pg.VecEnvAdapter;
import org.gposuite.reproduce.exec.Preemption;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.run.MethodRunner;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CellTimes;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.store.WallClock;

/**
 * The two pure policy-gradient baselines as harness cells.
 * <ul>
 *   <li>Single: {@code population} independent policies, each with {@code totalSteps / population}
 *       steps and batch {@code batchPerPolicy}; the best (by {@code pg.Evaluation}) is reported.</li>
 *   <li>Joint: one policy with all {@code totalSteps} and batch {@code jointBatch}.</li>
 * </ul>
 * The learning curve is on the cell's total-step axis (Fig. 4 puts every method on the same
 * x-axis): Single's point i is the mean over its policies of iteration i's return. The engine's own
 * per-policy curve (KL, beta, entropy, value error) is kept beside it as baseline-curve.csv.
 * Checkpoints after each policy and, within a policy, every minute ({@code Baseline.run}) let an
 * interrupted cell, Joint's single policy too, resume where it was.
 */
final class BaselineRunner implements MethodRunner {
  private final boolean joint;

  BaselineRunner(boolean joint) { this.joint = joint; }

  @Override
  public CellResult run(CellSpec cell, Path cellDir, Progress progress) throws java.io.IOException {
    Budget b = cell.budget();
    int policies = joint ? 1 : b.population();
    int batch = joint ? b.jointBatch() : b.batchPerPolicy();
    long stepsPerPolicy = b.totalSteps() / policies;
    PolicyGradient algo = Algorithms.of(cell.algorithm(), batch, cell.settings().preset());
    EnvFactory envs = VecEnvAdapter.factory(new TaskConfig(cell.task(), b.horizon(), 1.0), 1);
    String method = joint ? "Joint" : "Single";
    progress.update(0, method + " training");
    // The policies train one after the other; each row's steps are its own policy's.
    Baseline.Result r = Baseline.run(algo, cell.settings().networks(), envs, new Baseline.Plan(policies, stepsPerPolicy, cell.seed(), b.evalEpisodes()),
        cellDir, new Baseline.Listener() {
          @Override public void iteration(CurveRow row) {
            progress.update(row.policy() * stepsPerPolicy + row.timesteps(), phase(method, row, policies));
          }
          @Override public void resumed(long steps, String where) {
            progress.resumed(steps, where);
          }
          // A Slurm element asked to stop saves at once and stops right after.
          @Override public boolean checkpointNow() {
            return Preemption.requested();
          }
          @Override public void saved(String where) {
            CellTimes.checkpointed();
            Preemption.checkpointed(where);
          }
        });
    FinalEvaluations.write(cellDir, r.best());
    return new CellResult(r.best().report().mean(), r.stepsUsed(), WallClock.totalOnly(r.seconds()),
        curve(r.curve(), policies), List.of());
  }

  /** The progress line's phase: the policy (Single's are trained one after the other) and its iteration. */
  static String phase(String method, CurveRow row, int policies) {
    return method + (policies > 1 ? " policy " + (row.policy() + 1) + "/" + policies : "") + ", iteration " + (row.iteration() + 1);
  }

  /** Iteration i of every policy averaged, at i's total steps over all policies. */
  private static List<CurvePoint> curve(List<CurveRow> rows, int policies) {
    int iterations = rows.stream().mapToInt(CurveRow::iteration).max().orElse(-1) + 1;
    List<CurvePoint> points = new ArrayList<>();
    for (int i = 0; i < iterations; i++) {
      final int it = i;
      List<CurveRow> at = rows.stream().filter(r -> r.iteration() == it).toList();
      double mean = at.stream().mapToDouble(CurveRow::meanEpisodeReturn).filter(Double::isFinite).average().orElse(Double.NaN);
      long steps = at.stream().mapToLong(CurveRow::timesteps).max().orElse(0) * policies;
      if (Double.isFinite(mean)) points.add(new CurvePoint(steps, mean));
    }
    return points;
  }
}
