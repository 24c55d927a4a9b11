package org.gposuite.bench.nn;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.gposuite.nn.DiagGaussian;
import org.gposuite.nn.GaussianPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Policy inference cost (HalfCheetah sizes: 20 observations, 6 actions, 64-64 tanh, FLOAT):
 * the batched forward over a 2048-state batch (update-time path), the per-step forward over 8
 * env copies through nd4j and through the plain-Java {@code StepInference} the collector uses, and the
 * mean KL between two policies over 2048 states (data-sharing test). Setup (policies, random
 * states, normaliser statistics) is outside the measurement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class PolicyForwardBench {
  static final int OBS = 20, ACT = 6;
  GaussianPolicy p, q;
  org.gposuite.nn.StepInference step;
  INDArray states;
  double[] stepObs = new double[8 * OBS], stepMean = new double[8 * ACT];

  @Setup
  public void setup() {
    p = GaussianPolicy.paper(OBS, ACT, 1, true);
    q = GaussianPolicy.paper(OBS, ACT, 2, true);
    SplittableRandom r = new SplittableRandom(3);
    double[] s = new double[2048 * OBS];
    for (int i = 0; i < s.length; i++) s[i] = r.nextGaussian();
    p.normalizer().update(s, 2048);
    q.normalizer().update(s, 2048);
    states = Nd4j.createFromArray(s).reshape(2048, OBS).castTo(DataType.FLOAT);
    System.arraycopy(s, 0, stepObs, 0, stepObs.length);
    step = new org.gposuite.nn.StepInference(p);
  }

  @Benchmark
  public INDArray forward2048() { return p.mean(states); }

  @Benchmark
  public void perStepForward8(Blackhole bh) {
    p.meanInto(stepObs, 8, stepMean);
    bh.consume(stepMean);
  }

  /** The plain-Java per-step path the collector uses (snapshot taken in setup). */
  @Benchmark
  public void perStepForward8Java(Blackhole bh) {
    step.forward(stepObs, 8, stepMean);
    bh.consume(stepMean);
  }

  @Benchmark
  public double kl2048() {
    INDArray mp = p.mean(states).dup();
    return DiagGaussian.kl(mp, p.logStd(), q.mean(states), q.logStd()).meanNumber().doubleValue();
  }
}
