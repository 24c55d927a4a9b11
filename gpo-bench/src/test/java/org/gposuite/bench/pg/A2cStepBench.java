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
 * What does one A2C policy step cost on a 2048-step batch (the surrogate without the KL penalty,
 * its gradient, an Adam step)?
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class A2cStepBench {
  GaussianPolicy pi;
  AdamOptimizer opt;
  List<Batch> own;
  List<INDArray> advOwn;

  @Setup
  public void setup() {
    pi = GaussianPolicy.paper(UpdateFixture.OBS, UpdateFixture.ACT, 1, true);
    opt = new AdamOptimizer(pi.params(), pi.grads(), 1e-4);
    own = List.of(UpdateFixture.syntheticBatch(pi, 3));
    advOwn = Surrogate.advantages(own, true);
  }

  @Benchmark
  public double a2cStep2048() {
    double l = Surrogate.lossAndGradient(pi, own, advOwn, 0.0).loss();
    opt.step();
    return l;
  }
}
