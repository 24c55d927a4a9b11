package org.gposuite.pg;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;
import org.gposuite.nn.ValueFunction;
import org.gposuite.nn.kernel.HostArrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Collects B steps of one policy on a {@link VectorEnv} and computes GAE advantages.
 *
 * <p>Per step: one forward over all copies ({@link StepInference}, plain Java, no allocation),
 * Gaussian sampling in Java, one env step. After the rollout, one batched pass recomputes the collecting policy's
 * mean and log-probabilities over all B states — so the "old" values a later update divides by
 * come from the same computation the update does, and the ratio on one's own data is exactly 1
 * before the first step — and one batched value pass gives V(s), V(s_T) and V(final obs) of
 * time-limit truncations (the bootstrap).
 */
public final class Collector {
  private Collector() {}

  /** Timing of the parts of one collection, nanoseconds (for the benchmark breakdown). */
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
    return collect(agent.policy(), agent::value, env, steps, gamma, lambda, agent.rng(), timing, agent);
  }

  public static Batch collect(GaussianPolicy pi, ValueFunction v, VectorEnv env, int steps, double gamma, double lambda,
                              SplittableRandom rng, Timing timing, Agent countFor) {
    return collect(pi, () -> v, env, steps, gamma, lambda, rng, timing, countFor);
  }

  private static Batch collect(GaussianPolicy pi, Supplier<ValueFunction> value, VectorEnv env, int steps, double gamma, double lambda,
                               SplittableRandom rng, Timing timing, Agent countFor) {
    int n = env.numEnvs(), od = env.obsDim(), ad = env.actDim();
    if (od != pi.obsDim() || ad != pi.actDim())
      throw new IllegalArgumentException("Collector: env has obs/act dims " + od + "/" + ad + " but the policy " + pi.obsDim() + "/" + pi.actDim());
    if (steps <= 0 || steps % n != 0)
      throw new IllegalArgumentException("Collector: steps " + steps + " must be a positive multiple of numEnvs " + n);
    int tMax = steps / n;
    double[] obs = new double[steps * od], act = new double[steps * ad], rew = new double[steps];
    boolean[] term = new boolean[steps], trunc = new boolean[steps];
    double[] meanBuf = new double[n * ad], actBuf = new double[n * ad];
    // bootstrap states: truncated finals (grow as needed) then the N states after the last step
    double[] boot = new double[(n + 16) * od];
    int[] bootRow = new int[steps];
    java.util.Arrays.fill(bootRow, -1);
    int nBoot = 0;
    double[] epRet = new double[16];
    int nEp = 0;
    StepInference step = new StepInference(pi);
    double[] std = step.logStd().clone();
    for (int j = 0; j < ad; j++) std[j] = Math.exp(std[j]);
    long inf = 0, phys = 0;
    long rolloutCpu0 = WorkClock.cpuNow(), rolloutWall0 = System.nanoTime();
    for (int t = 0; t < tMax; t++) {
      double[] o = env.observations();
      System.arraycopy(o, 0, obs, t * n * od, n * od);
      long a0 = System.nanoTime();
      step.forward(o, n, meanBuf);
      for (int i = 0; i < n * ad; i++) actBuf[i] = meanBuf[i] + std[i % ad] * rng.nextGaussian();
      long a1 = System.nanoTime();
      env.step(actBuf);
      phys += System.nanoTime() - a1;
      inf += a1 - a0;
      System.arraycopy(actBuf, 0, act, t * n * ad, n * ad);
      double[] r = env.rewards();
      boolean[] te = env.terminated(), tr = env.truncated();
      double[] er = null, fo = null;
      for (int e = 0; e < n; e++) {
        int row = t * n + e;
        rew[row] = r[e];
        term[row] = te[e];
        trunc[row] = tr[e] && !te[e];
        if (te[e] || tr[e]) {
          if (er == null) er = env.episodeReturns();
          if (nEp == epRet.length) epRet = java.util.Arrays.copyOf(epRet, nEp * 2);
          epRet[nEp++] = er[e];
        }
        if (trunc[row]) {
          if (fo == null) fo = env.finalObservations();
          if ((nBoot + 1) * od > boot.length) boot = java.util.Arrays.copyOf(boot, boot.length * 2);
          System.arraycopy(fo, e * od, boot, nBoot * od, od);
          bootRow[row] = nBoot++;
        }
      }
    }
    WorkClock.chargeSplit(WorkClock.Kind.PHYSICS, WorkClock.Kind.INFERENCE, WorkClock.cpuNow() - rolloutCpu0,
        System.nanoTime() - rolloutWall0, phys);
    double[] last = env.observations();
    int lastStart = nBoot;
    if ((nBoot + n) * od > boot.length) boot = java.util.Arrays.copyOf(boot, (nBoot + n) * od);
    System.arraycopy(last, 0, boot, nBoot * od, n * od);
    nBoot += n;
    long w0 = System.nanoTime();
    ValueFunction v = value.get();
    long p0 = System.nanoTime(), postCpu0 = WorkClock.cpuNow();

    // Batched "old policy" pass and values.
    DataType dt = pi.dataType();
    // Java arrays in and out through HostArrays: the same rounding as nd4j's cast, without its copies
    INDArray obsArr = HostArrays.write(obs, Nd4j.create(dt, steps, od));
    INDArray actArr = HostArrays.write(act, Nd4j.create(dt, steps, ad));
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
    double[] adv = Gae.advantages(rew, values, next, ended, n, gamma, lambda);
    double[] targets = new double[steps];
    for (int i = 0; i < steps; i++) targets[i] = adv[i] + values[i];
    INDArray advArr = HostArrays.write(adv, Nd4j.create(dt, steps, 1));
    INDArray tgtArr = HostArrays.write(targets, Nd4j.create(dt, steps, 1));
    WorkClock.charge(WorkClock.Kind.OLD_POLICY_PASS, postCpu0, p0);
    if (timing != null) {
      timing.physicsNanos += phys;
      timing.inferenceNanos += inf;
      timing.postNanos += System.nanoTime() - p0;
      timing.valueWaitNanos += p0 - w0;
    }
    if (countFor != null) countFor.addTimesteps(steps);
    return new Batch(n, obsArr, actArr, oldLogProb, oldMean, oldLogStd, rew, term, trunc, advArr, tgtArr,
        java.util.Arrays.copyOf(epRet, nEp));
  }
}
