package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;
import org.gposuite.testing.PointMassEnv;
import org.junit.jupiter.api.Test;

/**
 * The one rollout loop: it draws exactly what the per-caller loops it replaced drew, records what
 * it is asked for consistently, and its two stopping rules agree with each other.
 */
class RolloutTest {
  static GaussianPolicy policy() {
    GaussianPolicy pi = GaussianPolicy.paper(2, 2, 5, true);
    pi.normalizer().update(new double[] {0.5, -1, 1.5, 0.2, -0.3, 0.7}, 3);
    pi.logStd().assign(-0.4); // std != 1, so how it enters the draw matters
    return pi;
  }

  /**
   * The loop collection, evaluation and DAgger's student ran before there was one rollout: std
   * exponentiated once, then per step forward, {@code mean + std * N(0, 1)} row-major, env step.
   */
  @Test
  void aPolicyDrawsTheSameActionsAsTheLoopItReplaced() {
    GaussianPolicy pi = policy();
    int n = 4, tMax = 30, ad = 2;
    SplittableRandom ref = new SplittableRandom(11), rng = new SplittableRandom(11);
    double[] refObs = new double[tMax * n * 2], refAct = new double[tMax * n * ad];
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.PG, n, 8, 3)) {
      StepInference inf = new StepInference(pi);
      double[] std = inf.logStd().clone();
      for (int j = 0; j < ad; j++) std[j] = Math.exp(std[j]);
      double[] mean = new double[n * ad], act = new double[n * ad];
      for (int t = 0; t < tMax; t++) {
        System.arraycopy(env.observations(), 0, refObs, t * n * 2, n * 2);
        inf.forward(env.observations(), n, mean);
        for (int i = 0; i < act.length; i++) act[i] = mean[i] + std[i % ad] * ref.nextGaussian();
        env.step(act);
        System.arraycopy(act, 0, refAct, t * n * ad, n * ad);
      }
    }
    Rollout.Result r;
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.PG, n, 8, 3)) {
      r = Rollout.run(env, ActionSource.of(pi), rng, Rollout.Options.steps(tMax).recording(Rollout.Record.STATES, Rollout.Record.TRANSITIONS));
    }
    assertEquals((long) tMax * n, r.steps());
    assertArrayEquals(refObs, r.states());
    assertArrayEquals(refAct, r.transitions().actions());
    assertEquals(ref.nextLong(), rng.nextLong(), "the same number of draws");
  }

  /** A source that draws before the actions are drawn (as the two-level expert's SAMPLE choice does). */
  static final class DrawingSource implements ActionSource {
    final List<double[]> given = new ArrayList<>();

    @Override
    public void distribution(double[] rawObs, int rows, java.util.random.RandomGenerator rng, double[] mean, double[] logStd) {
      for (int i = 0; i < rows * 2; i++) {
        mean[i] = 0.1 * rawObs[i] + rng.nextDouble();
        logStd[i] = -0.5 + 0.1 * (i % 3);
      }
      given.add(mean.clone());
      given.add(logStd.clone());
    }
  }

  @Test
  void theSourcesOwnDrawsComeFirstAndItsDistributionsAreRecordedAsActedWith() {
    int n = 3, tMax = 12;
    DrawingSource source = new DrawingSource();
    SplittableRandom rng = new SplittableRandom(4), ref = new SplittableRandom(4);
    Rollout.Result r;
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.GPO, n, 5, 8)) {
      r = Rollout.run(env, source, rng, Rollout.Options.steps(tMax)
          .recording(Rollout.Record.STATES, Rollout.Record.DISTRIBUTIONS, Rollout.Record.TRANSITIONS).charging(WorkClock.Kind.DAGGER_LABEL));
    }
    for (int t = 0; t < tMax; t++) {
      double[] mean = source.given.get(2 * t), logStd = source.given.get(2 * t + 1);
      for (int i = 0; i < n * 2; i++) {
        int k = t * n * 2 + i;
        assertEquals(0.1 * r.states()[k] + ref.nextDouble(), mean[i], "the source saw the recorded state and drew first");
        assertEquals(mean[i], r.acted().mean()[k]);
        assertEquals(logStd[i], r.acted().logStd()[k]);
      }
      for (int i = 0; i < n * 2; i++) {
        int k = t * n * 2 + i;
        assertEquals(mean[i] + Math.exp(logStd[i]) * ref.nextGaussian(), r.transitions().actions()[k]);
      }
    }
  }

  @Test
  void transitionsKeepEveryEpisodeEndAndTheBootstrapStates() {
    int n = 4, tMax = 40;
    Rollout.Result r;
    double[] last;
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.GPO, n, 6, 2)) {
      r = Rollout.run(env, ActionSource.of(policy()), new SplittableRandom(1),
          Rollout.Options.steps(tMax).recording(Rollout.Record.TRANSITIONS));
      last = env.observations().clone();
    }
    assertNull(r.states(), "states only when asked for");
    Rollout.Transitions tr = r.transitions();
    int ends = 0, truncations = 0, terminations = 0;
    for (int row = 0; row < tMax * n; row++) {
      if (tr.terminated()[row] || tr.truncated()[row]) ends++;
      if (tr.terminated()[row]) terminations++;
      if (tr.truncated()[row]) {
        assertFalse(tr.terminated()[row], "truncated means cut at the horizon without terminating");
        assertEquals(truncations++, tr.bootstrap().row()[row], "final observations in order of the rows");
      } else {
        assertEquals(-1, tr.bootstrap().row()[row]);
      }
    }
    assertTrue(truncations > 0 && terminations > 0, "the test should see both kinds of end: " + truncations + " / " + terminations);
    assertEquals(ends, tr.episodeReturns().length);
    double[] boot = tr.bootstrap().states();
    assertEquals((truncations + n) * 2, boot.length);
    assertArrayEquals(last, java.util.Arrays.copyOfRange(boot, truncations * 2, boot.length), "the states after the last step come last");
    // a copy's episode return is the sum of its rewards since its previous end, episodes in order of their end
    double[] open = new double[n];
    int k = 0;
    for (int row = 0; row < tMax * n; row++) {
      int e = row % n;
      open[e] += tr.rewards()[row];
      if (tr.terminated()[row] || tr.truncated()[row]) {
        assertEquals(open[e], tr.episodeReturns()[k], 1e-12, "row " + row); // the copies start fresh: every episode is whole
        k++;
        open[e] = 0;
      }
    }
  }

  /** The first-episodes rule is a prefix of the fixed-length rollout with the same env and stream. */
  @Test
  void firstEpisodesStopWhenEveryCopysFirstEpisodeHasEnded() {
    int n = 5, horizon = 9;
    Rollout.Result fixed, first;
    List<int[]> visited = new ArrayList<>();
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.GPO, n, horizon, 6)) {
      fixed = Rollout.run(env, ActionSource.of(policy()), new SplittableRandom(2),
          Rollout.Options.steps(horizon).recording(Rollout.Record.STATES, Rollout.Record.TRANSITIONS));
    }
    try (PointMassEnv env = new PointMassEnv(PointMassEnv.Spec.GPO, n, horizon, 6)) {
      first = Rollout.run(env, ActionSource.of(policy()), new SplittableRandom(2),
          Rollout.Options.firstEpisodes().charging(WorkClock.Kind.EVALUATION).visiting((episode, step, obs, od) -> {
            assertEquals(fixed.states()[(step * n + episode) * od], obs[episode * od]);
            visited.add(new int[] {episode, step});
          }));
    }
    Rollout.Transitions tr = fixed.transitions();
    int lastEnd = 0, states = 0;
    for (int e = 0; e < n; e++) {
      int t = 0;
      while (!tr.terminated()[t * n + e] && !tr.truncated()[t * n + e]) t++;
      lastEnd = Math.max(lastEnd, t + 1);
      states += t + 1;
      double ret = 0;
      for (int s = 0; s <= t; s++) ret += tr.rewards()[s * n + e];
      assertEquals(ret, first.firstReturns()[e], 1e-12, "copy " + e + "'s first episode");
    }
    assertEquals((long) lastEnd * n, first.steps(), "every copy steps until the last first episode ends");
    assertEquals(states, visited.size(), "the sink sees each first episode's states and no others");
    assertNull(first.states());
    assertNull(first.transitions());
  }

  @Test
  void optionsThatCannotBeHonouredAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rollout.Options.firstEpisodes().recording(Rollout.Record.STATES));
    assertThrows(IllegalArgumentException.class, () -> Rollout.Options.steps(3).visiting((e, s, o, d) -> {}));
    assertThrows(IllegalArgumentException.class, () -> Rollout.Options.steps(-1));
  }

  @Test
  void anEpisodeLongerThanTheReportedHorizonIsAnError() {
    try (PointMassEnv inner = new PointMassEnv(PointMassEnv.Spec.PG, 2, 50, 1)) {
      VectorEnv env = new VectorEnv() {
        @Override public int numEnvs() { return inner.numEnvs(); }
        @Override public int obsDim() { return inner.obsDim(); }
        @Override public int actDim() { return inner.actDim(); }
        @Override public int horizon() { return 3; } // the env truncates at 50
        @Override public double[] observations() { return inner.observations(); }
        @Override public void step(double[] actions) { inner.step(new double[actions.length]); }
        @Override public double[] rewards() { return inner.rewards(); }
        @Override public boolean[] terminated() { return inner.terminated(); }
        @Override public boolean[] truncated() { return inner.truncated(); }
        @Override public double[] finalObservations() { return inner.finalObservations(); }
        @Override public double[] episodeReturns() { return inner.episodeReturns(); }
        @Override public void save(java.io.DataOutput out) { throw new UnsupportedOperationException(); }
        @Override public void restore(java.io.DataInput in) { throw new UnsupportedOperationException(); }
        @Override public void close() {}
      };
      IllegalStateException x = assertThrows(IllegalStateException.class,
          () -> Rollout.run(env, ActionSource.of(policy()), new SplittableRandom(0), Rollout.Options.firstEpisodes()));
      assertTrue(x.getMessage().contains("horizon 3"), x.getMessage());
    }
  }
}
