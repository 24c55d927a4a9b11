package org.gposuite.pg;

import java.nio.file.Path;
import java.util.List;
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

  /**
   * @param seconds the run's wall time, training and final evaluation; a resumed run's includes its
   *     earlier processes' time up to its checkpoint (a policy cut off and trained again counts once)
   */
  public record Result(List<CurveRow> curve, List<GaussianPolicy> finalPolicies, Evaluation.Best best, double seconds) {
    /** The environment steps the run used, over all its policies. */
    public long stepsUsed() {
      return Baseline.stepsUsed(curve);
    }
  }

  /**
   * The sizes of a baseline run.
   *
   * @param numPolicies policies trained one after the other (Single: 8, Joint: 1)
   * @param stepsPerPolicy environment steps each policy trains for
   * @param seed the run's seed (see the class doc for the per-policy seeds)
   * @param evalEpisodes episodes of the final {@link Evaluation#bestOf}, 0 = none
   */
  public record Plan(int numPolicies, long stepsPerPolicy, long seed, int evalEpisodes) {}

  /**
   * Sees a run at its seams (the harness shows a cell's progress and stops a Slurm element here).
   * Every method may throw to stop the run: a run stopped after {@link #policySaved} resumes from
   * that policy's checkpoint.
   */
  public interface Listener {
    /** Each curve row, as it is made. */
    default void iteration(CurveRow row) {}

    /** The run continues from its checkpoint, with {@code policiesDone} policies and {@code steps} steps behind it. */
    default void resumed(int policiesDone, long steps) {}

    /** Policy {@code policy} has finished, and (given a run folder) the checkpoint that holds it is saved. */
    default void policySaved(int policy) {}

    Listener NONE = new Listener() {};
  }

  /** The learning curve of the run's policies, in its run folder. */
  public static final String CURVE_FILE = "baseline-curve.csv";

  public static Result single(PolicyGradient algo, EnvFactory envs, Plan plan, Path runDir) {
    return run(algo, NetworkBackend.OURS, envs, plan, runDir, Listener.NONE);
  }

  public static Result joint(PolicyGradient algo, EnvFactory envs, long steps, long seed, int evalEpisodes, Path runDir) {
    return run(algo, NetworkBackend.OURS, envs, new Plan(1, steps, seed, evalEpisodes), runDir, Listener.NONE);
  }

  /**
   * Trains {@code plan.numPolicies()} agents one after the other, each until it has used {@code plan.stepsPerPolicy()}
   * steps, their networks computed by {@code networks}.
   *
   * <p>{@code runDir} (null: no files) gets the curve ({@value #CURVE_FILE}) and, after each policy, a
   * checkpoint ({@link BaselineState}) from which a run started again on the same folder with the same
   * configuration resumes at the next policy. The policies are independent (own seeds, own
   * environments), so a resumed run ends with exactly the bits of an uninterrupted one. A policy cut
   * off halfway is trained again from its start: Joint, one policy, restarts whole.
   */
  public static Result run(PolicyGradient algo, NetworkBackend networks, EnvFactory envs, Plan plan, Path runDir, Listener listener) {
    int numPolicies = plan.numPolicies(), evalEpisodes = plan.evalEpisodes();
    long stepsPerPolicy = plan.stepsPerPolicy(), seed = plan.seed();
    if (numPolicies <= 0 || stepsPerPolicy <= 0) throw new IllegalArgumentException("Baseline: numPolicies and stepsPerPolicy must be > 0");
    HyperParameters c = algo.config();
    String identity = identity(c, networks, plan);
    BaselineState st = runDir == null ? null : BaselineState.load(runDir, identity, networks);
    if (st == null) st = new BaselineState();
    else listener.resumed(st.finals.size(), stepsUsed(st.curve));
    List<CurveRow> curve = st.curve;
    List<GaussianPolicy> finals = st.finals;
    // a resumed run's clock goes on from the time its checkpoint holds
    long start = System.nanoTime() - (long) (st.seconds * 1e9);
    try (CurveWriter out = runDir == null ? null : new CurveWriter(runDir.resolve(CURVE_FILE))) {
      if (out != null) curve.forEach(out::write);
      for (int p = finals.size(); p < numPolicies; p++) {
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
            listener.iteration(row);
          }
          agent.awaitValueFit(); // the last fit must not compete with the next policy's training
          finals.add(agent.policy());
        }
        if (runDir != null) {
          st.seconds = (System.nanoTime() - start) / 1e9;
          st.save(runDir, identity);
        }
        listener.policySaved(p);
      }
    }
    Evaluation.Best best = evalEpisodes > 0 ? Evaluation.bestOf(finals, envs, evalEpisodes, seed * 1000 + 999) : null;
    return new Result(List.copyOf(curve), List.copyOf(finals), best, (System.nanoTime() - start) / 1e9);
  }

  /** The steps of the policies in {@code curve}: each one's last row carries the steps it used. */
  private static long stepsUsed(List<CurveRow> curve) {
    java.util.Map<Integer, Long> last = new java.util.HashMap<>();
    for (CurveRow r : curve) last.merge(r.policy(), r.timesteps(), Math::max);
    return last.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Everything that changes a baseline run's bits; its checkpoint is refused by a run of any other. */
  static String identity(HyperParameters c, NetworkBackend networks, Plan plan) {
    return new ConfigIdentity("Baseline")
        .add("policies", plan.numPolicies())
        .add("steps_per_policy", plan.stepsPerPolicy())
        .add("seed", plan.seed())
        .add("networks", networks)
        .add("algorithm", c.identityFields())
        .toString();
  }
}
