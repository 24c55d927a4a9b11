package org.gposuite.bench.pg;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * Update-time costs on a synthetic 2048-step HalfCheetah-sized batch (20 obs, 6 actions):
 * one PPO epoch (surrogate + KL penalty forward/backward + Adam step) through the plain-Java
 * Gaussian kernel (prepared per call, and prepared once as Ppo does) and through the all-nd4j
 * reference path, the MLP forward/backward alone, the same epoch with one shared
 * batch (data sharing), one A2C step, one value-fit pass of 8 minibatches of 256 (the former schedule) and one full-batch value step.
 * The batch is built once in setup; no environment is involved.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class UpdateBench {
  public static final int OBS = 20, ACT = 6, B = 2048;
  GaussianPolicy pi;
  ValueFunction v;
  org.gposuite.nn.AdamOptimizer opt, vOpt;
  List<Batch> own, shared;
  List<INDArray> advOwn, advShared;
  SplittableRandom rng = new SplittableRandom(9);
  Surrogate.Prepared prepared;
  INDArray dMean, dLogStd;

  public static Batch syntheticBatch(GaussianPolicy collector, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] o = new double[B * OBS], a = new double[B * ACT], adv = new double[B];
    for (int i = 0; i < o.length; i++) o[i] = r.nextGaussian();
    for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
    for (int i = 0; i < B; i++) adv[i] = r.nextGaussian();
    INDArray obs = Nd4j.createFromArray(o).reshape(B, OBS).castTo(DataType.FLOAT);
    INDArray act = Nd4j.createFromArray(a).reshape(B, ACT).castTo(DataType.FLOAT);
    INDArray mean = collector.mean(obs).dup();
    INDArray logStd = collector.logStd().dup();
    INDArray advA = Nd4j.createFromArray(adv).reshape(B, 1).castTo(DataType.FLOAT);
    return new Batch(8, obs, act, DiagGaussian.logProb(mean, logStd, act), mean, logStd, new double[B], new boolean[B], new boolean[B],
        advA, advA.dup(), new double[0]);
  }

  @Setup
  public void setup() {
    pi = GaussianPolicy.paper(OBS, ACT, 1, true);
    v = new ValueFunction(OBS, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 2, pi.normalizer());
    opt = new org.gposuite.nn.AdamOptimizer(pi.params(), pi.grads(), 1e-4);
    vOpt = new org.gposuite.nn.AdamOptimizer(v.params(), v.grads(), 1e-4);
    Batch b = syntheticBatch(pi, 3);
    own = List.of(b);
    shared = List.of(b, syntheticBatch(GaussianPolicy.paper(OBS, ACT, 5, true), 4));
    advOwn = Surrogate.advantages(own, true);
    advShared = Surrogate.advantages(shared, true);
    prepared = Surrogate.prepare(pi, own, advOwn);
    dMean = Nd4j.randn(DataType.FLOAT, B, ACT);
    dLogStd = Nd4j.randn(DataType.FLOAT, 1, ACT);
  }

  /** One full-batch value step, the PpoConfig default schedule's unit (20 of them per iteration). */
  @Benchmark
  public double valueFitFullBatchStep2048() {
    Batch b = own.get(0);
    return v.fit(b.obs(), b.valueTargets(), 1, B, vOpt, rng);
  }

  @Benchmark
  public double ppoEpoch2048() {
    double l = Surrogate.lossAndGradient(pi, own, advOwn, 1.0).loss();
    opt.step();
    return l;
  }

  /** What {@code Ppo} runs per epoch: batch read into the plain-Java kernel once (setup), then reused. */
  @Benchmark
  public double ppoEpoch2048Prepared() {
    return ppoEpoch(pi, prepared, opt);
  }

  /** One PPO epoch as {@code Ppo} runs it on a prepared batch (KL coefficient 1): surrogate + penalty, gradient, Adam step. */
  public static double ppoEpoch(GaussianPolicy pi, Surrogate.Prepared prepared, org.gposuite.nn.AdamOptimizer opt) {
    double l = Surrogate.lossAndGradient(pi, prepared, 1.0).loss();
    opt.step();
    return l;
  }

  /** The all-nd4j reference path of the same epoch. */
  @Benchmark
  public double ppoEpoch2048Nd4j() {
    double l = Surrogate.lossAndGradientNd4j(pi, own, advOwn, 1.0).loss();
    opt.step();
    return l;
  }

  /** The MLP part alone (forward + backward over 2048 states): epoch minus this = the Gaussian math. */
  @Benchmark
  public INDArray policyForwardBackward2048() {
    pi.mean(own.get(0).obs());
    pi.backward(dMean, dLogStd);
    return pi.grads();
  }

  @Benchmark
  public double ppoEpochShared2x2048() {
    double l = Surrogate.lossAndGradient(pi, shared, advShared, 1.0).loss();
    opt.step();
    return l;
  }

  @Benchmark
  public double a2cStep2048() {
    double l = Surrogate.lossAndGradient(pi, own, advOwn, 0.0).loss();
    opt.step();
    return l;
  }

  @Benchmark
  public double valueFitEpoch2048() {
    Batch b = own.get(0);
    return v.fit(b.obs(), b.valueTargets(), 1, 256, vOpt, rng);
  }
}
