package org.gposuite.reproduce.visitation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fig. 3b's separation measure on hand-worked cases, on one distribution and on disjoint clouds. */
class KnnSeparationTest {

  static List<double[]> line(double... xs) {
    return java.util.Arrays.stream(xs).mapToObj(x -> new double[] {x}).toList();
  }

  /**
   * a = {0, 2.1}, b = {1, 3.3} on a line. k = 1: 0 -> 1 (b), 2.1 -> 1 (b, 1.1 < 1.2), 1 -> 0 (a), 3.3 -> 2.1 (a):
   * T = 0. T0 = (2 + 2) / (4 x 3) = 1/3, so separation = (0 - 1/3) / (2/3) = -1/2 (more mixed than chance).
   * k = 2: 0 -> {1 b, 2.1 a}: 1 same; 2.1 -> {1 b, 3.3 b}: 0; 1 -> {0 a, 2.1 a}: 0; 3.3 -> {2.1 a, 1 b}: 1.
   * T = 2/8, separation = (1/4 - 1/3) / (2/3) = -1/8.
   */
  @Test
  void handWorkedLine() {
    KnnSeparation.Result k1 = KnnSeparation.of(line(0, 2.1), line(1, 3.3), 1);
    assertEquals(0, k1.sameFraction(), 0.0);
    assertEquals(1 / 3.0, k1.nullFraction(), 1e-15);
    assertEquals(-0.5, k1.separation(), 1e-12);
    KnnSeparation.Result k2 = KnnSeparation.of(line(0, 2.1), line(1, 3.3), 2);
    assertEquals(0.25, k2.sameFraction(), 0.0);
    assertEquals(-0.125, k2.separation(), 1e-12);
  }

  /** Unequal sizes: a = {0, 1, 2}, b = {10}, k = 1: a's points find a's, 10 finds 2 (a). T = 3/4, T0 = 6/12. */
  @Test
  void handWorkedUnequalSizes() {
    KnnSeparation.Result r = KnnSeparation.of(line(0, 1, 2), line(10), 1);
    assertEquals(0.75, r.sameFraction(), 0.0);
    assertEquals(0.5, r.nullFraction(), 1e-15);
    assertEquals(0.5, r.separation(), 1e-12);
  }

  /** Ties go to the earlier point in pool order (a's before b's): 1 is equidistant from 0 (a) and 2 (b). */
  @Test
  void tiesGoToTheEarlierPoint() {
    // Pool: 0 (a), 5 (a), 2 (b), 1 (b). The point 1 has 0 and 2 at distance 1: 0 comes first, so its neighbour is a's.
    KnnSeparation.Result r = KnnSeparation.of(line(0, 5), line(2, 1), 1);
    // 0 -> 1 (b); 5 -> 2 (b); 2 -> 1 (b, same); 1 -> 0 (a, the tie's earlier point). Same: 1 of 4.
    assertEquals(0.25, r.sameFraction(), 0.0);
  }

  static List<double[]> cloud(int n, int d, double offset, SplittableRandom rng) {
    return TsneTest.gaussian(n, d, offset, rng);
  }

  @Test
  void oneDistributionReadsNearZeroDisjointCloudsReadOne() {
    SplittableRandom rng = new SplittableRandom(41);
    List<double[]> a = cloud(500, 20, 0, rng), b = cloud(500, 20, 0, rng);
    double same = KnnSeparation.of(a, b, KnnSeparation.K).separation();
    assertEquals(0, same, 0.06, "two samples of one 20-D Gaussian");
    assertEquals(1, KnnSeparation.of(a, cloud(500, 20, 50, rng), KnnSeparation.K).separation(), 0.0, "50 sd apart: no shared neighbour");
    double partial = KnnSeparation.of(a, cloud(500, 20, 2, rng), KnnSeparation.K).separation();
    assertTrue(partial > same + 0.2 && partial < 0.95, "2 sd apart: in between, " + partial);
    assertEquals(KnnSeparation.of(a, b, 5).separation(), KnnSeparation.of(b, a, 5).separation(), 1e-12, "symmetric");
  }

  @Test
  void rejectsEmptyCloudsAndTooLargeK() {
    assertThrows(IllegalArgumentException.class, () -> KnnSeparation.of(List.of(), line(1), 1));
    assertThrows(IllegalArgumentException.class, () -> KnnSeparation.of(line(0), line(1), 2));
  }
}
