package org.gposuite.bench.nn;

import java.util.concurrent.TimeUnit;
import org.gposuite.nn.kernel.FloatTanh;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.openjdk.jmh.annotations.*;

/**
 * Bias add + tanh of one policy hidden layer over a 2048-state batch (2048 x 64, FLOAT): nd4j's
 * two ops (the reference path) against the plain-Java {@link FloatTanh} kernel, copies in and out
 * of the off-heap buffer included. For scale, the gemm that produces the layer is measured too.
 * Each invocation first restores the pre-activation from a saved copy (an assign, measured
 * alone in {@code restoreOnly}) so the kernels always see the same inputs.
 *
 * <p>The {@code *Derivative64x64} pair is tanh's backward on one hidden layer of a 64-row minibatch
 * (crossover's DAgger and pi_S steps): nd4j's mul + rsub + mul against {@link FloatTanh#derivativeInPlace}.
 * The upstream gradient is restored first (an assign, {@code restoreOnly64x64}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class ActivationBench {
  INDArray pre, z, bias, x, w;
  INDArray g0, g, act, scratch;

  @Setup
  public void setup() {
    Nd4j.getRandom().setSeed(1);
    pre = Nd4j.randn(DataType.FLOAT, 2048, 64).muli(2.0);
    z = pre.dup();
    bias = Nd4j.randn(DataType.FLOAT, 1, 64);
    x = Nd4j.randn(DataType.FLOAT, 2048, 64);
    w = Nd4j.randn(DataType.FLOAT, 64, 64);
    g0 = Nd4j.randn(DataType.FLOAT, 64, 64);
    g = g0.dup();
    act = Transforms.tanh(Nd4j.randn(DataType.FLOAT, 64, 64), false);
    scratch = Nd4j.create(DataType.FLOAT, 64, 64);
  }

  @Benchmark
  public INDArray restoreOnly64x64() { return g.assign(g0); }

  @Benchmark
  public INDArray nd4jDerivative64x64() {
    return g.assign(g0).muli(act.mul(act, scratch).rsubi(1.0));
  }

  @Benchmark
  public INDArray javaDerivative64x64() {
    FloatTanh.derivativeInPlace(g.assign(g0), act);
    return g;
  }

  @Benchmark
  public INDArray restoreOnly() { return z.assign(pre); }

  @Benchmark
  public INDArray nd4jBiasTanh2048x64() {
    z.assign(pre).addiRowVector(bias);
    return Transforms.tanh(z, false);
  }

  @Benchmark
  public INDArray javaBiasTanh2048x64() {
    FloatTanh.biasTanhInPlace(z.assign(pre), bias);
    return z;
  }

  @Benchmark
  public INDArray gemm2048x64x64() {
    Nd4j.gemm(x, w, z, false, false, 1.0, 0.0);
    return z;
  }
}
