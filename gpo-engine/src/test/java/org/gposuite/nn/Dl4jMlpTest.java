package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's network ({@link Dl4jMlp}) equals our hand-written {@link Mlp} on the same flat parameters:
 * outputs and every parameter gradient agree to a relative 1e-5 of the array's largest magnitude
 * (float32 sums in another order; both call OpenBLAS's sgemm, our tanh is our own). Sizes: the
 * paper's policy (64-64, Walker2d 21 -> 6), value (32-32 -> 1) and parent-choice pi_S (32-32 -> 2),
 * at a PPO batch (2048) and a DAgger / pi_S minibatch (64).
 */
class Dl4jMlpTest {
  static final double TOL = 1e-5;

  @ParameterizedTest
  @CsvSource({"21, 64, 64, 6, 2048", "21, 64, 64, 6, 64", "21, 32, 32, 1, 2048", "11, 32, 32, 2, 64"})
  void forwardAndGradientsEqualOurs(int in, int h1, int h2, int out, int rows) {
    int[] sizes = {in, h1, h2, out};
    long p = Mlp.numParams(sizes);
    SplittableRandom r = new SplittableRandom(8);
    INDArray params = Nd4j.create(DataType.FLOAT, 1, p);
    INDArray oursGrads = Nd4j.create(DataType.FLOAT, 1, p), dl4jGrads = Nd4j.create(DataType.FLOAT, 1, p);
    Mlp ours = new Mlp(sizes, params, oursGrads);
    Dl4jMlp dl4j = new Dl4jMlp(sizes, params, dl4jGrads); // the same parameter vector
    ours.initialize(new SplittableRandom(7), 1.0);
    params.addi(MlpTest.randn(r, DataType.FLOAT, 1, (int) p).muli(0.05)); // non-zero biases, so their path is checked too
    INDArray x = MlpTest.randn(r, DataType.FLOAT, rows, in).muli(1.5);
    INDArray dOut = MlpTest.randn(r, DataType.FLOAT, rows, out).divi(rows);
    INDArray dOutBefore = dOut.dup();

    close(ours.forward(x).dup(), dl4j.forward(x), "output");
    ours.forward(x);
    ours.backward(dOut);
    dl4j.forward(x);
    dl4j.backward(dOut);
    assertEquals(dOutBefore, dOut, "backward leaves dOut as it was");
    INDArray[] gw = Mlp.weights(sizes, oursGrads), gb = Mlp.biases(sizes, oursGrads);
    INDArray[] dw = Mlp.weights(sizes, dl4jGrads), db = Mlp.biases(sizes, dl4jGrads);
    for (int l = 0; l + 1 < sizes.length; l++) {
      close(gw[l], dw[l], "layer " + l + " dW");
      close(gb[l], db[l], "layer " + l + " db");
    }
  }

  @Test
  void readsTheCurrentParametersAtEveryForwardAndInitialisesAsOurs() {
    int[] sizes = {5, 8, 3};
    long p = Mlp.numParams(sizes);
    INDArray a = Nd4j.create(DataType.FLOAT, 1, p), b = Nd4j.create(DataType.FLOAT, 1, p);
    new Mlp(sizes, a, Nd4j.create(DataType.FLOAT, 1, p)).initialize(new SplittableRandom(3), 0.01);
    Dl4jMlp dl4j = new Dl4jMlp(sizes, b, Nd4j.create(DataType.FLOAT, 1, p));
    dl4j.initialize(new SplittableRandom(3), 0.01);
    assertEquals(a, b, "the same draws from the same Java RNG: the same parameter bits");
    INDArray x = MlpTest.randn(new SplittableRandom(4), DataType.FLOAT, 4, 5);
    INDArray before = dl4j.forward(x).dup();
    b.muli(2); // the optimiser's step, on our flat vector
    assertNotEquals(before, dl4j.forward(x), "the next forward sees the changed parameters");
  }

  @Test
  void doubleNetworksAgreeToDoublePrecision() {
    int[] sizes = {4, 6, 5, 2};
    long p = Mlp.numParams(sizes);
    SplittableRandom r = new SplittableRandom(2);
    INDArray params = MlpTest.randn(r, DataType.DOUBLE, 1, (int) p).muli(0.5);
    INDArray g1 = Nd4j.create(DataType.DOUBLE, 1, p), g2 = Nd4j.create(DataType.DOUBLE, 1, p);
    Mlp ours = new Mlp(sizes, params, g1);
    Dl4jMlp dl4j = new Dl4jMlp(sizes, params, g2);
    INDArray x = MlpTest.randn(r, DataType.DOUBLE, 3, 4), dOut = MlpTest.randn(r, DataType.DOUBLE, 3, 2);
    INDArray y = dl4j.forward(x);
    assertEquals(0, y.sub(ours.forward(x)).amaxNumber().doubleValue(), 1e-12);
    ours.backward(dOut);
    dl4j.backward(dOut);
    assertEquals(0, g1.sub(g2).amaxNumber().doubleValue(), 1e-12);
  }

  static void close(INDArray ref, INDArray got, String what) {
    assertArrayEquals(ref.shape(), got.shape(), what + " shape");
    double scale = ref.amaxNumber().doubleValue();
    double diff = ref.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(diff <= TOL * Math.max(scale, 1e-30), what + ": max |DL4J - ours| = " + diff + " against max |ours| = " + scale);
  }
}
