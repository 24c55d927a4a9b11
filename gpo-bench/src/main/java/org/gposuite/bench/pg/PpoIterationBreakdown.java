package org.gposuite.bench.pg;

import java.util.List;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.VecEnv;
import org.gposuite.pg.Agent;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Collector;
import org.gposuite.pg.Ppo;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.UpdateStats;
import org.gposuite.pg.VecEnvAdapter;

/**
 * Where the time of one full PPO iteration on HalfCheetah goes (batch 2048, 8 copies, one thread):
 * physics (env.step inside collection), per-step inference and sampling, the post-rollout batched
 * pass (old policy, values, GAE), the 10 policy epochs + beta rule, and the value fit. Compared
 * with the physics of the same 2048 steps alone (fixed actions), measured in the same process.
 * Not JMH: it reports a breakdown of one composite operation, averaged over ITER iterations after
 * WARMUP ones. Usage: {@code java ... PpoIterationBreakdown [iterations]}.
 */
public final class PpoIterationBreakdown {
  public static void main(String[] args) {
    int warmup = 10, iters = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    PpoConfig cfg = PpoConfig.defaults(2048);
    Ppo ppo = new Ppo(cfg);
    try (VecEnvAdapter env = new VecEnvAdapter(new VecEnv(TaskConfig.of("HalfCheetah"), cfg.numEnvs(), 1, 1));
         VecEnvAdapter ref = new VecEnvAdapter(new VecEnv(TaskConfig.of("HalfCheetah"), cfg.numEnvs(), 2, 1))) {
      Agent agent = Agent.create(env.obsDim(), env.actDim(), cfg, 1);
      double[] actions = new double[ref.numEnvs() * ref.actDim()];
      for (int i = 0; i < actions.length; i++) actions[i] = Math.sin(i);
      long phys = 0, inf = 0, post = 0, pol = 0, val = 0, total = 0, physRef = 0;
      for (int it = 0; it < warmup + iters; it++) {
        long r0 = System.nanoTime();
        for (int t = 0; t < 2048 / ref.numEnvs(); t++) ref.step(actions);
        long r1 = System.nanoTime();
        Collector.Timing timing = new Collector.Timing();
        long t0 = System.nanoTime();
        Batch b = Collector.collect(agent.policy(), agent.value(), env, 2048, cfg.gamma(), cfg.gaeLambda(), agent.rng(), timing, agent);
        UpdateStats u = ppo.update(agent, b, List.of());
        long t1 = System.nanoTime();
        if (it >= warmup) {
          physRef += r1 - r0;
          total += t1 - t0;
          phys += timing.physicsNanos;
          inf += timing.inferenceNanos;
          post += timing.postNanos;
          pol += u.policyNanos();
          val += u.valueNanos();
        }
      }
      double n = iters * 1e6;
      System.out.printf("PPO iteration on HalfCheetah, batch 2048, %d copies, mean of %d iterations (ms):%n", cfg.numEnvs(), iters);
      System.out.printf("  physics in collection     %8.2f%n", phys / n);
      System.out.printf("  inference + sampling      %8.2f%n", inf / n);
      System.out.printf("  batched old-policy/V/GAE  %8.2f%n", post / n);
      System.out.printf("  policy update (10 epochs) %8.2f%n", pol / n);
      System.out.printf("  value fit                 %8.2f%n", val / n);
      System.out.printf("  other (copies, bookkeeping)%7.2f%n", (total - phys - inf - post - pol - val) / n);
      System.out.printf("  total iteration           %8.2f%n", total / n);
      System.out.printf("  physics-only reference    %8.2f  (2048 steps, fixed actions)%n", physRef / n);
      System.out.printf("  ratio total / physics-ref %8.2f  (target <= 3)%n", (double) total / physRef);
    }
  }
}
