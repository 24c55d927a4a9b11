package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The value fit on a second thread must change nothing but the wall time: same seed, same bits
 * of every parameter, statistic and reported figure as the sequential update.
 */
class PpoConcurrentValueFitTest {
  @Test
  void concurrentAndSequentialValueFitGiveIdenticalAgents() {
    // minibatch < batch so the fit also draws from the agent's random stream while the policy epochs run
    PpoConfig base = PpoConfig.defaults(256);
    PpoConfig cfg = new PpoConfig(base.gamma(), base.gaeLambda(), 256, 8, base.epochs(), base.policyLearningRate(), base.klTarget(),
        base.initialBeta(), base.betaFactor(), base.betaTolerance(), base.valueLearningRate(), 3, 64, true, true, base.initLogStd());
    Ppo concurrent = new Ppo(cfg), sequential = new Ppo(cfg, false);
    assertTrue(concurrent.concurrentValueFit());
    assertFalse(sequential.concurrentValueFit());
    VectorEnv envA = BaselineTest.POINT.create(8, 3), envB = BaselineTest.POINT.create(8, 3);
    Agent a = Agent.create(2, 2, cfg, 3), b = Agent.create(2, 2, cfg, 3);
    for (int it = 0; it < 5; it++) {
      UpdateStats ua = concurrent.iterate(a, envA);
      UpdateStats ub = sequential.iterate(b, envB);
      assertEquals(ub.kl(), ua.kl(), 0.0, "kl at iteration " + it);
      assertEquals(ub.beta(), ua.beta(), 0.0);
      assertEquals(ub.surrogate(), ua.surrogate(), 0.0);
      assertEquals(ub.valueLoss(), ua.valueLoss(), 0.0, "value loss at iteration " + it);
      assertTrue(Double.isFinite(ua.valueLoss()));
    }
    assertArrayEquals(b.policy().params().toFloatVector(), a.policy().params().toFloatVector());
    assertArrayEquals(b.value().params().toFloatVector(), a.value().params().toFloatVector());
    assertArrayEquals(b.policy().normalizer().mean(), a.policy().normalizer().mean(), 0.0);
    assertArrayEquals(b.policy().normalizer().variance(), a.policy().normalizer().variance(), 0.0);
    assertEquals(b.rng().nextLong(), a.rng().nextLong());
    // and the update actually moved both networks
    Agent fresh = Agent.create(2, 2, cfg, 3);
    assertFalse(java.util.Arrays.equals(fresh.value().params().toFloatVector(), a.value().params().toFloatVector()));
    assertFalse(java.util.Arrays.equals(fresh.policy().params().toFloatVector(), a.policy().params().toFloatVector()));
  }

  @Test
  void aFailingValueFitSurfacesFromUpdate() {
    PpoConfig cfg = PpoConfig.defaults(256);
    Ppo ppo = new Ppo(cfg);
    VectorEnv env = BaselineTest.POINT.create(8, 4);
    Agent agent = Agent.create(2, 2, cfg, 4);
    Batch b = ppo.collect(agent, env);
    // value targets with the wrong row count: the fit (on the other thread) rejects them
    Batch bad = new Batch(b.numEnvs(), b.obs(), b.actions(), b.oldLogProb(), b.oldMean(), b.oldLogStd(), b.rewards(), b.terminated(),
        b.truncated(), b.advantages(), b.valueTargets().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 10),
        org.nd4j.linalg.indexing.NDArrayIndex.all()), b.episodeReturns());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ppo.update(agent, bad, List.of()));
    assertTrue(e.getMessage().contains("ValueFunction.fit"), e.getMessage());
  }
}
