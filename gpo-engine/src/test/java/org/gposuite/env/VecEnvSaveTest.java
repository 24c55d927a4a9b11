package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link VecEnv#save} and {@link VecEnv#restore}: a fresh env restored from a save goes on with
 * exactly the numbers of the env that was saved, on every task, through later episode ends and resets.
 */
class VecEnvSaveTest {
  private static final int COPIES = 3, HORIZON = 60, BEFORE = 100, AFTER = 150;

  /** Uniform actions in [-1, 1]: they end Hopper's and Walker2d's episodes early and drive the others hard. */
  private static double[][] actions(int actDim, int steps, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] a = new double[steps][COPIES * actDim];
    for (double[] row : a) for (int k = 0; k < row.length; k++) row[k] = r.nextDouble(-1, 1);
    return a;
  }

  /** Everything a step produces, after each of {@code actions}. */
  private static List<double[]> run(VecEnv env, double[][] actions) {
    List<double[]> out = new ArrayList<>();
    for (double[] a : actions) {
      env.step(a);
      out.add(env.observations().clone());
      out.add(env.rewards().clone());
      double[] finals = env.finalObservations().clone(), ends = new double[COPIES];
      int d = env.obsDim();
      for (int i = 0; i < COPIES; i++) {
        ends[i] = (env.terminated()[i] ? 1 : 0) + (env.truncated()[i] ? 2 : 0);
        if (ends[i] == 0) java.util.Arrays.fill(finals, i * d, (i + 1) * d, 0); // rows valid only where an episode ended
      }
      out.add(finals);
      out.add(env.episodeReturns().clone());
      out.add(ends);
    }
    return out;
  }

  private static byte[] save(VecEnv env) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      env.save(out);
    }
    return bytes.toByteArray();
  }

  @Test
  void aRestoredEnvContinuesBitForBitOnEveryTask() throws IOException {
    for (String task : Tasks.allNames()) {
      TaskConfig cfg = new TaskConfig(task, HORIZON, 1.0);
      try (VecEnv saved = new VecEnv(cfg, COPIES, 7, 1); VecEnv fresh = new VecEnv(cfg, COPIES, 7, 1)) {
        double[][] before = actions(saved.actDim(), BEFORE, 1), after = actions(saved.actDim(), AFTER, 2);
        run(saved, before);
        byte[] state = save(saved);
        double[] obsAtSave = saved.observations().clone();
        List<double[]> expected = run(saved, after);
        fresh.restore(new DataInputStream(new ByteArrayInputStream(state)));
        assertArrayEquals(obsAtSave, fresh.observations(), task + ": observations right after the restore");
        List<double[]> actual = run(fresh, after);
        int episodeEnds = 0;
        for (int k = 0; k < expected.size(); k++) {
          assertArrayEquals(expected.get(k), actual.get(k), task + ": step " + (k / 5) + ", output " + (k % 5));
          if (k % 5 == 4) for (double e : expected.get(k)) if (e != 0) episodeEnds++;
        }
        assertTrue(episodeEnds >= COPIES * 2, task + ": the continuation must cross episode ends (" + episodeEnds + ")");
        assertEquals(saved.unstableEpisodes(), fresh.unstableEpisodes(), task + ": unstable episodes");
      }
    }
  }

  @Test
  void aStateSavedOnAnotherTaskIsRefusedWithAMessage() throws IOException {
    byte[] hopper;
    try (VecEnv env = new VecEnv(new TaskConfig("Hopper", HORIZON, 1.0), COPIES, 7, 1)) {
      run(env, actions(env.actDim(), 10, 1));
      hopper = save(env);
    }
    try (VecEnv walker = new VecEnv(new TaskConfig("Walker2d", HORIZON, 1.0), COPIES, 7, 1)) {
      IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
          () -> walker.restore(new DataInputStream(new ByteArrayInputStream(hopper))));
      assertTrue(x.getMessage().contains("saved with 3 copies of action size 3, this one has 3 of 6"), x.getMessage());
    }
  }
}
