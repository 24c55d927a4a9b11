package org.gposuite.reproduce.visitation;

import java.util.ArrayList;
import java.util.List;

/**
 * How distinct two point clouds are, by the k-nearest-neighbour two-sample statistic (Schilling 1986,
 * Henze 1988): pool both clouds; for every point take its k nearest neighbours in the pool (itself
 * excluded); T is the share of those neighbours that come from the point's own cloud. Chosen for
 * Fig. 3b because the question is local (does the child visit the states its parents visit?) and the
 * visited states lie on thin, curved limit-cycle manifolds: a nearest-neighbour count asks whether
 * two clouds interleave wherever they are, without the convex-blob assumption of a silhouette or a
 * distance between means, and it is computed in the standardised state space itself, not in a 2-D
 * picture whose distances t-SNE does not preserve.
 *
 * <p>The answer is scaled to read the same at any sample size: {@link Result#separation()} = (T - T0) /
 * (1 - T0), with T0 the exact expectation of T when both clouds come from one distribution (every
 * other point is then equally likely to be a given neighbour). 0: as mixed as two samples of one
 * distribution; 1: no point has a neighbour from the other cloud. Ties in distance go to the earlier point
 * in pool order (a's points, then b's), so the value is deterministic.
 */
public final class KnnSeparation {
  private KnnSeparation() {}

  /** Neighbours per point: small enough to stay local, large enough that T over a few hundred points varies by ~0.01-0.02 between samples. */
  public static final int K = 10;

  /**
   * @param sameFraction T, the share of neighbours from the point's own cloud, over all points of both
   * @param nullFraction T0 = (n_a (n_a - 1) + n_b (n_b - 1)) / (N (N - 1)), N = n_a + n_b: T's expectation for one distribution
   */
  public record Result(double sameFraction, double nullFraction) {
    public double separation() {
      return (sameFraction - nullFraction) / (1 - nullFraction);
    }
  }

  public static Result of(List<double[]> a, List<double[]> b, int k) {
    int na = a.size(), nb = b.size(), n = na + nb;
    if (na == 0 || nb == 0) throw new IllegalArgumentException("k-NN separation needs two non-empty clouds, got " + na + " and " + nb);
    if (k < 1 || k > n - 1) throw new IllegalArgumentException("k-NN separation: k = " + k + " for " + n + " points");
    List<double[]> pool = new ArrayList<>(n);
    pool.addAll(a);
    pool.addAll(b);
    long same = 0;
    int[] nearest = new int[k];
    double[] nearestDist = new double[k];
    for (int i = 0; i < n; i++) {
      double[] p = pool.get(i);
      int found = 0;
      for (int j = 0; j < n; j++) {
        if (j == i) continue;
        double d = Tsne.squaredDistance(p, pool.get(j));
        if (found == k && d >= nearestDist[k - 1]) continue; // not nearer than the k-th: an equal one stays out (earlier wins)
        // Insert j into the sorted list; equal distances keep the earlier index in front.
        int at = found == k ? k - 1 : found++;
        while (at > 0 && nearestDist[at - 1] > d) {
          nearestDist[at] = nearestDist[at - 1];
          nearest[at] = nearest[at - 1];
          at--;
        }
        nearestDist[at] = d;
        nearest[at] = j;
      }
      boolean inA = i < na;
      for (int m = 0; m < k; m++) if ((nearest[m] < na) == inA) same++;
    }
    double t = (double) same / ((long) n * k);
    double t0 = ((double) na * (na - 1) + (double) nb * (nb - 1)) / ((double) n * (n - 1));
    return new Result(t, t0);
  }
}
