package org.gposuite.reproduce.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Seconds per step of a cell kind on a task where that kind has not run, from the cells that
 * have: log(seconds per step) = task effect + kind effect, fitted by least squares (alternating
 * means, which converge to it for this two-way layout). A task's effect is what its physics and
 * horizon cost, a kind's what its method does per step (GPO's crossover, DAgger and shared rows).
 * The fit predicts only where the task and the kind are linked through measured cells: without a
 * path between them the two effects have no common scale.
 */
final class TaskKindFit {
  /** One stored cell's measured seconds per step. */
  record Cell(String task, String kind, double secondsPerStep) {}

  private static final int SWEEPS = 200;

  private final Map<String, Double> taskEffect = new HashMap<>();
  private final Map<String, Double> kindEffect = new HashMap<>();
  private final Map<String, String> component = new HashMap<>();

  TaskKindFit(List<Cell> cells) {
    // each effect's cells, grouped once in the cells' order (the sums below are then those of a scan)
    Map<String, List<Cell>> byTask = new LinkedHashMap<>(), byKind = new LinkedHashMap<>();
    for (Cell c : cells) {
      byTask.computeIfAbsent(c.task(), t -> new ArrayList<>()).add(c);
      byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
      taskEffect.put(c.task(), 0.0);
      kindEffect.put(c.kind(), 0.0);
      union("t:" + c.task(), "k:" + c.kind());
    }
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      taskEffect.replaceAll((t, e) -> meanResidual(byTask.get(t), c -> kindEffect.get(c.kind())));
      kindEffect.replaceAll((k, e) -> meanResidual(byKind.get(k), c -> taskEffect.get(c.task())));
    }
  }

  /** The fitted seconds per step, or NaN when the task or the kind is unmeasured or the two are not linked. */
  double secondsPerStep(String task, String kind) {
    Double t = taskEffect.get(task), k = kindEffect.get(kind);
    if (t == null || k == null || !root("t:" + task).equals(root("k:" + kind))) return Double.NaN;
    return Math.exp(t + k);
  }

  private static double meanResidual(List<Cell> cells, ToDoubleFunction<Cell> other) {
    double sum = 0;
    for (Cell c : cells) sum += Math.log(c.secondsPerStep()) - other.applyAsDouble(c);
    return sum / cells.size();
  }

  private String root(String node) {
    String parent = component.getOrDefault(node, node);
    return parent.equals(node) ? node : root(parent);
  }

  private void union(String a, String b) {
    String ra = root(a), rb = root(b);
    if (!ra.equals(rb)) component.put(ra, rb);
  }
}
