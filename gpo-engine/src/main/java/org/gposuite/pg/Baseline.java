package org.gposuite.pg;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;

/**
 * The two pure policy-gradient baselines of Tables 1-2, for PPO or A2C.
 * <ul>
 *   <li>Single: {@code numPolicies} (paper 8) independent policies, batch 2048, 1M steps each; the best
 *       at the end is reported (selected and reported per {@link Evaluation#bestOf}).</li>
 *   <li>Joint: one policy, batch 16384, 8M steps (same number of gradient steps as Single, 8x the batch).</li>
 * </ul>
 * The batch size is the algorithm config's; sizes are parameters so tests and quick runs can shrink them.
 * Seeds: policy p uses agent seed {@code seed * 1000 + 10 * p} and env seed {@code seed * 1000 + 10 * p + 5}.
 */
public final class Baseline {
  private Baseline() {}

  public record Result(List<CurveRow> curve, List<GaussianPolicy> finalPolicies, Evaluation.Best best) {}

  /**
   * The sizes of a baseline run.
   *
   * @param numPolicies policies trained one after the other (Single: 8, Joint: 1)
   * @param stepsPerPolicy environment steps each policy trains for
   * @param seed the run's seed (see the class doc for the per-policy seeds)
   * @param evalEpisodes episodes of the final {@link Evaluation#bestOf}, 0 = none
   */
  public record Plan(int numPolicies, long stepsPerPolicy, long seed, int evalEpisodes) {}

  public static Result single(PolicyGradient algo, EnvFactory envs, Plan plan, Path curveCsv) {
    return run(algo, NetworkBackend.OURS, envs, plan, curveCsv);
  }

  public static Result joint(PolicyGradient algo, EnvFactory envs, long steps, long seed, int evalEpisodes, Path curveCsv) {
    return run(algo, NetworkBackend.OURS, envs, new Plan(1, steps, seed, evalEpisodes), curveCsv);
  }

  public static Result run(PolicyGradient algo, NetworkBackend networks, EnvFactory envs, Plan plan, Path curveCsv) {
    return run(algo, networks, envs, plan, curveCsv, row -> {});
  }

  /**
   * Trains {@code plan.numPolicies()} agents one after the other, each until it has used {@code plan.stepsPerPolicy()}
   * steps, their networks computed by {@code networks}; {@code afterIteration} sees each curve row as it is made
   * (a paper-scale cell trains for many minutes; the harness shows its progress from these).
   */
  public static Result run(PolicyGradient algo, NetworkBackend networks, EnvFactory envs, Plan plan, Path curveCsv,
      Consumer<CurveRow> afterIteration) {
    int numPolicies = plan.numPolicies(), evalEpisodes = plan.evalEpisodes();
    long stepsPerPolicy = plan.stepsPerPolicy(), seed = plan.seed();
    if (numPolicies <= 0 || stepsPerPolicy <= 0) throw new IllegalArgumentException("Baseline: numPolicies and stepsPerPolicy must be > 0");
    HyperParameters c = algo.config();
    List<CurveRow> curve = new ArrayList<>();
    List<GaussianPolicy> finals = new ArrayList<>();
    long start = System.nanoTime();
    try (CurveWriter out = curveCsv == null ? null : new CurveWriter(curveCsv)) {
      for (int p = 0; p < numPolicies; p++) {
        long s = seed * 1000 + 10L * p;
        try (VectorEnv env = envs.create(c.numEnvs(), s + 5)) {
          Agent agent = Agent.create(env.obsDim(), env.actDim(), c, s, networks);
          for (int it = 0; agent.timesteps() < stepsPerPolicy; it++) {
            Batch b = algo.collect(agent, env);
            UpdateStats u = algo.update(agent, b, List.of());
            CurveRow row = new CurveRow(p, it, agent.timesteps(), b.meanEpisodeReturn(), b.episodeReturns().length,
                u.kl(), u.beta(), u.entropy(), u.valueError(), (System.nanoTime() - start) / 1e9);
            curve.add(row);
            if (out != null) out.write(row);
            afterIteration.accept(row);
          }
          agent.awaitValueFit(); // the last fit must not compete with the next policy's training
          finals.add(agent.policy());
        }
      }
    }
    Evaluation.Best best = evalEpisodes > 0 ? Evaluation.bestOf(finals, envs, evalEpisodes, seed * 1000 + 999) : null;
    return new Result(curve, finals, best);
  }
}
