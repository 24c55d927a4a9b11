package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.AdamOptimizer;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.ObsNormalizer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The buffered/Java-math training loops of crossover ({@link Dagger#train}, the prepared pi_S epoch)
 * against their all-nd4j references ({@link DaggerReference#train}, {@link BinaryPolicyTrainingReference#epoch}):
 * same start, same shuffle seed, so the same minibatches; in DOUBLE the two must agree to rounding,
 * in FLOAT (what GPO runs) to float rounding amplified by a few dozen Adam steps.
 */
class CrossoverFastPathTest {
  static final int OBS = 5, ACT = 3, N = 203; // 203 = 3 full minibatches of 64 + a partial one of 11

  static INDArray gaussian(SplittableRandom r, int rows, int cols, double shift, double scale, DataType t) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) v[i] = shift + scale * r.nextGaussian();
    return Nd4j.createFromArray(v).reshape(rows, cols).castTo(t);
  }

  void daggerPathsAgree(DataType t, double tol) {
    SplittableRandom r = new SplittableRandom(3);
    INDArray obs = gaussian(r, N, OBS, 1, 2, t), mean = gaussian(r, N, ACT, 0, 1, t), logStd = gaussian(r, N, ACT, -0.5, 0.3, t);
    GaussianPolicy a = new GaussianPolicy(new GaussianPolicy.Architecture(OBS, ACT, new int[] {8, 8}, t, true), 5, -0.2);
    a.normalizer().update(obs.castTo(DataType.DOUBLE).reshape(obs.length()).toDoubleVector(), N);
    GaussianPolicy b = a.copy();
    assertEquals(a.params(), b.params());
    double[] start = a.params().castTo(DataType.DOUBLE).toDoubleVector();
    AdamOptimizer oa = new AdamOptimizer(a.params(), a.grads(), 1e-3), ob = new AdamOptimizer(b.params(), b.grads(), 1e-3);
    Dagger.train(a, new Dagger.Labelled(obs, mean, logStd), 3, 64, oa, new SplittableRandom(9));
    DaggerReference.train(b, new Dagger.Labelled(obs, mean, logStd), 3, 64, ob, new SplittableRandom(9));
    assertEquals(12, oa.iterations());
    assertEquals(oa.iterations(), ob.iterations());
    double[] pa = a.params().castTo(DataType.DOUBLE).toDoubleVector(), pb = b.params().castTo(DataType.DOUBLE).toDoubleVector();
    double moved = 0;
    for (int k = 0; k < pa.length; k++) {
      assertEquals(pb[k], pa[k], tol, "param " + k);
      moved = Math.max(moved, Math.abs(pa[k] - start[k]));
    }
    assertTrue(moved > 100 * tol, "training moved the parameters by only " + moved + "; the comparison would be empty");
  }

  @Test
  void daggerTrainMatchesTheNd4jPathInDouble() { daggerPathsAgree(DataType.DOUBLE, 1e-10); }

  @Test
  void daggerTrainMatchesTheNd4jPathInFloat() { daggerPathsAgree(DataType.FLOAT, 1e-5); }

  void pisPathsAgree(DataType t, double tolParam, double tolLoss) {
    SplittableRandom r = new SplittableRandom(4);
    List<Trajectories.Trajectory> x = new ArrayList<>(), y = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      float[][] s = new float[40 + k][OBS];
      for (float[] row : s) for (int j = 0; j < OBS; j++) row[j] = (float) (r.nextGaussian() + (k % 2 == 0 ? 1 : -1));
      (k % 2 == 0 ? x : y).add(new Trajectories.Trajectory(s, r.nextDouble() * 100));
    }
    BinaryPolicyTraining.Data d = BinaryPolicyTraining.data(x, y, 0.6);
    INDArray states = d.states().castTo(t);
    BinaryPolicyTraining.Data dt = new BinaryPolicyTraining.Data(states, d.oneHot().castTo(t), d.weights().castTo(t), d.keptX(), d.keptY(), d.poolSize());
    ObsNormalizer na = new ObsNormalizer(OBS, true), nb = new ObsNormalizer(OBS, true);
    na.update(states.castTo(DataType.DOUBLE).reshape(states.length()).toDoubleVector(), d.size());
    nb.copyFrom(na);
    BinaryPolicy a = new BinaryPolicy(OBS, new int[] {6, 6}, t, 7, na), b = new BinaryPolicy(OBS, new int[] {6, 6}, t, 7, nb);
    AdamOptimizer oa = new AdamOptimizer(a.params(), a.grads(), 1e-3), ob = new AdamOptimizer(b.params(), b.grads(), 1e-3);
    BinaryPolicyTraining.Prepared p = BinaryPolicyTraining.prepare(a, dt, 16);
    assertTrue(d.size() % 16 != 0, "the data should end in a partial minibatch");
    int[] ia = identity(d.size()), ib = identity(d.size());
    SplittableRandom ra = new SplittableRandom(2), rb = new SplittableRandom(2);
    for (int e = 0; e < 3; e++) {
      double la = BinaryPolicyTraining.epoch(a, oa, p, ia, ra), lb = BinaryPolicyTrainingReference.epoch(b, ob, dt, ib, 16, rb);
      assertEquals(lb, la, tolLoss, "epoch " + e);
      assertArrayEquals(ib, ia);
    }
    double[] pa = a.params().castTo(DataType.DOUBLE).toDoubleVector(), pb = b.params().castTo(DataType.DOUBLE).toDoubleVector();
    for (int k = 0; k < pa.length; k++) assertEquals(pb[k], pa[k], tolParam, "param " + k);
  }

  static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    return idx;
  }

  @Test
  void pisEpochMatchesTheNd4jPathInDouble() { pisPathsAgree(DataType.DOUBLE, 1e-10, 1e-12); }

  @Test
  void pisEpochMatchesTheNd4jPathInFloat() { pisPathsAgree(DataType.FLOAT, 1e-5, 1e-5); }
}
