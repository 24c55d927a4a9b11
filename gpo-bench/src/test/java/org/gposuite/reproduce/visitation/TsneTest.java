package org.gposuite.reproduce.visitation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Fig. 3b's t-SNE: its calibration, its gradient and objective, and what it does to clouds of known structure. */
class TsneTest {

  static List<double[]> gaussian(int n, int d, double offset, SplittableRandom rng) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] p = new double[d];
      for (int j = 0; j < d; j++) p[j] = rng.nextGaussian() + (j == 0 ? offset : 0);
      out.add(p);
    }
    return out;
  }

  /** exp(-sum p ln p) of a distribution, computed here. */
  static double perplexityOf(double[] p) {
    double h = 0;
    for (double v : p) if (v > 0) h -= v * Math.log(v);
    return Math.exp(h);
  }

  @Test
  void calibrationHitsTheTargetPerplexityAndKeepsTheGaussianShape() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] d = new double[60];
    for (int j = 0; j < d.length; j++) d[j] = 1e3 + 50 * rng.nextDouble(); // far away: the shift by the minimum must keep exp finite
    for (double target : new double[] {2, 5, 30}) {
      double[] p = Tsne.conditional(d, 7, target);
      assertEquals(0, p[7], "no affinity to itself");
      assertEquals(1, java.util.Arrays.stream(p).sum(), 1e-12);
      assertEquals(target, perplexityOf(p), 1e-9 * target, "perplexity " + target);
      // p_j proportional to exp(-beta d_j): log-ratios are linear in the distance, with one beta for all j.
      double beta = Math.log(p[0] / p[1]) / (d[1] - d[0]);
      assertTrue(beta > 0);
      for (int j = 2; j < d.length; j++) if (j != 7) assertEquals(Math.log(p[0] / p[j]), beta * (d[j] - d[0]), 1e-9 * Math.max(1, Math.abs(beta * (d[j] - d[0]))));
    }
    double[] equal = {4, 4, 0, 4};
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 0, 1 / 3.0}, Tsne.conditional(equal, 2, 2), 1e-12,
        "equidistant neighbours cannot be sharpened: uniform, finite");
  }

  @Test
  void jointAffinitiesAreSymmetricAndSumToOne() {
    List<double[]> pts = gaussian(40, 3, 0, new SplittableRandom(5));
    double[] p = Tsne.jointAffinities(pts, 10);
    double sum = 0;
    for (int i = 0; i < 40; i++) {
      assertEquals(0, p[i * 40 + i]);
      for (int j = 0; j < 40; j++) {
        assertEquals(p[i * 40 + j], p[j * 40 + i], 0.0);
        sum += p[i * 40 + j];
      }
    }
    assertEquals(1, sum, 1e-9, "up to the floor on a few pairs");
  }

  /**
   * The analytic gradient against central differences of the objective it descends: KL(P||Q), and with
   * P exaggerated by e, -e sum p_ij log w_ij + log Z (the KL with e P in place of P, up to a constant).
   * The objective is computed here from its definition.
   */
  @Test
  void gradientIsTheDerivativeOfTheObjective() {
    int n = 12;
    double[] p = Tsne.jointAffinities(gaussian(n, 4, 0, new SplittableRandom(9)), 3);
    SplittableRandom rng = new SplittableRandom(11);
    double[] y = new double[2 * n];
    for (int k = 0; k < y.length; k++) y[k] = rng.nextGaussian();
    for (double e : new double[] {1, 12}) {
      double[] grad = new double[2 * n];
      Tsne.gradient(p, e, y, n, grad);
      double h = 1e-6;
      for (int k = 0; k < y.length; k++) {
        double[] up = y.clone(), down = y.clone();
        up[k] += h;
        down[k] -= h;
        double numeric = (objective(p, e, up, n) - objective(p, e, down, n)) / (2 * h);
        assertEquals(numeric, grad[k], 1e-6 * Math.max(1, e), "e " + e + ", coordinate " + k);
      }
      if (e == 1) assertEquals(objective(p, 1, y, n) + entropyTerm(p), Tsne.klDivergence(p, y, n), 1e-12, "KL = objective + sum p log p");
    }
  }

  /** -e sum_{i != j} p_ij log w_ij + log sum_{i != j} w_ij, w = 1 / (1 + |y_i - y_j|^2). */
  static double objective(double[] p, double e, double[] y, int n) {
    double cross = 0, z = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i == j) continue;
        double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1], w = 1 / (1 + dx * dx + dy * dy);
        cross += p[i * n + j] * Math.log(w);
        z += w;
      }
    }
    return -e * cross + Math.log(z);
  }

  static double entropyTerm(double[] p) {
    double s = 0;
    for (double v : p) if (v > 0) s += v * Math.log(v);
    return s;
  }

  /** Share of points whose nearest neighbour in the layout carries the same label (first half vs second half). */
  static double nearestSameLabel(Tsne.Embedding e) {
    int n = e.x().length, same = 0;
    for (int i = 0; i < n; i++) {
      int best = -1;
      double bd = Double.POSITIVE_INFINITY;
      for (int j = 0; j < n; j++) {
        double dx = e.x()[i] - e.x()[j], dy = e.y()[i] - e.y()[j], d = dx * dx + dy * dy;
        if (j != i && d < bd) { bd = d; best = j; }
      }
      if ((best < n / 2) == (i < n / 2)) same++;
    }
    return (double) same / n;
  }

  @Test
  void twoSeparatedClustersStaySeparatedAndOneSplitAtRandomDoesNot() {
    SplittableRandom rng = new SplittableRandom(17);
    List<double[]> two = gaussian(100, 10, 0, rng);
    two.addAll(gaussian(100, 10, 8, rng)); // 8 sd apart along one axis
    Tsne.Embedding e = Tsne.embed(two, Tsne.Config.DEFAULT);
    assertEquals(1, nearestSameLabel(e), 0.0, "every point's nearest neighbour in the picture is of its own cluster");
    // Centroid distance against spread: the clusters are visibly apart, not merely interleaved.
    double[] c0 = centroid(e, 0, 100), c1 = centroid(e, 100, 200);
    double gap = Math.hypot(c0[0] - c1[0], c0[1] - c1[1]);
    assertTrue(gap > 3 * Math.max(spread(e, 0, 100, c0), spread(e, 100, 200, c1)), "gap " + gap);
    assertTrue(e.klDivergence() > 0 && e.klDivergence() < 2, "KL " + e.klDivergence());

    List<double[]> one = gaussian(200, 10, 0, new SplittableRandom(19)); // one cloud, "labelled" by halves at random
    double mixed = nearestSameLabel(Tsne.embed(one, Tsne.Config.DEFAULT));
    assertTrue(mixed > 0.35 && mixed < 0.65, "halves of one Gaussian interleave: " + mixed);
  }

  @Test
  void fitLowersTheKlFarBelowTheStartingLayouts() {
    List<double[]> pts = gaussian(80, 5, 0, new SplittableRandom(23));
    pts.addAll(gaussian(80, 5, 6, new SplittableRandom(29)));
    Tsne.Embedding e = Tsne.embed(pts, Tsne.Config.DEFAULT);
    Tsne.Embedding start = Tsne.embed(pts, new Tsne.Config(30, 1, 1)); // one step from the tiny random start
    assertTrue(e.klDivergence() < 0.5 * start.klDivergence(), e.klDivergence() + " vs " + start.klDivergence());
    double[] p = Tsne.jointAffinities(pts, e.perplexity());
    double[] y = new double[2 * pts.size()];
    for (int i = 0; i < pts.size(); i++) { y[2 * i] = e.x()[i]; y[2 * i + 1] = e.y()[i]; }
    assertEquals(Tsne.klDivergence(p, y, pts.size()), e.klDivergence(), 1e-12, "the reported KL is the returned layout's");
  }

  @Test
  void sameInputSameBitsAndTheSeedMatters() {
    List<double[]> pts = gaussian(120, 6, 0, new SplittableRandom(31));
    Tsne.Embedding a = Tsne.embed(pts, Tsne.Config.DEFAULT), b = Tsne.embed(pts, Tsne.Config.DEFAULT);
    assertArrayEquals(a.x(), b.x(), 0.0);
    assertArrayEquals(a.y(), b.y(), 0.0);
    assertEquals(a.klDivergence(), b.klDivergence(), 0.0);
    Tsne.Embedding c = Tsne.embed(pts, new Tsne.Config(30, 1000, 2));
    assertNotEquals(a.x()[0], c.x()[0]);
  }

  @Test
  void fewPointsLowerThePerplexity() {
    List<double[]> pts = gaussian(10, 3, 0, new SplittableRandom(37));
    assertEquals(3, Tsne.embed(pts, Tsne.Config.DEFAULT).perplexity(), 0.0, "(10 - 1) / 3");
    assertThrows(IllegalArgumentException.class, () -> Tsne.embed(pts.subList(0, 1), Tsne.Config.DEFAULT));
  }

  private static double[] centroid(Tsne.Embedding e, int from, int to) {
    double x = 0, y = 0;
    for (int i = from; i < to; i++) { x += e.x()[i]; y += e.y()[i]; }
    return new double[] {x / (to - from), y / (to - from)};
  }

  private static double spread(Tsne.Embedding e, int from, int to, double[] c) {
    double s = 0;
    for (int i = from; i < to; i++) s += Math.hypot(e.x()[i] - c[0], e.y()[i] - c[1]);
    return s / (to - from);
  }
}
