package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The value fit in the background (overlapping the policy epochs and the next rollout) must change
 * nothing but the wall time: same seed, same bits of every parameter, statistic and reported
 * figure as fitting in line.
 */
class PpoBackgroundValueFitTest {
  @Test
  void backgroundAndInlineValueFitGiveIdenticalAgents() {
    // minibatch < batch so the fit draws shuffles while the next rollout samples actions
    PpoConfig base = PpoConfig.defaults(256);
    PpoConfig cfg = new PpoConfig(base.gamma(), base.gaeLambda(), 256, 8, base.epochs(), base.policyLearningRate(), base.klTarget(),
        base.initialBeta(), base.betaFactor(), base.betaTolerance(), base.valueLearningRate(), 3, 64, true, true, base.initLogStd());
    Ppo background = new Ppo(cfg), inline = new Ppo(cfg, false);
    assertTrue(background.backgroundValueFit());
    assertFalse(inline.backgroundValueFit());
    VectorEnv envA = BaselineTest.POINT.create(8, 3), envB = BaselineTest.POINT.create(8, 3);
    Agent a = Agent.create(2, 2, cfg, 3), b = Agent.create(2, 2, cfg, 3);
    for (int it = 0; it < 5; it++) {
      UpdateStats ua = background.iterate(a, envA);
      UpdateStats ub = inline.iterate(b, envB);
      assertEquals(ub.kl(), ua.kl(), 0.0, "kl at iteration " + it);
      assertEquals(ub.beta(), ua.beta(), 0.0);
      assertEquals(ub.surrogate(), ua.surrogate(), 0.0);
      assertEquals(ub.valueError(), ua.valueError(), 0.0, "value error at iteration " + it);
      assertTrue(Double.isFinite(ua.valueError()) && ua.valueError() > 0);
      assertEquals(0, ua.valueNanos(), "a background fit is not timed by the update");
      assertTrue(ub.valueNanos() > 0);
    }
    assertArrayEquals(b.value().params().toFloatVector(), a.value().params().toFloatVector()); // a.value() awaits the last fit
    assertArrayEquals(b.policy().params().toFloatVector(), a.policy().params().toFloatVector());
    assertArrayEquals(b.policy().normalizer().mean(), a.policy().normalizer().mean(), 0.0);
    assertArrayEquals(b.policy().normalizer().variance(), a.policy().normalizer().variance(), 0.0);
    assertEquals(b.rng().nextLong(), a.rng().nextLong());
    assertEquals(b.valueRng().nextLong(), a.valueRng().nextLong());
    // and the updates actually moved both networks
    Agent fresh = Agent.create(2, 2, cfg, 3);
    assertFalse(java.util.Arrays.equals(fresh.value().params().toFloatVector(), a.value().params().toFloatVector()));
    assertFalse(java.util.Arrays.equals(fresh.policy().params().toFloatVector(), a.policy().params().toFloatVector()));
  }

  @Test
  void theValueErrorIsTheBatchsOutOfSampleSquaredError() {
    PpoConfig cfg = PpoConfig.defaults(256);
    Agent agent = Agent.create(2, 2, cfg, 5);
    Batch batch = new Ppo(cfg, false).collect(agent, BaselineTest.POINT.create(8, 5));
    double[] targets = batch.valueTargets().toDoubleVector();
    double[] v = agent.value().predict(batch.obs()).dup().toDoubleVector(); // V before any fit
    double sq = 0;
    for (int i = 0; i < targets.length; i++) sq += (targets[i] - v[i]) * (targets[i] - v[i]);
    UpdateStats u = new Ppo(cfg, false).update(agent, batch, List.of());
    assertEquals(sq / targets.length, u.valueError(), 1e-4 * sq / targets.length);
  }

  @Test
  void badValueTargetsAreRejectedBeforeAnythingRuns() {
    PpoConfig cfg = PpoConfig.defaults(256);
    Ppo ppo = new Ppo(cfg);
    VectorEnv env = BaselineTest.POINT.create(8, 4);
    Agent agent = Agent.create(2, 2, cfg, 4);
    Batch b = ppo.collect(agent, env);
    Batch bad = new Batch(b.numEnvs(), b.obs(), b.actions(), b.oldLogProb(), b.oldMean(), b.oldLogStd(), b.rewards(), b.terminated(),
        b.truncated(), b.advantages(), b.valueTargets().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10),
        org.nd4j.linalg.indexing.NDArrayIndex.all()), b.episodeReturns());
    float[] before = agent.policy().params().toFloatVector();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ppo.update(agent, bad, List.of()));
    assertTrue(e.getMessage().contains("value targets"), e.getMessage());
    assertArrayEquals(before, agent.policy().params().toFloatVector());
  }

  @Test
  void aFailedBackgroundFitSurfacesWhenTheValueNetworkIsNextRead() {
    Agent agent = Agent.create(2, 2, PpoConfig.defaults(256), 6);
    agent.valueFitRunning(CompletableFuture.failedFuture(new IllegalStateException("fit blew up")));
    IllegalStateException e = assertThrows(IllegalStateException.class, agent::value);
    assertEquals("fit blew up", e.getMessage());
    assertNotNull(agent.value(), "the failure is reported once; the agent stays usable");
  }
}
