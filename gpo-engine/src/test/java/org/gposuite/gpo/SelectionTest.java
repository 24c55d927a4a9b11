package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SelectionTest {
  // Three policies: returns 10, 30, 20. KL (row x, column y), asymmetric on purpose.
  static final double[] R = {10, 30, 20};
  static final double[][] KL = {
      {0, 1, 4},
      {2, 0, 0.5},
      {8, 3, 0}};

  static List<int[]> pairs(List<Selection.Couple> cs) {
    return cs.stream().map(c -> new int[] {c.x(), c.y()}).toList();
  }

  static void assertPairs(int[][] expected, List<Selection.Couple> got) {
    assertEquals(expected.length, got.size());
    for (int i = 0; i < expected.length; i++)
      assertArrayEquals(expected[i], new int[] {got.get(i).x(), got.get(i).y()}, "couple " + i + " of " + pairs(got).stream().map(java.util.Arrays::toString).toList());
  }

  @Test
  void performanceFitnessPicksHighestSumsWithSelfPairs() {
    // sums: (1,1)=60, (1,2)=(2,1)=50, (2,2)=40, (0,1)=(1,0)=40 ... ties broken by (x, y) ascending
    List<Selection.Couple> got = Selection.select(R, KL, new Selection.Rule(0.0, 4, true, true), null);
    assertPairs(new int[][] {{1, 1}, {1, 2}, {2, 1}, {0, 1}}, got);
    assertEquals(60, got.get(0).performance());
    assertEquals(1.0, got.get(0).fitness(), 1e-12); // the best candidate scales to 1
  }

  @Test
  void performanceFitnessWithoutSelfPairs() {
    assertPairs(new int[][] {{1, 2}, {2, 1}, {0, 1}}, Selection.select(R, KL, new Selection.Rule(0.0, 3, false, true), null));
  }

  @Test
  void diversityFitnessPicksLargestKl() {
    // KL off-diagonal: (2,0)=8, (0,2)=4, (2,1)=3, (1,0)=2, (0,1)=1, (1,2)=0.5
    assertPairs(new int[][] {{2, 0}, {0, 2}, {2, 1}}, Selection.select(R, KL, new Selection.Rule(1.0, 3, false, true), null));
  }

  @Test
  void mixedFitnessByHand() {
    // Candidates without self pairs. P: (0,1)=40 (0,2)=30 (1,0)=40 (1,2)=50 (2,0)=30 (2,1)=50 -> scaled (P-30)/20
    // D scaled (D-0.5)/7.5. w = 0.5:
    // (0,1): .5*.5 + .5*(0.5/7.5)=0.2833; (0,2): 0 + .5*(3.5/7.5)=0.2333; (1,0): .25+.5*(1.5/7.5)=0.35
    // (1,2): .5*1 + 0 = 0.5; (2,0): 0 + .5*1 = 0.5; (2,1): .5 + .5*(2.5/7.5)=0.6667
    List<Selection.Couple> got = Selection.select(R, KL, new Selection.Rule(0.5, 3, false, true), null);
    assertPairs(new int[][] {{2, 1}, {1, 2}, {2, 0}}, got);
    assertEquals(0.5 + 0.5 * (2.5 / 7.5), got.get(0).fitness(), 1e-12);
    // neither pure criterion gives this set
    assertNotEquals(pairs(Selection.select(R, KL, new Selection.Rule(0.0, 3, false, true), null)).stream().map(java.util.Arrays::toString).toList(),
        pairs(got).stream().map(java.util.Arrays::toString).toList());
  }

  @Test
  void withoutSelectionCouplesAreARandomSubsetOfTheSameCandidates() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 20; seed++) {
      List<Selection.Couple> a = Selection.select(R, KL, new Selection.Rule(0.0, 3, false, false), new SplittableRandom(seed));
      List<Selection.Couple> b = Selection.select(R, KL, new Selection.Rule(0.0, 3, false, false), new SplittableRandom(seed));
      assertEquals(pairs(a).stream().map(java.util.Arrays::toString).toList(), pairs(b).stream().map(java.util.Arrays::toString).toList());
      Set<String> distinct = new HashSet<>();
      for (Selection.Couple c : a) {
        assertNotEquals(c.x(), c.y());
        assertTrue(distinct.add(c.x() + "," + c.y()), "a random subset has no repeated couple");
        seen.add(c.x() + "," + c.y());
      }
    }
    assertEquals(6, seen.size(), "over 20 seeds every candidate couple appears");
  }

  @Test
  void badInputIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Selection.select(new double[] {1, Double.NaN, 2}, KL, new Selection.Rule(0, 2, true, true), null));
    assertTrue(e.getMessage().contains("policy 1"));
    assertThrows(IllegalArgumentException.class, () -> Selection.select(R, KL, new Selection.Rule(0, 10, false, true), null));
  }

  @Test
  void klMatrixMatchesAnIndependentComputation() {
    GaussianPolicy p = new GaussianPolicy(new GaussianPolicy.Architecture(3, 2, new int[] {8}, DataType.DOUBLE, false), 1, -0.3);
    GaussianPolicy q = new GaussianPolicy(new GaussianPolicy.Architecture(3, 2, new int[] {8}, DataType.DOUBLE, false), 2, 0.4);
    p.params().muli(30); // larger means so the mean term matters
    q.params().muli(30);
    p.logStd().assign(-0.3);
    q.logStd().assign(0.4);
    SplittableRandom r = new SplittableRandom(5);
    double[] s = new double[10 * 3];
    for (int i = 0; i < s.length; i++) s[i] = r.nextGaussian();
    INDArray states = Nd4j.createFromArray(s).reshape(10, 3);
    double[][] kl = Selection.klMatrix(List.of(p, q), states);
    double[] mp = new double[20], mq = new double[20];
    new StepInference(p).forward(s, 10, mp);
    new StepInference(q).forward(s, 10, mq);
    double sum = 0;
    for (int i = 0; i < 10; i++)
      for (int d = 0; d < 2; d++) {
        double sp = Math.exp(-0.3), sq = Math.exp(0.4), diff = mp[i * 2 + d] - mq[i * 2 + d];
        sum += Math.log(sq / sp) + (sp * sp + diff * diff) / (2 * sq * sq) - 0.5;
      }
    assertEquals(sum / 10, kl[0][1], 1e-9);
    assertEquals(0.0, kl[0][0]);
    assertTrue(kl[1][0] != kl[0][1], "KL is not symmetric");
  }
}
