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
      GaussianPolicy p = new GaussianPolicy(od, ad, GaussianPolicy.PAPER_HIDDEN, DataType.FLOAT, 100 + i, -0.5 + 0.1 * i, true);
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
}
