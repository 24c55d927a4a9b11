package org.gposuite.pg;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
   * @param checkpointSeconds with a run folder, the most wall time a policy trains between two checkpoints
   *     (0 = after every iteration); it changes no number of the run, only how much a crash loses
   */
  public record Plan(int numPolicies, long stepsPerPolicy, long seed, int evalEpisodes, double checkpointSeconds) {
    /**
     * A minute: a Joint cell at the paper's scale loses at most that to a crash, and a checkpoint
     * (the agent, its environments' episodes so far, the curve) costs well under a second.
     */
    public static final double CHECKPOINT_SECONDS = 60;

    public Plan(int numPolicies, long stepsPerPolicy, long seed, int evalEpisodes) {
      this(numPolicies, stepsPerPolicy, seed, evalEpisodes, CHECKPOINT_SECONDS);
    }
  }

  /**
   * Sees a run at its seams (the harness shows a cell's progress and stops a Slurm element here).
   * Every method may throw to stop the run: a run stopped after {@link #saved} resumes from that
   * checkpoint.
   */
  public interface Listener {
    /** Each curve row, as it is made. */
    default void iteration(CurveRow row) {}

    /** The run continues from its checkpoint, with {@code steps} steps behind it, {@code where} (e.g. "at policy 3/8, iteration 120"). */
    default void resumed(long steps, String where) {}

    /** Asked after each iteration: true saves a checkpoint now, whatever the plan's interval (a stop was requested). */
    default boolean checkpointNow() { return false; }

    /** A checkpoint has been saved (given a run folder), {@code where} (e.g. "after policy 3/8"). */
    default void saved(String where) {}

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
   * <p>{@code runDir} (null: no files) gets the curve ({@value #CURVE_FILE}) and checkpoints
   * ({@link BaselineState}): after each policy, and within a policy at least every
   * {@link Plan#checkpointSeconds}. A run started again on the same folder with the same configuration
   * resumes from the last one, with exactly the bits of an uninterrupted run: the policies are
   * independent (own seeds, own environments), and a policy in training is saved whole (agent,
   * optimisers, random streams, its environments' episodes in progress) between two iterations.
   */
  public static Result run(PolicyGradient algo, NetworkBackend networks, EnvFactory envs, Plan plan, Path runDir, Listener listener) {
    int numPolicies = plan.numPolicies(), evalEpisodes = plan.evalEpisodes();
    long stepsPerPolicy = plan.stepsPerPolicy(), seed = plan.seed();
    if (numPolicies <= 0 || stepsPerPolicy <= 0) throw new IllegalArgumentException("Baseline: numPolicies and stepsPerPolicy must be > 0");
    HyperParameters c = algo.config();
    String identity = identity(c, networks, plan);
    BaselineState st = runDir == null ? null : BaselineState.load(runDir, identity, networks);
    if (st == null) st = new BaselineState();
    else listener.resumed(stepsUsed(st.curve), st.inTraining == null ? "after policy " + st.finals.size() + "/" + numPolicies
        : where(st.finals.size(), numPolicies, st.inTraining.iterations()));
    List<CurveRow> curve = st.curve;
    List<GaussianPolicy> finals = st.finals;
    Checkpoints checkpoints = new Checkpoints(runDir, identity, st, plan, listener);
    try (CurveWriter out = runDir == null ? null : new CurveWriter(runDir.resolve(CURVE_FILE))) {
      if (out != null) curve.forEach(out::write);
      for (int p = finals.size(); p < numPolicies; p++) {
        long s = seed * 1000 + 10L * p;
        try (VectorEnv env = envs.create(c.numEnvs(), s + 5)) {
          Agent agent = Agent.create(env.obsDim(), env.actDim(), c, s, networks);
          for (int it = resumeInTraining(st, agent, env); agent.timesteps() < stepsPerPolicy; it++) {
            Batch b = algo.collect(agent, env);
            UpdateStats u = algo.update(agent, b, List.of());
            CurveRow row = new CurveRow(p, it, agent.timesteps(), b.meanEpisodeReturn(), b.episodeReturns().length,
                u.kl(), u.beta(), u.entropy(), u.valueError(), checkpoints.seconds());
            curve.add(row);
            if (out != null) out.write(row);
            listener.iteration(row);
            if (agent.timesteps() < stepsPerPolicy) checkpoints.afterIteration(p, it + 1, agent, env);
          }
          agent.awaitValueFit(); // the last fit must not compete with the next policy's training
          finals.add(agent.policy());
        }
        checkpoints.afterPolicy(p);
      }
    }
    Evaluation.Best best = evalEpisodes > 0 ? Evaluation.bestOf(finals, envs, evalEpisodes, seed * 1000 + 999) : null;
    return new Result(List.copyOf(curve), List.copyOf(finals), best, checkpoints.seconds());
  }

  /**
   * The iterations the next policy has behind it: the checkpoint's policy in training, restored into
   * {@code agent} and {@code env}, or none.
   */
  private static int resumeInTraining(BaselineState st, Agent agent, VectorEnv env) {
    BaselineState.InTraining saved = st.inTraining;
    if (saved == null) return 0;
    agent.restore(saved.agent());
    restoreEnv(env, saved.env());
    st.inTraining = null; // the policy after it starts afresh
    return saved.iterations();
  }

  /**
   * A run's checkpoints in its folder (none without one), and its clock: a resumed run's clock goes on
   * from the seconds its checkpoint holds.
   */
  private static final class Checkpoints {
    private final Path runDir;
    private final String identity;
    private final BaselineState state;
    private final Plan plan;
    private final Listener listener;
    /** When the run would have started, had it never stopped. */
    private final long start;
    private long lastSave = System.nanoTime();

    Checkpoints(Path runDir, String identity, BaselineState state, Plan plan, Listener listener) {
      this.runDir = runDir;
      this.identity = identity;
      this.state = state;
      this.plan = plan;
      this.listener = listener;
      this.start = System.nanoTime() - (long) (state.seconds * 1e9);
    }

    double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Between two iterations of policy {@code p} (0-based), {@code iterations} into it: saves it in
     * training once the plan's interval has passed since the last save, or at once when a stop is asked for.
     */
    void afterIteration(int p, int iterations, Agent agent, VectorEnv env) {
      boolean due = System.nanoTime() - lastSave >= plan.checkpointSeconds() * 1e9 || listener.checkpointNow();
      if (runDir == null || !due) return;
      state.inTraining = new BaselineState.InTraining(iterations, agent.state(), saveEnv(env));
      save(where(p, plan.numPolicies(), iterations));
      state.inTraining = null;
    }

    /** Policy {@code p} (0-based) is finished and in the state's finals. */
    void afterPolicy(int p) {
      if (runDir != null) save("after policy " + (p + 1) + "/" + plan.numPolicies());
    }

    private void save(String where) {
      state.seconds = seconds();
      state.save(runDir, identity);
      lastSave = System.nanoTime();
      listener.saved(where);
    }
  }

  /** "at iteration 120" for Joint, "at policy 3/8, iteration 120" for Single (policy is 0-based). */
  private static String where(int policy, int numPolicies, int iterations) {
    return "at " + (numPolicies > 1 ? "policy " + (policy + 1) + "/" + numPolicies + ", " : "") + "iteration " + iterations;
  }

  private static byte[] saveEnv(VectorEnv env) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      env.save(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return bytes.toByteArray();
  }

  private static void restoreEnv(VectorEnv env, byte[] saved) {
    try (var in = new DataInputStream(new ByteArrayInputStream(saved))) {
      env.restore(in);
    } catch (IOException e) {
      throw new IllegalStateException("Baseline: the checkpoint's environment state is damaged (" + e + "); delete "
          + BaselineState.FILE + " to start the run afresh", e);
    }
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
