package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.CrossoverTrial;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.store.Provenance;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.StateVisitation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke profile's real Fig. 3a probe (Swimmer, seed 1; seconds): it writes Fig. 3b's files, one
 * crossover per Fig. 3a trial with four panels of 10 x eval_episodes rollouts; Fig. 3a's numbers are
 * those panels' mean returns, the final return the state-space children's mean; and they are the bits
 * of expected-results/smoke (on that reference's platform; elsewhere that part is skipped). Run again
 * in the same folder, the finished probe resumes from its checkpoint and reads the same numbers back.
 */
class CrossoverProbeVisitationTest {
  @Test
  void theSmokeProbeWritesFig3bAndKeepsTheReferenceBits(@TempDir Path tmp) throws Exception {
    Budget b = ProfileLoader.load("smoke").budget();
    CellSpec cell = new CellSpec(Algorithm.PPO, "Swimmer", "Crossover", 1, b, Settings.DEFAULT, List.of());
    List<String> phases = new java.util.ArrayList<>();
    CellResult r = GpoRunner.crossoverProbe().run(cell, tmp, (steps, phase) -> phases.add(phase));
    // the one round's phases (the final mutation's name: GpoRunnerTest)
    assertTrue(phases.contains("round 1/1 mutate, iteration 1") && phases.contains("round 1/1 crossover done"), phases.toString());
    assertTrue(phases.stream().noneMatch(ph -> ph.startsWith("round 2/")), phases.toString());

    List<StateVisitation.Crossover> v = StateVisitation.read(tmp);
    assertEquals(r.crossovers().stream().map(CrossoverTrial::pair).toList(), v.stream().map(StateVisitation.Crossover::pair).toList(),
        "one Fig. 3b crossover per Fig. 3a trial");
    int rollouts = StateVisitation.rollouts(b.evalEpisodes());
    for (StateVisitation.Crossover c : v) {
      assertEquals(4, c.panels().size());
      assertTrue(c.hasStates());
      for (StateVisitation.Panel p : c.panels()) {
        assertEquals(rollouts, p.rollouts());
        assertEquals(rollouts / 4, p.kept());
        assertEquals(p.states(), p.points().size(), "smoke's few states are all stored");
        assertEquals(org.gposuite.env.Tasks.make(org.gposuite.env.TaskConfig.of("Swimmer"), 1).obsDim(), p.points().get(0).length, "raw states");
        assertEquals(p.kept() * b.horizon(), p.states(), "Swimmer's episodes run to the horizon");
        assertTrue(Double.isFinite(p.meanReturn()));
      }
    }
    assertTrue(Files.size(tmp.resolve(StateVisitation.STATES_FILE)) < 1_000_000, "a small file");
    for (int i = 0; i < v.size(); i++) {
      StateVisitation.Crossover c = v.get(i);
      CrossoverTrial t = r.crossovers().get(i);
      assertEquals(List.of(t.parentA(), t.parentB(), t.stateSpaceChild(), t.parameterSpaceChild()),
          c.panels().stream().map(StateVisitation.Panel::meanReturn).toList(), "Fig. 3a's numbers are Fig. 3b's panel means");
    }
    assertEquals(r.crossovers().stream().mapToDouble(CrossoverTrial::stateSpaceChild).average().orElseThrow(), r.finalReturn(), 0.0);
    CellResult again = GpoRunner.crossoverProbe().run(cell, tmp, (steps, phase) -> {});
    assertEquals(r.crossovers(), again.crossovers(), "resumed from the checkpoint, the numbers are read back");
    assertEquals(r.finalReturn(), again.finalReturn(), 0.0);

    CellRecord ref = CellsCsv.read(Path.of("..", "expected-results", "smoke", "cells.csv")).stream()
        .filter(x -> x.id().equals(cell.id())).findFirst().orElseThrow();
    assertEquals(ref.configHash(), cell.configHash(), "the probe's configuration (hence its id and hash) is unchanged");
    Provenance here = Provenance.current(Path.of(".."), new GpoSuiteBinding().versions());
    Assumptions.assumeTrue(here.platform().equals(ref.provenance().platform()),
        "expected-results/smoke was computed on another platform: " + ref.provenance().platform());
    assertEquals(ref.finalReturn(), r.finalReturn(), 0.0, "Fig. 3a's number has the reference's bits");
    assertEquals(ref.stepsUsed(), r.stepsUsed(), "Fig. 3b's rollouts are not charged to the budget");
  }
}
