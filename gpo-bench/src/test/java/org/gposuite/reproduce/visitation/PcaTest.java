package org.gposuite.reproduce.visitation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

/** Fig. 3b's projection against clouds with known principal axes and against commons-math's eigen-decomposition. */
class PcaTest {

  /** An orthonormal basis of R^d from Gram-Schmidt on random vectors. */
  static double[][] randomBasis(int d, SplittableRandom rng) {
    double[][] q = new double[d][];
    for (int i = 0; i < d; i++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) v[j] = rng.nextGaussian();
      for (int k = 0; k < i; k++) {
        double dot = dot(v, q[k]);
        for (int j = 0; j < d; j++) v[j] -= dot * q[k][j];
      }
      double n = Math.sqrt(dot(v, v));
      for (int j = 0; j < d; j++) v[j] /= n;
      q[i] = v;
    }
    return q;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  /** Points = offset + sum_k sigma_k z_k q_k, z standard normal: principal axes q_0, q_1, variances sigma^2. */
  static List<double[]> cloud(double[][] q, double[] sigma, double[] offset, int n, SplittableRandom rng) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] p = offset.clone();
      for (int k = 0; k < q.length; k++) {
        double z = sigma[k] * rng.nextGaussian();
        for (int j = 0; j < p.length; j++) p[j] += z * q[k][j];
      }
      pts.add(p);
    }
    return pts;
  }

  @Test
  void findsTheKnownAxesOfARotatedCloudInOrderOfVariance() {
    SplittableRandom rng = new SplittableRandom(5);
    int d = 8;
    double[][] q = randomBasis(d, rng);
    double[] sigma = {5, 2, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05};
    double[] offset = {10, -3, 0, 7, 1, 2, -5, 4};
    Pca pca = Pca.fit(cloud(q, sigma, offset, 20_000, rng));
    assertEquals(1, Math.abs(dot(pca.axes()[0], q[0])), 1e-3, "PC1 is the direction of sigma 5");
    assertEquals(1, Math.abs(dot(pca.axes()[1], q[1])), 1e-3, "PC2 is the direction of sigma 2");
    assertEquals(0, dot(pca.axes()[0], pca.axes()[1]), 1e-9, "orthogonal axes");
    assertEquals(1, dot(pca.axes()[0], pca.axes()[0]), 1e-9);
    assertEquals(25, pca.variances()[0], 25 * 0.05);
    assertEquals(4, pca.variances()[1], 4 * 0.05);
    assertTrue(pca.variances()[0] > pca.variances()[1]);
    double total = 0;
    for (double s : sigma) total += s * s;
    assertEquals(total, pca.totalVariance(), total * 0.05);
    for (int j = 0; j < d; j++) assertEquals(offset[j], pca.mean()[j], 0.1);
  }

  @Test
  void projectionsHaveTheReportedVariancesAndNoMeanNoCorrelation() {
    SplittableRandom rng = new SplittableRandom(11);
    List<double[]> pts = cloud(randomBasis(5, rng), new double[] {3, 1.5, 1, 0.5, 0.2}, new double[] {1, 2, 3, 4, 5}, 5000, rng);
    Pca pca = Pca.fit(pts);
    double m0 = 0, m1 = 0, v0 = 0, v1 = 0, c01 = 0;
    for (double[] p : pts) {
      double[] z = pca.project(p);
      m0 += z[0]; m1 += z[1]; v0 += z[0] * z[0]; v1 += z[1] * z[1]; c01 += z[0] * z[1];
    }
    int n = pts.size();
    assertEquals(0, m0 / n, 1e-9);
    assertEquals(0, m1 / n, 1e-9);
    assertEquals(pca.variances()[0], v0 / n, 1e-8 * v0 / n);
    assertEquals(pca.variances()[1], v1 / n, 1e-8 * v1 / n);
    assertEquals(0, c01 / n, 1e-8);
    assertTrue(v0 >= v1, "PC1 carries more variance than PC2");
  }

  @Test
  void agreesWithCommonsMathsEigenDecompositionOfTheCovariance() {
    SplittableRandom rng = new SplittableRandom(23);
    int d = 20; // HalfCheetah's observation size
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      double[] p = new double[d];
      double a = rng.nextGaussian(), b = rng.nextGaussian();
      for (int j = 0; j < d; j++) p[j] = (j + 1) * 0.3 * a + Math.sin(j) * b + 0.2 * rng.nextGaussian();
      pts.add(p);
    }
    Pca pca = Pca.fit(pts);
    double[][] cov = new double[d][d];
    for (double[] p : pts) for (int i = 0; i < d; i++) for (int j = 0; j < d; j++)
      cov[i][j] += (p[i] - pca.mean()[i]) * (p[j] - pca.mean()[j]) / pts.size();
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov));
    double[] values = eig.getRealEigenvalues().clone();
    java.util.Arrays.sort(values);
    assertEquals(values[d - 1], pca.variances()[0], 1e-9 * values[d - 1]);
    assertEquals(values[d - 2], pca.variances()[1], 1e-9 * values[d - 1]);
    int i0 = -1, i1 = -1;
    for (int k = 0; k < d; k++) {
      if (eig.getRealEigenvalue(k) == values[d - 1]) i0 = k;
      if (eig.getRealEigenvalue(k) == values[d - 2]) i1 = k;
    }
    assertEquals(1, Math.abs(dot(eig.getEigenvector(i0).toArray(), pca.axes()[0])), 1e-9);
    assertEquals(1, Math.abs(dot(eig.getEigenvector(i1).toArray(), pca.axes()[1])), 1e-9);
  }

  @Test
  void axisAlignedCloudAndSignConvention() {
    // Points spread most along e_2, then along e_0; e_1 constant.
    List<double[]> pts = List.of(new double[] {1, 7, -10}, new double[] {-1, 7, 10}, new double[] {1, 7, 10}, new double[] {-1, 7, -10});
    Pca pca = Pca.fit(pts);
    assertArrayEquals(new double[] {0, 0, 1}, pca.axes()[0], 1e-12);
    assertArrayEquals(new double[] {1, 0, 0}, pca.axes()[1], 1e-12);
    assertArrayEquals(new double[] {100, 1}, pca.variances(), 1e-9);
    assertEquals(1, pca.explained(), 1e-12);
    assertArrayEquals(new double[] {-10, 1}, pca.project(new double[] {1, 7, -10}), 1e-12);
  }
}
