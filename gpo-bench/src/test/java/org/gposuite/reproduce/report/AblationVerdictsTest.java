package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.report.aggregate.Estimate;
import org.gposuite.reproduce.report.aggregate.StratifiedBootstrap;
import org.junit.jupiter.api.Test;

/** Fig. 5's scores and claims with intervals, on hand-worked cases. */
class AblationVerdictsTest {
  private static final List<String> TASKS = List.of("Ant", "Walker2d");

  /** Every variant at {@code level} x GPO's returns (Ant 1,000, Walker2d 500), each seed offset by {@code spread} x (seed - mean). */
  private static AblationVerdicts levels(Map<String, Double> level, int seeds, double spread) {
    Map<String, Map<String, double[]>> returns = new LinkedHashMap<>();
    for (String m : Catalogue.ABLATION_METHODS) {
      Map<String, double[]> byTask = new LinkedHashMap<>();
      for (String t : TASKS) {
        double gpo = t.equals("Ant") ? 1000 : 500;
        double[] xs = new double[seeds];
        for (int s = 0; s < seeds; s++) xs[s] = level.get(m) * gpo * (1 + spread * (s - (seeds - 1) / 2.0));
        byTask.put(t, xs);
      }
      returns.put(m, byTask);
    }
    return new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT);
  }

  private static Map<String, Double> papers() {
    return Map.of("Single", 0.33, "Base+C", 0.47, "Base+S", 0.47, "Base+C+S", 0.5, "Base+M", 0.83, "Base+M+S", 0.86, "Base+M+C", 0.9, "GPO", 1.0);
  }

  @Test
  void aScoreIsTheMeanOverTasksOfTheVariantsMeanOverGposAndOneSeedHasNoInterval() {
    Map<String, Double> level = new LinkedHashMap<>(papers());
    AblationVerdicts v = levels(level, 1, 0);
    Estimate single = v.score("Single");
    assertEquals(0.33, single.point(), 1e-12); // (330 / 1,000 + 165 / 500) / 2
    assertFalse(single.hasSpread());
    assertEquals(1.0, v.score("GPO").point(), 1e-12);
  }

  /** The plot's bars are the table's points, and only of the variants with a seed on every task (Base+S lacks Walker2d). */
  @Test
  void pointScoresAreTheScoredVariantsOnly() {
    AblationVerdicts full = levels(papers(), 2, 0.1);
    Map<String, Map<String, double[]>> returns = new LinkedHashMap<>(full.returns());
    returns.put("Base+S", Map.of("Ant", new double[] {470}, "Walker2d", new double[0]));
    Map<String, Double> points = new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT).pointScores();
    assertFalse(points.containsKey("Base+S"), points.toString());
    assertEquals(Catalogue.ABLATION_METHODS.size() - 1, points.size());
    assertEquals(0.83, points.get("Base+M"), 1e-12);  // (830 / 1,000 + 415 / 500) / 2, the seeds' spread cancels in the means
  }

  @Test
  void thePapersOwnLevelsMakeEveryClaimHold() {
    AblationVerdicts v = levels(papers(), 5, 0.02);
    assertTrue(v.complete());
    assertEquals(List.of(AblationVerdicts.HOLDS, AblationVerdicts.HOLDS, AblationVerdicts.HOLDS, AblationVerdicts.HOLDS),
        v.claims().stream().map(AblationVerdicts.Claim::verdict).toList());
    Estimate e = v.score("Base+M");
    assertTrue(e.hasSpread() && e.low() < 0.83 && e.high() > 0.83, e.toString());
  }

  /** Sharing alone above GPO contradicts "GPO is best"; C and S within the seeds' spread of Single leave "each component helps" open. */
  @Test
  void aVariantAboveGpoContradictsAndOverlappingSeedsLeaveAClaimOpen() {
    Map<String, Double> level = new LinkedHashMap<>(papers());
    level.put("Base+M", 1.4);
    level.put("Base+C", 0.34);
    level.put("Base+S", 0.34);
    AblationVerdicts v = levels(level, 5, 0.1);
    List<AblationVerdicts.Claim> claims = v.claims();
    assertEquals(AblationVerdicts.OPEN, claims.get(0).verdict(), claims.get(0).toString());
    assertEquals(AblationVerdicts.CONTRADICTED, claims.get(3).verdict(), claims.get(3).toString());
    assertTrue(claims.get(3).comparisons().stream().anyMatch(c -> c.startsWith("GPO - Base+M = -0.40")), claims.get(3).toString());
  }

  /**
   * Base+M at 1.4x GPO, 5 seeds on Walker2d: with one seed on Ant its interval cannot redraw Ant's
   * spread, so "GPO is best" stays open and says why; a second Ant seed lets the same gap contradict it.
   */
  @Test
  void aComparisonWithOneSeedOnATaskIsNotJudged() {
    Map<String, Double> level = new LinkedHashMap<>(papers());
    level.put("Base+M", 1.4);
    Map<String, Map<String, double[]>> returns = new LinkedHashMap<>(levels(level, 5, 0.1).returns());
    Map<String, double[]> baseM = new LinkedHashMap<>(returns.get("Base+M"));
    baseM.put("Ant", new double[] {1400});
    returns.put("Base+M", baseM);
    AblationVerdicts oneSeed = new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT);
    assertTrue(oneSeed.complete());
    AblationVerdicts.Claim best = oneSeed.claims().get(3);
    assertEquals(AblationVerdicts.OPEN, best.verdict(), best.toString());
    assertTrue(best.comparisons().stream().anyMatch(c -> c.startsWith("GPO - Base+M = -0.40 [") && c.endsWith("(not judged: 1 seed of Base+M on Ant)")),
        best.toString());
    // the other comparisons have 5 seeds a side and are judged as before: Single is far below GPO
    assertTrue(best.comparisons().stream().anyMatch(c -> c.startsWith("GPO - Single = +0.67 [") && !c.contains("not judged")), best.toString());

    baseM.put("Ant", new double[] {1330, 1470});
    AblationVerdicts twoSeeds = new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT);
    assertEquals(AblationVerdicts.CONTRADICTED, twoSeeds.claims().get(3).verdict(), twoSeeds.claims().get(3).toString());
  }

  @Test
  void aVariantWithoutSeedsOnATaskLeavesTheClaimsUnjudged() {
    Map<String, Map<String, double[]>> returns = new LinkedHashMap<>();
    for (String m : List.of("GPO", "Single")) returns.put(m, Map.of("Ant", new double[] {1000, 900}, "Walker2d", new double[] {500, 520}));
    AblationVerdicts v = new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT);
    assertFalse(v.complete());
    assertEquals(List.of("Single", "GPO"), v.scored());
    String md = v.render(papers());
    assertTrue(md.contains("| Base+M | — | 0, 0 | 0.83 |"), md);
    assertTrue(md.contains("the paper's claims are not judged yet"), md);
  }

  /** Walker2d has every variant and Ant only GPO and Single: the claims are judged on Walker2d, and say so. */
  @Test
  void theClaimsAreJudgedOnTheTasksEveryVariantHasReached() {
    AblationVerdicts full = levels(papers(), 3, 0.02);
    Map<String, Map<String, double[]>> returns = new LinkedHashMap<>();
    for (String m : Catalogue.ABLATION_METHODS) {
      Map<String, double[]> byTask = new LinkedHashMap<>(full.returns().get(m));
      if (!m.equals("GPO") && !m.equals("Single")) byTask.put("Ant", new double[0]);
      returns.put(m, byTask);
    }
    AblationVerdicts v = new AblationVerdicts(returns, TASKS, StratifiedBootstrap.DEFAULT);
    assertFalse(v.complete());
    assertEquals(List.of("Walker2d"), v.readyTasks());
    String md = v.render(papers());
    assertTrue(md.startsWith("Every variant has a seed on Walker2d but not yet on Ant, so the scores and claims below are"
        + " Walker2d's alone; the paper's scores average over Ant, Walker2d. Seeds on Ant so far: Single 3, Base+C 0,"), md);
    // Walker2d alone: Base+M's mean over GPO's is 0.83 (415 / 500), its seed column Walker2d's 3
    assertTrue(md.contains("| Base+M | 0.83 ["), md);
    assertTrue(md.contains("| Seeds (Walker2d) |"), md);
    assertTrue(md.contains("| Each component alone improves on Single | **holds** |"), md);
    assertFalse(md.contains("not judged yet"), md);
    // the plot's bars are the table's: every variant, on Walker2d
    AblationBars bars = v.bars();
    assertEquals(List.of("Walker2d"), bars.tasks());
    assertEquals(Catalogue.ABLATION_METHODS, List.copyOf(bars.scores().keySet()));
    assertEquals(0.83, bars.scores().get("Base+M"), 1e-12);
    assertEquals(TASKS, full.bars().tasks(), "complete: every task's");
  }
}
