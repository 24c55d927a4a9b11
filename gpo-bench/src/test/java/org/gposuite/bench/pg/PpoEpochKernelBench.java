package org.gposuite.bench.pg;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ValueFunction;
import org.gposuite.pg.Batch;
import org.gposuite.pg.Surrogate;
import org.gposuite.pg.SurrogateReference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * How much does the plain-Java Gaussian kernel save on one PPO epoch (surrogate + KL penalty,
 * forward/backward, Adam step; KL coefficient 1) over the all-nd4j reference path, prepared per
 * call and prepared once as {@code Ppo} does? On {@link UpdateFixture}'s synthetic 2048-step
 * HalfCheetah-sized batch, built in set-up; no environment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class PpoEpochKernelBench {
  GaussianPolicy pi;
  AdamOptimizer opt;
  List<Batch> own;
  List<INDArray> advOwn;
  Surrogate.Prepared prepared;

  @Setup
  public void setup() {
    pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    opt = new AdamOptimizer(pi.params(), pi.grads(), 1e-4);
    own = List.of(UpdateFixture.syntheticBatch(pi, 3));
    advOwn = Surrogate.advantages(own, true);
    prepared = Surrogate.prepare(pi, own, advOwn);
  }

  @Benchmark
  public double ppoEpoch2048() {
    double l = Surrogate.lossAndGradient(pi, own, advOwn, 1.0).loss();
    opt.step();
    return l;
  }

  /** What {@code Ppo} runs per epoch: batch read into the plain-Java kernel once (set-up), then reused. */
  @Benchmark
  public double ppoEpoch2048Prepared() {
    return UpdateFixture.ppoEpoch(pi, prepared, opt);
  }

  /** The all-nd4j reference path of the same epoch (gpo-engine's test scope). */
  @Benchmark
  public double ppoEpoch2048Nd4j() {
    double l = SurrogateReference.lossAndGradient(pi, own, advOwn, 1.0).loss();
    opt.step();
    return l;
  }
}
