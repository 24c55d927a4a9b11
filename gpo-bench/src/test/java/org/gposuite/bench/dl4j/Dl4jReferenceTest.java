package org.gposuite.bench.dl4j;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.gposuite.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our hand-written MLP equals DL4J's {@link MultiLayerNetwork} of the same architecture with the
 * same parameters copied in: outputs and every parameter gradient agree to a relative 1e-5 of the
 * array's largest magnitude (float32 sums in another order; DL4J and we both call OpenBLAS's sgemm,
 * our tanh is our own). Sizes: the paper's policy (64-64, Walker2d 21 -> 6), value (32-32 -> 1) and
 * binary pi_S (2x obs -> 64-64 -> 1 logit), at a PPO batch (2048) and a DAgger minibatch (64).
 */
class Dl4jReferenceTest {
  static final double TOL = 1e-5;

  @ParameterizedTest
  @CsvSource({"21, 64, 64, 6, 2048", "21, 64, 64, 6, 64", "21, 32, 32, 1, 2048", "42, 64, 64, 1, 64"})
  void forwardAndGradientsEqualDl4j(int in, int h1, int h2, int out, int rows) {
    int[] sizes = {in, h1, h2, out};
    long p = Mlp.numParams(sizes);
    INDArray params = Nd4j.create(DataType.FLOAT, 1, p), grads = Nd4j.create(DataType.FLOAT, 1, p);
    Mlp ours = new Mlp(sizes, params, grads);
    ours.initialize(new SplittableRandom(7), 1.0);
    // non-zero biases, so their path is checked too
    SplittableRandom r = new SplittableRandom(8);
    params.addi(Nd4j.createFromArray(randoms(r, (int) p, 0.05)).reshape(1, p).castTo(DataType.FLOAT));
    MultiLayerNetwork dl4j = Dl4jNets.mlp(sizes);
    Dl4jNets.copyFrom(dl4j, sizes, params);
    INDArray x = Nd4j.createFromArray(randoms(r, rows * in, 1.5)).reshape(rows, in).castTo(DataType.FLOAT);
    INDArray dOut = Nd4j.createFromArray(randoms(r, rows * out, 1.0 / rows)).reshape(rows, out).castTo(DataType.FLOAT);

    INDArray y = ours.forward(x).dup();
    ours.backward(dOut);
    INDArray yRef = dl4j.output(x);
    close(yRef, y, "output");
    Gradient g = Dl4jNets.forwardBackward(dl4j, x, dOut);
    INDArray gradRow = grads.reshape('c', 1, p);
    long off = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int a = sizes[l], b = sizes[l + 1];
      INDArray gw = gradRow.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + (long) a * b)).dup('c').reshape('c', a, b);
      off += (long) a * b;
      INDArray gb = gradRow.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.interval(off, off + b)).dup('c').reshape('c', 1, b);
      off += b;
      close(g.getGradientFor(l + "_W"), gw, "layer " + l + " dW");
      close(g.getGradientFor(l + "_b").reshape(1, b), gb, "layer " + l + " db");
    }
  }

  private static void close(INDArray ref, INDArray ours, String what) {
    assertArrayEquals(ref.shape(), ours.shape(), what + " shape");
    double scale = ref.amaxNumber().doubleValue();
    double diff = ref.castTo(DataType.DOUBLE).sub(ours.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    assertTrue(diff <= TOL * Math.max(scale, 1e-30), what + ": max |ours - DL4J| = " + diff + " against max |DL4J| = " + scale);
  }

  private static double[] randoms(SplittableRandom r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = scale * r.nextGaussian();
    return v;
  }
}
