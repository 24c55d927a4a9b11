package org.gposuite.bench.nn;

import java.util.concurrent.TimeUnit;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * One Adam step over the flat parameters of a HalfCheetah policy (17-64-64-6 + log-std = 5,702
 * FLOAT parameters; PPO takes 10 per iteration, plus 20 on the 1,153-parameter value network):
 * nd4j's Adam updater (the reference path) against {@link AdamOptimizer}'s plain-Java loop.
 * The gradient is restored before each step (the nd4j updater overwrites it with the update).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class AdamBench {
  INDArray g0, gJava, gNd4j;
  AdamOptimizer java, nd4j;

  @Setup
  public void setup() {
    GaussianPolicy a = GaussianPolicy.paper(17, 6, 1, true), b = GaussianPolicy.paper(17, 6, 1, true);
    Nd4j.getRandom().setSeed(1);
    g0 = Nd4j.randn(DataType.FLOAT, a.grads().shape()).muli(0.1);
    gJava = a.grads();
    gNd4j = b.grads();
    java = new AdamOptimizer(a.params(), gJava, 1e-4);
    nd4j = AdamOptimizer.nd4jReference(b.params(), gNd4j, 1e-4);
  }

  @Benchmark
  public INDArray restoreOnly() { return gJava.assign(g0); }

  @Benchmark
  public int nd4jStep() {
    gNd4j.assign(g0);
    nd4j.step();
    return nd4j.iterations();
  }

  @Benchmark
  public int javaStep() {
    gJava.assign(g0);
    java.step();
    return java.iterations();
  }
}
