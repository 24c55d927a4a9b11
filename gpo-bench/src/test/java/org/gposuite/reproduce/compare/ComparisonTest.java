package org.gposuite.reproduce.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.reproduce.compare.Comparison.Status;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.Provenance;
import org.gposuite.reproduce.store.StoredCell;
import org.gposuite.reproduce.store.WallClock;
import org.junit.jupiter.api.Test;

public class ComparisonTest {
  public static final Provenance HERE = new Provenance("abc", "2.2.2", "jdk 25", "Linux x", "cpu A", "libs");
  /** Another platform: OpenBLAS with other kernels (the CPU model alone would not make one). */
  static final Provenance ELSEWHERE = new Provenance("abc", "2.2.2", "jdk 25", "Linux x", "cpu B", "libs openblas-core=SkylakeX");

  public static CellRecord row(String method, int seed, double ret, String hash, Provenance p) {
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

  static List<CellRecord> seeds(String method, Provenance p, double... bySeed) {
    List<CellRecord> out = new ArrayList<>();
    for (int i = 0; i < bySeed.length; i++) out.add(row(method, i + 1, bySeed[i], "h1", p));
    return out;
  }

  @Test
  void aSeedSubsetMeetsTheSameSeedsOnAnotherPlatform() {
    // Seed 2 of the baseline is far above seed 1: against the two-seed mean (2000) a run of
    // seed 1 alone would fall below the 25% band and regress; against seed 1 it is unchanged.
    List<CellRecord> base = seeds("GPO", HERE, 1000, 3000);
    Comparison.Result r = Comparison.compare(List.of(row("GPO", 1, 1000, "h1", ELSEWHERE)), base);
    assertEquals(Status.WITHIN, only(r), r.render());
    assertTrue(r.render().contains("expected 1000 ± 0.0 (n=1), got 1000 ± 0.0 (n=1)"), r.render());
    assertTrue(r.render().contains("compared on seed(s) 1 of the baseline's 1, 2"), r.render());
    // The same seed a quarter lower and a bit is still caught.
    assertEquals(Status.REGRESSED, only(Comparison.compare(List.of(row("GPO", 1, 740, "h1", ELSEWHERE)), base)));
  }

  @Test
  void aSeedSubsetIsComparedSeedBySeedOnTheSamePlatform() {
    List<CellRecord> base = seeds("GPO", HERE, 900.125, 870.5, 910.0);
    Comparison.Result same = Comparison.compare(List.of(row("GPO", 2, 870.5, "h1", HERE)), base);
    assertEquals(Status.SAME, only(same), same.render());
    Comparison.Result changed = Comparison.compare(List.of(row("GPO", 1, 900.125, "h1", HERE),
        row("GPO", 3, Math.nextDown(910.0), "h1", HERE)), base);
    assertEquals(Status.CHANGED, only(changed), changed.render());
    assertTrue(changed.render().contains("seed 3: expected 910.0, got 909.9999999999999"), changed.render());
    assertFalse(changed.render().contains("seed 1:"), changed.render());
  }

  @Test
  void runSeedsMissingFromTheBaselineAreListedNotFailed() {
    List<CellRecord> base = seeds("GPO", HERE, 1000, 1010);
    Comparison.Result partly = Comparison.compare(List.of(row("GPO", 1, 1000, "h1", HERE), row("GPO", 3, 5, "h1", HERE)), base);
    assertEquals(Status.SAME, only(partly), partly.render());
    assertTrue(partly.render().contains("seed(s) 3 not in the baseline"), partly.render());

    Comparison.Result none = Comparison.compare(List.of(row("GPO", 3, 5, "h1", HERE)), base);
    assertEquals(Status.NEW, only(none), none.render());
    assertTrue(none.render().contains("no expected rows for seed(s) 3 (the baseline has seed(s) 1, 2)"), none.render());
  }

  @Test
  void aChangedConfigOfOneComparedSeedIsNamed() {
    List<CellRecord> base = List.of(row("GPO", 1, 900, "h1", HERE), row("GPO", 2, 900, "h0", HERE));
    // Seed 2's stale row does not matter to a run of seed 1 ...
    assertEquals(Status.SAME, only(Comparison.compare(List.of(row("GPO", 1, 900, "h1", HERE)), base)));
    // ... but does to a run of seed 2.
    Comparison.Result r = Comparison.compare(List.of(row("GPO", 2, 900, "h1", HERE)), base);
    assertEquals(Status.CONFIG_CHANGED, only(r), r.render());
    assertTrue(r.render().contains("config hash h1 vs expected h0 (seed 2)"), r.render());
  }

  /** A spread file's group for PPO/Hopper/GPO: 8 seeds around 100, floor 0 (a 25% drop is 25). */
  static java.util.Optional<Spread> spread(String hash) {
    double[] v = {100, 103, 97, 101, 99, 104, 96, 100};
    return java.util.Optional.of(new Spread(java.util.Map.of("PPO/Hopper/GPO", new Spread.Group("PPO/Hopper/GPO", hash, v, 0))));
  }

  static List<StoredCell> cells(double[] returns, Provenance p) {
    return group("GPO", returns, p).stream().map(r -> new StoredCell(r, List.of(), List.of())).toList();
  }

  @Test
  void withASpreadOnlyAChangeBeyondTheNoiseMovesTheVerdict() {
    List<CellRecord> base = group("GPO", new double[] {100, 103}, HERE);
    double[] small = {101, 104, 98, 102, 100, 105, 97, 101};  // +1: an honest small increase
    double[] large = {130, 133, 127, 131, 129, 134, 126, 130};  // +30
    double[] drop = {75, 78, 72, 76, 74, 79, 71, 75};  // a 25% drop
    assertEquals(Status.WITHIN, only(Comparison.compare(cells(small, ELSEWHERE), base, spread("h1"))));
    assertEquals(Status.IMPROVED, only(Comparison.compare(cells(large, ELSEWHERE), base, spread("h1"))));
    Comparison.Result r = Comparison.compare(cells(drop, ELSEWHERE), base, spread("h1"));
    assertEquals(Status.REGRESSED, only(r));
    assertTrue(r.render().contains("(n=8, seeds 1, 2, 3, 4, 5, 6, 7, 8) on another platform: -25.0, 100% of a 25% drop (25.0)"),
        r.render());
    // on the baseline's platform the exact path still decides
    assertEquals(Status.CHANGED, only(Comparison.compare(cells(small, HERE), base, spread("h1"))));
    // a spread measured on another config is not a reference
    assertEquals(Status.CONFIG_CHANGED, only(Comparison.compare(cells(small, ELSEWHERE), base, spread("h0"))));
  }
}
