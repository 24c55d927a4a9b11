package org.gposuite.bench.nn;

import java.util.concurrent.TimeUnit;
import org.gposuite.nn.kernel.Blas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;

/**
 * The MLPs' matrix products on a 2048-state batch, {@code [2048, k] x [k, n]}: nd4j's gemm (a
 * custom op) against {@link Blas#gemm}, the same OpenBLAS call made directly. Shapes: the first
 * layer of the policy (17 -> 64), its hidden layer (64 -> 64), the value network's hidden layer
 * (32 -> 32) and its one-column output (32 -> 1).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1) // JVM flags: jmh.jvmArgsAppend in gpo-bench/pom.xml
public class GemmBench {
  @Param({"17x64", "64x64", "32x32", "32x1"})
  public String shape;
  INDArray a, b, c;

  @Setup
  public void setup() {
    String[] kn = shape.split("x");
    int k = Integer.parseInt(kn[0]), n = Integer.parseInt(kn[1]);
    Nd4j.getRandom().setSeed(1);
    a = Nd4j.randn(DataType.FLOAT, 2048, k);
    b = Nd4j.randn(DataType.FLOAT, k, n);
    c = Nd4j.create(DataType.FLOAT, 2048, n);
  }

  @Benchmark
  public INDArray nd4jGemm() { return Nd4j.gemm(a, b, c, false, false, 1.0, 0.0); }

  @Benchmark
  public INDArray directGemm() {
    Blas.gemm(a, b, c, false, false);
    return c;
  }
}
