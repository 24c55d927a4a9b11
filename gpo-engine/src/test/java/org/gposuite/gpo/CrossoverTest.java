package org.gposuite.gpo;

import org.gposuite.testing.PointMassEnv;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.BinaryPolicy;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.Mlp;
import org.gposuite.pg.VectorEnv;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CrossoverTest {

  /** n trajectories of length len, states uniform in the box [x0, x1] x [-1, 1], return ret. */
  static List<Trajectories.Trajectory> region(double x0, double x1, int n, int len, double ret, SplittableRandom r) {
    List<Trajectories.Trajectory> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      float[][] s = new float[len][];
      for (int t = 0; t < len; t++) s[t] = new float[] {(float) (x0 + (x1 - x0) * r.nextDouble()), (float) (2 * r.nextDouble() - 1)};
      out.add(new Trajectories.Trajectory(s, ret));
    }
    return out;
  }

  @Test
  void topFractionAndWeightsFollowTheDocumentedNormalisation() {
    SplittableRandom r = new SplittableRandom(1);
    // x: returns 10 (len 2), 0 (len 3); y: 5 (len 4), 8 (len 1), -2 (len 2). Pool of 5, keep ceil(0.6 * 5) = 3: 10(x), 8(y), 5(y).
    List<Trajectories.Trajectory> x = new ArrayList<>(), y = new ArrayList<>();
    x.addAll(region(0, 1, 1, 2, 10, r));
    x.addAll(region(0, 1, 1, 3, 0, r));
    y.addAll(region(0, 1, 1, 4, 5, r));
    y.addAll(region(0, 1, 1, 1, 8, r));
    y.addAll(region(0, 1, 1, 2, -2, r));
    BinaryPolicyTraining.Data d = BinaryPolicyTraining.data(x, y, 0.6);
    assertEquals(1, d.keptX());
    assertEquals(2, d.keptY());
    assertEquals(5, d.poolSize());
    assertEquals(2 + 1 + 4, d.size());
    // u = R - Rmin(-2): 12, 10, 7; state-weighted mean u = (12*2 + 10*1 + 7*4) / 7
    double uMean = (12 * 2 + 10 + 7 * 4) / 7.0;
    float[] w = d.weights().reshape(d.size()).toFloatVector();
    float[][] oh = d.oneHot().toFloatMatrix();
    double[] expectedW = {12 / uMean, 12 / uMean, 10 / uMean, 7 / uMean, 7 / uMean, 7 / uMean, 7 / uMean};
    int[] expectedLabel = {0, 0, 1, 1, 1, 1, 1};
    for (int i = 0; i < d.size(); i++) {
      assertEquals(expectedW[i], w[i], 1e-6, "weight of state " + i);
      assertEquals(1f, oh[i][expectedLabel[i]], "label of state " + i);
    }
    double mean = 0;
    for (float v : w) mean += v / w.length;
    assertEquals(1.0, mean, 1e-6, "weights average 1 over the kept states");
  }

  /**
   * Parent x is right (high return) on the left half of the plane, y on the right half: their
   * good trajectories live there. pi_S must learn p(x|s) high on the left and low on the right,
   * and the expert built on it must label left states with x's Gaussian and right states with y's.
   */
  @Test
  void binaryPolicySeparatesTwoParentsRegions() {
    SplittableRandom r = new SplittableRandom(2);
    List<Trajectories.Trajectory> x = region(-3, -0.5, 10, 40, 100, r), y = region(0.5, 3, 10, 40, 100, r);
    // bad trajectories of each parent in the other's region are filtered out by the top 60%
    x.addAll(region(0.5, 3, 8, 40, -50, r));
    y.addAll(region(-3, -0.5, 8, 40, -50, r));
    BinaryPolicyTraining.Data d = BinaryPolicyTraining.data(x, y, 0.6);
    // ceil(0.6 * 36) = 22 kept: the 20 good ones and 2 bad ones (ties go to x first); the bad ones have the
    // pool's lowest return, so their weight u = R - R_min is 0 and they cannot mislead pi_S.
    assertEquals(12, d.keptX());
    assertEquals(10, d.keptY());
    BinaryPolicyTraining.Result res = BinaryPolicyTraining.train(d, new CrossoverSection.PisTraining(0.6, 30, 64, 5e-4), 7, org.gposuite.nn.NetworkBackend.OURS, new SplittableRandom(8));
    assertTrue(res.lastEpochLoss() < res.firstEpochLoss() * 0.5, "loss fell from " + res.firstEpochLoss() + " to " + res.lastEpochLoss());
    BinaryPolicy pis = res.policy();
    INDArray probe = Nd4j.createFromArray(new float[][] {{-2f, 0f}, {-1f, 0.5f}, {1f, -0.5f}, {2f, 0f}});
    double[][] p = pis.probabilities(probe).toDoubleMatrix();
    assertTrue(p[0][0] > 0.9 && p[1][0] > 0.9, "left states belong to x: " + p[0][0] + ", " + p[1][0]);
    assertTrue(p[2][0] < 0.1 && p[3][0] < 0.1, "right states belong to y: " + p[2][0] + ", " + p[3][0]);

    GaussianPolicy px = GaussianPolicy.paper(2, 2, 11, false), py = GaussianPolicy.paper(2, 2, 12, false);
    px.logStd().assign(-1.0);
    py.logStd().assign(0.5);
    TwoLevelExpert expert = new TwoLevelExpert(pis, px, py, CrossoverSection.ParentChoice.ARGMAX);
    Dagger.Label l = expert.label(probe, new SplittableRandom(0));
    INDArray mx = px.mean(probe).dup(), my = py.mean(probe).dup();
    for (int i = 0; i < 4; i++) {
      boolean left = i < 2;
      assertEquals((left ? mx : my).getRow(i), l.mean().getRow(i), "label mean of probe " + i);
      assertEquals(left ? -1.0 : 0.5, l.logStd().getDouble(i, 0), 1e-7, "label log-std of probe " + i);
    }
  }

  /**
   * The expert's per-step path (StepInference snapshots, used while it acts) chooses the same
   * parent, gives the same labels up to float rounding, and draws the same random numbers as its
   * batched nd4j path, under both parent-choice rules.
   */
  @Test
  void expertStepPathChoosesAndLabelsLikeTheBatchedPath() {
    SplittableRandom r = new SplittableRandom(12);
    BinaryPolicy pis = new BinaryPolicy(3, BinaryPolicy.PAPER_HIDDEN, org.nd4j.linalg.api.buffer.DataType.FLOAT, 13,
        new org.gposuite.nn.ObsNormalizer(3, false));
    // spread pi_S's outputs so both parents get chosen
    pis.params().addi(org.gposuite.nn.MlpTest.randn(r, org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, (int) pis.params().length()).muli(0.8));
    GaussianPolicy px = GaussianPolicy.paper(3, 2, 14, true), py = GaussianPolicy.paper(3, 2, 15, true);
    double[] seen = new double[200 * 3];
    for (int i = 0; i < seen.length; i++) seen[i] = 2 * r.nextGaussian() + 1;
    px.normalizer().update(seen, 200);
    py.normalizer().update(java.util.Arrays.copyOf(seen, 300), 100);
    px.logStd().assign(-1.0);
    py.logStd().assign(0.25);
    int rows = 8;
    double[] obs = new double[rows * 3];
    for (CrossoverSection.ParentChoice choice : CrossoverSection.ParentChoice.values()) {
      TwoLevelExpert expert = new TwoLevelExpert(pis, px, py, choice);
      int pickedY = 0;
      for (int step = 0; step < 25; step++) {
        for (int i = 0; i < obs.length; i++) obs[i] = 3 * r.nextGaussian();
        SplittableRandom a = new SplittableRandom(step), b = new SplittableRandom(step);
        Dagger.Label batched = expert.label(Nd4j.createFromArray(obs).reshape(rows, 3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT), a);
        double[] mean = new double[rows * 2], logStd = new double[rows * 2];
        expert.distribution(obs, rows, b, mean, logStd);
        assertEquals(a.nextLong(), b.nextLong(), choice + ": same draws");
        for (int i = 0; i < rows * 2; i++) {
          assertEquals(batched.logStd().getDouble(i), logStd[i], 1e-7, choice + " step " + step + " log-std " + i);
          assertEquals(batched.mean().getDouble(i), mean[i], 1e-5, choice + " step " + step + " mean " + i);
          if (i % 2 == 0 && logStd[i] > 0) pickedY++;
        }
      }
      assertTrue(pickedY > 10 && pickedY < 190, choice + ": both parents must be chosen, y was " + pickedY + " of 200");
    }
  }

  /** A fixed Gaussian teacher of the child's architecture, output layer scaled so its means are order 1. */
  static GaussianPolicy teacher() {
    GaussianPolicy t = GaussianPolicy.paper(2, 2, 21, false);
    long hiddenParams = Mlp.numParams(2, 64, 64);
    t.params().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(hiddenParams, hiddenParams + 64 * 2)).muli(100);
    t.logStd().assign(-0.7);
    return t;
  }

  /**
   * DAgger with the paper's sizes distils a fixed Gaussian expert into a differently initialised
   * child. Threshold: mean KL[child || expert] below 0.02 nats. By Pinsker, total variation
   * <= sqrt(KL / 2) = 0.1, i.e. the child's action distribution differs from the expert's by at
   * most 10% of probability mass at an average visited state; the untrained child starts at KL
   * above 1 (log-std 0 vs -0.7 alone contributes 2 x 0.45 nats).
   */
  @Test
  void daggerDistilsAFixedExpertBelowKlThreshold() {
    GaussianPolicy t = teacher();
    Dagger.Expert expert = (obs, rng) -> new Dagger.Label(t.mean(obs).dup(),
        Nd4j.zeros(DataType.FLOAT, obs.size(0), 2).addiRowVector(t.logStd()));
    GaussianPolicy child = GaussianPolicy.paper(2, 2, 22, false);
    try (VectorEnv env = new PointMassEnv(PointMassEnv.Spec.GPO, 4, 50, 3)) {
      Dagger.Result res = Dagger.run(child, expert, env, new CrossoverSection.DaggerTraining(5000, 10, 500, 10, 64, 5e-4, 4, CrossoverSection.ParentChoice.ARGMAX), new SplittableRandom(4));
      assertEquals(10_000, res.steps(), "5000 expert + 10 x 500 student steps");
      assertEquals(10_000, res.datasetSize());
      assertTrue(res.initialKl() > 1.0, "child starts far from the expert, KL " + res.initialKl());
      assertTrue(res.finalKl() < 0.02, "final KL " + res.finalKl());
    }
  }

  @Test
  void parameterCrossoverTakesEveryEntryFromOneParent() {
    GaussianPolicy x = GaussianPolicy.paper(3, 2, 1, true), y = GaussianPolicy.paper(3, 2, 2, true);
    y.logStd().assign(1.0);
    GaussianPolicy c = ParameterCrossover.mix(x, y, true, new SplittableRandom(3));
    float[] px = x.params().toFloatVector(), py = y.params().toFloatVector(), pc = c.params().toFloatVector();
    int fromX = 0, fromY = 0;
    for (int i = 0; i < pc.length; i++) {
      if (pc[i] == px[i]) fromX++;
      else if (pc[i] == py[i]) fromY++;
      else fail("entry " + i + " comes from neither parent");
    }
    assertTrue(Math.abs(fromX - fromY) < 0.1 * pc.length, "about half from each: " + fromX + " / " + fromY);
  }
}
