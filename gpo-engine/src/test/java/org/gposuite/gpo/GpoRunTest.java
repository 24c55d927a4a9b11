package org.gposuite.gpo;

import org.gposuite.testing.PointMassEnv;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.PpoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-loop properties on the cheap {@link PointMassEnv} (GPO variant): resume, thread-count independence, ablation flags, budget. */
class GpoRunTest {
  @TempDir Path tmp;

  /**
   * m = 3, 3 rounds, batch 512 on 4 copies, shrunken pi_S / DAgger sizes (300 DAgger steps per crossover). The
   * per-round budget 3 x 1536 + 900 gives 3 mutation iterations with C and, as floor(5508 / 1536) = 3, also without.
   */
  static GpoConfig tiny() {
    return GpoConfig.defaults(PpoConfig.defaults(512).withBatch(512, 4), 17)
        .withScale(3, 3, 3 * 5508L)
        .withCrossover(c -> c.withSizes(5, 200, 1, 100, 2, 4))
        .withMutation(m -> m.withWindowBatches(2))
        .withSharing(s -> s.withKlThreshold(10.0))
        .withEvaluation(new DiagnosticsSection(2, true), 2)
        .withThreads(1);
  }

  static GpoResult run(GpoConfig cfg, Path dir, ProgressListener p) {
    return Gpo.run(cfg, PointMassEnv.factory(PointMassEnv.Spec.GPO, 32), dir, p);
  }

  static void assertSameResults(GpoResult a, GpoResult b) {
    assertEquals(a.population().size(), b.population().size());
    for (int i = 0; i < a.population().size(); i++) {
      GaussianPolicy p = a.population().get(i), q = b.population().get(i);
      assertArrayEquals(p.params().toFloatVector(), q.params().toFloatVector(), "policy " + i + " parameters");
      assertArrayEquals(p.normalizer().mean(), q.normalizer().mean(), "policy " + i + " normaliser mean");
      assertArrayEquals(p.normalizer().variance(), q.normalizer().variance(), "policy " + i + " normaliser variance");
      assertEquals(p.normalizer().count(), q.normalizer().count());
    }
    assertEquals(a.stepsUsed(), b.stepsUsed());
    assertEquals(a.curve().size(), b.curve().size());
    for (int i = 0; i < a.curve().size(); i++) {
      CurveRow x = a.curve().get(i), y = b.curve().get(i);
      assertEquals(new CurveRow(x.policy(), x.iteration(), x.timesteps(), x.meanEpisodeReturn(), x.episodes(), x.kl(), x.beta(), x.entropy(), x.valueError(), 0),
          new CurveRow(y.policy(), y.iteration(), y.timesteps(), y.meanEpisodeReturn(), y.episodes(), y.kl(), y.beta(), y.entropy(), y.valueError(), 0), "curve row " + i);
    }
    assertEquals(a.policies(), b.policies());
    assertEquals(a.couples(), b.couples());
    assertEquals(a.rounds().size(), b.rounds().size());
    for (int i = 0; i < a.rounds().size(); i++) {
      RoundRow x = a.rounds().get(i), y = b.rounds().get(i);
      assertEquals(List.of(x.round(), x.configHash(), x.mutationSteps(), x.crossoverSteps(), x.stepsUsed(), x.bestFitnessReturn(), x.bestEvalReturn(), x.bestChildReturn()),
          List.of(y.round(), y.configHash(), y.mutationSteps(), y.crossoverSteps(), y.stepsUsed(), y.bestFitnessReturn(), y.bestEvalReturn(), y.bestChildReturn()));
    }
    assertEquals(a.best().index(), b.best().index());
    assertArrayEquals(a.best().report().returns(), b.best().report().returns());
  }

  @Test
  void killedAndResumedRunEqualsUninterruptedRun() throws Exception {
    GpoResult whole = run(tiny(), tmp.resolve("whole"), null);
    Path dir = tmp.resolve("killed");
    ProgressListener killer = new ProgressListener() {
      @Override
      public void iteration(int round, int iteration, long stepsUsed, double[] r) {
        if (round == 1 && iteration == 1) throw new IllegalStateException("simulated kill");
      }
    };
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(tiny(), dir, killer));
    assertEquals("simulated kill", e.getMessage());
    assertEquals(1, RunState.load(dir, tiny()).roundsDone, "the checkpoint holds round 0");
    // a stale temp file from a kill during a checkpoint write must not matter
    Files.writeString(dir.resolve(RunState.FILE + ".tmp"), "garbage");
    GpoResult resumed = run(tiny(), dir, null);
    assertSameResults(whole, resumed);
    assertEquals(1 + whole.rounds().size(), Files.readAllLines(dir.resolve("rounds.csv")).size(), "header + every round");
    assertEquals(1 + 3 * 3, Files.readAllLines(dir.resolve("couples.csv")).size());
  }

  @Test
  void sameSeedSameBitsWhateverTheThreadCount() {
    assertSameResults(run(tiny(), tmp.resolve("t1"), null), run(tiny().withThreads(3), tmp.resolve("t3"), null));
  }

  @Test
  void resumingWithAnotherConfigurationIsRefused() {
    Path dir = tmp.resolve("r");
    ProgressListener stop = new ProgressListener() {
      @Override
      public void roundDone(RoundRow row) { throw new IllegalStateException("stop"); }
    };
    assertThrows(IllegalStateException.class, () -> run(tiny(), dir, stop));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(tiny().withSeed(18), dir, null));
    assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
  }

  @Test
  void budgetCountsEveryStepAndSpendsAllOfItToWithinOneBatchPerPolicy() {
    GpoConfig cfg = tiny();
    GpoResult r = run(cfg, tmp.resolve("b"), null);
    long counted = 0;
    for (RoundRow row : r.rounds()) {
      assertEquals(3L * 512 * row.mutationIterations(), row.mutationSteps(), "round " + row.round());
      long dagger = r.couples().stream().filter(c -> c.round() == row.round()).mapToLong(CoupleRow::daggerSteps).sum();
      assertEquals(dagger, row.crossoverSteps());
      counted += row.mutationSteps() + row.crossoverSteps();
      assertEquals(counted, row.stepsUsed(), "running total after round " + row.round());
    }
    assertEquals(counted, r.stepsUsed());
    assertTrue(r.stepsUsed() <= cfg.totalSteps(), r.stepsUsed() + " > budget " + cfg.totalSteps());
    assertTrue(cfg.totalSteps() - r.stepsUsed() < 3 * 512, "left unspent: " + (cfg.totalSteps() - r.stepsUsed()) + " steps");
    for (CoupleRow c : r.couples())
      assertEquals(c.x() == c.y() ? 0 : 300, c.daggerSteps(), "state-space crossover spends 200 + 1 x 100 steps; a self-couple none");
  }

  @Test
  void aSelfCouplesUnspentReservationIsSpentByALaterRound() {
    // self-couples only: every crossover is a copy, so each round saves its whole 900-step reservation
    GpoConfig cfg = tiny().withScale(1, 3, 3 * (1536 + 300L));
    GpoResult r = run(cfg, tmp.resolve("self"), null);
    assertTrue(r.couples().stream().allMatch(c -> c.x() == c.y()));
    // round 0 reserves 300 for each round; the 300 it saves buys round 1 (or the tail) a further iteration of 512
    assertTrue(cfg.totalSteps() - r.stepsUsed() < 512, "unspent " + (cfg.totalSteps() - r.stepsUsed()));
    assertEquals(cfg.totalSteps() / 512, r.rounds().stream().mapToInt(RoundRow::mutationIterations).sum());
  }

  @Test
  void childInitDecidesWhereEachChildStartsAndWhichLineageItCarries() {
    for (CrossoverSection.ChildInit init : CrossoverSection.ChildInit.values()) {
      GpoConfig cfg = tiny().withCrossover(c -> c.withChildInit(init)).withSelection(s -> s.withSelfPairs(false)).withScale(3, 1, 5508L);
      GpoResult r = run(cfg, tmp.resolve(init.name()), null);
      java.util.Set<Integer> starts = new java.util.HashSet<>();
      java.util.Map<Integer, Integer> family = new java.util.HashMap<>();
      for (CoupleRow c : r.couples()) {
        assertEquals("state-space", c.childKind(), "no self-couples");
        int expected = switch (init) {
          case STRONGER_PARENT -> c.strongerParent();
          case FIRST_PARENT -> c.x();
          case FRESH -> c.shareY() > 0.5 ? c.y() : c.x();
        };
        assertEquals(expected, c.initParent(), init + " couple " + c.couple());
        starts.add(c.initParent());
        family.merge(c.initParent(), 1, Integer::sum);
      }
      RoundRow row = r.rounds().get(0);
      // round 0's lineages are the slots, so the children's lineages are the parents they started from
      assertEquals(starts.size(), row.lineages(), init.toString());
      assertEquals(java.util.Collections.max(family.values()), row.largestFamily(), init.toString());
      assertTrue(row.meanPairKl() > 0, "distinct random policies differ");
    }
  }

  @Test
  void evaluationFitnessChargesItsEpisodesToTheBudget() {
    GpoConfig cfg = tiny().withSelection(s -> s.withFitness(SelectionSection.FitnessSource.EVALUATION, 2));
    GpoResult r = run(cfg, tmp.resolve("evalfit"), null);
    RoundRow first = r.rounds().get(0);
    long evaluation = first.mutationSteps() - 3L * 512 * first.mutationIterations();
    assertTrue(evaluation > 0 && evaluation <= 3L * 2 * 32, "3 policies x 2 episodes of at most 32 steps, got " + evaluation);
    assertTrue(r.stepsUsed() <= cfg.totalSteps() && cfg.totalSteps() - r.stepsUsed() < 3 * 512, "spent " + r.stepsUsed());
  }

  /** Runs one round of a variant and returns its rows. */
  GpoResult oneRound(GpoConfig cfg, String name) {
    return run(cfg.withScale(3, 1, 5508L), tmp.resolve(name), null);
  }

  @Test
  void eachAblationFlagSwitchesExactlyOneComponent() {
    GpoConfig gpo = tiny();
    GpoResult all = oneRound(gpo, "gpo");
    GpoResult noC = oneRound(gpo.withFlags(false, true, true), "noC");
    GpoResult noS = oneRound(gpo.withFlags(true, false, true), "noS");
    GpoResult noM = oneRound(gpo.withFlags(true, true, false), "noM");
    assertEquals("GPO", gpo.variantName());
    assertEquals("Base+M+S", gpo.withFlags(false, true, true).variantName());

    // C: same mutation and selection; children copied instead of distilled.
    assertEquals(all.policies(), noC.policies());
    assertEquals(all.curve().stream().map(CurveRow::meanEpisodeReturn).toList(), noC.curve().stream().map(CurveRow::meanEpisodeReturn).toList());
    for (int c = 0; c < 3; c++) {
      CoupleRow a = all.couples().get(c), b = noC.couples().get(c);
      assertEquals(List.of(a.x(), a.y(), a.fitness()), List.of(b.x(), b.y(), b.fitness()));
      assertEquals("copy", b.childKind());
      assertEquals(a.x() == a.y() ? "self-copy" : "state-space", a.childKind());
    }
    assertTrue(all.couples().stream().anyMatch(c -> c.childKind().equals("state-space")));

    // S: same mutation; other couples; crossover of the same kind.
    assertEquals(all.policies(), noS.policies());
    assertNotEquals(all.couples().stream().map(c -> c.x() + "," + c.y()).toList(), noS.couples().stream().map(c -> c.x() + "," + c.y()).toList());
    // the fitness-selected couples are the fittest; the random ones are not all of them
    double minSelected = all.couples().stream().mapToDouble(CoupleRow::fitness).min().orElseThrow();
    assertTrue(noS.couples().stream().anyMatch(c -> c.fitness() < minSelected));
    assertTrue(noS.couples().stream().allMatch(c -> !c.childKind().equals("copy")));

    // M: sharing sets are singletons without M and larger with it (epsilon 10 lets fresh policies share).
    assertTrue(noM.policies().stream().allMatch(p -> p.sharingSet().equals(String.valueOf(p.policy()))));
    assertTrue(all.policies().stream().allMatch(p -> p.sharingSet().split(" ").length == 3), "fresh policies are within KL 10 of each other");
    // with the same first batches, the mutation's updates differ
    assertEquals(all.curve().get(0).meanEpisodeReturn(), noM.curve().get(0).meanEpisodeReturn());
    assertNotEquals(all.policies().get(0).fitnessReturn(), noM.policies().get(0).fitnessReturn());
    assertTrue(noM.couples().stream().noneMatch(c -> c.childKind().equals("copy")));
  }

  @Test
  void variantNamesMapToFlags() {
    GpoConfig c = tiny();
    for (String v : List.of("Base", "Base+C", "Base+S", "Base+C+S", "Base+M", "Base+M+S", "Base+M+C", "GPO")) {
      GpoConfig g = c.variant(v);
      assertEquals(v.equals("GPO") || v.contains("C"), g.crossover().stateSpace(), v);
      assertEquals(v.equals("GPO") || v.contains("S"), g.selection().byFitness(), v);
      assertEquals(v.equals("GPO") || v.contains("M"), g.sharing().enabled(), v);
    }
    assertThrows(IllegalArgumentException.class, () -> c.variant("Base+X"));
  }
}
