package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworkInputTest {

  /** A normaliser that has seen x = 1, 3 in dimension 0 and 10, 10 in dimension 1: means 2 and 10, variances 1 and 0. */
  private static ObsNormalizer fitted() {
    ObsNormalizer n = new ObsNormalizer(2, true);
    n.update(new double[] {1, 10, 3, 10}, 2);
    return n;
  }

  @Test
  void normalisesByHandCheckedStatisticsIntoABufferKeptPerRowCount() {
    NetworkInput input = new NetworkInput("Net", 2, DataType.DOUBLE, fitted());
    INDArray raw = Nd4j.createFromArray(new double[][] {{4, 10}, {2, 11}});
    INDArray a = input.normalizedInBuffer("f", raw);
    // (4 - 2) / 1 = 2; (10 - 10) / sqrt(1e-8) = 0; (2 - 2) = 0; (11 - 10) / 1e-4 = 1e4, clipped to 10
    assertEquals(2.0, a.getDouble(0, 0), 1e-6);
    assertEquals(0.0, a.getDouble(0, 1), 1e-12);
    assertEquals(0.0, a.getDouble(1, 0), 1e-12);
    assertEquals(ObsNormalizer.CLIP, a.getDouble(1, 1), 0);
    assertSame(a, input.normalizedInBuffer("f", raw), "two rows again: the same buffer");
    assertNotSame(a, input.normalizedInBuffer("f", raw.getRow(0).reshape(1, 2)), "one row: a buffer of its own");
    INDArray copy = input.normalizedCopy("g", raw);
    assertNotSame(a, copy);
    assertEquals(a, copy, "the copy holds what the buffer holds");
  }

  @Test
  void aBatchOfTheWrongShapeNamesTheNetworkAndItsEntryPoint() {
    NetworkInput input = new NetworkInput("ValueFunction", 2, DataType.FLOAT, new ObsNormalizer(2, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> input.normalizedCopy("fit", Nd4j.create(DataType.FLOAT, 4, 3)));
    assertEquals("ValueFunction.fit: expected observations [n, 2], got [4, 3]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> input.checked("predict", Nd4j.create(DataType.FLOAT, 2)));
  }

  @Test
  void aNormaliserOfAnotherWidthIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new NetworkInput("BinaryPolicy", 3, DataType.FLOAT, new ObsNormalizer(2, true)));
    assertEquals("BinaryPolicy: normaliser dim 2 != obsDim 3", e.getMessage());
  }
}
