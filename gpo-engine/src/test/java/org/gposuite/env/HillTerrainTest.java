package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.gposuite.mujoco.MjObject;
import org.junit.jupiter.api.Test;

/** The hill generator and its placement in the hilly tasks. */
class HillTerrainTest {
  @Test
  void reproducibleFromSeedAndDifferentAcrossSeeds() {
    float[] a = HillTerrain.heightField(42, HillTerrain.Patch.HOPPER);
    float[] b = HillTerrain.heightField(42, HillTerrain.Patch.HOPPER);
    float[] c = HillTerrain.heightField(43, HillTerrain.Patch.HOPPER);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  /**
   * The field's maximum over hills evaluated near their centres equals the maximum over every hill
   * at every point, to the bit: on the generator's dense hills (where the radius decides the work)
   * and on three far-apart hills (where most points are beyond it and fall back to all hills).
   */
  @Test
  void theHillsNearAPointGiveTheMaximumOverAllHills() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    int n = 23 * 23;
    double[] mx = new double[n], my = new double[n], var = new double[n];
    for (int h = 0; h < n; h++) {
      mx[h] = -20 + (h / 23) * 40 / Math.sqrt(500) + Math.sqrt(0.4) * r.nextGaussian();
      my[h] = -20 + (h % 23) * 40 / Math.sqrt(500) + Math.sqrt(0.4) * r.nextGaussian();
      var[h] = 0.4 + 0.4 * r.nextDouble();
    }
    assertArrayEquals(HillTerrain.maxOfHills(mx, my, var, 100), HillTerrain.maxOfHills(mx, my, var, HillTerrain.RADIUS));
    double[] fx = {-15, 0, 12}, fy = {3, -10, 14}, fv = {0.5, 0.7, 0.4};
    assertArrayEquals(HillTerrain.maxOfHills(fx, fy, fv, 100), HillTerrain.maxOfHills(fx, fy, fv, HillTerrain.RADIUS));
  }

  @Test
  void normalizedWithClearedPatch() {
    for (HillTerrain.Patch p : new HillTerrain.Patch[] {HillTerrain.Patch.HALF_CHEETAH,
        HillTerrain.Patch.HOPPER, HillTerrain.Patch.WALKER2D}) {
      double[] f = HillTerrain.generatorField(1, p);
      double min = Arrays.stream(f).min().orElseThrow();
      double max = Arrays.stream(f).max().orElseThrow();
      assertEquals(0.0, min);
      assertEquals(1.0, max);
      for (int i = p.fromRow(); i < p.toRow(); i++) {
        for (int j = p.fromCol(); j < p.toCol(); j++) {
          assertEquals(0.0, f[i * HillTerrain.SIZE + j], "patch cell " + i + "," + j);
        }
      }
      // hills are everywhere else: the mean elevation is far from the flat patch
      double mean = Arrays.stream(f).average().orElseThrow();
      assertTrue(mean > 0.2, "mean elevation " + mean);
    }
  }

  /** Robot footprint along its track (y = 0): x range in metres around the start. */
  @Test
  void robotsStartOnTheFlatPatch() {
    check("HalfCheetah-hilly", -0.9, 0.9);
    check("Hopper-hilly", -0.25, 0.35);
    check("Walker2d-hilly", -0.1, 0.3);
  }

  private static void check(String name, double xLow, double xHigh) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 9, null)) {
      int id = env.model().id(MjObject.HFIELD, "hill");
      int n = env.model().hfieldNrow(id);
      assertEquals(HillTerrain.SIZE, n);
      float[] data = new float[n * env.model().hfieldNcol(id)];
      env.model().heightField(id, data);
      int cells = 0;
      for (int r = 0; r < n; r++) {
        double y = HillTerrain.worldCoordinate(r);
        for (int c = 0; c < n; c++) {
          double x = HillTerrain.worldCoordinate(c);
          // every vertex of the triangles under the footprint (one cell beyond it) is flat
          if (Math.abs(y) <= 0.21 && x >= xLow - 0.21 && x <= xHigh + 0.21) {
            assertEquals(0f, data[r * n + c], name + " elevation at x=" + x + " y=" + y);
            cells++;
          }
        }
      }
      assertTrue(cells >= 6, name + " checked " + cells + " vertices");
      float max = 0;
      for (float v : data) {
        max = Math.max(max, v);
      }
      assertEquals(1f, max, name + ": heights are normalized to [0, 1]");
    }
  }

  @Test
  void hillsChangeTheDynamicsAndTheSeedChangesTheHills() {
    double[] flat = run("Walker2d", 1);
    double[] hilly = run("Walker2d-hilly", 1);
    assertFalse(Arrays.equals(flat, hilly));
    try (MujocoEnv a = Tasks.make(TaskConfig.of("Walker2d-hilly"), 1, null);
         MujocoEnv b = Tasks.make(TaskConfig.of("Walker2d-hilly"), 2, null)) {
      float[] fa = new float[HillTerrain.SIZE * HillTerrain.SIZE];
      float[] fb = new float[fa.length];
      a.model().heightField(0, fa);
      b.model().heightField(0, fb);
      assertFalse(Arrays.equals(fa, fb));
    }
    // difficulty scales the elevation: the generated model text carries it
    assertTrue(Tasks.modelXml(new TaskConfig("Hopper-hilly", 512, 0.5)).contains("size=\"40 40 0.5 0.1\""));
  }

  private static double[] run(String name, long seed) {
    try (Env env = Tasks.make(TaskConfig.of(name), seed)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      double[] a = new double[env.actDim()];
      for (int t = 0; t < 60; t++) {
        env.step(a, obs);
      }
      return obs;
    }
  }
}
