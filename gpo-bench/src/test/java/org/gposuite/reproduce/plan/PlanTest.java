package org.gposuite.reproduce.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.TestFiles;
import org.junit.jupiter.api.Test;

class PlanTest {
  @Test
  void paperPlanCountsEveryCellOnce() throws Exception {
    Profile paper = ProfileLoader.load("paper");
    Plan plan = Plan.of(paper, CellSelection.ALL);
    // Tables 1+2: 9 tasks x 3 methods x 2 algorithms; Fig. 5 adds 6 variants beyond GPO/Single
    // on 2 tasks; Fig. 3a one probe; Table 3 and Figs. 4 and 6 reuse Table 1, Fig. 8 Table 2. Times 8 seeds.
    // Figs. 7, 9, 10 run at budgets of their own (VariantFiguresTest); here, the cells at the profile's budget.
    int perSeed = 9 * 3 * 2 + 2 * 6 + 1;
    List<CellSpec> atProfileBudget = plan.cells().stream().filter(c -> c.variant().isEmpty()
        && !c.task().endsWith("-v1")).toList();
    assertEquals(perSeed * 8, atProfileBudget.size());
    assertEquals(perSeed * 8 * 8_000_000L, atProfileBudget.stream().mapToLong(c -> c.budget().totalSteps()).sum());
    CellSpec antGpo = plan.cells().stream().filter(c -> c.id().equals("PPO/Ant/GPO/seed-1")).findFirst().orElseThrow();
    assertEquals(List.of(Experiment.TABLE_1, Experiment.TABLE_3, Experiment.FIGURE_4, Experiment.FIGURE_5,
        Experiment.FIGURE_6), antGpo.usedBy());
    CellSpec antA2cJoint = plan.cells().stream().filter(c -> c.id().equals("A2C/Ant/Joint/seed-1")).findFirst().orElseThrow();
    assertEquals(List.of(Experiment.TABLE_2, Experiment.FIGURE_8), antA2cJoint.usedBy());
  }

  @Test
  void selectionNarrowsThePlan() throws Exception {
    Profile paper = ProfileLoader.load("paper");
    Plan plan = Plan.of(paper, new CellSelection(Set.of(Experiment.TABLE_2), Set.of("Hopper"), Set.of("GPO", "Joint"),
        Optional.of(List.of(7)), Optional.empty(), new TreeMap<>()));
    assertEquals(List.of("A2C/Hopper/GPO/seed-7", "A2C/Hopper/Joint/seed-7"),
        plan.cells().stream().map(CellSpec::id).toList());
  }

  @Test
  void emptyExperimentsAreWarnedAbout() throws Exception {
    Plan plan = Plan.of(ProfileLoader.load("paper"),
        new CellSelection(Set.of(Experiment.FIGURE_5), Set.of("Hopper"), Set.of(), Optional.empty(), Optional.empty(),
            new TreeMap<>()));
    assertTrue(plan.cells().isEmpty());
    assertTrue(plan.warnings().get(0).startsWith("Figure 5"), plan.warnings().toString());
  }

  @Test
  void configHashIgnoresSeedAndPurposeButNotBudget() {
    CellSpec a = new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, Budget.PAPER, Settings.DEFAULT, List.of(Experiment.TABLE_1));
    CellSpec b = new CellSpec(Algorithm.PPO, "Ant", "GPO", 2, Budget.PAPER, Settings.DEFAULT, List.of());
    Budget shorter = new Budget(4_000_000, 8, 12, 512, 2048, 16384, 10, 100, 5000, 10, 500, 10);
    CellSpec c = new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, shorter, Settings.DEFAULT, List.of());
    assertEquals(a.configHash(), b.configHash());
    assertTrue(!a.configHash().equals(c.configHash()));
    assertTrue(!a.configHash().equals(new CellSpec(Algorithm.A2C, "Ant", "GPO", 1, Budget.PAPER, Settings.DEFAULT,
        List.of()).configHash()));
  }

  @Test
  void aCellKeepsOneThreadPerPolicyItRunsAtOnce() {
    Budget pop32 = new Budget(8_000_000, 32, 12, 512, 2048, 16384, 10, 100, 5000, 10, 500, 10);
    assertEquals(8, new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, Budget.PAPER, Settings.DEFAULT, List.of()).parallelism());
    assertEquals(32, new CellSpec(Algorithm.PPO, "Ant", "Base+M", 1, pop32, Settings.DEFAULT, List.of()).parallelism());
    assertEquals(1, new CellSpec(Algorithm.PPO, "Ant", "Single", 1, Budget.PAPER, Settings.DEFAULT, List.of()).parallelism());
    assertEquals(1, new CellSpec(Algorithm.A2C, "Ant", "Joint", 1, Budget.PAPER, Settings.DEFAULT, List.of()).parallelism());
  }

  static final Settings CALIBRATED = new Settings("paper-calibrated", new TreeMap<>());

  static CellSelection presets(CellSelection base, String... presets) {
    return base.withSettings(Optional.of(List.of(presets)), base.overrides());
  }

  @Test
  void presetsMultiplyTheCellsLikeSeeds() throws Exception {
    Profile paper = ProfileLoader.load("paper");
    CellSelection narrow = new CellSelection(Set.of(Experiment.TABLE_2), Set.of("Hopper"), Set.of("GPO"),
        Optional.of(List.of(7, 8)), Optional.empty(), new TreeMap<>());
    Plan plan = Plan.of(paper, presets(narrow, "tuned", "paper-calibrated"));
    // All of the first preset's cells first, each preset's cells in today's order.
    assertEquals(List.of("A2C/Hopper/GPO/seed-7", "A2C/Hopper/GPO/seed-8",
        "A2C-paper-calibrated/Hopper/GPO/seed-7", "A2C-paper-calibrated/Hopper/GPO/seed-8"),
        plan.cells().stream().map(CellSpec::id).toList());
    List<String> hashes = plan.cells().stream().map(CellSpec::configHash).toList();
    assertEquals(hashes.get(0), hashes.get(1), "seeds share a config");
    assertNotEquals(hashes.get(0), hashes.get(2), "presets do not");
    assertEquals(List.of("tuned", "paper-calibrated"), plan.presets());

    int one = Plan.of(paper, CellSelection.ALL).cells().size();
    assertEquals(2 * one, Plan.of(paper, presets(CellSelection.ALL, "tuned", "paper-calibrated")).cells().size());
    // The same preset twice is one preset.
    assertEquals(one, Plan.of(paper, presets(CellSelection.ALL, "tuned", "tuned")).cells().size());
  }

  @Test
  void theDefaultPresetKeepsTodaysIdsAndFolders() {
    CellSpec tuned = new CellSpec(Algorithm.PPO, "Walker2d", "GPO", 3, Budget.PAPER, Settings.DEFAULT, List.of());
    CellSpec calibrated = new CellSpec(Algorithm.PPO, "Walker2d", "GPO", 3, Budget.PAPER, CALIBRATED, List.of());
    assertEquals("PPO/Walker2d/GPO/seed-3", tuned.id());
    assertEquals("PPO/Walker2d/GPO", tuned.groupId());
    assertEquals("PPO-paper-calibrated/Walker2d/GPO/seed-3", calibrated.id());
    assertEquals("PPO-paper-calibrated/Walker2d/GPO", calibrated.groupId());
    CellStore store = new CellStore(Path.of("run"));
    assertEquals(Path.of("run", "cells", "PPO", "Walker2d", "GPO", "seed-3"), store.dirOf(tuned));
    assertEquals(Path.of("run", "cells", "PPO-paper-calibrated", "Walker2d", "GPO", "seed-3"), store.dirOf(calibrated));
    // Overrides are in the hash, not in the id.
    CellSpec overridden = new CellSpec(Algorithm.PPO, "Walker2d", "GPO", 3, Budget.PAPER,
        new Settings("tuned", new TreeMap<>(Map.of("gpo.child_init", "first-parent"))), List.of());
    assertEquals(tuned.id(), overridden.id());
    assertNotEquals(tuned.configHash(), overridden.configHash());
  }

  /** SHA-256 of the canonical text, first 8 bytes in hex: the scheme, spelled out independently. */
  static String sha(String canonical) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }

  static final String SMOKE_A2C_IDP_GPO = """
      algorithm=A2C
      task=InvertedDoublePendulum
      method=GPO
      total_steps=20000
      population=2
      rounds=2
      horizon=200
      batch_per_policy=1000
      joint_batch=2000
      eval_episodes=2
      pi_s_epochs=5
      dagger_initial=500
      dagger_iterations=2
      dagger_per_iteration=250
      dagger_epochs=2
      """;

  @Test
  void configHashAddsThePresetThenTheOverridesInKeyOrder() throws Exception {
    // The hash expected-results/smoke/cells.csv held for this cell before presets existed: the
    // canonical text above is the old scheme, byte for byte.
    assertEquals("87a074a787b3c6cb", sha(SMOKE_A2C_IDP_GPO));
    Budget smoke = ProfileLoader.load("smoke").budget();
    // the cell as written (the defaults it was stored under, set back by hand): no override line
    CellSpec asWritten = new CellSpec(Algorithm.A2C, "InvertedDoublePendulum", "GPO", 1, smoke,
        new Settings(Settings.DEFAULT_PRESET, new TreeMap<>(java.util.Map.of("gpo.sharing", "literal", "gpo.critic_data", "own"))), List.of());
    assertEquals(sha(SMOKE_A2C_IDP_GPO + "preset=tuned\n"), asWritten.configHash());
    // today's defaults count as set (MovedDefaults)
    CellSpec tuned = new CellSpec(Algorithm.A2C, "InvertedDoublePendulum", "GPO", 1, smoke, Settings.DEFAULT, List.of());
    assertEquals(sha(SMOKE_A2C_IDP_GPO + "preset=tuned\nset.gpo.critic_data=shared\nset.gpo.sharing=clipped\n"), tuned.configHash());

    // Overrides are hashed in natural key order, whatever order the caller's map keeps.
    SortedMap<String, String> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.put("z.last", "1");
    reversed.put("a.first", "first-parent");
    CellSpec overridden = new CellSpec(Algorithm.A2C, "InvertedDoublePendulum", "GPO", 1, smoke,
        new Settings("paper-calibrated", reversed), List.of());
    assertEquals(sha(SMOKE_A2C_IDP_GPO + "preset=paper-calibrated\nset.a.first=first-parent\nset.gpo.critic_data=shared\nset.gpo.sharing=clipped\nset.z.last=1\n"),
        overridden.configHash());
  }

  @Test
  void configHashDiffersBetweenSettings() {
    Set<String> hashes = new java.util.HashSet<>();
    List<Settings> all = List.of(Settings.DEFAULT, CALIBRATED,
        new Settings("tuned", new TreeMap<>(Map.of("k", "1"))),
        new Settings("tuned", new TreeMap<>(Map.of("k", "2"))),
        new Settings("tuned", new TreeMap<>(Map.of("j", "1"))),
        new Settings("tuned", new TreeMap<>(Map.of("j", "1", "k", "1"))),
        new Settings("paper-calibrated", new TreeMap<>(Map.of("k", "1"))));
    for (Settings s : all) {
      hashes.add(new CellSpec(Algorithm.PPO, "Ant", "GPO", 1, Budget.PAPER, s, List.of()).configHash());
    }
    assertEquals(all.size(), hashes.size(), "every distinct setting has its own hash");
  }

  @Test
  void overridesAreTheProfilesWithTheSelectionsOnTop() {
    Profile p = ProfileLoader.parse("unit", "unit.profile", TestFiles.profileText("Hopper", "Hopper", 40)
        + "presets = paper-calibrated\nset.fake.scale = 2\nset.gpo.child_init = first-parent\n");
    Plan fromProfile = Plan.of(p, CellSelection.ALL);
    assertEquals(List.of("paper-calibrated"), fromProfile.presets());
    assertTrue(fromProfile.cells().stream().allMatch(c -> c.id().startsWith("PPO-paper-calibrated/")
        || c.id().startsWith("A2C-paper-calibrated/")), fromProfile.cells().toString());
    assertEquals(Map.of("fake.scale", "2", "gpo.child_init", "first-parent"), fromProfile.cells().get(0).settings().overrides());

    CellSelection cli = CellSelection.ALL.withSettings(Optional.of(List.of("tuned")), new TreeMap<>(Map.of("fake.scale", "3")));
    Plan overridden = Plan.of(p, cli);
    Settings s = overridden.cells().get(0).settings();
    assertEquals("tuned", s.preset());
    assertEquals(Map.of("fake.scale", "3", "gpo.child_init", "first-parent"), s.overrides());
    assertEquals("3", s.get("fake.scale", "1"));
    assertEquals("fallback", s.get("gpo.unset", "fallback"));
    assertEquals("PPO presets: tuned; settings: fake.scale=3, gpo.child_init=first-parent", overridden.settingsText());
  }
}
