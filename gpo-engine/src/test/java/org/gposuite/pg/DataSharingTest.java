package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link DataSharing#neighbours} (means computed once per policy) decides exactly as the pairwise reference. */
class DataSharingTest {
  @Test
  void neighboursEqualThePairwiseReferenceAtEveryThresholdBetweenTheKls() {
    int m = 5, od = 7, ad = 3;
    List<GaussianPolicy> pis = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < m; i++) {
      GaussianPolicy.Architecture shape = new GaussianPolicy.Architecture(od, ad, GaussianPolicy.PAPER_HIDDEN, DataType.FLOAT, true);
      GaussianPolicy p = new GaussianPolicy(shape, 100 + i, -0.5 + 0.1 * i);
      p.params().addi(Nd4j.rand(DataType.FLOAT, p.params().shape()).subi(0.5).muli(0.2)); // policies apart
      pis.add(p);
    }
    double[] s = new double[300 * od];
    for (int k = 0; k < s.length; k++) s[k] = r.nextGaussian();
    for (GaussianPolicy p : pis) p.normalizer().update(s, 300);
    INDArray pooled = Nd4j.createFromArray(s).reshape(300, od).castTo(DataType.FLOAT);
    // one pooled array for all (GPO's case) and one array per policy
    List<List<INDArray>> statesCases = List.of(java.util.Collections.nCopies(m, pooled), perPolicy(pooled, m));
    for (List<INDArray> states : statesCases) {
      List<Double> thresholds = new ArrayList<>(List.of(0.0, 1e9));
      for (int i = 0; i < m; i++)
        for (int j = 0; j < m; j++)
          if (i != j) {
            double kl = DataSharing.meanKl(pis.get(i), pis.get(j), states.get(i));
            thresholds.add(kl);                 // strict: excluded only if the KL has the very same bits
            thresholds.add(Math.nextUp(kl));
          }
      for (double eps : thresholds)
        assertEquals(DataSharing.neighboursPairwise(pis, states, eps), DataSharing.neighbours(pis, states, eps), "epsilon " + eps);
    }
  }

  private static List<INDArray> perPolicy(INDArray pooled, int m) {
    List<INDArray> out = new ArrayList<>();
    for (int i = 0; i < m; i++) out.add(pooled.dup().muli(1 + 0.1 * i));
    return out;
  }

  /**
   * What a shared batch looks like to the policy about to use it, against independent computations:
   * the KL by Monte Carlo (actions drawn from pi_i, log-density ratio averaged), the weights by
   * nd4j's density ratio and the textbook ESS formula; and a policy's own fresh batch is exactly
   * on-policy.
   */
  @Test
  void sharedBatchStatsMatchMonteCarloKlAndTheTextbookEss() {
    GaussianPolicy mine = SurrogateTest.policy(DataType.DOUBLE, 7), theirs = SurrogateTest.policy(DataType.DOUBLE, 8);
    theirs.params().addi(org.gposuite.nn.MlpTest.randn(new SplittableRandom(3), DataType.DOUBLE, 1, (int) theirs.params().length()).muli(0.4));
    Batch own = SurrogateTest.collect(mine, 70, 64), other = SurrogateTest.collect(theirs, 80, 64);

    DataSharing.SharedBatchStats self = DataSharing.measure(mine, own);
    assertEquals(0.0, self.kl(), 1e-12);
    assertEquals(1.0, self.essFraction(), 1e-12);
    assertEquals(1.0, self.maxWeight(), 1e-12);

    DataSharing.SharedBatchStats seen = DataSharing.measure(mine, other);
    INDArray mu = mine.mean(other.obs()).dup();
    double[] ls = mine.logStdValues();
    SplittableRandom r = new SplittableRandom(5);
    double mc = 0;
    int draws = 4000, d = mine.actDim();
    for (int row = 0; row < other.size(); row++)
      for (int k = 0; k < draws; k++) {
        double lp = 0, lq = 0;
        for (int a = 0; a < d; a++) {
          double x = mu.getDouble(row, a) + Math.exp(ls[a]) * r.nextGaussian();
          double zp = (x - mu.getDouble(row, a)) / Math.exp(ls[a]);
          double sq = other.oldLogStd().getDouble(0, a), zq = (x - other.oldMean().getDouble(row, a)) / Math.exp(sq);
          lp += -0.5 * zp * zp - ls[a];
          lq += -0.5 * zq * zq - sq;
        }
        mc += (lp - lq) / draws;
      }
    mc /= other.size();
    assertTrue(seen.kl() > 0.05, "the other policy's batch should be off-policy, KL " + seen.kl());
    assertEquals(mc, seen.kl(), 0.02 * seen.kl() + 1e-3, "closed form against Monte Carlo");

    INDArray w = Surrogate.importanceWeights(mine, other);
    double sum = 0, sumSq = 0, max = 0;
    for (int row = 0; row < other.size(); row++) {
      double x = w.getDouble(row, 0);
      sum += x;
      sumSq += x * x;
      max = Math.max(max, x);
    }
    assertEquals(sum * sum / (other.size() * sumSq), seen.essFraction(), 1e-9);
    assertEquals(max, seen.maxWeight(), 1e-9 * max);
    assertTrue(seen.essFraction() < 0.999, "off-policy weights are unequal: ESS/n " + seen.essFraction());
  }
}
