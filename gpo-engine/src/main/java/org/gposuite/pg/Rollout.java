package org.gposuite.pg;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.gposuite.nn.kernel.NativeMemory;

/**
 * The one rollout loop of the engine (as MuJoCo's {@code rollout} module or Stable-Baselines3's
 * {@code collect_rollouts}): an {@link ActionSource} acts on the N auto-resetting copies of a
 * {@link VectorEnv}, and {@link Options} say, like keyword arguments, how long it runs, what it
 * keeps and where its acting time is charged. It serves training collection ({@link Collector}),
 * evaluation ({@link Evaluation}) and both rollout phases of DAgger.
 *
 * <p>Per step: the source's distribution at every copy's observation, one action per copy drawn
 * as {@code mean + exp(logStd) * N(0, 1)} (row-major, after anything the source draws itself),
 * one env step. Nothing else touches {@code rng}, and recording draws nothing, so what is
 * recorded never changes a number of the run.
 *
 * <p>The rollout's time is measured here and only here: per step the wall time of the env step
 * (physics) and of the source plus sampling (acting); at the end the rollout's CPU and wall time go
 * to {@link WorkClock.Kind#PHYSICS} and {@link Options#acting} in the proportion of its physics wall
 * time ({@link WorkClock#chargeSplit}), and both are returned in {@link Result#time}.
 */
public final class Rollout {
  private Rollout() {}

  /** What a fixed-length rollout keeps, besides the step count. */
  public enum Record {
    /** Every step's observations, the states acted on: {@link Result#states}. */
    STATES,
    /** The distribution each state was acted with (DAgger's expert labels): {@link Result#acted}. */
    DISTRIBUTIONS,
    /** Actions, rewards, episode ends and returns, bootstrap states (a policy-gradient batch): {@link Result#transitions}. */
    TRANSITIONS
  }

  /** Receives the observation a still-running episode acts on, before its action is drawn (Fig. 3b's states). */
  @FunctionalInterface
  public interface StateSink {
    /** @param observations every copy's observations; episode {@code episode}'s are at [episode * obsDim, (episode + 1) * obsDim) */
    void state(int episode, int step, double[] observations, int obsDim);
  }

  /**
   * How a rollout runs. Start from {@link #steps} or {@link #firstEpisodes} and add what differs
   * from the defaults (nothing recorded, acting charged to {@link WorkClock.Kind#INFERENCE}, no sink).
   *
   * @param untilFirstEpisodes run until every copy's first episode has ended (evaluation's protocol),
   *     else {@code stepsPerCopy} steps
   * @param records what to keep; only for a fixed length, whose arrays are sized up front
   * @param acting the kind the non-physics time of the rollout is charged to
   * @param sink every still-running first episode's states, or null; only with {@code untilFirstEpisodes}
   */
  public record Options(boolean untilFirstEpisodes, int stepsPerCopy, Set<Record> records, WorkClock.Kind acting, StateSink sink) {
    public Options {
      if (stepsPerCopy < 0) throw new IllegalArgumentException("Rollout: steps per copy must be >= 0, got " + stepsPerCopy);
      if (untilFirstEpisodes && !records.isEmpty())
        throw new IllegalArgumentException("Rollout: a rollout until the first episodes end records no arrays (use a sink), asked for " + records);
      if (!untilFirstEpisodes && sink != null) throw new IllegalArgumentException("Rollout: a state sink follows first episodes only");
      records = Set.copyOf(records);
    }

    /** {@code perCopy} steps of every copy ({@code perCopy * numEnvs} transitions). */
    public static Options steps(int perCopy) {
      return new Options(false, perCopy, Set.of(), WorkClock.Kind.INFERENCE, null);
    }

    /** Until every copy's first episode has ended; {@link Result#firstReturns} holds their returns. */
    public static Options firstEpisodes() {
      return new Options(true, 0, Set.of(), WorkClock.Kind.INFERENCE, null);
    }

    public Options recording(Record first, Record... more) {
      return new Options(untilFirstEpisodes, stepsPerCopy, EnumSet.of(first, more), acting, sink);
    }

    public Options charging(WorkClock.Kind kind) {
      return new Options(untilFirstEpisodes, stepsPerCopy, records, kind, sink);
    }

    public Options visiting(StateSink s) {
      return new Options(untilFirstEpisodes, stepsPerCopy, records, acting, s);
    }
  }

  /**
   * A rollout's outcome; what was not asked for is null.
   *
   * @param steps transitions taken over all copies (every copy steps until the last one stops)
   * @param states {@code [steps, obsDim]}, time-major (row {@code t * numEnvs + e})
   * @param firstReturns with {@link Options#firstEpisodes}: each copy's first episode's undiscounted return
   */
  public record Result(long steps, double[] states, Distributions acted, Transitions transitions, double[] firstReturns, Time time) {}

  /** Per row (as {@link Result#states}), the Gaussian acted with: mean and log-std, {@code [steps, actDim]}. */
  public record Distributions(double[] mean, double[] logStd) {}

  /**
   * Per row (as {@link Result#states}): the action taken, the reward, whether the episode
   * terminated, whether it was truncated at the horizon without terminating.
   *
   * @param episodeReturns the return of every episode that ended in the rollout, in order of its end (copies in index order within a step)
   * @param bootstrap the states whose values bootstrap an unfinished episode
   */
  public record Transitions(double[] actions, double[] rewards, boolean[] terminated, boolean[] truncated, double[] episodeReturns,
                            Bootstrap bootstrap) {}

  /**
   * @param states first the final observation of each truncated row (before the automatic reset),
   *     then the numEnvs observations after the last step
   * @param row per row, the index into {@code states} of its final observation where truncated, else -1
   */
  public record Bootstrap(double[] states, int[] row) {}

  /** Wall nanoseconds of the env steps and of the source plus sampling (for benchmark breakdowns). */
  public record Time(long physicsNanos, long actingNanos) {}

  public static Result run(VectorEnv env, ActionSource source, RandomGenerator rng, Options o) {
    NativeMemory.collectIfHigh(); // every batch, evaluation and DAgger pass passes here: the seam to keep native memory bounded
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    int tMax = o.stepsPerCopy(), rows = tMax * n;
    double[] states = o.records().contains(Record.STATES) ? new double[rows * od] : null;
    Distributions acted = o.records().contains(Record.DISTRIBUTIONS) ? new Distributions(new double[rows * ad], new double[rows * ad]) : null;
    TransitionLog log = o.records().contains(Record.TRANSITIONS) ? new TransitionLog(n, od, ad, rows) : null;
    double[] firstReturns = o.untilFirstEpisodes() ? new double[n] : null;
    boolean[] done = new boolean[n];
    int running = n;
    double[] mean = new double[n * ad], logStd = new double[n * ad], act = new double[n * ad];
    long phys = 0, acting = 0;
    long cpu0 = WorkClock.cpuNow(), wall0 = System.nanoTime();
    int t = 0;
    for (; o.untilFirstEpisodes() ? running > 0 : t < tMax; t++) {
      if (o.untilFirstEpisodes() && t > env.horizon())
        throw new IllegalStateException("Rollout: an episode ran past the task horizon " + env.horizon() + "; the env must truncate at its horizon");
      double[] obs = env.observations();
      if (o.sink() != null) for (int e = 0; e < n; e++) if (!done[e]) o.sink().state(e, t, obs, od);
      if (states != null) System.arraycopy(obs, 0, states, t * n * od, n * od);
      long a0 = System.nanoTime();
      source.distribution(obs, n, rng, mean, logStd);
      for (int i = 0; i < act.length; i++) act[i] = mean[i] + Math.exp(logStd[i]) * rng.nextGaussian();
      long a1 = System.nanoTime();
      env.step(act);
      phys += System.nanoTime() - a1;
      acting += a1 - a0;
      if (acted != null) {
        System.arraycopy(mean, 0, acted.mean(), t * n * ad, n * ad);
        System.arraycopy(logStd, 0, acted.logStd(), t * n * ad, n * ad);
      }
      if (log != null) log.step(t, act, env);
      if (firstReturns != null) {
        boolean[] te = env.terminated(), tr = env.truncated();
        double[] er = env.episodeReturns();
        for (int e = 0; e < n; e++)
          if (!done[e] && (te[e] || tr[e])) {
            done[e] = true;
            firstReturns[e] = er[e];
            running--;
          }
      }
    }
    WorkClock.chargeSplit(WorkClock.Kind.PHYSICS, o.acting(), WorkClock.cpuNow() - cpu0, System.nanoTime() - wall0, phys);
    return new Result((long) t * n, states, acted, log == null ? null : log.finish(env.observations()), firstReturns, new Time(phys, acting));
  }

  /** The transitions of a fixed-length rollout as they come in; the truncated rows' final observations grow as needed. */
  private static final class TransitionLog {
    final int n, od, ad;
    final double[] actions, rewards;
    final boolean[] terminated, truncated;
    final int[] bootRow;
    double[] boot, returns = new double[16];
    int nBoot, nReturns;

    TransitionLog(int n, int od, int ad, int rows) {
      this.n = n;
      this.od = od;
      this.ad = ad;
      actions = new double[rows * ad];
      rewards = new double[rows];
      terminated = new boolean[rows];
      truncated = new boolean[rows];
      bootRow = new int[rows];
      Arrays.fill(bootRow, -1);
      boot = new double[16 * od];
    }

    void step(int t, double[] act, VectorEnv env) {
      System.arraycopy(act, 0, actions, t * n * ad, n * ad);
      double[] r = env.rewards();
      boolean[] te = env.terminated(), tr = env.truncated();
      for (int e = 0; e < n; e++) {
        int row = t * n + e;
        rewards[row] = r[e];
        terminated[row] = te[e];
        truncated[row] = tr[e] && !te[e];
        if (te[e] || tr[e]) {
          if (nReturns == returns.length) returns = Arrays.copyOf(returns, nReturns * 2);
          returns[nReturns++] = env.episodeReturns()[e];
        }
        if (truncated[row]) {
          if ((nBoot + 1) * od > boot.length) boot = Arrays.copyOf(boot, boot.length * 2);
          System.arraycopy(env.finalObservations(), e * od, boot, nBoot * od, od);
          bootRow[row] = nBoot++;
        }
      }
    }

    Transitions finish(double[] lastObs) {
      double[] states = Arrays.copyOf(boot, (nBoot + n) * od);
      System.arraycopy(lastObs, 0, states, nBoot * od, n * od);
      return new Transitions(actions, rewards, terminated, truncated, Arrays.copyOf(returns, nReturns), new Bootstrap(states, bootRow));
    }
  }
}
