package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeding, determinism across thread counts, auto-reset and truncation. */
class VecEnvTest {
  private static List<double[]> rollout(TaskConfig cfg, int n, long seed, int threads, int steps) {
    List<double[]> out = new ArrayList<>();
    try (VecEnv vec = new VecEnv(cfg, n, seed, threads)) {
      double[] a = new double[n * vec.actDim()];
      double[] row = new double[vec.actDim()];
      out.add(vec.observations().clone());
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < n; i++) {
          Scripted.action(t + 13 * i, row);
          System.arraycopy(row, 0, a, i * row.length, row.length);
        }
        vec.step(a);
        out.add(vec.observations().clone());
        out.add(vec.rewards().clone());
        out.add(vec.finalObservations().clone());
        out.add(vec.episodeReturns().clone());
      }
    }
    return out;
  }

  @Test
  void sameSeedSameTrajectoriesAcrossThreadCounts() {
    TaskConfig cfg = new TaskConfig("Hopper", 40, 1.0);
    List<double[]> one = rollout(cfg, 5, 11, 1, 120);
    List<double[]> two = rollout(cfg, 5, 11, 2, 120);
    List<double[]> three = rollout(cfg, 5, 11, 3, 120);
    for (int k = 0; k < one.size(); k++) {
      assertArrayEquals(one.get(k), two.get(k), "entry " + k);
      assertArrayEquals(one.get(k), three.get(k), "entry " + k);
    }
    List<double[]> other = rollout(cfg, 5, 12, 1, 1);
    assertFalse(Arrays.equals(one.get(0), other.get(0)), "another seed must give other resets");
  }

  @Test
  void copiesAreSeededApartAndMatchSingleEnvs() {
    TaskConfig cfg = TaskConfig.of("Walker2d");
    try (VecEnv vec = new VecEnv(cfg, 3, 5, 1)) {
      double[] obs = vec.observations();
      int d = vec.obsDim();
      assertFalse(Arrays.equals(Arrays.copyOfRange(obs, 0, d), Arrays.copyOfRange(obs, d, 2 * d)));
      for (int i = 0; i < 3; i++) {
        try (Env env = Tasks.make(cfg, VecEnv.copySeed(5, i))) {
          double[] o = new double[d];
          env.reset(o);
          assertArrayEquals(o, Arrays.copyOfRange(obs, i * d, (i + 1) * d), "copy " + i);
        }
      }
    }
  }

  @Test
  void truncatesAtHorizonAndResets() {
    int horizon = 7;
    try (VecEnv vec = new VecEnv(new TaskConfig("HalfCheetah", horizon, 1.0), 2, 3, 1);
         Env single = Tasks.make(TaskConfig.of("HalfCheetah"), VecEnv.copySeed(3, 0))) {
      double[] a = new double[2 * vec.actDim()];
      double[] o = new double[vec.obsDim()];
      single.reset(o);
      double sum = 0;
      for (int t = 1; t <= horizon; t++) {
        vec.step(a);
        sum += single.step(new double[vec.actDim()], o);
        assertFalse(vec.terminated()[0]);
        assertEquals(t == horizon, vec.truncated()[0], "truncated at step " + t);
      }
      assertArrayEquals(o, Arrays.copyOfRange(vec.finalObservations(), 0, vec.obsDim()));
      assertEquals(sum, vec.episodeReturns()[0], 0.0);
      assertEquals(horizon, vec.episodeLengths()[0]);
      single.reset(o);
      assertArrayEquals(o, Arrays.copyOfRange(vec.observations(), 0, vec.obsDim()), "auto-reset obs");
      vec.step(a);
      assertFalse(vec.truncated()[0]);
      assertTrue(Double.isNaN(vec.episodeReturns()[0]));
    }
  }

  @Test
  void terminationResetsAndIsNotTruncation() {
    try (VecEnv vec = new VecEnv(TaskConfig.of("InvertedDoublePendulum"), 2, 1, 1)) {
      double[] a = new double[2];
      Arrays.fill(a, 1.0); // full push: the poles fall within a few dozen steps
      int ended = 0;
      for (int t = 0; t < 200 && ended == 0; t++) {
        vec.step(a);
        for (int i = 0; i < 2; i++) {
          if (vec.terminated()[i]) {
            assertFalse(vec.truncated()[i]);
            assertTrue(vec.episodeLengths()[i] > 0 && vec.episodeLengths()[i] < 512);
            ended++;
          }
        }
      }
      assertTrue(ended > 0);
    }
  }

  @Test
  void badArguments() {
    TaskConfig cfg = TaskConfig.of("Swimmer");
    assertThrows(IllegalArgumentException.class, () -> new VecEnv(cfg, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new VecEnv(cfg, 2, 1, 0));
    try (VecEnv vec = new VecEnv(cfg, 2, 1, 1)) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> vec.step(new double[3]));
      assertTrue(e.getMessage().contains("Swimmer"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> vec.step(new double[] {0, 0, Double.NaN, 0}));
    }
  }
}
