package org.gposuite.reproduce.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.Provenance;
import org.gposuite.reproduce.TestFiles;
import org.gposuite.reproduce.store.WallClock;
import org.gposuite.reproduce.io.InputError;
import org.junit.jupiter.api.Test;

/**
 * Figs. 7, 9 and 10 in the plan: the budget arithmetic of their variants, their ids and hashes,
 * the ids and hashes of every earlier cell unchanged, selection, and the profile fields' checks.
 */
class VariantFiguresTest {
  @Test
  void fig7KeepsBatchAndStepsPerPolicySoTotalGrowsWithThePopulation() {
    BudgetVariant v = BudgetVariant.samePerPolicy(Budget.PAPER, 32);
    assertEquals("pop32", v.label());
    assertEquals(32_000_000, v.budget().totalSteps(), "8M x 32 / 8");
    assertEquals(2048, v.budget().batchPerPolicy());
    assertEquals(32, v.budget().population());
    assertEquals(Budget.PAPER.rounds(), v.budget().rounds());
    assertEquals(Budget.PAPER.totalSteps() / Budget.PAPER.population(),
        v.budget().totalSteps() / v.budget().population(), "the same steps per policy");
    assertEquals(4_000_000, BudgetVariant.samePerPolicy(Budget.PAPER, 4).budget().totalSteps());
    assertEquals(BudgetVariant.none(Budget.PAPER), BudgetVariant.samePerPolicy(Budget.PAPER, 8),
        "the profile's population is the profile's budget: no label, the tables' cell");
  }

  @Test
  void fig10KeepsTotalStepsAndScalesTheBatchDownWithGuards() {
    BudgetVariant v = BudgetVariant.sameTotal(Budget.PAPER, 32);
    assertEquals("pop32-eqsteps", v.label());
    assertEquals(8_000_000, v.budget().totalSteps());
    assertEquals(512, v.budget().batchPerPolicy(), "2048 x 8 / 32");
    assertEquals(4096, BudgetVariant.sameTotal(Budget.PAPER, 4).budget().batchPerPolicy(), "2048 x 8 / 4");
    assertEquals(BudgetVariant.none(Budget.PAPER), BudgetVariant.sameTotal(Budget.PAPER, 8));
    // PPO iterations per policy are those at m0: (total / m) / batch = total / (m0 x batch0)
    Budget b = v.budget();
    assertEquals(Budget.PAPER.totalSteps() / (8 * 2048), b.totalSteps() / b.population() / b.batchPerPolicy());
    // rounding down to a multiple of 8 (the engine's env copies): 2048 x 8 / 24 = 682.67 -> 680
    assertEquals(680, BudgetVariant.sameTotal(Budget.PAPER, 24).budget().batchPerPolicy());
    // a batch below one horizon (512) holds no whole episode: 2048 x 8 / 64 = 256
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetVariant.sameTotal(Budget.PAPER, 64));
    assertTrue(e.getMessage().contains("256") && e.getMessage().contains("horizon 512"), e.getMessage());
  }

  /**
   * Fig. 10 with DAgger per round: the batch as in {@link BudgetVariant#sameTotal}, each child's DAgger x m0 / m
   * floored to a multiple of 4 (5,000 x 8 / 32 = 1,250 -> 1,248; 500 x 8 / 32 = 125 -> 124), so a round's
   * transitions stay about 8 x (5,000 + 10 x 500) = 80,000 (32 x (1,248 + 10 x 124) = 79,616).
   */
  @Test
  void fig10WithDaggerPerRoundScalesEachChildsDaggerDown() {
    BudgetVariant v = BudgetVariant.sameTotalDaggerPerRound(Budget.PAPER, 32);
    assertEquals("pop32-eqsteps-dagger-per-round", v.label());
    Budget b = v.budget();
    assertEquals(List.of(8_000_000L, 32, 512, 1248, 10, 124),
        List.of(b.totalSteps(), b.population(), b.batchPerPolicy(), b.daggerInitial(), b.daggerIterations(), b.daggerPerIteration()));
    Budget four = BudgetVariant.sameTotalDaggerPerRound(Budget.PAPER, 4).budget();
    assertEquals(List.of(10_000, 1_000), List.of(four.daggerInitial(), four.daggerPerIteration()), "twice the transitions at half the population");
    assertEquals(BudgetVariant.none(Budget.PAPER), BudgetVariant.sameTotalDaggerPerRound(Budget.PAPER, 8), "m0: the profile's own cell");
    Budget tiny = new Budget(8_000_000, 8, 12, 512, 2048, 16384, 10, 100, 5000, 10, 8, 10);
    Budget odd = new Budget(20_000, 2, 2, 200, 1000, 2000, 2, 5, 500, 2, 250, 2); // smoke's: 250 is no multiple of 4
    assertEquals(BudgetVariant.none(odd), BudgetVariant.sameTotalDaggerPerRound(odd, 2), "m0 is not floored into a cell of its own");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetVariant.sameTotalDaggerPerRound(tiny, 32));
    assertTrue(e.getMessage().contains("fewer than 4"), e.getMessage()); // 8 x 8 / 32 = 2 per iteration

    VariantFigures both = new VariantFigures("Walker2d", List.of(4, 8, 32),
        List.of(VariantFigures.Fig10Dagger.PER_CHILD, VariantFigures.Fig10Dagger.PER_ROUND), List.of(), List.of(), List.of());
    assertEquals(List.of("pop4-eqsteps", "", "pop32-eqsteps", "pop4-eqsteps-dagger-per-round", "pop32-eqsteps-dagger-per-round"),
        both.groups(Experiment.FIGURE_10, Budget.PAPER).stream().map(g -> g.variant().label()).toList(), "m0 once, shared by both readings");
    assertEquals(3, both.groups(Experiment.FIGURE_7, Budget.PAPER).size(), "Fig. 7 keeps DAgger per child");
  }

  @Test
  void fig9ChangesOnlyTheHorizon() {
    BudgetVariant v = BudgetVariant.horizon(Budget.PAPER, 1024);
    assertEquals("T1024", v.label());
    assertEquals(1024, v.budget().horizon());
    assertEquals(Budget.PAPER.totalSteps(), v.budget().totalSteps());
    assertEquals("", BudgetVariant.horizon(Budget.PAPER, 512).label());
  }

  @Test
  void smokeKeepsEveryEarlierIdAndHashAndAddsTheVariantCells() throws Exception {
    Plan plan = Plan.of(ProfileLoader.load("smoke"), CellSelection.ALL);
    Map<String, CellSpec> byId = plan.cells().stream().collect(Collectors.toMap(CellSpec::id, Function.identity()));
    // stored baselines (expected-results/smoke/cells.csv) hold these ids and hashes
    assertEquals("658baa718b4601ac", byId.get("A2C/InvertedDoublePendulum/GPO/seed-1").configHash());
    for (CellRecord r : CellsCsv.read(TestFiles.REPO_EXPECTED.resolve("smoke/cells.csv"))) {
      assertEquals(r.configHash(), byId.get(r.id()).configHash(), r.id());
    }
    List<String> variantIds = plan.cells().stream().filter(c -> !c.variant().isEmpty()).map(CellSpec::id).sorted().toList();
    assertEquals(List.of("PPO/Hopper-v1@T100/GPO/seed-1", "PPO/Hopper-v1@T100/Joint/seed-1",
        "PPO/InvertedDoublePendulum@pop4-eqsteps/GPO/seed-1", "PPO/InvertedDoublePendulum@pop4/GPO/seed-1"), variantIds);
    CellSpec pop4 = byId.get("PPO/InvertedDoublePendulum@pop4/GPO/seed-1");
    assertEquals(40_000, pop4.budget().totalSteps());
    assertEquals(List.of(Experiment.FIGURE_7), pop4.usedBy());
    CellSpec eq = byId.get("PPO/InvertedDoublePendulum@pop4-eqsteps/GPO/seed-1");
    assertEquals(20_000, eq.budget().totalSteps());
    assertEquals(496, eq.budget().batchPerPolicy(), "1000 x 2 / 4 = 500, floored to a multiple of 8");
    // population 2 is the profile's own: the Table 1 cell, used by Figs. 7 and 10 as well
    assertEquals(List.of(Experiment.TABLE_1, Experiment.TABLE_3, Experiment.FIGURE_4,
        Experiment.FIGURE_6, Experiment.FIGURE_7, Experiment.FIGURE_10), byId.get("PPO/InvertedDoublePendulum/GPO/seed-1").usedBy());
    assertEquals(200, byId.get("PPO/Hopper-v1/GPO/seed-1").budget().horizon());
    assertEquals(100, byId.get("PPO/Hopper-v1@T100/Joint/seed-1").budget().horizon());
    // hashes: the budget decides, the label only names it
    assertTrue(!pop4.configHash().equals(eq.configHash()));
    assertEquals(new CellSpec(Algorithm.PPO, "InvertedDoublePendulum", "GPO", 1, pop4.budget(), Settings.DEFAULT, List.of()).configHash(),
        pop4.configHash());
    assertEquals(44, plan.cells().size());
  }

  @Test
  void selectionNarrowsTheVariantCellsLikeAnyOther() throws Exception {
    Profile smoke = ProfileLoader.load("smoke");
    Plan gym = Plan.of(smoke, new CellSelection(Set.of(), Set.of("Hopper-v1"), Set.of("Joint"), Optional.of(List.of(2)),
        Optional.empty(), new TreeMap<>()));
    assertEquals(List.of("PPO/Hopper-v1/Joint/seed-2", "PPO/Hopper-v1@T100/Joint/seed-2"),
        gym.cells().stream().map(CellSpec::id).sorted().toList(), "--seeds replaces variant_seeds too");
    Plan fig10 = Plan.of(smoke, new CellSelection(Set.of(Experiment.FIGURE_10), Set.of(), Set.of(), Optional.empty(),
        Optional.empty(), new TreeMap<>()));
    assertEquals(List.of("PPO/InvertedDoublePendulum/GPO/seed-1", "PPO/InvertedDoublePendulum@pop4-eqsteps/GPO/seed-1"),
        fig10.cells().stream().map(CellSpec::id).sorted().toList());
    Plan none = Plan.of(smoke, new CellSelection(Set.of(Experiment.FIGURE_9), Set.of("Walker2d"), Set.of(), Optional.empty(),
        Optional.empty(), new TreeMap<>()));
    assertTrue(none.emptyReason().contains("fig9_tasks = Hopper-v1"), none.emptyReason());
  }

  /**
   * One point of a figure, named as its cell id writes it, alone: Fig. 7's population 32 at the paper's
   * scale (over 2 hours here by the default's time split) could not be run without the whole figure
   * before it, and a run folder without the stored base cell computed that again.
   */
  @Test
  void aTaskWithAPointsLabelSelectsThatPointAlone() throws Exception {
    Plan pop32 = Plan.of(ProfileLoader.load("paper"), new CellSelection(Set.of(Experiment.FIGURE_7, Experiment.FIGURE_10),
        Set.of(Catalogue.requireTaskOrPoint(" walker2d@POP32 ")), Set.of(), Optional.of(List.of(1, 2)), Optional.empty(), new TreeMap<>()));
    assertEquals(List.of("PPO/Walker2d@pop32/GPO/seed-1", "PPO/Walker2d@pop32/GPO/seed-2"),
        pop32.cells().stream().map(CellSpec::id).sorted().toList(), "not pop32-eqsteps, not the base point");
    Plan wholeTask = Plan.of(ProfileLoader.load("smoke"), new CellSelection(Set.of(Experiment.FIGURE_10),
        Set.of("InvertedDoublePendulum"), Set.of(), Optional.empty(), Optional.empty(), new TreeMap<>()));
    assertEquals(2, wholeTask.cells().size(), "the task alone keeps every point on it");
    Plan unknown = Plan.of(ProfileLoader.load("paper"), new CellSelection(Set.of(Experiment.FIGURE_7),
        Set.of(Catalogue.requireTaskOrPoint("Walker2d@pop64")), Set.of(), Optional.empty(), Optional.empty(), new TreeMap<>()));
    assertTrue(unknown.emptyReason().endsWith("the figures' points: Walker2d@pop4, Walker2d@pop16, Walker2d@pop32"), unknown.emptyReason());
    IllegalArgumentException noLabel = assertThrows(IllegalArgumentException.class, () -> Catalogue.requireTaskOrPoint("Walker2d@"));
    assertTrue(noLabel.getMessage().contains("names no point after '@'"), noLabel.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Catalogue.requireTaskOrPoint("Walker3d@pop32"), "the task part is checked");
  }

  @Test
  void mediumAndPaperPlanTheFiguresAtTheirSizes() throws Exception {
    Plan paper = Plan.of(ProfileLoader.load("paper"), CellSelection.ALL);
    Set<String> ids = paper.cells().stream().map(CellSpec::id).collect(Collectors.toSet());
    assertTrue(ids.containsAll(List.of("PPO/Walker2d@pop32/GPO/seed-8", "PPO/Walker2d@pop4-eqsteps/GPO/seed-1",
        "PPO/Walker2d-v1@T1024/Joint/seed-8", "PPO/HalfCheetah-v1/GPO/seed-1")));
    // 9x3x2 + 2x6 + 1 per seed before; Fig. 7 adds 3 populations, Fig. 10 3 under each of its 2 DAgger readings,
    // Fig. 9 3 tasks x 2 horizons x 2 methods
    assertEquals((9 * 3 * 2 + 2 * 6 + 1 + 3 + 3 * 2 + 12) * 8, paper.cells().size());
    assertTrue(ids.contains("PPO/Walker2d@pop32-eqsteps-dagger-per-round/GPO/seed-2"));
    Plan medium = Plan.of(ProfileLoader.load("medium"), CellSelection.ALL);
    assertEquals(134 + 2 * (2 + 2 + 12), medium.cells().size());
  }

  @Test
  void profileFieldsAreRequiredByTheirFiguresAndCheckedWhenRead() {
    String base = TestFiles.profileText("Swimmer", "Swimmer", 40);
    InputError missing = assertThrows(InputError.class, () -> ProfileLoader.parse("u", "u.profile",
        base.replace("figures = 3a, 4, 5, 6, 8", "figures = 7")));
    assertTrue(missing.getMessage().contains("fig7_task"), missing.getMessage());
    InputError tooSmall = assertThrows(InputError.class, () -> ProfileLoader.parse("u", "u.profile",
        base.replace("figures = 3a, 4, 5, 6, 8", "figures = 10") + "fig7_task = Swimmer\nfig7_populations = 2, 4\n"));
    assertTrue(tooSmall.getMessage().contains("fig7_populations") && tooSmall.getMessage().contains("horizon"),
        tooSmall.getMessage());
    InputError reading = assertThrows(InputError.class, () -> ProfileLoader.parse("u", "u.profile",
        base.replace("figures = 3a, 4, 5, 6, 8", "figures = 10") + "fig7_task = Swimmer\nfig7_populations = 1\nfig10_dagger = per-child, per-step\n"));
    assertTrue(reading.getMessage().contains("fig10_dagger") && reading.getMessage().contains("per-round"), reading.getMessage());
    Profile ok = ProfileLoader.parse("u", "u.profile", base.replace("figures = 3a, 4, 5, 6, 8", "figures = 9")
        + "fig9_tasks = hopper-v1\nfig9_horizons = 10, 20\n");
    assertEquals(List.of("Hopper-v1"), ok.variantFigures().fig9Tasks());
  }

  @Test
  void cellsCsvKeepsTheVariantAndReadsOlderFilesWithout() throws Exception {
    CellSpec spec = new CellSpec(Algorithm.PPO, "Walker2d", "GPO", 3, BudgetVariant.samePerPolicy(Budget.PAPER, 16).budget(),
        Settings.DEFAULT, List.of(), "pop16");
    CellRecord row = CellRecord.of(spec, "paper", new CellResult(1.5, 10, new WallClock(1, 1, 0, 0), List.of(), List.of()),
        new Provenance("c", "m", "j", "o", "cpu", "l"), "t");
    assertEquals("PPO/Walker2d@pop16/GPO/seed-3", row.id());
    StringWriter out = new StringWriter();
    CellsCsv.write(out, List.of(row));
    assertEquals(List.of(row), CellsCsv.read("x", out.toString()));
    String old = out.toString().replace(",variant\n", "\n").replace(",pop16\n", "\n");
    assertEquals("PPO/Walker2d/GPO/seed-3", CellsCsv.read("x", old).get(0).id());
  }

  /** Each population point reads back exactly the labels it writes, and no other kind's. */
  @Test
  void aPopulationPointReadsItsOwnLabelsOnly() {
    Budget paper = Budget.PAPER;
    assertEquals(BudgetVariant.samePerPolicy(paper, 16).label(), BudgetVariant.PopulationPoint.SAME_PER_POLICY.label(16));
    assertEquals(BudgetVariant.sameTotal(paper, 4).label(), BudgetVariant.PopulationPoint.SAME_TOTAL.label(4));
    assertEquals(BudgetVariant.sameTotalDaggerPerRound(paper, 32).label(),
        BudgetVariant.PopulationPoint.SAME_TOTAL_DAGGER_PER_ROUND.label(32));
    for (BudgetVariant.PopulationPoint kind : BudgetVariant.PopulationPoint.values()) {
      for (BudgetVariant.PopulationPoint other : BudgetVariant.PopulationPoint.values()) {
        assertEquals(kind == other ? java.util.OptionalInt.of(32) : java.util.OptionalInt.empty(), kind.population(other.label(32)),
            kind + " reading " + other.label(32));
      }
      assertTrue(kind.population("T1024").isEmpty());
      assertTrue(kind.population("popx").isEmpty());
    }
  }
}
