package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import org.gposuite.env.TaskConfig;
import org.junit.jupiter.api.Test;

/**
 * A2C learns InvertedDoublePendulum, with the same yardstick as {@link PpoLearningTest}: a fresh
 * policy's first batch averages ~150 (asserted below 300); THRESHOLD 3000 means the mean episode
 * of one batch balances two thirds of the 512-step horizon, 20x the fresh policy. A2C takes one
 * gradient step per batch, so it is given BUDGET = 300k steps (PPO: 200k). Measured with the
 * default config: reached at 156k (seed 1; seeds 2-4: 152k, 158k, 182k).
 */
class A2cLearningTest {
  static final double THRESHOLD = 3000;
  static final long BUDGET = 300_000;

  @Test
  void a2cReachesReturnThresholdOnInvertedDoublePendulum() {
    A2cConfig cfg = A2cConfig.defaults(2048);
    A2c a2c = new A2c(cfg);
    EnvFactory factory = VecEnvAdapter.factory(TaskConfig.of("InvertedDoublePendulum"), 1);
    try (VectorEnv env = factory.create(cfg.numEnvs(), 1)) {
      Agent agent = Agent.create(env.obsDim(), env.actDim(), cfg, 1);
      double first = Double.NaN, best = Double.NEGATIVE_INFINITY;
      while (agent.timesteps() < BUDGET && best < THRESHOLD) {
        Batch b = a2c.collect(agent, env);
        a2c.update(agent, b, java.util.List.of());
        double r = b.meanEpisodeReturn();
        if (Double.isNaN(first)) first = r;
        if (r > best) best = r;
      }
      assertTrue(first < 300, "a fresh policy should fall quickly, first batch return " + first);
      assertTrue(best >= THRESHOLD, "A2C reached only " + best + " within " + BUDGET + " steps");
    }
  }
}
