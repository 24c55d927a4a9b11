package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.gposuite.nn.MlpTest;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The direct OpenBLAS gemm against nd4j's gemm, on the shapes and views the MLPs use. */
class BlasTest {
  private static void check(INDArray a, INDArray b, boolean ta, boolean tb, boolean sameBits) {
    INDArray ref = Nd4j.gemm(a, b, ta, tb);
    long m = ref.size(0), n = ref.size(1);
    INDArray c = Nd4j.create(a.dataType(), m, n).assign(Double.NaN); // overwritten, not accumulated into
    Blas.gemm(a, b, c, ta, tb);
    for (long i = 0; i < c.length(); i++) {
      if (sameBits) assertEquals(ref.getDouble(i), c.getDouble(i), 0.0, "element " + i);
      else assertEquals(ref.getDouble(i), c.getDouble(i), 1e-5 * (1 + Math.abs(ref.getDouble(i))), "element " + i);
    }
  }

  @Test
  void allFourTranspositionsMatchNd4jBitForBit() {
    SplittableRandom r = new SplittableRandom(3);
    for (DataType t : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
      INDArray x = MlpTest.randn(r, t, 37, 17), w = MlpTest.randn(r, t, 17, 9), y = MlpTest.randn(r, t, 37, 9);
      check(x, w, false, false, true);          // forward
      check(x, y, true, false, true);           // weight gradient
      check(y, w, false, true, true);           // input gradient
      check(w, x, true, true, true);
    }
  }

  @Test
  void oneColumnProductsAgreeWithinRounding() {
    SplittableRandom r = new SplittableRandom(4);
    INDArray h = MlpTest.randn(r, DataType.FLOAT, 2048, 32), w = MlpTest.randn(r, DataType.FLOAT, 32, 1);
    check(h, w, false, false, false); // nd4j takes another route for a single column
  }

  @Test
  void viewsIntoAFlatParameterVectorAndRowRangesUseTheirOwnElements() {
    SplittableRandom r = new SplittableRandom(5);
    INDArray flat = MlpTest.randn(r, DataType.FLOAT, 1, 100);
    // a weight matrix at offset 13 of a flat vector, as the MLPs lay them out
    INDArray w = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(13, 13 + 6 * 4)).reshape('c', 6, 4);
    INDArray rows = MlpTest.randn(r, DataType.FLOAT, 20, 6).get(NDArrayIndex.interval(5, 12), NDArrayIndex.all());
    check(rows, w, false, false, true);
    INDArray gw = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(40, 40 + 6 * 4)).reshape('c', 6, 4);
    INDArray before = flat.dup();
    INDArray dz = MlpTest.randn(r, DataType.FLOAT, 7, 4);
    Blas.gemm(rows, dz, gw, true, false);
    assertEquals(Nd4j.gemm(rows, dz, true, false), gw);
    for (int i = 0; i < 100; i++) if (i < 40 || i >= 64) assertEquals(before.getFloat(0, i), flat.getFloat(0, i), 0f, "outside the view: " + i);
  }

  @Test
  void stridedArraysFallBackToNd4j() {
    SplittableRandom r = new SplittableRandom(6);
    INDArray big = MlpTest.randn(r, DataType.FLOAT, 8, 10);
    INDArray cols = big.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 7)); // rows not contiguous
    check(cols, MlpTest.randn(r, DataType.FLOAT, 5, 3), false, false, true);
  }

  @Test
  void mismatchedShapesAreRejected() {
    INDArray a = Nd4j.create(DataType.FLOAT, 4, 3), b = Nd4j.create(DataType.FLOAT, 4, 2), c = Nd4j.create(DataType.FLOAT, 4, 2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Blas.gemm(a, b, c, false, false));
    assertTrue(e.getMessage().contains("shapes"), e.getMessage());
  }
}
