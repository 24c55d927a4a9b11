package org.gposuite.reproduce.report.aggregate;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.Algorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The section's numbers follow the runs, ours beside the paper's, and the profile is drawn. */
class AggregateSectionTest {
  static final Path EXPECTED = Path.of("..", "expected-results");

  /** GPO below the paper's Single on both tasks in every run, Single above it: the opposite of the paper's claim. */
  static TableAggregates contradicted() throws Exception {
    Normalisation n = new Normalisation(Algorithm.PPO, PaperData.load(EXPECTED), RandomReturns.load(EXPECTED).orElseThrow());
    Map<String, double[]> gpo = Map.of("Walker2d", new double[] {300, 350, 400}, "HalfCheetah", new double[] {800, 900});
    Map<String, double[]> single = Map.of("Walker2d", new double[] {1200, 1300, 1400}, "HalfCheetah", new double[] {2000, 2100});
    return TableAggregates.of(n, List.of("Walker2d", "HalfCheetah", "Hopper"),
        (task, method) -> (method.equals("GPO") ? gpo : method.equals("Single") ? single : Map.<String, double[]>of())
            .getOrDefault(task, new double[0]),
        StratifiedBootstrap.DEFAULT);
  }

  /** A task only one method has reached (a baseline's cells land first) is left out of every method's aggregate. */
  @Test
  void everyMethodIsPooledOverTheSameTasks() throws Exception {
    Normalisation n = new Normalisation(Algorithm.PPO, PaperData.load(EXPECTED), RandomReturns.load(EXPECTED).orElseThrow());
    Map<String, double[]> gpo = Map.of("Walker2d", new double[] {300, 350});
    Map<String, double[]> single = Map.of("Walker2d", new double[] {1200, 1300}, "Hopper", new double[] {900, 950});
    TableAggregates t = TableAggregates.of(n, List.of("Walker2d", "Hopper"),
        (task, method) -> (method.equals("GPO") ? gpo : method.equals("Single") ? single : Map.<String, double[]>of())
            .getOrDefault(task, new double[0]),
        StratifiedBootstrap.DEFAULT);
    assertEquals(List.of("Walker2d"), t.coveredTasks());
    assertEquals(java.util.Set.of("Walker2d"), t.ours().get("Single").byTask().keySet(), "Single's Hopper runs are left out");
  }

  /**
   * Every method gets as many runs on every task as the fewest any method has on any of them, its first
   * seeds: Single's 8 Walker2d seeds against GPO's 3 would weigh Walker2d 8/11 in Single's pooled IQM and
   * 3/5 in GPO's, and 8 Walker2d seeds of both (a claim's follow-up there) against 3 on Hopper would weigh
   * Walker2d 8/11 in both.
   */
  @Test
  void everyMethodHasTheSameRunsOnEveryTask() throws Exception {
    Normalisation n = new Normalisation(Algorithm.PPO, PaperData.load(EXPECTED), RandomReturns.load(EXPECTED).orElseThrow());
    double[] eight = {1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900};
    Map<String, double[]> gpo = Map.of("Walker2d", eight, "Hopper", new double[] {900, 950, 1000});
    Map<String, double[]> single = Map.of("Walker2d", eight, "Hopper", new double[] {800, 850, 870, 880});
    TableAggregates t = TableAggregates.of(n, List.of("Walker2d", "Hopper"),
        (task, method) -> (method.equals("GPO") ? gpo : method.equals("Single") ? single : Map.<String, double[]>of())
            .getOrDefault(task, new double[0]),
        StratifiedBootstrap.DEFAULT);
    for (String m : List.of("GPO", "Single")) {
      assertEquals(3, t.ours().get(m).byTask().get("Walker2d").length, m + "'s first 3 Walker2d seeds, as on Hopper");
      assertEquals(3, t.ours().get(m).byTask().get("Hopper").length, m + "'s first 3 Hopper seeds");
      assertEquals(6, t.ours().get(m).runs());
    }
    assertArrayEquals(n.scores(List.of("Walker2d"), "Single", (task, m) -> new double[] {1200, 1300, 1400}).byTask().get("Walker2d"),
        t.ours().get("Single").byTask().get("Walker2d"), 0);
  }

  @Test
  void oursAndThePapersAggregatesSideBySide() throws Exception {
    TableAggregates t = contradicted();
    assertEquals(List.of("GPO", "Single"), List.copyOf(t.ours().keySet()), "Joint did not run");
    assertEquals(List.of("Walker2d", "HalfCheetah"), t.coveredTasks(), "Hopper has no runs");
    String md = AggregateSection.render(t, "### Aggregates", Optional.of("plots/profile-PPO.png"));
    // every GPO run below every Single run on both tasks: P = 0 in every resample
    assertTrue(md.contains("| P(GPO > Single) | 0.00 [0.00, 0.00] (2 tasks) | 1.00 (2 tasks) | "), md);
    assertTrue(md.contains("| P(GPO > Joint) | no runs of both | "), md);
    assertTrue(md.contains("| GPO ours | 4 (2) |"), md); // 2 runs a task: HalfCheetah has 2, so Walker2d's third is left out
    assertTrue(md.contains("| GPO paper, same tasks | 2 (2) |"), md);
    assertTrue(md.contains("| GPO paper, all 9 tasks | 9 (9) |"), md);
    // the paper's Single is 1 on every task by construction: IQM, median, mean 1, gap 0
    assertTrue(md.contains("| Single paper, same tasks | 2 (2) | 1.00 | 1.00 | 1.00 | 0.00 |"), md);
    assertTrue(md.contains("![plots/profile-PPO.png](plots/profile-PPO.png)"), md);
    assertTrue(md.contains("trim_mean(x, 0.25)") && md.contains("2,000 repetitions"), "the conventions are stated");
    // our GPO's pooled IQM, by hand: scores Walker2d (r + 2.17) / 543.10: 0.556, 0.648 (its first 2 seeds);
    // HalfCheetah (r + 101.34) / 1624.86: 0.555, 0.616. Four runs, cut 1 a side: the lowest (HalfCheetah 800)
    // and the highest (Walker2d 350) go, the middle two are Walker2d 300 and HalfCheetah 900.
    Normalisation n = t.normalisation();
    double byHand = (n.score("Walker2d", 300).getAsDouble() + n.score("HalfCheetah", 900).getAsDouble()) / 2;
    assertEquals(0.586, byHand, 0.001);
    assertEquals(byHand, t.metric(t.ours(), "GPO", AggregateScores.Metric.IQM).point(), 1e-12);
  }

  @Test
  void theProfileIsDrawn(@TempDir Path tmp) throws Exception {
    String file = ProfilePlot.draw(contradicted(), "test", tmp.resolve("plots"), "profile-PPO");
    assertEquals("plots/profile-PPO.png", file);
    assertTrue(Files.size(tmp.resolve(file)) > 1000);
    double[] taus = ProfilePlot.grid(contradicted());
    assertTrue(taus[0] <= 0 && taus[taus.length - 1] >= 1, "0 (random) and 1 (paper's Single) are on the axis");
  }

  @Test
  void noRunsOnAScoredTaskSaySo() throws Exception {
    Normalisation n = new Normalisation(Algorithm.A2C, PaperData.load(EXPECTED), RandomReturns.load(EXPECTED).orElseThrow());
    TableAggregates t = TableAggregates.of(n, List.of("Walker2d"), (task, method) -> new double[0], StratifiedBootstrap.DEFAULT);
    assertTrue(t.isEmpty());
    assertTrue(AggregateSection.render(t, "### A", Optional.empty()).contains("no normalised scores"));
  }
}
