package org.gposuite.env;

import java.util.random.RandomGenerator;
import org.gposuite.random.SplitMix64;

/**
 * rllab's hill generator (steps 1-4 of rllab-envs.md), seeded, fed to a MuJoCo height field.
 *
 * <p>Generator coordinates: a 400 x 400 grid over [-20, 20)^2 with step 0.1; 529 Gaussian
 * hills whose centres start on a regular 23 x 23 grid and are jittered by N(0, 0.4 I); the field is
 * the pointwise maximum of the hill densities; a per-robot box is cleared to 0 and its
 * neighbourhood smoothed with a 10 x 10 mean filter; the result is normalized to [0, 1] (as
 * MuJoCo normalizes height-field images).
 *
 * <p>Deviation from rllab (documented): after smoothing, the box is cleared once more so the
 * robot really starts on flat ground (see {@code clearAndSmooth}).
 *
 * <p>Deviation from rllab (documented): rllab passed the field through a matplotlib contour
 * plot saved as PNG, whose axes and margins moved the cleared box under the robot. We skip the
 * image and instead translate the field so that the world origin (the robot's start, y = 0 on
 * its track) sits at the centre of the cleared box; grid indices that fall outside the
 * generator grid repeat its edge. Each of the 400 x 400 grid points becomes one height-field
 * vertex, so the 80 m wide field has a vertex spacing of 80/399 m.
 */
final class HillTerrain {
  static final int SIZE = 400;
  private static final double STEP = 0.1;
  private static final double WIDTH = 40.0;
  private static final int HILLS = 500;
  private static final int SMOOTH = 10;
  /**
   * How far from its centre a hill is evaluated (m). Hills lie about 1.7 m apart, so every point has
   * one within about 1.3 m, whose density is far above a hill's at 3 m: the fallback over all hills
   * is rare. A field takes about 35 ms at 3 m, against 180 ms at the 6 m used before (measured on
   * this machine kind; an env of a hilly task builds one field, a GPO cell some hundreds).
   */
  static final double RADIUS = 3.0;

  /** The box (generator coordinates) that rllab cleared for one robot. */
  record Patch(double xLow, double xHigh, double yLow, double yHigh) {
    static final Patch HALF_CHEETAH = new Patch(-3, 0, -1.5, -0.5);
    static final Patch HOPPER = new Patch(-1, -0.5, -1, -0.5);
    static final Patch WALKER2D = new Patch(-2, -0.5, -2, -0.5);

    // rllab: centre + int(bound / STEP), with Python's truncation toward zero.
    int fromRow() { return SIZE / 2 + (int) (xLow / STEP); }
    int toRow() { return SIZE / 2 + (int) (xHigh / STEP); }
    int fromCol() { return SIZE / 2 + (int) (yLow / STEP); }
    int toCol() { return SIZE / 2 + (int) (yHigh / STEP); }
  }

  private HillTerrain() {}

  /**
   * The generator's field, {@code field[i * SIZE + j]} at x = -20 + 0.1 i, y = -20 + 0.1 j,
   * after clearing and smoothing the patch and normalizing to [0, 1].
   */
  static double[] generatorField(long seed, Patch patch) {
    RandomGenerator rng = new SplitMix64(seed);
    double spacing = WIDTH / Math.sqrt(HILLS);
    int perSide = (int) Math.ceil(WIDTH / spacing); // numpy mgrid's count: 23
    int n = perSide * perSide;
    double jitterVar = WIDTH * WIDTH / (HILLS * 8.0); // 0.4
    double[] mx = new double[n];
    double[] my = new double[n];
    for (int k = 0; k < perSide; k++) {
      for (int l = 0; l < perSide; l++) {
        int h = k * perSide + l;
        mx[h] = -WIDTH / 2 + k * spacing + Math.sqrt(jitterVar) * rng.nextGaussian();
        my[h] = -WIDTH / 2 + l * spacing + Math.sqrt(jitterVar) * rng.nextGaussian();
      }
    }
    double[] var = new double[n];
    for (int h = 0; h < n; h++) {
      var[h] = jitterVar + jitterVar * rng.nextDouble();
    }
    double[] field = maxOfHills(mx, my, var, RADIUS);
    clearAndSmooth(field, patch);
    normalize(field);
    return field;
  }

  /**
   * MuJoCo height-field data (row r at world y, column c at world x, row-major), the generator
   * field translated so that the world origin lies at the centre of the cleared patch.
   */
  static float[] heightField(long seed, Patch patch) {
    double[] field = generatorField(seed, patch);
    int ic = (patch.fromRow() + patch.toRow()) / 2;
    int jc = (patch.fromCol() + patch.toCol()) / 2;
    float[] data = new float[SIZE * SIZE];
    for (int r = 0; r < SIZE; r++) {
      int j = clamp(r - SIZE / 2 + jc);
      for (int c = 0; c < SIZE; c++) {
        int i = clamp(c - SIZE / 2 + ic);
        data[r * SIZE + c] = (float) field[i * SIZE + j];
      }
    }
    return data;
  }

  /** World position of height-field column c (x) or row r (y) for a field of half-size 40 m. */
  static double worldCoordinate(int index) {
    return -WIDTH + 2 * WIDTH * index / (SIZE - 1);
  }

  private static int clamp(int i) {
    return Math.max(0, Math.min(SIZE - 1, i));
  }

  /**
   * Pointwise maximum of isotropic Gaussian densities. Exact: each hill is evaluated within
   * {@code radius} of its centre; any point whose maximum is not safely above the largest density a
   * farther hill could reach is recomputed over all hills. A maximum does not depend on the order of
   * its terms, so every radius gives the same bits ({@code HillTerrainTest}); {@link #RADIUS} makes it fast.
   */
  static double[] maxOfHills(double[] mx, double[] my, double[] var, double radius) {
    int n = mx.length;
    double farBound = 0;
    for (int h = 0; h < n; h++) {
      farBound = Math.max(farBound, density(radius * radius, var[h]));
    }
    double[] field = new double[SIZE * SIZE];
    int reach = (int) Math.ceil(radius / STEP) + 1;
    for (int h = 0; h < n; h++) {
      int ci = (int) Math.round((mx[h] + WIDTH / 2) / STEP);
      int cj = (int) Math.round((my[h] + WIDTH / 2) / STEP);
      for (int i = Math.max(0, ci - reach); i <= Math.min(SIZE - 1, ci + reach); i++) {
        double dx = -WIDTH / 2 + i * STEP - mx[h];
        for (int j = Math.max(0, cj - reach); j <= Math.min(SIZE - 1, cj + reach); j++) {
          double dy = -WIDTH / 2 + j * STEP - my[h];
          double d2 = dx * dx + dy * dy;
          if (d2 <= radius * radius) {
            double p = density(d2, var[h]);
            int idx = i * SIZE + j;
            if (p > field[idx]) {
              field[idx] = p;
            }
          }
        }
      }
    }
    for (int i = 0; i < SIZE; i++) {
      for (int j = 0; j < SIZE; j++) {
        int idx = i * SIZE + j;
        if (field[idx] <= farBound) {
          double best = 0;
          for (int h = 0; h < n; h++) {
            double dx = -WIDTH / 2 + i * STEP - mx[h];
            double dy = -WIDTH / 2 + j * STEP - my[h];
            best = Math.max(best, density(dx * dx + dy * dy, var[h]));
          }
          field[idx] = best;
        }
      }
    }
    return field;
  }

  private static double density(double d2, double var) {
    return Math.exp(-d2 / (2 * var)) / (2 * Math.PI * var);
  }

  /** rllab's clear_patch: zero the box, then a 10 x 10 mean filter over the box plus 9 cells. */
  private static void clearAndSmooth(double[] field, Patch patch) {
    int r0 = patch.fromRow();
    int r1 = patch.toRow();
    int c0 = patch.fromCol();
    int c1 = patch.toCol();
    for (int i = r0; i < r1; i++) {
      for (int j = c0; j < c1; j++) {
        field[i * SIZE + j] = 0;
      }
    }
    int a0 = r0 - (SMOOTH - 1);
    int b0 = c0 - (SMOOTH - 1);
    int rows = (r1 - r0) + 2 * (SMOOTH - 1);
    int cols = (c1 - c0) + 2 * (SMOOTH - 1);
    double[] sub = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        sub[i * cols + j] = field[(a0 + i) * SIZE + (b0 + j)];
      }
    }
    // scipy convolve2d(mode='same', boundary='symm') with an even 10 x 10 box: output (i, j)
    // averages inputs i-5..i+4, j-5..j+4, indices mirrored at the sub-array edges (edge repeated).
    int lo = SMOOTH / 2;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        double sum = 0;
        for (int u = i - lo; u < i - lo + SMOOTH; u++) {
          int uu = mirror(u, rows);
          for (int v = j - lo; v < j - lo + SMOOTH; v++) {
            sum += sub[uu * cols + mirror(v, cols)];
          }
        }
        field[(a0 + i) * SIZE + (b0 + j)] = sum / (SMOOTH * SMOOTH);
      }
    }
    // Deviation: clear the box again so the start is flat. rllab's contour-plot image flattened
    // low ground anyway; without this, smoothing leaves the 5 x 5 Hopper box 0.2-0.4 high.
    for (int i = r0; i < r1; i++) {
      for (int j = c0; j < c1; j++) {
        field[i * SIZE + j] = 0;
      }
    }
  }

  private static int mirror(int k, int n) {
    if (k < 0) {
      return -k - 1;
    }
    if (k >= n) {
      return 2 * n - k - 1;
    }
    return k;
  }

  private static void normalize(double[] field) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : field) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min;
    for (int k = 0; k < field.length; k++) {
      field[k] = (field[k] - min) / range;
    }
  }
}
