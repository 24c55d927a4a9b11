package org.gposuite.reproduce.report.aggregate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;

/**
 * Every aggregate of one table (Table 1: PPO, Table 2: A2C) under one preset, ours beside the
 * paper's: each method's scores, their IQM, median, mean and optimality gap, and P(GPO > Single),
 * P(GPO > Joint), each with its stratified-bootstrap interval. The paper's side is computed twice:
 * on the tasks we have runs on (side by side) and on all nine.
 *
 * @param normalisation the table's algorithm and the scores' references
 * @param coveredTasks the tasks on which every method with runs has runs, in table order (the others are left out of
 *        every aggregate, so that all methods are pooled over the same tasks; on each, every method's first n seeds,
 *        n the fewest any method has on any of them)
 * @param ours our runs' scores per method (methods without runs left out)
 * @param paperSameTasks the paper's means on {@code coveredTasks}, one run per task
 * @param paperAllTasks the paper's means on every task with both references
 */
public record TableAggregates(Normalisation normalisation, List<String> coveredTasks, Map<String, TaskScores> ours,
    Map<String, TaskScores> paperSameTasks, Map<String, TaskScores> paperAllTasks, StratifiedBootstrap bootstrap) {
  public TableAggregates {
    coveredTasks = List.copyOf(coveredTasks);
    ours = ordered(ours);
    paperSameTasks = ordered(paperSameTasks);
    paperAllTasks = ordered(paperAllTasks);
  }

  /** Unmodifiable, in the given (table) order, which Map.copyOf would not keep. */
  private static Map<String, TaskScores> ordered(Map<String, TaskScores> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  /** The comparisons the paper's claims are about. */
  static final List<List<String>> IMPROVEMENTS = List.of(List.of("GPO", "Single"), List.of("GPO", "Joint"));

  /**
   * @param tasks the tasks of the run (the profile's), in table order
   * @param returns our final returns for (task, method); an empty array where there are none
   */
  public static TableAggregates of(Normalisation n, List<String> tasks, BiFunction<String, String, double[]> returns,
      StratifiedBootstrap bootstrap) {
    Map<String, TaskScores> ours = new LinkedHashMap<>(), same = new LinkedHashMap<>(), all = new LinkedHashMap<>();
    List<String> methods = Catalogue.TABLE_METHODS.stream().filter(m -> !n.scores(tasks, m, returns).isEmpty()).toList();
    // Only the tasks every method with runs has: pooling each method over its own tasks would compare
    // different benchmarks (a baseline's cells often land before GPO's on a new task).
    List<String> covered = tasks.stream().filter(t -> methods.stream().allMatch(m -> returns.apply(t, m).length > 0)).toList();
    // And as many runs of every method on every task, its first seeds (rliable's N runs on each of M
    // tasks): pooled metrics weigh a task by its runs. Per method, 8 seeds on one task and 3 on the others
    // would judge it on another mix of tasks than a method with 3 everywhere; per task, the seeds a claim
    // asked for on one task (issue 20 raises a group where its test was undecided, i.e. where the methods
    // are close) would tilt every method's pool toward the tasks whose results were close. The first seeds,
    // not the best: which seeds count must not depend on their returns.
    int common = covered.stream().flatMap(t -> methods.stream().map(m -> returns.apply(t, m).length))
        .mapToInt(Integer::intValue).min().orElse(0);
    BiFunction<String, String, double[]> equal = (t, m) -> {
      double[] runs = returns.apply(t, m);
      return covered.contains(t) ? Arrays.copyOf(runs, common) : runs;
    };
    for (String method : methods) {
      TaskScores s = n.scores(covered, method, equal);
      if (!s.isEmpty()) ours.put(method, s);
    }
    for (String method : Catalogue.TABLE_METHODS) {
      TaskScores p = n.paperScores(covered, method);
      if (!p.isEmpty()) same.put(method, p);
      TaskScores a = n.paperScores(Catalogue.TASKS, method);
      if (!a.isEmpty()) all.put(method, a);
    }
    return new TableAggregates(n, covered, ours, same, all, bootstrap);
  }

  public boolean isEmpty() {
    return ours.isEmpty();
  }

  public Estimate metric(Map<String, TaskScores> side, String method, AggregateScores.Metric m) {
    return bootstrap.pooled(side.get(method), m::of);
  }

  /** P(x > y) on one side; NaN when either method has no runs there. */
  public Estimate improvement(Map<String, TaskScores> side, String x, String y) {
    if (!side.containsKey(x) || !side.containsKey(y)) return new Estimate(Double.NaN, Double.NaN, Double.NaN);
    return bootstrap.improvement(side.get(x), side.get(y));
  }

  public Algorithm algorithm() {
    return normalisation.algorithm();
  }
}
