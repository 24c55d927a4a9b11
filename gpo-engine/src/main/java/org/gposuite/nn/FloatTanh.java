package org.gposuite.nn;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bias add + tanh of a FLOAT hidden layer in plain Java, in place.
 *
 * <p>Why it exists: nd4j's tanh is scalar libm code, ~5 ns per element single-threaded
 * (~670 µs on a 2048 x 64 layer, 4x the gemm that produced it), and it dominated both the PPO
 * epochs and the value fit. This kernel evaluates tanh as the odd/even rational minimax
 * approximation used by Eigen for float ({@code x p(x^2) / q(x^2)} on x clamped to
 * [-7.905, 7.905], where tanh rounds to +-1 in float): pure multiply/add/divide, which C2
 * auto-vectorises, so it runs ~10x faster than nd4j's op including the copies in and out of
 * the off-heap buffer. Max error vs exact tanh ~4e-7 (about 3 float ulps of 1), checked by
 * {@code FloatTanhTest} against nd4j's tanh; {@code ActivationBench} measures both.
 *
 * <p>Deterministic: Java float arithmetic is IEEE and never contracted to FMA, so vectorised
 * and scalar iterations give the same bits. DOUBLE networks (gradient checks) keep nd4j's tanh.
 */
public final class FloatTanh {
  private FloatTanh() {}

  private static final float CLAMP = 7.90531110763549805f;
  // numerator x * (A1 + A3 x^2 + ... + A13 x^12), denominator B0 + B2 x^2 + B4 x^4 + B6 x^6
  private static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
      A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
  private static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
      B6 = 1.19825839466702e-06f;

  /** Scratch per thread: the kernel copies the off-heap buffer into a Java array and back. */
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  /** tanh of one float, the same arithmetic as the array kernel. */
  public static float tanh(float a) {
    return rational(Math.max(-CLAMP, Math.min(CLAMP, a)));
  }

  private static float rational(float x) {
    float x2 = x * x;
    float p = A13;
    p = p * x2 + A11;
    p = p * x2 + A9;
    p = p * x2 + A7;
    p = p * x2 + A5;
    p = p * x2 + A3;
    p = p * x2 + A1;
    float q = B6;
    q = q * x2 + B4;
    q = q * x2 + B2;
    q = q * x2 + B0;
    return x * p / q;
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
      z.addiRowVector(bias);
      Transforms.tanh(z, false);
      return;
    }
    int n = (int) z.size(0), d = (int) z.size(1), len = n * d;
    float[] b = biasValues(bias, d);
    float[] s = SCRATCH.get();
    if (s.length < len) SCRATCH.set(s = new float[len]);
    FloatBuffer fb = z.data().asNioFloat();
    fb.get(0, s, 0, len);
    biasTanh(s, n, d, b);
    fb.put(0, s, 0, len);
  }

  /**
   * The bias as floats. A FLOAT row with unit stride (the MLP's bias views into its flat parameter
   * vector) is read straight from the shared buffer at its offset, skipping the nd4j copy that
   * {@code toFloatVector} makes of a view (one per-op cost per layer and step, which matters on
   * 64-row minibatches).
   */
  static float[] biasValues(INDArray bias, int d) {
    if (bias.dataType() == DataType.FLOAT && bias.length() == d && bias.elementWiseStride() == 1 && bias.ordering() == 'c'
        && bias.offset() + d <= bias.data().asNioFloat().capacity()) {
      float[] b = new float[d];
      bias.data().asNioFloat().get((int) bias.offset(), b, 0, d);
      return b;
    }
    return bias.toFloatVector();
  }

  /**
   * The kernel on a Java array: {@code s[r*d + j] = tanh(s[r*d + j] + b[j])}. Two passes on
   * purpose: C2 vectorises each alone, but not the fused loop (it reads b while writing s).
   */
  static void biasTanh(float[] s, int n, int d, float[] b) {
    for (int r = 0; r < n; r++) {
      int o = r * d;
      for (int j = 0; j < d; j++) s[o + j] += b[j];
    }
    for (int i = 0, len = n * d; i < len; i++) s[i] = rational(Math.max(-CLAMP, Math.min(CLAMP, s[i])));
  }

  /** Second scratch per thread, for {@link #derivativeInPlace}'s activations. */
  private static final ThreadLocal<float[]> SCRATCH2 = ThreadLocal.withInitial(() -> new float[0]);

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
    int len = (int) da.length();
    float[] g = SCRATCH.get(), s = SCRATCH2.get();
    if (g.length < len) SCRATCH.set(g = new float[len]);
    if (s.length < len) SCRATCH2.set(s = new float[len]);
    FloatBuffer gb = da.data().asNioFloat();
    gb.get(0, g, 0, len);
    a.data().asNioFloat().get(0, s, 0, len);
    for (int i = 0; i < len; i++) {
      float t = s[i] * s[i];
      g[i] = g[i] * (1f - t);
    }
    gb.put(0, g, 0, len);
  }
}
