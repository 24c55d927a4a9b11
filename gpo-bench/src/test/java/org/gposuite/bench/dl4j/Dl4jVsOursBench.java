package org.gposuite.bench.dl4j;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gposuite.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One question: what does one forward + backward of the paper's policy MLP (Walker2d: 21 -> 64 ->
 * 64 -> 6, tanh, FLOAT) cost through DL4J's {@link MultiLayerNetwork} against our hand-written
 * {@code nn.Mlp}, at the row counts the engine trains on (a PPO batch of 2048 per epoch, a 64-row
 * DAgger/pi_S minibatch)? The two hold the same parameters and compute the same function
 * ({@code Dl4jReferenceTest}); dLoss/dOutput is a fixed array handed to both, so the loss's own
 * Gaussian math (plain Java in both engines' PPO) and the optimiser step are excluded.
 *
 * <p>{@link #main} answers the same question in CPU time, A and B interleaved ({@link org.gposuite.bench.CpuRatio}),
 * which a shared, loaded machine does not skew.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class Dl4jVsOursBench {
  static final int[] SIZES = {21, 64, 64, 6};

  @Param({"2048", "64"})
  public int rows;

  Mlp ours;
  MultiLayerNetwork dl4j;
  INDArray x, dOut;

  @Setup
  public void setup() {
    long p = Mlp.numParams(SIZES);
    INDArray params = Nd4j.create(DataType.FLOAT, 1, p), grads = Nd4j.create(DataType.FLOAT, 1, p);
    ours = new Mlp(SIZES, params, grads);
    ours.initialize(new SplittableRandom(1), 1.0);
    dl4j = Dl4jNets.mlp(SIZES);
    Dl4jNets.copyFrom(dl4j, SIZES, params);
    SplittableRandom r = new SplittableRandom(2);
    double[] xs = new double[rows * SIZES[0]], ds = new double[rows * SIZES[3]];
    for (int i = 0; i < xs.length; i++) xs[i] = r.nextGaussian();
    for (int i = 0; i < ds.length; i++) ds[i] = r.nextGaussian() / rows;
    x = Nd4j.createFromArray(xs).reshape(rows, SIZES[0]).castTo(DataType.FLOAT);
    dOut = Nd4j.createFromArray(ds).reshape(rows, SIZES[3]).castTo(DataType.FLOAT);
  }

  @Benchmark
  public void ours(Blackhole bh) {
    bh.consume(ours.forward(x));
    ours.backward(dOut);
  }

  @Benchmark
  public void dl4j(Blackhole bh) {
    bh.consume(Dl4jNets.forwardBackward(dl4j, x, dOut));
  }

  /** CPU-time comparison, interleaved: {@code [blocks]} (default 15). */
  public static void main(String[] args) {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    for (int rows : new int[] {2048, 64}) {
      Dl4jVsOursBench b = new Dl4jVsOursBench();
      b.rows = rows;
      b.setup();
      int reps = rows == 64 ? 400 : 20;
      System.out.println("rows " + rows + ": " + org.gposuite.bench.CpuRatio.compare("DL4J forward+backward", () -> Dl4jNets.forwardBackward(b.dl4j, b.x, b.dOut),
          "ours forward+backward", () -> { b.ours.forward(b.x); b.ours.backward(b.dOut); }, reps, blocks));
    }
  }
}
