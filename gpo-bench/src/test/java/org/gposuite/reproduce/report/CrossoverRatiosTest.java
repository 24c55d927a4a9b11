package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crossover's child/parent ratio from training returns, against a run directory worked by hand. */
class CrossoverRatiosTest {
  @TempDir Path dir;

  @Test
  void ratiosAreTheChildsFirstIterationsOverItsParentsLast() throws Exception {
    // two rounds of 4 iterations (0-3, 4-7), then the final mutation (8-11); three policies
    Files.writeString(dir.resolve("rounds.csv"), "round,mutation_iterations\n0,4\n1,4\n2,4\n");
    StringBuilder curve = new StringBuilder("policy,iteration,mean_episode_return,episodes\n");
    // policy 0: 100 per iteration in round 0, except iteration 1 (last window is 1-3: 100, 100, 100 -> 100)
    // policy 1: 200 in round 0; 300 in round 1 at iterations 5-7, and iteration 4 finished no episode
    // policy 2: in round 1 starts at 50 (from 2 episodes), then 80 and 70 (1 episode each)
    double[][] returns = {
        {90, 100, 100, 100, 95, 95, 95, 95, 999, 999, 999, 999},
        {200, 200, 200, 200, Double.NaN, 300, 300, 300, 210, 210, 210, 210},
        {10, 10, 10, 10, 50, 80, 70, 70, 120, 120, 120, 120}};
    for (int p = 0; p < 3; p++) {
      for (int i = 0; i < 12; i++) {
        double r = returns[p][i];
        int episodes = Double.isNaN(r) ? 0 : (p == 2 && i == 4 ? 2 : 1);
        curve.append(p).append(',').append(i).append(',').append(r).append(',').append(episodes).append('\n');
      }
    }
    Files.writeString(dir.resolve("curve.csv"), curve.toString());
    // round 0: child 0 self-copy of 0; child 1 state-space from parent 1; child 2 state-space from parent 0.
    // round 1: child 0 self-copy of 1; child 1 a stronger-parent "copy" (not counted); child 2 state-space from parent 2.
    Files.writeString(dir.resolve("couples.csv"), "round,couple,child_kind,init_parent\n"
        + "0,0,self-copy,0\n0,1,state-space,1\n0,2,state-space,0\n"
        + "1,0,self-copy,1\n1,1,copy,1\n1,2,state-space,2\n");
    List<CrossoverRatios.Round> rounds = CrossoverRatios.of(dir);
    assertEquals(2, rounds.size());
    // round 0 -> 1, boundary at iteration 4. Self-copy 0: policy 0 at 4-6 (95) over policy 0 at 1-3 (100) = 0.95.
    // State-space: child 1 at 5-6 (300; iteration 4 had no episode) over parent 1 at 1-3 (200) = 1.5;
    // child 2 at 4-6 ((50*2 + 80 + 70) / 4 = 62.5) over parent 0 at 1-3 (100) = 0.625. Median of {1.5, 0.625} = 1.0625.
    CrossoverRatios.Round r0 = rounds.get(0);
    assertEquals(0, r0.round());
    assertEquals(0.95, r0.selfCopy(), 1e-12);
    assertEquals(1, r0.selfCopyN());
    assertEquals(1.0625, r0.stateSpace(), 1e-12);
    assertEquals(2, r0.stateSpaceN());
    // round 1 -> final mutation, boundary at 8. Self-copy 0 from parent 1: 999 over policy 1 at 5-7 (300) = 3.33;
    // state-space child 2 from parent 2: 120 over policy 2 at 5-7 ((80 + 70 + 70) / 3) = 1.6364
    CrossoverRatios.Round r1 = rounds.get(1);
    assertEquals(999.0 / 300, r1.selfCopy(), 1e-12);
    assertEquals(120 / (220.0 / 3), r1.stateSpace(), 1e-12);
    assertEquals(1, r1.stateSpaceN());

    String table = CrossoverRatios.table(Map.of("PPO/W/GPO/seed-1", rounds));
    assertTrue(table.contains("| PPO/W/GPO/seed-1 | 1.06 / 0.95 | 1.64 / 3.33 |"), table);
  }

  @Test
  void aFolderWithoutAGpoRunHasNoRatios() throws Exception {
    assertTrue(CrossoverRatios.read(dir).isEmpty(), "a Single or Joint cell");
    Path gpo = Files.createDirectories(dir.resolve("gpo"));
    Files.writeString(gpo.resolve("rounds.csv"), "round,mutation_iterations\n0,4\n");
    Files.writeString(gpo.resolve("curve.csv"), "policy,iteration,mean_episode_return,episodes\n0,0,1.0,1\n");
    Files.writeString(gpo.resolve("couples.csv"), "round,couple,child_kind,init_parent\n0,0,copy,0\n");
    assertTrue(CrossoverRatios.read(dir).isEmpty(), "no state-space child or self-copy (ablation without C): nothing to show");
  }

  @Test
  void theReportShowsEachGpoCellWithRatiosByTaskAndSeed() {
    var gpo = new org.gposuite.reproduce.store.StoredCell(org.gposuite.reproduce.compare.ComparisonTest.row("GPO", 3, 1000, "h",
        org.gposuite.reproduce.compare.ComparisonTest.HERE), List.of(), List.of());
    var single = new org.gposuite.reproduce.store.StoredCell(org.gposuite.reproduce.compare.ComparisonTest.row("Single", 3, 900, "h",
        org.gposuite.reproduce.compare.ComparisonTest.HERE), List.of(), List.of());
    Results results = new Results(List.of(gpo, single));
    List<CrossoverRatios.Round> rounds = List.of(new CrossoverRatios.Round(0, 0.8, 6, 1.0, 2), new CrossoverRatios.Round(1, 0.9, 6, Double.NaN, 0));
    String preset = gpo.record().settings().preset();
    String md = CrossoverRatios.render(results, Map.of(gpo.record().id(), rounds), preset, org.gposuite.reproduce.plan.Algorithm.PPO, List.of("Hopper"));
    assertTrue(md.startsWith("\n### Crossover in the GPO cells\n"), md);
    assertTrue(md.contains("| Hopper, seed 3 | 0.80 / 1.00 | 0.90 / — |"), md);
    assertEquals("", CrossoverRatios.render(results, Map.of(), preset, org.gposuite.reproduce.plan.Algorithm.PPO, List.of("Hopper")),
        "no cell with ratios: no section");
  }
}
