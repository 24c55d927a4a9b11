package org.gposuite.bench.pg;

import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the update benchmarks ({@link PpoEpochKernelBench}, {@link PolicyMlpBench},
 * {@link SharedBatchEpochBench}, {@link A2cStepBench}, {@link ValueFitBench}) and
 * {@code Dl4jVsOursBench} share: a synthetic 2048-step HalfCheetah-sized batch (20 obs, 6
 * actions; no environment involved) and one PPO epoch as {@code Ppo} runs it. Not a benchmark.
 */
public final class UpdateFixture {
  public static final int OBS = 20, ACT = 6, B = 2048;

  private UpdateFixture() {}

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

  /** One PPO epoch as {@code Ppo} runs it on a prepared batch (KL coefficient 1): surrogate + penalty, gradient, Adam step. */
  public static double ppoEpoch(GaussianPolicy pi, Surrogate.Prepared prepared, AdamOptimizer opt) {
    double l = Surrogate.lossAndGradient(pi, prepared, 1.0).loss();
    opt.step();
    return l;
  }
}
