package org.gposuite.nn.kernel;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops behind the plain-Java kernels ({@link FloatTanh}, {@link org.gposuite.nn.StepInference}), on the
 * JDK's vector API at the machine's widest float vector (16 lanes with AVX-512, 8 with AVX2).
 *
 * <p>Why the vector API: C2 auto-vectorises simple loops, but not the ones that matter here (a
 * clamp-and-divide over an off-heap buffer, a dot product accumulated in registers over a
 * 64-wide layer); written out, they run 2x (tanh) to 8x (per-step inference) faster.
 *
 * <p>Bits: every lane is computed on its own (no reduction across lanes), so results do not
 * depend on the vector width, and the scalar tails and {@link #tanh(float)} repeat exactly the
 * lanes' operations (fused multiply-adds included): the same input gives the same float on
 * every x86 machine. So the preferred species stays (a fixed one would only cost speed):
 * {@code CrossCpuBitsTest} runs the engine at 128, 256 and 512 bits and compares every number.
 */
public final class Simd {
  private Simd() {}

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  // tanh as the odd/even rational minimax approximation Eigen uses for float, x p(x^2) / q(x^2)
  // on x clamped to [-7.905, 7.905] (where tanh rounds to +-1 in float); max error ~4e-7
  private static final float CLAMP = 7.90531110763549805f;
  private static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f,
      A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f, A13 = -2.76076847742355e-16f;
  private static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f,
      B6 = 1.19825839466702e-06f;

  /** tanh of one float: exactly the arithmetic of one lane of {@link #tanh(FloatVector)}. */
  static float tanh(float a) {
    float x = Math.min(Math.max(a, -CLAMP), CLAMP);
    float x2 = x * x;
    float p = Math.fma(A13, x2, A11);
    p = Math.fma(p, x2, A9);
    p = Math.fma(p, x2, A7);
    p = Math.fma(p, x2, A5);
    p = Math.fma(p, x2, A3);
    p = Math.fma(p, x2, A1);
    float q = Math.fma(B6, x2, B4);
    q = Math.fma(q, x2, B2);
    q = Math.fma(q, x2, B0);
    return x * p / q;
  }

  static FloatVector tanh(FloatVector a) {
    FloatVector x = a.max(-CLAMP).min(CLAMP);
    FloatVector x2 = x.mul(x);
    FloatVector p = x2.fma(A13, A11); // A13 * x2 + A11: fma is commutative in its product
    p = p.fma(x2, FloatVector.broadcast(F, A9));
    p = p.fma(x2, FloatVector.broadcast(F, A7));
    p = p.fma(x2, FloatVector.broadcast(F, A5));
    p = p.fma(x2, FloatVector.broadcast(F, A3));
    p = p.fma(x2, FloatVector.broadcast(F, A1));
    FloatVector q = x2.fma(B6, B4);
    q = q.fma(x2, FloatVector.broadcast(F, B2));
    q = q.fma(x2, FloatVector.broadcast(F, B0));
    return x.mul(p).div(q);
  }

  /**
   * {@code z[r, j] = act(z[r, j] + bias[j])} on a row-major {@code [n, d]} float buffer, in place;
   * act = tanh (hidden layers) or identity (the linear output layer).
   */
  static void biasAct(MemorySegment z, int n, int d, float[] bias, boolean tanh) {
    for (int r = 0; r < n; r++) {
      long row = (long) r * d * Float.BYTES;
      for (int j = 0; j < d; j += F.length()) {
        VectorMask<Float> m = F.indexInRange(j, d);
        long at = row + (long) j * Float.BYTES;
        FloatVector v = FloatVector.fromMemorySegment(F, z, at, NATIVE, m).add(FloatVector.fromArray(F, bias, j, m));
        (tanh ? tanh(v) : v).intoMemorySegment(z, at, NATIVE, m);
      }
    }
  }

  /**
   * {@code out[j] = sum_r z[r, j]} over a row-major {@code [n, d]} float buffer (a bias gradient),
   * accumulated in float down the rows in order, in registers.
   */
  static void columnSums(MemorySegment z, int n, int d, float[] out) {
    for (int j = 0; j < d; j += F.length()) {
      VectorMask<Float> m = F.indexInRange(j, d);
      FloatVector acc = FloatVector.zero(F);
      for (int r = 0; r < n; r++)
        acc = acc.add(FloatVector.fromMemorySegment(F, z, ((long) r * d + j) * Float.BYTES, NATIVE, m));
      acc.intoArray(out, j, m);
    }
  }

  /** {@code g[i] *= 1 - a[i] * a[i]} over {@code len} floats (tanh's backward from its output a), in place. */
  static void tanhDerivative(MemorySegment g, MemorySegment a, long len) {
    long i = 0;
    for (long bound = len - len % F.length(); i < bound; i += F.length()) {
      long at = i * Float.BYTES;
      FloatVector av = FloatVector.fromMemorySegment(F, a, at, NATIVE);
      FloatVector gv = FloatVector.fromMemorySegment(F, g, at, NATIVE);
      gv.mul(av.mul(av).neg().add(1f)).intoMemorySegment(g, at, NATIVE);
    }
    for (; i < len; i++) {
      long at = i * Float.BYTES;
      float t = a.get(java.lang.foreign.ValueLayout.JAVA_FLOAT, at);
      g.set(java.lang.foreign.ValueLayout.JAVA_FLOAT, at, g.get(java.lang.foreign.ValueLayout.JAVA_FLOAT, at) * (1f - t * t));
    }
  }

  /**
   * One dense layer on a few rows: {@code out[r, o] = act(b[o] + sum_i in[r, i] * w[i, o])} with
   * {@code w} row-major {@code [ni, no]} at {@code wOff} and {@code b} at {@code bOff} of the
   * same array (the MLP's flat layout), act = tanh or identity. The sum runs over i in order,
   * as fused multiply-adds, in registers.
   */
  public static void dense(float[] in, int rows, int ni, float[] p, int wOff, int bOff, int no, float[] out, boolean tanh) {
    for (int r = 0; r < rows; r++) {
      int inRow = r * ni, outRow = r * no;
      for (int o = 0; o < no; o += F.length()) {
        VectorMask<Float> m = F.indexInRange(o, no);
        FloatVector acc = FloatVector.fromArray(F, p, bOff + o, m);
        for (int i = 0; i < ni; i++)
          acc = FloatVector.fromArray(F, p, wOff + i * no + o, m).fma(FloatVector.broadcast(F, in[inRow + i]), acc);
        if (tanh) acc = tanh(acc);
        acc.intoArray(out, outRow + o, m);
      }
    }
  }
}
