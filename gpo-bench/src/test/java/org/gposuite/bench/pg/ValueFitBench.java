package org.gposuite.bench.pg;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.nn.kernel.Shuffle;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.openjdk.jmh.annotations.*;

/**
 * What does the value fit cost per unit of its schedule on a 2048-step batch: one full-batch step
 * (the PpoConfig default's unit, 20 per iteration) against one pass of 8 minibatches of 256 (the
 * former schedule)? And the critic that also learns from its sharing set (GPO's default): one epoch
 * on 8 batches' rows in minibatches of 2048 (PPO) or 256 (A2C), weighted, against the same epoch as the fit did it
 * before its minibatches had buffers of their own (nd4j's pullRows of the epoch, views, the loss
 * as nd4j ops; the same bits, {@code ValueFunctionMinibatchFitTest}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class ValueFitBench {
  ValueFunction v;
  AdamOptimizer vOpt;
  Batch b;
  SplittableRandom rng = new SplittableRandom(9);
  INDArray sharedObs, sharedTargets, sharedWeights; // 8 batches' rows, as SharedCriticRows stacks them
  /** The shared critic's minibatch: PPO's 2048 (PpoConfig) and A2C's 256 (A2cConfig). */
  @Param({"2048", "256"})
  int sharedMinibatch;

  @Setup
  public void setup() {
    GaussianPolicy pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    v = new ValueFunction(UpdateFixture.OBS, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 2, pi.normalizer());
    vOpt = new AdamOptimizer(v.params(), v.grads(), 1e-4);
    b = UpdateFixture.syntheticBatch(pi, 3);
    INDArray[] obs = new INDArray[8], targets = new INDArray[8];
    for (int j = 0; j < 8; j++) {
      Batch bj = UpdateFixture.syntheticBatch(pi, 3 + j);
      obs[j] = pi.normalizer().normalizeInto(bj.obs(), Nd4j.create(DataType.FLOAT, bj.size(), UpdateFixture.OBS));
      targets[j] = bj.valueTargets();
    }
    sharedObs = Nd4j.concat(0, obs);
    sharedTargets = Nd4j.concat(0, targets);
    sharedWeights = Nd4j.rand(DataType.FLOAT, sharedTargets.size(0), 1);
  }

  @Benchmark
  public double valueFitFullBatchStep2048() {
    return v.fit(b.obs(), b.valueTargets(), new ValueFunction.Fitting(1, UpdateFixture.B, vOpt, rng));
  }

  @Benchmark
  public double valueFitEpoch2048() {
    return v.fit(b.obs(), b.valueTargets(), new ValueFunction.Fitting(1, 256, vOpt, rng));
  }

  @Benchmark
  public double sharedCriticEpoch16384() {
    return v.fitNormalizedWeighted(sharedObs, sharedTargets, sharedWeights, new ValueFunction.Fitting(1, sharedMinibatch, vOpt, rng));
  }

  @Benchmark
  public double sharedCriticEpoch16384Nd4jPulls() {
    int n = (int) sharedObs.size(0);
    int[] idx = Shuffle.identity(n);
    Shuffle.permute(idx, rng);
    INDArray xs = Nd4j.pullRows(sharedObs, 1, idx), ys = Nd4j.pullRows(sharedTargets, 1, idx), ws = Nd4j.pullRows(sharedWeights, 1, idx);
    double loss = 0;
    for (int s = 0; s < n; s += sharedMinibatch) {
      INDArrayIndex rows = NDArrayIndex.interval(s, s + sharedMinibatch);
      loss = v.weightedLossAndGradientNormalized(xs.get(rows, NDArrayIndex.all()), ys.get(rows, NDArrayIndex.all()), ws.get(rows, NDArrayIndex.all()));
      vOpt.step();
    }
    xs.close();
    ys.close();
    ws.close();
    return loss;
  }
}
