package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;
import org.gposuite.testing.PointMassEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fig. 3b's rollouts: they record states without moving a bit of the run or of the evaluation they ride on. */
class VisitationTest {
  @TempDir Path tmp;

  @Test
  void aRunThatRollsOutItsCrossoversForFig3bHasTheSameBitsAsOneThatDoesNot() {
    GpoConfig cfg = GpoRunTest.tiny(); // diagnostics on: parents, children and parameter-space children evaluated
    EnvFactory envs = PointMassEnv.factory(PointMassEnv.Spec.GPO, 32);
    GpoResult plain = Gpo.run(cfg, envs, tmp.resolve("plain"), ProgressListener.NONE);
    List<Visitation.Rollouts> seen = new ArrayList<>();
    List<Integer> rounds = new ArrayList<>();
    GpoResult withRollouts = Gpo.run(cfg, envs, tmp.resolve("visit"), new ProgressListener() {
      @Override public void crossoversMade(RoundPolicies p) {
        rounds.add(p.round());
        assertEquals(cfg.populationSize(), p.parents().size());
        for (RoundPolicies.Couple c : p.couples()) {
          seen.add(Visitation.of(p.parents().get(c.x()), envs, 6, p, c.x(), Visitation.Role.PARENT));
          seen.add(Visitation.of(c.child(), envs, 6, p, c.index(), Visitation.Role.CHILD));
          assertNotNull(c.parameterChild(), "the parameter-space child is handed over when asked for");
          seen.add(Visitation.of(c.parameterChild(), envs, 6, p, c.index(), Visitation.Role.PARAMETER_CHILD));
        }
      }
    });
    assertEquals(List.of(0, 1, 2), rounds, "called once per round");
    assertFalse(seen.isEmpty());
    GpoRunTest.assertSameResults(plain, withRollouts);
  }

  @Test
  void recordingStatesChangesNoReturnAndKeepsEachCountedEpisodesStates() {
    EnvFactory envs = PointMassEnv.factory(PointMassEnv.Spec.GPO, 32);
    var pi = Gpo.fresh(GpoRunTest.tiny(), envs).population.get(0).policy();
    Visitation.Rollouts r = Visitation.of(pi, envs, 5, new RoundPolicies(1, 0, List.of(), List.of()), 0, Visitation.Role.PARENT);
    // Visitation's seed is Seeds.of(1, 0, 0, VISIT_PARENT); the same seed through the sink-less path gives the same returns.
    Evaluation.Result same = Evaluation.evaluate(pi, envs, 5, Seeds.of(1, 0, 0, Seeds.Purpose.VISIT_PARENT));
    assertArrayEquals(same.returns(), r.returns());
    assertEquals(5, r.states().size());
    long states = 0;
    for (List<double[]> ep : r.states()) {
      assertFalse(ep.isEmpty());
      for (double[] s : ep) assertEquals(pi.obsDim(), s.length);
      states += ep.size();
    }
    assertTrue(states <= same.steps(), "only the counted episodes' states");
    // each role draws its own stream
    assertNotEquals(Seeds.of(1, 0, 0, Seeds.Purpose.VISIT_PARENT), Seeds.of(1, 0, 0, Seeds.Purpose.EVAL_PARENT));
    assertNotEquals(Seeds.of(1, 0, 0, Seeds.Purpose.VISIT_CHILD), Seeds.of(1, 0, 0, Seeds.Purpose.EVAL_CHILD));
  }
}
