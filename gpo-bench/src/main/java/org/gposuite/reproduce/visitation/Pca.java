package org.gposuite.reproduce.visitation;

import java.util.List;

/**
 * Principal component analysis onto two axes, Fig. 3b's linear view beside the t-SNE ({@link
 * CrossoverMap}: on standardised states, so no dimension dominates by its units): the points are
 * centred on their mean, the covariance (divided by n) is diagonalised by cyclic Jacobi rotations,
 * and the two eigenvectors of largest eigenvalue are the axes. Each axis's sign is fixed so that its
 * largest-magnitude component is positive, so the same points give the same picture.
 *
 * @param mean the points' mean
 * @param axes two unit axes, the first of largest variance
 * @param variances the variance of the points along each axis (the two largest eigenvalues)
 * @param totalVariance the trace of the covariance: variances / totalVariance is the share explained
 */
public record Pca(double[] mean, double[][] axes, double[] variances, double totalVariance) {

  public static Pca fit(List<double[]> points) {
    if (points.isEmpty()) throw new IllegalArgumentException("PCA needs at least one point");
    int d = points.get(0).length;
    if (d < 2) throw new IllegalArgumentException("PCA onto 2 axes needs points of dimension >= 2, got " + d);
    double[] mean = new double[d];
    for (double[] p : points) {
      if (p.length != d) throw new IllegalArgumentException("PCA: points of dimensions " + d + " and " + p.length);
      for (int j = 0; j < d; j++) mean[j] += p[j];
    }
    for (int j = 0; j < d; j++) mean[j] /= points.size();
    double[][] cov = new double[d][d];
    double[] c = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) c[j] = p[j] - mean[j];
      for (int i = 0; i < d; i++) for (int j = i; j < d; j++) cov[i][j] += c[i] * c[j];
    }
    for (int i = 0; i < d; i++) for (int j = i; j < d; j++) { cov[i][j] /= points.size(); cov[j][i] = cov[i][j]; }
    double total = 0;
    for (int i = 0; i < d; i++) total += cov[i][i];
    double[][] v = jacobi(cov); // cov now holds the eigenvalues on its diagonal; v's columns are the eigenvectors
    int first = -1, second = -1;
    for (int i = 0; i < d; i++) {
      if (first < 0 || cov[i][i] > cov[first][first]) { second = first; first = i; }
      else if (second < 0 || cov[i][i] > cov[second][second]) second = i;
    }
    double[][] axes = {column(v, first), column(v, second)};
    return new Pca(mean, axes, new double[] {Math.max(0, cov[first][first]), Math.max(0, cov[second][second])}, total);
  }

  /** The point's coordinates on the two axes. */
  public double[] project(double[] p) {
    double[] out = new double[2];
    for (int k = 0; k < 2; k++) for (int j = 0; j < mean.length; j++) out[k] += (p[j] - mean[j]) * axes[k][j];
    return out;
  }

  /** Share of the total variance the two axes explain (1 for points that vary in two directions only). */
  public double explained() {
    return totalVariance > 0 ? (variances[0] + variances[1]) / totalVariance : 1;
  }

  /** Cyclic Jacobi: diagonalises symmetric {@code a} in place and returns the rotations' product (eigenvectors as columns). */
  private static double[][] jacobi(double[][] a) {
    int n = a.length;
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) v[i][i] = 1;
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0, diag = 0;
      for (int i = 0; i < n; i++) {
        diag += a[i][i] * a[i][i];
        for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
      }
      if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) continue;
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) t = 1;
          double cs = 1 / Math.sqrt(t * t + 1), sn = t * cs;
          for (int k = 0; k < n; k++) { // A <- A J
            double akp = a[k][p], akq = a[k][q];
            a[k][p] = cs * akp - sn * akq;
            a[k][q] = sn * akp + cs * akq;
          }
          for (int k = 0; k < n; k++) { // A <- J^T A
            double apk = a[p][k], aqk = a[q][k];
            a[p][k] = cs * apk - sn * aqk;
            a[q][k] = sn * apk + cs * aqk;
          }
          for (int k = 0; k < n; k++) { // V <- V J
            double vkp = v[k][p], vkq = v[k][q];
            v[k][p] = cs * vkp - sn * vkq;
            v[k][q] = sn * vkp + cs * vkq;
          }
        }
      }
    }
    return v;
  }

  private static double[] column(double[][] v, int j) {
    double[] c = new double[v.length];
    int big = 0;
    for (int i = 0; i < v.length; i++) {
      c[i] = v[i][j];
      if (Math.abs(c[i]) > Math.abs(c[big])) big = i;
    }
    if (c[big] < 0) for (int i = 0; i < c.length; i++) c[i] = -c[i];
    return c;
  }
}
