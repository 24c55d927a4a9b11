package org.gposuite.bench.gpo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.gpo.BinaryPolicyTraining;
import org.gposuite.gpo.BinaryPolicyTrainingReference;
import org.gposuite.gpo.Dagger;
import org.gposuite.gpo.DaggerReference;
import org.gposuite.gpo.Trajectories;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ObsNormalizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The two training loops of GPO's state-space crossover on HalfCheetah-sized data (20 obs, 6 actions),
 * synthetic states (no environment):
 * <ul>
 *   <li>{@code daggerIteration}: the training of one DAgger iteration at the dataset size of the last one,
 *       10,000 transitions (5k expert + 10 x 500 student): 10 epochs, minibatch 64 (157 Adam steps per
 *       epoch) of KL[child || label]. Excludes the 500 student rollout steps and their labelling.</li>
 *   <li>{@code pisEpoch}: one epoch of Eq. 1 (shuffle + 64-row minibatches of weighted NLL + Adam) for
 *       pi_S on 12,288 states, what 60% of two parents' 5-batch windows (2 x 10,240 states) keeps.</li>
 * </ul>
 * Set-up (data, networks, optimisers) is outside the measured region; the networks keep training
 * across invocations, which does not change the cost per step. The {@code *Nd4j} twins run the
 * all-nd4j reference paths ({@link DaggerReference#train}, {@link BinaryPolicyTrainingReference#epoch};
 * gpo-engine's test scope, through its test jar) that the fast paths replaced, so one run gives the ratio. {@code pisEpoch} uses data prepared once
 * (normalised, Java arrays), as {@link BinaryPolicyTraining#train} does for its 100 epochs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class CrossoverBench {
  static final int OBS = 20, ACT = 6, DAGGER_N = 10_000, PIS_N = 12_288;
  GaussianPolicy child;
  AdamOptimizer childOpt;
  INDArray dObs, dMean, dLogStd;
  BinaryPolicy pis;
  AdamOptimizer pisOpt;
  BinaryPolicyTraining.Data pisData;
  BinaryPolicyTraining.Prepared pisPrepared;
  int[] pisIdx;
  SplittableRandom rng = new SplittableRandom(1);

  @Setup
  public void setup() {
    SplittableRandom r = new SplittableRandom(2);
    double[] o = new double[DAGGER_N * OBS];
    for (int i = 0; i < o.length; i++) o[i] = r.nextGaussian();
    dObs = Nd4j.createFromArray(o).reshape(DAGGER_N, OBS).castTo(DataType.FLOAT);
    GaussianPolicy expert = GaussianPolicy.paper(OBS, ACT, 3, true);
    dMean = expert.mean(dObs).dup();
    dLogStd = Nd4j.zeros(DataType.FLOAT, DAGGER_N, ACT).addi(-0.5);
    child = GaussianPolicy.paper(OBS, ACT, 4, true);
    childOpt = new AdamOptimizer(child.params(), child.grads(), 5e-4);

    List<Trajectories.Trajectory> x = new ArrayList<>(), y = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      float[][] s = new float[1024][OBS];
      for (float[] row : s) for (int j = 0; j < OBS; j++) row[j] = (float) (r.nextGaussian() + (k % 2 == 0 ? 1 : -1));
      (k % 2 == 0 ? x : y).add(new Trajectories.Trajectory(s, r.nextDouble() * 1000));
    }
    pisData = BinaryPolicyTraining.data(x, y, 0.6);
    pisIdx = new int[pisData.size()];
    for (int i = 0; i < pisIdx.length; i++) pisIdx[i] = i;
    pis = new BinaryPolicy(OBS, BinaryPolicy.PAPER_HIDDEN, DataType.FLOAT, 5, new ObsNormalizer(OBS, true));
    pisOpt = new AdamOptimizer(pis.params(), pis.grads(), 5e-4);
    pisPrepared = BinaryPolicyTraining.prepare(pis, pisData, 64);
  }

  @Benchmark
  public void daggerIteration(Blackhole bh) {
    Dagger.train(child, new Dagger.Labelled(dObs, dMean, dLogStd), 10, 64, childOpt, rng);
    bh.consume(child.params());
  }

  @Benchmark
  public void daggerIterationNd4j(Blackhole bh) {
    DaggerReference.train(child, new Dagger.Labelled(dObs, dMean, dLogStd), 10, 64, childOpt, rng);
    bh.consume(child.params());
  }

  @Benchmark
  public double pisEpoch() {
    return BinaryPolicyTraining.epoch(pis, pisOpt, pisPrepared, pisIdx, rng);
  }

  @Benchmark
  public double pisEpochNd4j() {
    return BinaryPolicyTrainingReference.epoch(pis, pisOpt, pisData, pisIdx, 64, rng);
  }
}
