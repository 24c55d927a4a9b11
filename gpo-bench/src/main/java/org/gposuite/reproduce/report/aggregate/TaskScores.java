package org.gposuite.reproduce.report.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One method's normalised scores, one value per run, grouped by task. The tasks are the strata of
 * the stratified bootstrap ({@link StratifiedBootstrap}): a resample keeps each task's run count and
 * never moves a run to another task. Tasks without runs are left out.
 */
public record TaskScores(Map<String, double[]> byTask) {
  public TaskScores {
    Map<String, double[]> copy = new LinkedHashMap<>();
    byTask.forEach((task, runs) -> {
      if (runs.length > 0) copy.put(task, runs.clone());
    });
    byTask = java.util.Collections.unmodifiableMap(copy);
  }

  /** Every run of every task, in task order: the sample the aggregate metrics are taken over. */
  public double[] pooled() {
    return byTask.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  public int runs() {
    return byTask.values().stream().mapToInt(r -> r.length).sum();
  }

  public boolean isEmpty() {
    return byTask.isEmpty();
  }

  /** Whether every task has a single run: a stratified bootstrap can then only redraw the same sample. */
  public boolean oneRunPerTask() {
    return byTask.values().stream().allMatch(r -> r.length == 1);
  }
}
