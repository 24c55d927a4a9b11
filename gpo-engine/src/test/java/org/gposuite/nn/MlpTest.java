package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

public class MlpTest {
  public static INDArray randn(SplittableRandom r, DataType t, int rows, int cols) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
    return Nd4j.createFromArray(v).reshape(rows, cols).castTo(t);
  }

  /** Plain-Java reference forward from the flat parameter vector. */
  static double[][] referenceForward(int[] sizes, double[] p, double[][] x) {
    double[][] a = x;
    int off = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l], out = sizes[l + 1];
      double[][] z = new double[a.length][out];
      for (int r = 0; r < a.length; r++)
        for (int o = 0; o < out; o++) {
          double s = p[off + in * out + o];
          for (int i = 0; i < in; i++) s += a[r][i] * p[off + i * out + o];
          z[r][o] = l + 2 < sizes.length ? Math.tanh(s) : s;
        }
      off += in * out + out;
      a = z;
    }
    return a;
  }

  @Test
  void forwardMatchesPlainJavaReference() {
    int[] sizes = {5, 7, 6, 3};
    long p = Mlp.numParams(sizes);
    INDArray params = Nd4j.create(DataType.DOUBLE, 1, p), grads = Nd4j.create(DataType.DOUBLE, 1, p);
    Mlp mlp = new Mlp(sizes, params, grads);
    SplittableRandom r = new SplittableRandom(1);
    params.assign(randn(r, DataType.DOUBLE, 1, (int) p));
    INDArray x = randn(r, DataType.DOUBLE, 4, 5);
    INDArray out = mlp.forward(x);
    double[][] ref = referenceForward(sizes, params.toDoubleVector(), x.toDoubleMatrix());
    for (int i = 0; i < 4; i++) for (int j = 0; j < 3; j++) assertEquals(ref[i][j], out.getDouble(i, j), 1e-12);
  }

  @Test
  void backwardMatchesFiniteDifferences() {
    int[] sizes = {4, 6, 5, 2};
    long p = Mlp.numParams(sizes);
    INDArray params = Nd4j.create(DataType.DOUBLE, 1, p), grads = Nd4j.create(DataType.DOUBLE, 1, p);
    Mlp mlp = new Mlp(sizes, params, grads);
    SplittableRandom r = new SplittableRandom(2);
    mlp.initialize(r, 1.0);
    params.addi(randn(r, DataType.DOUBLE, 1, (int) p).muli(0.1)); // non-zero biases too
    INDArray x = randn(r, DataType.DOUBLE, 3, 4);
    INDArray c = randn(r, DataType.DOUBLE, 3, 2); // loss = sum(c * out)
    mlp.forward(x);
    mlp.backward(c);
    double[] analytic = grads.toDoubleVector();
    double h = 1e-6;
    for (int k = 0; k < p; k++) {
      double old = params.getDouble(k);
      params.putScalar(k, old + h);
      double lp = mlp.forward(x).mul(c).sumNumber().doubleValue();
      params.putScalar(k, old - h);
      double lm = mlp.forward(x).mul(c).sumNumber().doubleValue();
      params.putScalar(k, old);
      assertEquals((lp - lm) / (2 * h), analytic[k], 1e-7, "param " + k);
    }
  }

  @Test
  void sameSeedSameInitBitsAndViewsWriteThrough() {
    int[] sizes = {17, 64, 64, 6};
    long p = Mlp.numParams(sizes);
    INDArray p1 = Nd4j.create(DataType.FLOAT, 1, p), p2 = Nd4j.create(DataType.FLOAT, 1, p);
    new Mlp(sizes, p1, Nd4j.create(DataType.FLOAT, 1, p)).initialize(new SplittableRandom(7), 0.01);
    new Mlp(sizes, p2, Nd4j.create(DataType.FLOAT, 1, p)).initialize(new SplittableRandom(7), 0.01);
    assertArrayEquals(p1.toFloatVector(), p2.toFloatVector());
    INDArray p3 = Nd4j.create(DataType.FLOAT, 1, p);
    new Mlp(sizes, p3, Nd4j.create(DataType.FLOAT, 1, p)).initialize(new SplittableRandom(8), 0.01);
    assertFalse(java.util.Arrays.equals(p1.toFloatVector(), p3.toFloatVector()));
    assertNotEquals(0.0, p1.norm2Number().doubleValue());
  }

  @Test
  void rejectsWrongInput() {
    int[] sizes = {3, 4, 2};
    long p = Mlp.numParams(sizes);
    Mlp mlp = new Mlp(sizes, Nd4j.create(DataType.FLOAT, 1, p), Nd4j.create(DataType.FLOAT, 1, p));
    assertThrows(IllegalArgumentException.class, () -> mlp.forward(Nd4j.create(DataType.FLOAT, 2, 5)));
    assertThrows(IllegalArgumentException.class, () -> mlp.forward(Nd4j.create(DataType.DOUBLE, 2, 3)));
  }
}
