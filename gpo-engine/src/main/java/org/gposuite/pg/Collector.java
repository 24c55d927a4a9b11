package org.gposuite.pg;

import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.nn.kernel.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Collects B steps of one policy on a {@link VectorEnv} and computes GAE advantages.
 *
 * <p>The steps are one {@link Rollout} of the policy acting stochastically, recording the states and
 * transitions. After the rollout, one batched pass recomputes the collecting policy's
 * mean and log-probabilities over all B states — so the "old" values a later update divides by
 * come from the same computation the update does, and the ratio on one's own data is exactly 1
 * before the first step — and one batched value pass gives V(s), V(s_T) and V(final obs) of
 * time-limit truncations (the bootstrap).
 */
public final class Collector {
  private Collector() {}

  /**
   * Timing of the parts of one collection, nanoseconds (for the benchmark breakdown): physics and
   * inference as the {@link Rollout} measured them ({@link Rollout.Time}), then this class's own parts.
   */
  public static final class Timing {
    public long physicsNanos, inferenceNanos, postNanos;
    /** Time spent waiting, after the rollout, for a value fit still running on another thread. */
    public long valueWaitNanos;
  }

  public static Batch collect(Agent agent, VectorEnv env, int steps, double gamma, double lambda) {
    return collect(agent, env, steps, gamma, lambda, null);
  }

  /**
   * The agent's value network is asked for only after the rollout, so a fit of it still running
   * on another thread (see {@link Ppo}) overlaps the rollout and is awaited just before V is needed.
   */
  public static Batch collect(Agent agent, VectorEnv env, int steps, double gamma, double lambda, Timing timing) {
    return collect(new Acting(agent.policy(), agent::value, agent.rng(), agent), env, steps, new Gae.Discount(gamma, lambda), timing);
  }

  /** {@code steps} steps of {@code pi} drawing from {@code rng}, valued by {@code v}, outside any agent. */
  public static Batch collect(GaussianPolicy pi, ValueFunction v, VectorEnv env, int steps, Gae.Discount discount, RandomGenerator rng) {
    return collect(new Acting(pi, () -> v, rng, null), env, steps, discount, null);
  }

  /**
   * Who collects: the policy, its value network (asked for after the rollout), the stream its actions
   * are drawn from, and the agent whose step count the batch adds to (null: none).
   */
  private record Acting(GaussianPolicy pi, Supplier<ValueFunction> value, RandomGenerator rng, Agent countFor) {}

  private static Batch collect(Acting acting, VectorEnv env, int steps, Gae.Discount discount, Timing timing) {
    GaussianPolicy pi = acting.pi();
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    if (od != pi.obsDim() || ad != pi.actDim())
      throw new IllegalArgumentException("Collector: env has obs/act dims " + od + "/" + ad + " but the policy " + pi.obsDim() + "/" + pi.actDim());
    if (steps <= 0 || steps % n != 0)
      throw new IllegalArgumentException("Collector: steps " + steps + " must be a positive multiple of numEnvs " + n);
    Rollout.Result r = Rollout.run(env, ActionSource.of(pi), acting.rng(),
        Rollout.Options.steps(steps / n).recording(Rollout.Record.STATES, Rollout.Record.TRANSITIONS));
    Rollout.Transitions tr = r.transitions();
    double[] rew = tr.rewards();
    boolean[] term = tr.terminated(), trunc = tr.truncated();
    double[] boot = tr.bootstrap().states();
    int[] bootRow = tr.bootstrap().row();
    int nBoot = boot.length / od, lastStart = nBoot - n;
    long w0 = System.nanoTime();
    ValueFunction v = acting.value().get();
    long p0 = System.nanoTime(), postCpu0 = WorkClock.cpuNow();

    // Batched "old policy" pass and values.
    DataType dt = pi.dataType();
    // Java arrays in and out through HostArrays: the same rounding as nd4j's cast, without its copies
    INDArray obsArr = HostArrays.write(r.states(), Nd4j.create(dt, steps, od));
    INDArray actArr = HostArrays.write(tr.actions(), Nd4j.create(dt, steps, ad));
    INDArray oldMean = pi.mean(obsArr).dup();
    INDArray oldLogStd = pi.logStd().dup();
    INDArray oldLogProb = SurrogateKernel.logProb(oldMean, oldLogStd, actArr);
    double[] values = HostArrays.read(v.predict(obsArr), new double[steps]);
    double[] bootValues = HostArrays.read(v.predict(HostArrays.write(boot, Nd4j.create(dt, nBoot, od))), new double[nBoot]);
    double[] next = new double[steps];
    boolean[] ended = new boolean[steps];
    for (int row = 0; row < steps; row++) {
      ended[row] = term[row] || trunc[row];
      if (term[row]) next[row] = 0;
      else if (trunc[row]) next[row] = bootValues[bootRow[row]];
      else if (row + n < steps) next[row] = values[row + n];
      else next[row] = bootValues[lastStart + (row % n)];
    }
    double[] adv = Gae.advantages(rew, values, next, ended, n, discount);
    double[] targets = new double[steps];
    for (int i = 0; i < steps; i++) targets[i] = adv[i] + values[i];
    INDArray advArr = HostArrays.write(adv, Nd4j.create(dt, steps, 1));
    INDArray tgtArr = HostArrays.write(targets, Nd4j.create(dt, steps, 1));
    WorkClock.charge(WorkClock.Kind.OLD_POLICY_PASS, postCpu0, p0);
    if (timing != null) {
      timing.physicsNanos += r.time().physicsNanos();
      timing.inferenceNanos += r.time().actingNanos();
      timing.postNanos += System.nanoTime() - p0;
      timing.valueWaitNanos += p0 - w0;
    }
    if (acting.countFor() != null) acting.countFor().addTimesteps(steps);
    return new Batch(n, obsArr, actArr, oldLogProb, oldMean, oldLogStd, rew, term, trunc, advArr, tgtArr, tr.episodeReturns());
  }
}
