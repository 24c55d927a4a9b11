package org.gposuite.pg;

import org.gposuite.testing.PointMassEnv;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  static final EnvFactory POINT = (n, seed) -> new PointMassEnv(PointMassEnv.Spec.PG, n, 50, seed);

  @Test
  void sameSeedGivesIdenticalLearningCurvesAndCsv(@TempDir Path dir) throws Exception {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    Baseline.Result a = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 3, 4), dir.resolve("a.csv"));
    Baseline.Result b = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 3, 4), dir.resolve("b.csv"));
    Baseline.Result c = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 4, 4), null);
    assertEquals(8, a.curve().size());
    for (int i = 0; i < a.curve().size(); i++) {
      CurveRow x = a.curve().get(i), y = b.curve().get(i);
      assertEquals(x.meanEpisodeReturn(), y.meanEpisodeReturn(), 0.0);
      assertEquals(x.kl(), y.kl(), 0.0);
      assertEquals(x.beta(), y.beta(), 0.0);
      assertEquals(x.entropy(), y.entropy(), 0.0);
    }
    assertArrayEquals(a.finalPolicies().get(1).params().toFloatVector(), b.finalPolicies().get(1).params().toFloatVector());
    assertNotEquals(a.curve().get(7).kl(), c.curve().get(7).kl());
    List<String> lines = Files.readAllLines(dir.resolve("a.csv"));
    assertEquals(9, lines.size());
    assertTrue(lines.get(0).startsWith("policy,iteration,timesteps,mean_episode_return"));
    assertEquals(a.best().report().returns().length, 4);
  }

  /** The harness shows a cell's progress from these: every row, in order, as the curve keeps them. */
  @Test
  void everyIterationIsObservedAsItIsMade() {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    List<CurveRow> seen = new java.util.ArrayList<>();
    Baseline.Result r = Baseline.run(ppo, org.gposuite.nn.NetworkBackend.OURS, POINT, new Baseline.Plan(2, 256 * 3, 3, 0), null, seen::add);
    assertEquals(r.curve(), seen);
    assertEquals(List.of(0, 0, 0, 1, 1, 1), seen.stream().map(CurveRow::policy).toList());
  }

  @Test
  void ppoAndA2cImproveOnPointMass() {
    // Standing still at the origin is optimal; a random policy drifts and pays -|x|^2.
    for (PolicyGradient algo : List.of(new Ppo(PpoConfig.defaults(512)), new A2c(A2cConfig.defaults(512)))) {
      Baseline.Result r = Baseline.joint(algo, POINT, 512 * 30, 1, 0, null);
      double first = r.curve().get(0).meanEpisodeReturn(), last = r.curve().get(r.curve().size() - 1).meanEpisodeReturn();
      assertTrue(last > first + 0.5 * Math.abs(first) * 0.5, algo.getClass().getSimpleName() + ": " + first + " -> " + last);
    }
  }

  @Test
  void ppoBetaFollowsTheAdaptiveRule() {
    PpoConfig cfg = PpoConfig.defaults(256);
    Ppo ppo = new Ppo(cfg);
    VectorEnv env = POINT.create(8, 9);
    Agent agent = Agent.create(2, 2, cfg, 9);
    for (int i = 0; i < 6; i++) {
      double before = agent.beta();
      UpdateStats u = ppo.update(agent, ppo.collect(agent, env), List.of());
      double expected = u.kl() > 0.015 ? before * 2 : u.kl() < 0.01 / 1.5 ? before / 2 : before;
      assertEquals(expected, u.beta(), 1e-12);
      assertTrue(u.kl() >= 0);
    }
  }
}
