package org.gposuite.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bias add + tanh of a FLOAT hidden layer, and tanh's backward, in plain Java, in place on the
 * nd4j buffer (a {@link MemorySegment} over its memory: no copies).
 *
 * <p>Why it exists: nd4j's tanh is scalar libm code, ~5 ns per element single-threaded
 * (~670 µs on a 2048 x 64 layer, 4x the gemm that produced it), and it dominated both the PPO
 * epochs and the value fit. This kernel evaluates tanh as the odd/even rational minimax
 * approximation used by Eigen for float ({@link Simd#tanh(float)}): multiply-adds and one
 * divide, 16 lanes at a time, ~13x faster than nd4j's op. Max error vs exact tanh ~4e-7 (about
 * 3 float ulps of 1), checked by {@code FloatTanhTest} against nd4j's tanh; {@code
 * ActivationBench} measures both. The backward {@code da *= 1 - a^2} replaces nd4j's three ops
 * with the same float operations in the same order, so the same bits.
 *
 * <p>Deterministic: the same bits whatever the vector width (see {@link Simd}). DOUBLE networks
 * (gradient checks) and arrays that are views keep nd4j's ops.
 */
public final class FloatTanh {
  private FloatTanh() {}

  static {
    VectorSupport.require();
  }

  /** tanh of one float, the same arithmetic as each element of the array kernel. */
  public static float tanh(float a) {
    return Simd.tanh(a);
  }

  /** Whether {@link #biasTanhInPlace} can work on {@code z} directly (FLOAT, c order, own buffer). */
  public static boolean applicable(INDArray z) {
    return z.dataType() == DataType.FLOAT && z.rank() == 2 && z.ordering() == 'c' && !z.isView()
        && z.offset() == 0 && z.data().length() == z.length();
  }

  /**
   * {@code z = tanh(z + bias)} row-wise, {@code z} {@code [n, d]}, bias {@code [1, d]} (any layout).
   * Falls back to nd4j ops when {@code z} is not a plain FLOAT buffer.
   */
  public static void biasTanhInPlace(INDArray z, INDArray bias) {
    if (!applicable(z)) {
      DimensionOps.addiRowVector(z, bias);
      Transforms.tanh(z, false);
      return;
    }
    int n = (int) z.size(0), d = (int) z.size(1);
    Simd.biasAct(HostArrays.segment(z), n, d, biasValues(bias, d), true);
    Reference.reachabilityFence(z); // the segment does not hold z: z must outlive the pass over its memory
  }

  /**
   * {@code z = z + bias} row-wise: the linear output layer's half of the same pass (nd4j's
   * broadcast add costs ~25 µs of fixed overhead per call). Same arguments and fallback as
   * {@link #biasTanhInPlace}; the same bits as nd4j's add.
   */
  public static void biasAddInPlace(INDArray z, INDArray bias) {
    if (!applicable(z)) {
      DimensionOps.addiRowVector(z, bias);
      return;
    }
    int n = (int) z.size(0), d = (int) z.size(1);
    Simd.biasAct(HostArrays.segment(z), n, d, biasValues(bias, d), false);
    Reference.reachabilityFence(z);
  }

  /**
   * Writes the column sums of {@code dz} ({@code [n, d]}) into {@code gb} ({@code [1, d]}), the
   * bias gradient of a layer: one pass in Java instead of a gemm with a ones row (~10 µs of fixed
   * cost each, three per backward). Falls back to that gemm unless {@code dz} is a plain FLOAT
   * buffer and {@code gb} a unit-stride FLOAT row.
   */
  public static void biasGradient(INDArray dz, INDArray gb, INDArray onesRow) {
    int d = (int) dz.size(1);
    if (!applicable(dz) || !unitStrideFloatRow(gb, d)) {
      org.nd4j.linalg.factory.Nd4j.gemm(onesRow, dz, gb, false, false, 1.0, 0.0);
      return;
    }
    float[] sums = new float[d];
    Simd.columnSums(HostArrays.segment(dz), (int) dz.size(0), d, sums);
    gb.data().asNioFloat().put((int) gb.offset(), sums, 0, d);
    Reference.reachabilityFence(dz);
  }

  private static boolean unitStrideFloatRow(INDArray a, int d) {
    return a.dataType() == DataType.FLOAT && a.length() == d && HostArrays.unitStrideVector(a);
  }

  /**
   * The bias as floats. A FLOAT row with unit stride (the MLP's bias views into its flat parameter
   * vector) is read straight from the shared buffer at its offset, skipping the nd4j copy that
   * {@code toFloatVector} makes of a view (one per-op cost per layer and step, which matters on
   * 64-row minibatches).
   */
  static float[] biasValues(INDArray bias, int d) {
    if (unitStrideFloatRow(bias, d)) {
      float[] b = new float[d];
      bias.data().asNioFloat().get((int) bias.offset(), b, 0, d);
      return b;
    }
    return bias.toFloatVector();
  }

  /**
   * Back-propagation through a FLOAT tanh layer, in place: {@code da = da * (1 - a * a)} with
   * {@code a} the layer's output, both {@code [n, d]}. Replaces nd4j's three ops (mul, rsub, mul)
   * on the small batches of crossover's minibatch training, where each op's fixed cost is most of
   * the time; the same float operations in the same order, so the same bits ({@code
   * FloatTanhTest}; {@code ActivationBench} measures both). Falls back to those nd4j ops when
   * either array is not a plain FLOAT buffer.
   */
  public static void derivativeInPlace(INDArray da, INDArray a) {
    if (!applicable(da) || !applicable(a) || da.length() != a.length()) {
      da.muli(a.mul(a).rsubi(1.0));
      return;
    }
    Simd.tanhDerivative(HostArrays.segment(da), HostArrays.segment(a), da.length());
    Reference.reachabilityFence(da);
    Reference.reachabilityFence(a);
  }
}
