package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.reproduce.Comparison.Status;
import org.junit.jupiter.api.Test;

class ComparisonTest {
  static final Provenance HERE = new Provenance("abc", "2.2.2", "jdk 25", "Linux x", "cpu A", "libs");
  static final Provenance ELSEWHERE = new Provenance("abc", "2.2.2", "jdk 25", "Linux x", "cpu B", "libs");

  static CellRecord row(String method, int seed, double ret, String hash, Provenance p) {
    return new CellRecord(Algorithm.PPO, "Hopper", method, seed, Settings.DEFAULT, hash, "unit", ret, 100,
        WallClock.totalOnly(1), p, "2026-01-01T00:00:00Z");
  }

  static List<CellRecord> group(String method, double[] returns, Provenance p) {
    List<CellRecord> out = new ArrayList<>();
    for (int i = 0; i < returns.length; i++) out.add(row(method, i + 1, returns[i], "h1", p));
    return out;
  }

  static Status only(Comparison.Result r) {
    assertEquals(1, r.verdicts().size(), r.render());
    return r.verdicts().get(0).status();
  }

  @Test
  void unchangedRerunPassesBitForBit() {
    List<CellRecord> base = group("GPO", new double[] {900.125, 870.5, 910.0}, HERE);
    Comparison.Result r = Comparison.compare(List.copyOf(base), base);
    assertEquals(Status.SAME, only(r));
    assertFalse(r.failed());
  }

  @Test
  void exactModeFlagsAnyChangeOnTheSamePlatform() {
    List<CellRecord> base = group("GPO", new double[] {900.125, 870.5, 910.0}, HERE);
    List<CellRecord> run = group("GPO", new double[] {900.125, Math.nextUp(870.5), 910.0}, HERE);
    Comparison.Result r = Comparison.compare(run, base);
    assertEquals(Status.CHANGED, only(r));
    assertTrue(r.failed());
    assertTrue(r.render().contains("seed 2"), r.render());
  }

  @Test
  void plantedRegressionIsFlaggedAcrossPlatforms() {
    List<CellRecord> base = group("GPO", new double[] {900, 880, 920, 905}, HERE);
    List<CellRecord> run = group("GPO", new double[] {700, 690, 720, 705}, ELSEWHERE);
    Comparison.Result r = Comparison.compare(run, base);
    assertEquals(Status.REGRESSED, only(r));
    assertTrue(r.failed());
    assertTrue(r.render().contains("PPO/Hopper/GPO"), r.render());
  }

  @Test
  void noiseWithinTheSpreadPassesAcrossPlatforms() {
    List<CellRecord> base = group("GPO", new double[] {900, 880, 920, 905}, HERE);
    List<CellRecord> run = group("GPO", new double[] {895, 885, 915, 899}, ELSEWHERE);
    assertEquals(Status.WITHIN, only(Comparison.compare(run, base)));
  }

  @Test
  void betterNumbersAreNotARegression() {
    List<CellRecord> base = group("GPO", new double[] {900, 880, 920}, HERE);
    List<CellRecord> run = group("GPO", new double[] {1500, 1480, 1520}, ELSEWHERE);
    Comparison.Result r = Comparison.compare(run, base);
    assertEquals(Status.IMPROVED, only(r));
    assertFalse(r.failed());
  }

  @Test
  void bonferroniSpreadsAlphaOverTheTestedGroups() {
    // p(lower) for these two samples is 0.0202 (scipy): a regression when it is the only
    // group (alpha 0.05), not when 5 groups share the 0.05 (alpha 0.01 each).
    double[] expected = {100, 101, 102};
    double[] got = {97, 98, 99.5};
    List<CellRecord> base = new ArrayList<>(group("GPO", expected, HERE));
    List<CellRecord> run = new ArrayList<>(group("GPO", got, ELSEWHERE));
    assertEquals(Status.REGRESSED, only(Comparison.compare(run, base)));
    for (String m : List.of("Single", "Joint", "Base+C", "Base+S")) {
      base.addAll(group(m, expected, HERE));
      run.addAll(group(m, expected, ELSEWHERE));
    }
    Comparison.Result r = Comparison.compare(run, base);
    assertEquals(Status.WITHIN, r.verdicts().stream().filter(v -> v.group().endsWith("/GPO")).findFirst()
        .orElseThrow().status(), r.render());
  }

  @Test
  void changedConfigIsNotComparedButFails() {
    List<CellRecord> base = List.of(row("GPO", 1, 900, "h1", HERE));
    List<CellRecord> run = List.of(row("GPO", 1, 900, "h2", HERE));
    assertEquals(Status.CONFIG_CHANGED, only(Comparison.compare(run, base)));
  }

  @Test
  void singleSeedUsesTheCoarseBand() {
    List<CellRecord> base = List.of(row("GPO", 1, 1000, "h1", HERE));
    assertEquals(Status.WITHIN, only(Comparison.compare(List.of(row("GPO", 1, 800, "h1", ELSEWHERE)), base)));
    assertEquals(Status.REGRESSED, only(Comparison.compare(List.of(row("GPO", 1, 740, "h1", ELSEWHERE)), base)));
  }

  @Test
  void groupsWithoutBaselineAreNewNotFailures() {
    Comparison.Result r = Comparison.compare(group("Joint", new double[] {1, 2}, HERE), List.of());
    assertEquals(Status.NEW, only(r));
    assertFalse(r.failed());
  }

  static CellRecord underPreset(CellRecord r, String preset) {
    return new CellRecord(r.algorithm(), r.task(), r.method(), r.seed(), new Settings(preset, new java.util.TreeMap<>()),
        r.configHash(), r.profile(), r.finalReturn(), r.stepsUsed(), r.wallClock(), r.provenance(), r.finishedAt());
  }

  @Test
  void presetsAreNeverComparedWithEachOther() {
    // Same algorithm, task, method, seeds and hash; only the preset differs.
    List<CellRecord> tuned = group("GPO", new double[] {900, 880, 920}, HERE);
    List<CellRecord> calibrated = group("GPO", new double[] {500, 480, 520}, HERE).stream()
        .map(r -> underPreset(r, "paper-calibrated")).toList();
    Comparison.Result onlyOther = Comparison.compare(tuned, calibrated);
    assertEquals(Status.NEW, only(onlyOther), onlyOther.render());

    List<CellRecord> both = new ArrayList<>(tuned);
    both.addAll(calibrated);
    Comparison.Result r = Comparison.compare(both, both);
    assertEquals(2, r.verdicts().size(), r.render());
    assertTrue(r.verdicts().stream().allMatch(v -> v.status() == Status.SAME), r.render());
    assertTrue(r.render().contains("PPO-paper-calibrated/Hopper/GPO"), r.render());
  }
}
