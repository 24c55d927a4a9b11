package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sharing screen's table (issue 19): ratios and medians worked by hand, and sharing.md not stale against its CSV. */
class SharingScreenTest {
  private static SharingScreen.Row gpo(String rule, int seed, double ret, double kl) {
    return new SharingScreen.Row("Walker2d", "GPO", rule, seed, ret, 100, 1, rule.equals("off") ? 0 : 2, kl, rule.equals("off") ? Double.NaN : 0.5, 0.1, 9, "h", "c");
  }

  @Test
  void ratiosAreOverTheSeedsBothSidesHave() {
    List<SharingScreen.Row> rows = List.of(gpo("off", 1, 400, Double.NaN), gpo("off", 2, 600, Double.NaN),
        gpo("literal", 1, 200, 1.0), gpo("literal", 2, 300, 3.0), gpo("literal", 3, 1000, 2.0),
        new SharingScreen.Row("Walker2d", "Single", "", 1, 800, 100, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "h", "c"),
        new SharingScreen.Row("Walker2d", "Joint", "", 2, 1200, 100, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "h", "c"));
    String t = SharingScreen.table(rows);
    // literal / off over seeds 1-2: 500 / 1000; literal / Single over seed 1: 200 / 800; median KL of 1, 3, 2 = 2
    assertTrue(t.contains("| literal | 500 ± 252 (3) | s1 200, s2 300, s3 1,000 | 0.50 | 0.25 | 2.00 | 2.00 | 0.50 |"), t);
    assertTrue(t.contains("| off | 500 ± 100 (2) | s1 400, s2 600 | 1 | 0.50 | 0.00 | — | — |"), t);
    assertTrue(t.contains("| Single | 800 (1) | s1 800 |"), t);
    // Joint / off over seed 2: 1200 / 600; Joint and Single share no seed
    assertTrue(t.contains("| Joint | 1,200 (1) | s2 1,200 | 2.00 | — | | | |"), t);
    assertTrue(t.indexOf("| literal") < t.indexOf("| off"), "Eq. 5 as written comes first");
  }

  @Test
  void aSharedCriticIsNamedInTheRule() {
    assertEquals("literal", SharingScreen.ruleOf(org.gposuite.reproduce.plan.Settings.DEFAULT));
    assertEquals("clipped+critic", SharingScreen.ruleOf(new org.gposuite.reproduce.plan.Settings("tuned",
        new java.util.TreeMap<>(java.util.Map.of("gpo.sharing", "clipped", "gpo.critic_data", "shared")))));
    assertEquals("clipped", SharingScreen.ruleOf(new org.gposuite.reproduce.plan.Settings("tuned",
        new java.util.TreeMap<>(java.util.Map.of("gpo.sharing", "clipped", "gpo.critic_data", "own")))));
  }

  @Test
  void storedTablesAreNotStale() throws Exception {
    Path expected = FindingsTest.EXPECTED;
    String md = Files.readString(expected.resolve(SharingScreen.MD));
    for (SharingScreen.Screen screen : SharingScreen.SCREENS) {
      Path csv = expected.resolve(screen.csv());
      if (screen != SharingScreen.PPO && !Files.exists(csv)) continue;  // a screen not run yet has no table to check
      List<SharingScreen.Row> rows = SharingScreen.readCsv(csv);
      assertFalse(rows.isEmpty(), screen.csv());
      assertEquals(screen.blockIn(md, SharingScreen.table(rows)), md,
          "sharing.md's " + screen.algorithm() + " table differs from " + screen.csv() + "; regenerate it with reproduce.report.SharingScreen");
    }
  }

  /** Both screens' markers are in sharing.md, so a first A2C run has somewhere to write. */
  @Test
  void eachAlgorithmHasItsTableInSharingMd() throws Exception {
    String md = Files.readString(FindingsTest.EXPECTED.resolve(SharingScreen.MD));
    for (SharingScreen.Screen screen : SharingScreen.SCREENS) assertEquals(screen.blockIn(md, "x"), screen.blockIn(screen.blockIn(md, "x"), "x"));
  }
}
