package org.gposuite.nn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ObsNormalizerRestoreTest {
  final SplittableRandom r = new SplittableRandom(11);

  double[] obs(int rows, int dim, double shift) {
    double[] o = new double[rows * dim];
    for (int i = 0; i < o.length; i++) o[i] = shift + 3 * r.nextGaussian();
    return o;
  }

  @Test
  void restoredNormaliserGivesTheSameBitsAndContinuesTheSame() {
    ObsNormalizer a = new ObsNormalizer(4, true);
    a.update(obs(50, 4, 2), 50);
    a.update(obs(7, 4, -1), 7);
    ObsNormalizer b = new ObsNormalizer(4, true);
    long v = b.version();
    b.restore(a.mean(), a.variance(), a.count());
    assertNotEquals(v, b.version());
    assertArrayEquals(a.mean(), b.mean());
    assertArrayEquals(a.variance(), b.variance());
    assertEquals(a.count(), b.count());
    INDArray x = Nd4j.createFromArray(obs(9, 4, 0)).reshape(9, 4).castTo(DataType.FLOAT);
    assertEquals(a.normalizeInto(x, Nd4j.create(DataType.FLOAT, 9, 4)), b.normalizeInto(x, Nd4j.create(DataType.FLOAT, 9, 4)));
    // the same later update on both keeps them equal to the bit
    double[] more = obs(13, 4, 5);
    a.update(more, 13);
    b.update(more, 13);
    assertArrayEquals(a.mean(), b.mean());
    assertArrayEquals(a.variance(), b.variance());
    for (int j = 0; j < 4; j++) assertEquals(a.normalize(1.25, j), b.normalize(1.25, j));
  }

  @Test
  void restoreCopiesItsInputs() {
    ObsNormalizer n = new ObsNormalizer(2, true);
    double[] m = {1, 2}, s = {3, 4};
    n.restore(m, s, 10);
    m[0] = 99;
    s[0] = 99;
    assertArrayEquals(new double[] {1, 2}, n.mean());
    assertArrayEquals(new double[] {3, 4}, n.variance());
  }

  @Test
  void badStatisticsAreRejectedAndLeaveTheNormaliserUnchanged() {
    ObsNormalizer n = new ObsNormalizer(2, true);
    n.update(new double[] {1, 2, 3, 5}, 2);
    double[] m = n.mean(), s = n.variance();
    double c = n.count();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.restore(new double[3], new double[] {1, 1}, 1));
    assertTrue(e.getMessage().contains("length 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> n.restore(new double[2], new double[] {1, -1}, 1));
    assertThrows(IllegalArgumentException.class, () -> n.restore(new double[] {Double.NaN, 0}, new double[] {1, 1}, 1));
    assertThrows(IllegalArgumentException.class, () -> n.restore(new double[2], new double[] {1, 1}, -1));
    assertArrayEquals(m, n.mean());
    assertArrayEquals(s, n.variance());
    assertEquals(c, n.count());
  }
}
