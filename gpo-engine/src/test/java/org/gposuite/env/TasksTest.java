package org.gposuite.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Names, dimensions, frame skips and bad input. */
class TasksTest {
  /** obs/act dims from rllab-envs.md (obs 20/20/21/125/13/11). */
  private static final Map<String, int[]> DIMS = Map.of(
      "HalfCheetah", new int[] {20, 6}, "HalfCheetah-hilly", new int[] {20, 6},
      "Hopper", new int[] {20, 3}, "Hopper-hilly", new int[] {20, 3},
      "Walker2d", new int[] {21, 6}, "Walker2d-hilly", new int[] {21, 6},
      "Ant", new int[] {125, 8}, "Swimmer", new int[] {13, 2},
      "InvertedDoublePendulum", new int[] {11, 1});
  private static final Map<String, Integer> FRAME_SKIP = Map.of(
      "Swimmer", 50, "InvertedDoublePendulum", 2);

  static List<String> names() {
    return Tasks.names();
  }

  @Test
  void nineNamesInPaperOrder() {
    assertEquals(List.of("Walker2d", "HalfCheetah", "HalfCheetah-hilly", "Hopper-hilly",
        "InvertedDoublePendulum", "Ant", "Walker2d-hilly", "Swimmer", "Hopper"), Tasks.names());
  }

  @ParameterizedTest
  @MethodSource("names")
  void dimensionsAndFrameSkipMatchRllab(String name) {
    try (MujocoEnv env = Tasks.make(TaskConfig.of(name), 1, null)) {
      assertEquals(name, env.name());
      assertEquals(DIMS.get(name)[0], env.obsDim(), "obs dim");
      assertEquals(DIMS.get(name)[1], env.actDim(), "act dim");
      assertEquals(FRAME_SKIP.getOrDefault(name, 1), env.frameSkip(), "frame skip");
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      for (double v : obs) {
        assertTrue(Double.isFinite(v));
      }
    }
  }

  @Test
  void unknownTaskListsTheNine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TaskConfig.of("HalfCheeta"));
    assertTrue(e.getMessage().contains("HalfCheeta"), e.getMessage());
    for (String n : Tasks.names()) {
      assertTrue(e.getMessage().contains(n), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> Tasks.make(null, 1));
  }

  @Test
  void configValidation() {
    assertThrows(IllegalArgumentException.class, () -> new TaskConfig("Hopper", 0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new TaskConfig("Hopper", 512, 0.0));
    assertThrows(IllegalArgumentException.class, () -> new TaskConfig("Hopper", 512, Double.NaN));
    TaskConfig c = TaskConfig.of("Hopper-hilly");
    assertEquals(512, c.horizon());
    assertEquals(1.0, c.hillDifficulty());
    assertTrue(c.hilly());
  }

  @Test
  void badActionsNameTheTaskAndTheProblem() {
    try (Env env = Tasks.make(TaskConfig.of("Hopper"), 1)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
          () -> env.step(new double[2], obs));
      assertTrue(len.getMessage().contains("Hopper") && len.getMessage().contains("length 3"), len.getMessage());
      IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
          () -> env.step(new double[] {0, Double.NaN, 0}, obs));
      assertTrue(nan.getMessage().contains("Hopper") && nan.getMessage().contains("action[1]"), nan.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> env.step(new double[] {Double.POSITIVE_INFINITY, 0, 0}, obs));
      assertThrows(IllegalArgumentException.class, () -> env.step(new double[3], new double[5]));
    }
  }

  @Test
  void actionsAreRescaledToCtrlRangeAndClipped() {
    try (MujocoEnv env = Tasks.make(TaskConfig.of("Walker2d"), 1, null)) {
      double[] obs = new double[env.obsDim()];
      env.reset(obs);
      env.step(new double[] {-1, 0, 0.5, 3, -7, 1}, obs);
      double[] ctrl = env.data().ctrl().toArray();
      // thighs +-150, legs and feet +-100
      assertEquals(List.of(-150.0, 0.0, 50.0, 150.0, -100.0, 100.0),
          java.util.Arrays.stream(ctrl).boxed().toList());
    }
  }

  @Test
  void useAfterCloseFails() {
    Env env = Tasks.make(TaskConfig.of("Swimmer"), 1);
    env.close();
    assertThrows(IllegalStateException.class, () -> env.reset(new double[13]));
  }
}
