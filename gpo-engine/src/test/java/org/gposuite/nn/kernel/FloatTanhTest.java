package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.gposuite.nn.MlpTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The plain-Java bias+tanh kernel against the nd4j path it replaces (addiRowVector + Transforms.tanh). */
class FloatTanhTest {
  /** ~3 float ulps of 1: the rational approximation's error plus nd4j's own rounding. */
  static final double TOL = 6e-7;

  @Test
  void matchesNd4jBiasAddAndTanhOnALayerSizedBuffer() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 517, d = 37; // odd sizes: vector loop tails
    INDArray z = MlpTest.randn(r, DataType.FLOAT, n, d).muli(3.0);
    z.putScalar(0, 0, 1e-6); z.putScalar(0, 1, -3e-5); z.putScalar(0, 2, 9.5); z.putScalar(0, 3, -40);
    z.putScalar(0, 4, Float.POSITIVE_INFINITY); z.putScalar(0, 5, Float.NEGATIVE_INFINITY); z.putScalar(0, 6, 7.9f);
    INDArray bias = MlpTest.randn(r, DataType.FLOAT, 1, d);
    INDArray ref = Transforms.tanh(z.dup().addiRowVector(bias), false);
    assertTrue(FloatTanh.applicable(z));
    FloatTanh.biasTanhInPlace(z, bias);
    double max = 0;
    for (long i = 0; i < z.length(); i++) max = Math.max(max, Math.abs(z.getDouble(i) - ref.getDouble(i)));
    assertTrue(max <= TOL, "max |kernel - nd4j| = " + max);
  }

  @Test
  void sweepAgainstNd4jTanhAndOddSymmetry() {
    int n = 200_001;
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) xs[i] = -12 + 24.0 * i / (n - 1);
    INDArray x = Nd4j.createFromArray(xs).reshape(1, n).castTo(DataType.FLOAT);
    INDArray ref = Transforms.tanh(x, true);
    for (int i = 0; i < n; i++) {
      float xi = x.getFloat(i);
      float k = FloatTanh.tanh(xi);
      assertEquals(ref.getFloat(i), k, TOL, "tanh(" + xi + ")");
      assertEquals(-k, FloatTanh.tanh(-xi), 0.0, "odd at " + xi);
      assertTrue(Math.abs(k) <= 1f, "|tanh| <= 1 at " + xi);
    }
    assertTrue(Float.isNaN(FloatTanh.tanh(Float.NaN)));
  }

  @Test
  void everyElementOfTheVectorKernelIsTheScalarTanhBitForBit() {
    // widths around the vector length (8 or 16 lanes): full vectors, masked tails, a lone tail
    SplittableRandom r = new SplittableRandom(6);
    for (int d : new int[] {1, 7, 16, 17, 37, 64}) {
      INDArray z = MlpTest.randn(r, DataType.FLOAT, 9, d).muli(4.0);
      INDArray bias = MlpTest.randn(r, DataType.FLOAT, 1, d);
      float[] zs = z.dup().reshape(z.length()).toFloatVector(), bs = bias.toFloatVector();
      FloatTanh.biasTanhInPlace(z, bias);
      for (int i = 0; i < zs.length; i++)
        assertEquals(Float.floatToIntBits(FloatTanh.tanh(zs[i] + bs[i % d])), Float.floatToIntBits(z.getFloat(i)), "d=" + d + " element " + i);
    }
  }

  @Test
  void notApplicableToViewsOrDoubleWhichKeepTheNd4jPath() {
    INDArray big = Nd4j.rand(DataType.FLOAT, 10, 8);
    INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
    assertFalse(FloatTanh.applicable(view));
    assertFalse(FloatTanh.applicable(Nd4j.rand(DataType.DOUBLE, 4, 4)));
    INDArray bias = Nd4j.rand(DataType.FLOAT, 1, 8);
    INDArray expect = Transforms.tanh(view.dup().addiRowVector(bias), false);
    FloatTanh.biasTanhInPlace(view, bias);
    for (int i = 0; i < 4; i++) for (int j = 0; j < 8; j++) assertEquals(expect.getDouble(i, j), big.getDouble(i + 2, j), 0.0);
  }

  @Test
  void derivativeKernelGivesTheBitsOfNd4jsMulRsubMul() {
    SplittableRandom r = new SplittableRandom(8);
    int n = 67, d = 33;
    INDArray a = MlpTest.randn(r, DataType.FLOAT, n, d).muli(2.0);
    FloatTanh.biasTanhInPlace(a, Nd4j.zeros(DataType.FLOAT, 1, d)); // activations in [-1, 1], as in a layer
    a.putScalar(0, 0, 1f); a.putScalar(0, 1, -1f); a.putScalar(0, 2, 0f);
    INDArray da = MlpTest.randn(r, DataType.FLOAT, n, d);
    INDArray ref = da.dup().muli(a.mul(a).rsubi(1.0));
    FloatTanh.derivativeInPlace(da, a);
    for (long i = 0; i < da.length(); i++)
      assertEquals(Float.floatToIntBits(ref.getFloat(i)), Float.floatToIntBits(da.getFloat(i)), "element " + i + ": " + ref.getFloat(i) + " vs " + da.getFloat(i));
  }

  @Test
  void derivativeOnAViewKeepsTheNd4jPath() {
    INDArray big = Nd4j.rand(DataType.FLOAT, 10, 8), a = Nd4j.rand(DataType.FLOAT, 4, 8);
    INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6), org.nd4j.linalg.indexing.NDArrayIndex.all());
    INDArray expect = view.dup().muli(a.mul(a).rsubi(1.0));
    FloatTanh.derivativeInPlace(view, a);
    for (int i = 0; i < 4; i++) for (int j = 0; j < 8; j++) assertEquals(expect.getDouble(i, j), big.getDouble(i + 2, j), 0.0);
  }

  @Test
  void biasReadFromAViewIntoAFlatParameterVectorIsThatViewsValues() {
    SplittableRandom r = new SplittableRandom(9);
    INDArray flat = MlpTest.randn(r, DataType.FLOAT, 1, 50);
    INDArray bias = flat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(17, 29)).reshape('c', 1, 12);
    assertArrayEquals(bias.toFloatVector(), FloatTanh.biasValues(bias, 12));
    INDArray z = MlpTest.randn(r, DataType.FLOAT, 5, 12);
    INDArray ref = Transforms.tanh(z.dup().addiRowVector(bias), false);
    FloatTanh.biasTanhInPlace(z, bias);
    for (long i = 0; i < z.length(); i++) assertEquals(ref.getDouble(i), z.getDouble(i), TOL);
    INDArray column = MlpTest.randn(r, DataType.FLOAT, 12, 3).getColumn(1).reshape(1, 12); // strided: the copy path
    assertArrayEquals(column.toFloatVector(), FloatTanh.biasValues(column, 12));
  }
}
