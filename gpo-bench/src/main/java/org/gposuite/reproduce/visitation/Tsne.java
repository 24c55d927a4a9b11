package org.gposuite.reproduce.visitation;

import java.util.List;
import java.util.Random;

/**
 * Exact t-SNE onto two dimensions (van der Maaten & Hinton 2008), Fig. 3b's picture as in the paper.
 * Each point's conditional affinities are Gaussian in squared distance with the precision found by
 * bisection so that their perplexity is the target; they are symmetrised into P; the layout's
 * affinities Q are Student-t with one degree of freedom; KL(P||Q) is minimised by gradient descent
 * with momentum, per-coordinate gains (Jacobs 1988, as in the paper) and early exaggeration of P.
 * Exact, not Barnes-Hut: at Fig. 3b's few thousand points the O(n^2) gradient takes seconds. Plain
 * Java in a fixed order from a seeded start, so the same points give the same bits.
 *
 * <p>Written here because no maintained library fits the stack: DL4J's t-SNE ended with 1.0.0-beta7
 * (no M2.1 build is served), and on nd4j M2.1 its exact {@code Tsne} fails on a rank-1 transpose and
 * {@code BarnesHutTsne.score()} (the KL) on a failed subtract op; smile's is GPL.
 */
public final class Tsne {
  private Tsne() {}

  /**
   * @param perplexity target perplexity of each point's conditional affinities (the paper: 5-50,
   *     "fairly robust"); lowered to (n - 1) / 3 for fewer points, so each point has neighbours to spread it over
   * @param iterations gradient steps (the paper's 1000)
   * @param seed the initial layout's seed
   */
  public record Config(double perplexity, int iterations, long seed) {
    /** van der Maaten's reference implementations' defaults: perplexity 30, 1000 iterations. */
    public static final Config DEFAULT = new Config(30, 1000, 1);

    public Config {
      if (!(perplexity >= 1)) throw new IllegalArgumentException("t-SNE perplexity must be >= 1, got " + perplexity);
      if (iterations < 1) throw new IllegalArgumentException("t-SNE needs at least one iteration, got " + iterations);
    }
  }

  // The optimiser's constants are those of van der Maaten's bhtsne (2014), the paper's scheme with
  // the later, stronger exaggeration (12 rather than 4, over the first 250 steps rather than 50),
  // which separates clusters earlier in the run.
  static final double LEARNING_RATE = 200, EXAGGERATION = 12, INITIAL_MOMENTUM = 0.5, FINAL_MOMENTUM = 0.8, MIN_GAIN = 0.01;
  /** Steps with P exaggerated and with the initial momentum. */
  static final int EARLY_ITERATIONS = 250;
  /** Joint affinities below this are raised to it (as the reference code does), so every pair keeps a finite log in the KL. */
  static final double P_FLOOR = 1e-12;
  /** Standard deviation of the initial layout, small so that no structure is imposed before the gradient acts. */
  static final double INITIAL_SD = 1e-4;

  /**
   * A layout: point i at (x[i], y[i]), in input order.
   * @param perplexity the perplexity used (the target, or lower for few points)
   * @param klDivergence KL(P||Q) of the final layout, in nats: how much of the neighbourhood structure the picture loses
   */
  public record Embedding(double[] x, double[] y, double perplexity, int iterations, double klDivergence) {}

  public static Embedding embed(List<double[]> points, Config config) {
    int n = points.size();
    if (n < 2) throw new IllegalArgumentException("t-SNE needs at least two points, got " + n);
    double perplexity = Math.max(1, Math.min(config.perplexity(), (n - 1) / 3.0));
    double[] p = jointAffinities(points, perplexity);
    double[] y = new double[2 * n], update = new double[2 * n], gains = new double[2 * n], grad = new double[2 * n];
    Random rng = new Random(config.seed());
    for (int k = 0; k < 2 * n; k++) y[k] = INITIAL_SD * rng.nextGaussian();
    java.util.Arrays.fill(gains, 1);
    for (int it = 0; it < config.iterations(); it++) {
      boolean early = it < EARLY_ITERATIONS;
      gradient(p, early ? EXAGGERATION : 1, y, n, grad);
      double momentum = early ? INITIAL_MOMENTUM : FINAL_MOMENTUM;
      for (int k = 0; k < 2 * n; k++) {
        // Gains grow where the gradient reverses the last step's direction, shrink where it keeps it.
        gains[k] = (grad[k] > 0) != (update[k] > 0) ? gains[k] + 0.2 : Math.max(MIN_GAIN, gains[k] * 0.8);
        update[k] = momentum * update[k] - LEARNING_RATE * gains[k] * grad[k];
        y[k] += update[k];
      }
      centre(y, n);
    }
    double[] xs = new double[n], ys = new double[n];
    for (int i = 0; i < n; i++) { xs[i] = y[2 * i]; ys[i] = y[2 * i + 1]; }
    return new Embedding(xs, ys, perplexity, config.iterations(), klDivergence(p, y, n));
  }

  /**
   * One point's conditional affinities p_{j|i}, proportional to exp(-beta d_j), with beta found by
   * bisection so that the perplexity exp(H) (H in nats) is {@code perplexity}. Distances are shifted by
   * their minimum before exponentiating, which leaves the distribution unchanged and keeps the nearest
   * neighbour's weight at 1 however far the points lie.
   * @param sqDist squared distances to every point; entry {@code self} is ignored and gets 0
   */
  static double[] conditional(double[] sqDist, int self, double perplexity) {
    int n = sqDist.length;
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) if (j != self) min = Math.min(min, sqDist[j]);
    double target = Math.log(perplexity), beta = 1, lo = 0, hi = Double.POSITIVE_INFINITY;
    double[] p = new double[n];
    double sum = 0;
    // 200 halvings reach double precision from any start; beta stays finite (at most 2^200) when no
    // precision reaches the target (equidistant points), so no 0 x infinity appears.
    for (int it = 0; it < 200; it++) {
      sum = 0;
      double dot = 0;
      for (int j = 0; j < n; j++) {
        if (j == self) continue;
        double d = sqDist[j] - min;
        p[j] = Math.exp(-beta * d);
        sum += p[j];
        dot += d * p[j];
      }
      double entropy = Math.log(sum) + beta * dot / sum;
      if (Math.abs(entropy - target) < 1e-12) break;
      if (it == 199) break;
      if (entropy > target) { // too flat: sharpen
        lo = beta;
        beta = Double.isInfinite(hi) ? 2 * beta : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    for (int j = 0; j < n; j++) p[j] /= sum;
    p[self] = 0;
    return p;
  }

  /** The symmetrised joint affinities p_ij = (p_{j|i} + p_{i|j}) / 2n, floored at {@link #P_FLOOR} off the diagonal, as an n x n row-major matrix. */
  static double[] jointAffinities(List<double[]> points, double perplexity) {
    int n = points.size();
    double[] cond = new double[n * n], d = new double[n];
    for (int i = 0; i < n; i++) {
      double[] a = points.get(i);
      for (int j = 0; j < n; j++) d[j] = squaredDistance(a, points.get(j));
      System.arraycopy(conditional(d, i, perplexity), 0, cond, i * n, n);
    }
    double[] p = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) p[i * n + j] = Math.max(P_FLOOR, (cond[i * n + j] + cond[j * n + i]) / (2.0 * n));
      }
    }
    return p;
  }

  /**
   * The gradient of KL(exaggeration x P || Q) at layout {@code y} (x, y interleaved) into {@code grad}:
   * 4 sum_j (e p_ij - q_ij)(y_i - y_j) / (1 + |y_i - y_j|^2), with q_ij = w_ij / Z, w_ij = 1 / (1 + |y_i - y_j|^2),
   * Z = sum over ordered pairs of w. Written as 4 (sum_j e p_ij w_ij (y_i - y_j) - sum_j w_ij^2 (y_i - y_j) / Z),
   * both sums and Z come from one pass over the unordered pairs (each pair's term added to i, subtracted
   * from j), a quarter of the work of two passes over ordered pairs.
   */
  static void gradient(double[] p, double exaggeration, double[] y, int n, double[] grad) {
    double[] rep = new double[2 * n];
    java.util.Arrays.fill(grad, 0);
    double z = 0;
    for (int i = 0; i < n; i++) {
      double xi = y[2 * i], yi = y[2 * i + 1], ax = 0, ay = 0, rx = 0, ry = 0;
      int row = i * n;
      for (int j = i + 1; j < n; j++) {
        double dx = xi - y[2 * j], dy = yi - y[2 * j + 1], w = 1 / (1 + dx * dx + dy * dy);
        double a = exaggeration * p[row + j] * w, r = w * w;
        z += 2 * w;
        ax += a * dx;
        ay += a * dy;
        rx += r * dx;
        ry += r * dy;
        grad[2 * j] -= a * dx;
        grad[2 * j + 1] -= a * dy;
        rep[2 * j] -= r * dx;
        rep[2 * j + 1] -= r * dy;
      }
      grad[2 * i] += ax;
      grad[2 * i + 1] += ay;
      rep[2 * i] += rx;
      rep[2 * i + 1] += ry;
    }
    for (int k = 0; k < 2 * n; k++) grad[k] = 4 * (grad[k] - rep[k] / z);
  }

  /** KL(P||Q) = sum over ordered pairs of p_ij log(p_ij / q_ij), in nats. */
  static double klDivergence(double[] p, double[] y, int n) {
    double[] num = new double[n * n];
    double z = kernel(y, n, num), kl = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j) kl += p[i * n + j] * Math.log(p[i * n + j] * z / num[i * n + j]);
      }
    }
    return kl;
  }

  private static double kernel(double[] y, int n, double[] num) {
    double z = 0;
    for (int i = 0; i < n; i++) {
      double xi = y[2 * i], yi = y[2 * i + 1];
      for (int j = i + 1; j < n; j++) {
        double dx = xi - y[2 * j], dy = yi - y[2 * j + 1], q = 1 / (1 + dx * dx + dy * dy);
        num[i * n + j] = q;
        num[j * n + i] = q;
        z += 2 * q;
      }
    }
    return z;
  }

  private static void centre(double[] y, int n) {
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) { mx += y[2 * i]; my += y[2 * i + 1]; }
    mx /= n;
    my /= n;
    for (int i = 0; i < n; i++) { y[2 * i] -= mx; y[2 * i + 1] -= my; }
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) { double d = a[k] - b[k]; s += d * d; }
    return s;
  }
}
