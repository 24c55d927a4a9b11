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
 * What does one PPO epoch cost with one shared batch beside the own one (data sharing: 2 x 2048
 * rows, the shared batch collected by another policy)? Compare with {@link PpoEpochKernelBench}'s
 * {@code ppoEpoch2048}, the same epoch on the own batch alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class SharedBatchEpochBench {
  GaussianPolicy pi;
  AdamOptimizer opt;
  List<Batch> shared;
  List<INDArray> advShared;

  @Setup
  public void setup() {
    pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    opt = new AdamOptimizer(pi.params(), pi.grads(), 1e-4);
    shared = List.of(UpdateFixture.syntheticBatch(pi, 3), UpdateFixture.syntheticBatch(GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 5, true), 4));
    advShared = Surrogate.advantages(shared, true);
  }

  @Benchmark
  public double ppoEpochShared2x2048() {
    double l = Surrogate.lossAndGradient(pi, shared, advShared, 1.0).loss();
    opt.step();
    return l;
  }
}
