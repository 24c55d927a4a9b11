package org.gposuite.reproduce.report.aggregate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.BiFunction;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.Algorithm;

/**
 * Per-task normalised scores, so that tasks share one scale: score = (return - random) / (paper's
 * Single - random), with "random" the uniform-random policy's mean return measured by the suite
 * ({@link RandomReturns}) and "paper's Single" the paper's Single mean in the same algorithm's table
 * (Table 1 for PPO, Table 2 for A2C). So 0 is the random policy, 1 the paper's own baseline; the
 * paper's Single scores exactly 1 on every task by construction. A task lacking either reference
 * has no score.
 */
public record Normalisation(Algorithm algorithm, PaperData paper, RandomReturns random) {
  /** The method whose paper mean is the score's 1. */
  public static final String HIGH_REFERENCE = "Single";

  public OptionalDouble score(String task, double finalReturn) {
    var single = paper.table(algorithm, task, HIGH_REFERENCE);
    var low = random.of(task);
    if (single.isEmpty() || low.isEmpty()) return OptionalDouble.empty();
    double range = single.get().mean() - low.get().mean();
    // Never met in Tables 1-2 (every Single is far above random); a zero or negative range has no meaning as a scale.
    if (!(range > 0)) return OptionalDouble.empty();
    return OptionalDouble.of((finalReturn - low.get().mean()) / range);
  }

  public boolean covers(String task) {
    return score(task, 0).isPresent();
  }

  /**
   * One method's scores on the given tasks, from its final returns per task ({@code returns}:
   * task, method to the runs' returns; an empty array for none). Tasks without a score are left out.
   */
  public TaskScores scores(List<String> tasks, String method, BiFunction<String, String, double[]> returns) {
    Map<String, double[]> out = new LinkedHashMap<>();
    for (String task : tasks) {
      if (!covers(task)) continue;
      out.put(task, Arrays.stream(returns.apply(task, method)).map(r -> score(task, r).orElseThrow()).toArray());
    }
    return new TaskScores(out);
  }

  /** The paper's own per-task means as one run per task (it publishes no per-seed values). */
  public TaskScores paperScores(List<String> tasks, String method) {
    return scores(tasks, method, (task, m) -> paper.table(algorithm, task, m).stream().mapToDouble(PaperData.MeanSe::mean).toArray());
  }
}
