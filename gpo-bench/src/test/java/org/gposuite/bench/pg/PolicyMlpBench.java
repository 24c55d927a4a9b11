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
 * What do the policy MLP's forward and backward over 2048 states cost alone? A PPO epoch
 * ({@link PpoEpochKernelBench}) minus this is the Gaussian math. Excluded: the loss, Adam.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class PolicyMlpBench {
  GaussianPolicy pi;
  INDArray obs, dMean, dLogStd;

  @Setup
  public void setup() {
    pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    obs = UpdateFixture.syntheticBatch(pi, 3).obs();
    dMean = Nd4j.randn(DataType.FLOAT, UpdateFixture.B, UpdateFixture.ACT);
    dLogStd = Nd4j.randn(DataType.FLOAT, 1, UpdateFixture.ACT);
  }

  @Benchmark
  public INDArray policyForwardBackward2048() {
    pi.mean(obs);
    pi.backward(dMean, dLogStd);
    return pi.grads();
  }
}
