package org.gposuite.bench.pg;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * What does the value fit cost per unit of its schedule on a 2048-step batch: one full-batch step
 * (the PpoConfig default's unit, 20 per iteration) against one pass of 8 minibatches of 256 (the
 * former schedule)?
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

  @Setup
  public void setup() {
    GaussianPolicy pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    v = new ValueFunction(UpdateFixture.OBS, ValueFunction.PAPER_HIDDEN, DataType.FLOAT, 2, pi.normalizer());
    vOpt = new AdamOptimizer(v.params(), v.grads(), 1e-4);
    b = UpdateFixture.syntheticBatch(pi, 3);
  }

  @Benchmark
  public double valueFitFullBatchStep2048() {
    return v.fit(b.obs(), b.valueTargets(), 1, UpdateFixture.B, vOpt, rng);
  }

  @Benchmark
  public double valueFitEpoch2048() {
    return v.fit(b.obs(), b.valueTargets(), 1, 256, vOpt, rng);
  }
}
