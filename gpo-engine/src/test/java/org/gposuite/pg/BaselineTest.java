package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.env.TaskConfig;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.testing.PointMassEnv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  static final EnvFactory POINT = (n, seed) -> new PointMassEnv(PointMassEnv.Spec.PG, n, 50, seed);

  @Test
  void sameSeedGivesIdenticalLearningCurvesAndCsv(@TempDir Path dir) throws Exception {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    Baseline.Result a = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 3, 4), dir.resolve("a"));
    Baseline.Result b = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 3, 4), dir.resolve("b"));
    Baseline.Result c = Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 4, 4, 4), null);
    assertEquals(8, a.curve().size());
    for (int i = 0; i < a.curve().size(); i++) {
      CurveRow x = a.curve().get(i), y = b.curve().get(i);
      assertEquals(x.meanEpisodeReturn(), y.meanEpisodeReturn(), 0.0);
      assertEquals(x.kl(), y.kl(), 0.0);
      assertEquals(x.beta(), y.beta(), 0.0);
      assertEquals(x.entropy(), y.entropy(), 0.0);
    }
    assertArrayEquals(a.finalPolicies().get(1).params().toFloatVector(), b.finalPolicies().get(1).params().toFloatVector());
    assertNotEquals(a.curve().get(7).kl(), c.curve().get(7).kl());
    List<String> lines = Files.readAllLines(dir.resolve("a").resolve(Baseline.CURVE_FILE));
    assertEquals(9, lines.size());
    assertTrue(lines.get(0).startsWith("policy,iteration,timesteps,mean_episode_return"));
    assertEquals(a.best().report().returns().length, 4);
  }

  /** The harness shows a cell's progress from these: every row, in order, as the curve keeps them. */
  @Test
  void everyIterationIsObservedAsItIsMade() {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    List<CurveRow> seen = new ArrayList<>();
    Baseline.Result r = Baseline.run(ppo, NetworkBackend.OURS, POINT, new Baseline.Plan(2, 256 * 3, 3, 0), null,
        new Baseline.Listener() {
          @Override public void iteration(CurveRow row) { seen.add(row); }
        });
    assertEquals(r.curve(), seen);
    assertEquals(List.of(0, 0, 0, 1, 1, 1), seen.stream().map(CurveRow::policy).toList());
  }

  /**
   * A run stopped halfway through its second policy resumes from the checkpoint saved after its
   * first: the same curve, policies and final evaluation as a run never stopped, the first policy
   * not trained again, and the curve file without the stopped policy's partial rows.
   */
  @Test
  void aStoppedRunResumesAtItsNextPolicyWithTheBitsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    Baseline.Plan plan = new Baseline.Plan(3, 256 * 3, 5, 4);
    Baseline.Result whole = Baseline.single(ppo, POINT, plan, dir.resolve("whole"));
    Path stopped = dir.resolve("stopped");
    Baseline.Listener stopInPolicy1 = new Baseline.Listener() {
      @Override public void iteration(CurveRow row) {
        if (row.policy() == 1 && row.iteration() == 1) throw new IllegalStateException("stop");
      }
    };
    assertThrows(IllegalStateException.class, () -> Baseline.run(ppo, NetworkBackend.OURS, POINT, plan, stopped, stopInPolicy1));
    List<CurveRow> trained = new ArrayList<>();
    long[] resumedAt = {-1, -1}; // a minute between checkpoints within a policy: none here
    Baseline.Result resumed = Baseline.run(ppo, NetworkBackend.OURS, POINT, plan, stopped, new Baseline.Listener() {
      @Override public void iteration(CurveRow row) { trained.add(row); }
      @Override public void resumed(long steps, String where) { resumedAt[1] = steps; assertEquals("after policy 1/3", where); }
    });
    assertEquals(256 * 3, resumedAt[1], "resumed after policy 0, with its steps behind it");
    assertEquals(List.of(1, 2), trained.stream().map(CurveRow::policy).distinct().toList(), "policy 0 is not trained again");
    assertEquals(withoutWallClock(whole.curve()), withoutWallClock(resumed.curve()));
    for (int p = 0; p < 3; p++)
      assertArrayEquals(whole.finalPolicies().get(p).params().toFloatVector(), resumed.finalPolicies().get(p).params().toFloatVector());
    assertEquals(whole.best().index(), resumed.best().index());
    assertArrayEquals(whole.best().report().returns(), resumed.best().report().returns());
    assertEquals(withoutWallClockColumn(dir.resolve("whole").resolve(Baseline.CURVE_FILE)),
        withoutWallClockColumn(stopped.resolve(Baseline.CURVE_FILE)), "the curve file holds each row once");
  }

  /**
   * Within a policy (Joint's one, here on MuJoCo's Hopper and with A2C too): a run stopped after
   * iteration k resumes at iteration k from the checkpoint saved after k - 1 (the agent, its
   * optimisers and random streams, the environments' episodes in progress) and ends with the bits
   * of a run never stopped, which saved no checkpoint within the policy at all.
   */
  @Test
  void aRunStoppedWithinAPolicyResumesAtItsNextIterationWithTheBitsOfAnUninterruptedOne(@TempDir Path dir) throws Exception {
    EnvFactory hopper = VecEnvAdapter.factory(new TaskConfig("Hopper", 100, 1.0), 1);
    List<PolicyGradient> algorithms = List.of(new Ppo(PpoConfig.defaults(512).withBatch(512, 4)), new A2c(A2cConfig.defaults(512).withBatch(512, 4)));
    for (PolicyGradient algo : algorithms) {
      String name = algo.getClass().getSimpleName();
      Baseline.Result whole = Baseline.run(algo, NetworkBackend.OURS, hopper, new Baseline.Plan(1, 512 * 6, 5, 3), dir.resolve(name + "-whole"),
          Baseline.Listener.NONE);
      Baseline.Plan everyIteration = new Baseline.Plan(1, 512 * 6, 5, 3, 0);
      Path stopped = dir.resolve(name + "-stopped");
      List<String> saves = new ArrayList<>();
      assertThrows(IllegalStateException.class, () -> Baseline.run(algo, NetworkBackend.OURS, hopper, everyIteration, stopped,
          new Baseline.Listener() {
            @Override public void iteration(CurveRow row) {
              if (row.iteration() == 3) throw new IllegalStateException("stop");
            }
            @Override public void saved(String where) { saves.add(where); }
          }));
      assertEquals(List.of("at iteration 1", "at iteration 2", "at iteration 3"), saves, name);
      List<CurveRow> trained = new ArrayList<>();
      String[] resumedAt = {null};
      Baseline.Result resumed = Baseline.run(algo, NetworkBackend.OURS, hopper, everyIteration, stopped, new Baseline.Listener() {
        @Override public void iteration(CurveRow row) { trained.add(row); }
        @Override public void resumed(long steps, String where) { resumedAt[0] = steps + " " + where; }
      });
      assertEquals(512 * 3 + " at iteration 3", resumedAt[0], name);
      assertEquals(3, trained.get(0).iteration(), name + ": iterations 0-2 are not trained again");
      assertEquals(withoutWallClock(whole.curve()), withoutWallClock(resumed.curve()), name);
      assertArrayEquals(whole.finalPolicies().get(0).params().toFloatVector(), resumed.finalPolicies().get(0).params().toFloatVector(), name);
      assertArrayEquals(whole.best().report().returns(), resumed.best().report().returns(), name);
      assertEquals(withoutWallClockColumn(dir.resolve(name + "-whole").resolve(Baseline.CURVE_FILE)),
          withoutWallClockColumn(stopped.resolve(Baseline.CURVE_FILE)), name + ": the curve file holds each row once");
    }
  }

  @Test
  void aCheckpointOfAnotherConfigurationOrADamagedOneIsRefusedWithAMessageNamingIt(@TempDir Path dir) throws Exception {
    Ppo ppo = new Ppo(PpoConfig.defaults(256).withBatch(256, 8));
    Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 2, 3, 0), dir);
    Path file = dir.resolve(BaselineState.FILE);
    IllegalStateException other = assertThrows(IllegalStateException.class,
        () -> Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 2, 4, 0), dir));
    assertEquals("Checkpoint: " + file + " belongs to a run with a different configuration (stored seed=3, given seed=4);"
        + " resume with the stored configuration, or delete it to start afresh", other.getMessage());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    RuntimeException damaged = assertThrows(RuntimeException.class, () -> Baseline.single(ppo, POINT, new Baseline.Plan(2, 256 * 2, 3, 0), dir));
    assertTrue(damaged.getMessage().startsWith("Checkpoint: ") && damaged.getMessage().contains(file.toString())
        && damaged.getMessage().endsWith("delete it to start the run afresh"), damaged.getMessage());
  }

  private static List<CurveRow> withoutWallClock(List<CurveRow> rows) {
    return rows.stream().map(r -> new CurveRow(r.policy(), r.iteration(), r.timesteps(), r.meanEpisodeReturn(), r.episodes(),
        r.kl(), r.beta(), r.entropy(), r.valueError(), 0)).toList();
  }

  private static List<String> withoutWallClockColumn(Path csv) throws java.io.IOException {
    return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
  }

  @Test
  void ppoAndA2cImproveOnPointMass() {
    // Standing still at the origin is optimal; a random policy drifts and pays -|x|^2.
    for (PolicyGradient algo : List.of(new Ppo(PpoConfig.defaults(512)), new A2c(A2cConfig.defaults(512)))) {
      Baseline.Result r = Baseline.joint(algo, POINT, 512 * 30, 1, 0, null);
      double first = r.curve().get(0).meanEpisodeReturn(), last = r.curve().get(r.curve().size() - 1).meanEpisodeReturn();
      assertTrue(last > first + 0.5 * Math.abs(first) * 0.5, algo.getClass().getSimpleName() + ": " + first + " -> " + last);
    }
  }

  @Test
  void ppoBetaFollowsTheAdaptiveRule() {
    PpoConfig cfg = PpoConfig.defaults(256);
    Ppo ppo = new Ppo(cfg);
    VectorEnv env = POINT.create(8, 9);
    Agent agent = Agent.create(2, 2, cfg, 9);
    for (int i = 0; i < 6; i++) {
      double before = agent.beta();
      UpdateStats u = ppo.update(agent, ppo.collect(agent, env), List.of());
      double expected = u.kl() > 0.015 ? before * 2 : u.kl() < 0.01 / 1.5 ? before / 2 : before;
      assertEquals(expected, u.beta(), 1e-12);
      assertTrue(u.kl() >= 0);
    }
  }
}
