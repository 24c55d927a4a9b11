package org.gposuite.reproduce.report.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown of one table's aggregates ({@link TableAggregates}): how the scores are made, each
 * task's references and scores, the IQM / median / mean / optimality gap of ours and of the paper's
 * means, the probabilities of improvement, and the performance profile's image. Shared by the
 * report and FINDINGS.md.
 */
public final class AggregateSection {
  private AggregateSection() {}

  /**
   * @param heading the section's Markdown heading line, e.g. "### Aggregate scores across tasks"
   * @param plotFile the performance profile's image, relative to the document, if drawn
   */
  public static String render(TableAggregates t, String heading, Optional<String> plotFile) {
    StringBuilder md = new StringBuilder(heading).append("\n\n");
    if (t.isEmpty()) {
      return md.append("No run of this table is on a task with both references (a measured random-policy return and the"
          + " paper's Single), so there are no normalised scores.\n\n").toString();
    }
    return md.append(method(t)).append("\n\n").append(body(t, plotFile)).toString();
  }

  /** The section without its heading and conventions paragraph: tables and the profile's image. */
  public static String body(TableAggregates t, Optional<String> plotFile) {
    StringBuilder md = new StringBuilder();
    perTask(t, md);
    metrics(t, md);
    improvements(t, md);
    plotFile.ifPresent(f -> md.append("Performance profile: the fraction of runs (all tasks pooled) whose score is above each"
        + " threshold, ours with the 95% stratified-bootstrap band, the paper's task means dashed. A curve above another"
        + " everywhere is stochastically dominant.\n\n![").append(f).append("](").append(f).append(")\n\n"));
    return md.toString();
  }

  /** The paragraph that states the normalisation and the statistics' conventions (the same for every table and preset). */
  public static String method(TableAggregates t) {
    StratifiedBootstrap b = t.bootstrap();
    Optional<RandomReturns.Row> any = t.normalisation().random().byTask().values().stream().findFirst();
    String measured = any.map(r -> String.format(Locale.ROOT, "%d episodes of uniform-random actions over each actuator's control"
        + " range at horizon %d, seed %d", r.episodes(), r.horizon(), r.seed())).orElse("");
    return "Normalised score of a run = (final return - random policy's return) / (paper's Single - random policy's return), per task:"
        + " 0 is the uniform-random policy, 1 the paper's Single mean in the same algorithm's table (Table 1 for PPO, Table 2 for"
        + " A2C). The random policy's returns are"
        + " measured by the suite (`experiment.RandomPolicyReturns`, expected-results/" + RandomReturns.FILE + ": " + measured + ")."
        + " Ours pools every run of a method over the tasks below: those on which every method with runs has runs (a task"
        + " only some methods have reached is left out, so that every method is pooled over the same tasks), each method with"
        + " as many runs on every task as the fewest any method has on any of them, its first seeds: pooled metrics weigh a"
        + " task by its runs, so equal runs make every task weigh the same, and the extra seeds an undecided claim asked for on"
        + " one task (where the methods were close) do not tilt the pool toward it."
        + " IQM: the mean of the runs left after cutting floor(n/4) runs"
        + " from each end (scipy's trim_mean(x, 0.25), as rliable). Optimality gap: the mean of max(0, 1 - score), 0 at or above"
        + " the paper's Single. P(X > Y): per task, the chance that a random run of X beats a random run of Y (Mann-Whitney U /"
        + " (n_X n_Y), ties 1/2), averaged over the tasks where both ran. Intervals: 95% stratified-bootstrap percentile"
        + String.format(Locale.ROOT, " intervals (%,d repetitions redrawing runs within each task, seed %d).", b.repetitions(), b.seed())
        + " The paper publishes per-task means only: its columns treat each task's mean as one run per task, which a stratified"
        + " bootstrap cannot redraw, so they have no interval.";
  }

  private static void perTask(TableAggregates t, StringBuilder md) {
    List<String> methods = List.copyOf(t.ours().keySet());
    md.append("| Task | random policy (mean ± se) | paper's Single (score 1) |");
    methods.forEach(m -> md.append(' ').append(m).append(" score: ours mean (n) / paper |"));
    md.append("\n|---|---|---|").append("---|".repeat(methods.size())).append('\n');
    for (String task : t.coveredTasks()) {
      RandomReturns.Row r = t.normalisation().random().of(task).orElseThrow();
      double single = t.normalisation().paper().table(t.algorithm(), task, Normalisation.HIGH_REFERENCE).orElseThrow().mean();
      md.append("| ").append(task).append(" | ").append(String.format(Locale.ROOT, "%.1f ± %.1f", r.mean(), r.sd() / Math.sqrt(r.episodes())))
          .append(" | ").append(String.format(Locale.ROOT, "%.1f", single)).append(" |");
      for (String m : methods) {
        double[] ours = t.ours().get(m).byTask().get(task);
        double[] paper = t.paperSameTasks().containsKey(m) ? t.paperSameTasks().get(m).byTask().get(task) : null;
        md.append(' ').append(ours == null ? "—" : num(AggregateScores.mean(ours)) + " (" + ours.length + ")")
            .append(" / ").append(paper == null ? "—" : num(paper[0])).append(" |");
      }
      md.append('\n');
    }
    md.append('\n');
  }

  private static void metrics(TableAggregates t, StringBuilder md) {
    md.append("| Method | runs (tasks) |");
    for (AggregateScores.Metric m : AggregateScores.Metric.values()) md.append(' ').append(m.label()).append(" |");
    md.append("\n|---|---|").append("---|".repeat(AggregateScores.Metric.values().length)).append('\n');
    for (String method : t.ours().keySet()) {
      row(t, md, method + " ours", t.ours(), method);
      row(t, md, method + " paper, same tasks", t.paperSameTasks(), method);
      TaskScores all = t.paperAllTasks().get(method);
      if (all != null) row(t, md, method + " paper, all " + all.byTask().size() + " tasks", t.paperAllTasks(), method);
    }
    md.append('\n');
  }

  private static void row(TableAggregates t, StringBuilder md, String label, Map<String, TaskScores> side, String method) {
    TaskScores s = side.get(method);
    if (s == null) return;
    md.append("| ").append(label).append(" | ").append(s.runs()).append(" (").append(s.byTask().size()).append(") |");
    for (AggregateScores.Metric m : AggregateScores.Metric.values()) {
      md.append(' ').append(estimate(t.metric(side, method, m), !s.oneRunPerTask())).append(" |");
    }
    md.append('\n');
  }

  private static void improvements(TableAggregates t, StringBuilder md) {
    md.append("| Probability of improvement | ours | paper, same tasks | paper, all tasks |\n|---|---|---|---|\n");
    for (List<String> pair : TableAggregates.IMPROVEMENTS) {
      String x = pair.get(0), y = pair.get(1);
      List<String> cells = new ArrayList<>();
      for (Map<String, TaskScores> side : List.of(t.ours(), t.paperSameTasks(), t.paperAllTasks())) {
        Estimate e = t.improvement(side, x, y);
        if (Double.isNaN(e.point())) {
          cells.add("no runs of both");
          continue;
        }
        long shared = sharedTasks(side, x, y);
        boolean redrawn = !(side.get(x).oneRunPerTask() && side.get(y).oneRunPerTask());
        cells.add(estimate(e, redrawn) + " (" + shared + (shared == 1 ? " task)" : " tasks)"));
      }
      md.append("| P(").append(x).append(" > ").append(y).append(") | ").append(String.join(" | ", cells)).append(" |\n");
    }
    md.append('\n');
  }

  private static long sharedTasks(Map<String, TaskScores> side, String x, String y) {
    return side.get(x).byTask().keySet().stream().filter(side.get(y).byTask()::containsKey).count();
  }

  /**
   * "1.23 [0.95, 1.51]"; the point alone when there was nothing to redraw (one run per task: the paper's
   * means). Our runs always show their interval, even when every resample gave the same value.
   */
  static String estimate(Estimate e, boolean redrawn) {
    return redrawn ? num(e.point()) + " [" + num(e.low()) + ", " + num(e.high()) + "]" : num(e.point());
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.2f", x);
  }
}
