package org.gposuite.reproduce.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.junit.jupiter.api.Test;

/**
 * The statistical path's power and false-alarm rate on the smoke profile, by simulation from our
 * own seed-to-seed spread ({@code expected-results/smoke/spread.csv}, measured on this machine
 * kind). Each trial draws, for every group, a reference of its N seeds and a run of as many seeds
 * (what the harness runs on the statistical path, {@code Harness.withStatSeeds}) from the group's
 * measured per-seed values (resampled around their mean, so the shape of the spread is ours), and
 * applies {@link Spread#verdict} to the two samples, as the comparison does to a stored spread
 * file and a run.
 * <ul>
 *   <li>false alarms: no change anywhere; a trial is a false alarm when any group REGRESSED;
 *   <li>power: a drop of 25% ({@link Spread.Group#drop}) in one group, every group in turn; caught
 *       when that group REGRESSED.
 * </ul>
 */
class SpreadPowerTest {
  static final Path SPREAD = Path.of("../expected-results/smoke/spread.csv");
  static final int TRIALS = 10_000;
  /** The smoke profile's stat_seeds count (its profile file): the fewest seeds a group runs. */
  static final int RUN_SEEDS = 16;

  record Figures(double falseAlarms, Map<String, Double> power) {}

  static Figures simulate(Spread spread, long seed) {
    List<Spread.Group> groups = new ArrayList<>(spread.groups().values());
    int g = groups.size();
    double alpha = Spread.FAMILY_ALPHA / g;
    SplittableRandom rng = new SplittableRandom(seed);
    int alarms = 0;
    int[] caught = new int[g];
    for (int t = 0; t < TRIALS; t++) {
      // one trial of the whole profile unchanged, then the same draws with one group dropped
      boolean alarm = false;
      for (int i = 0; i < g; i++) {
        Spread.Group grp = groups.get(i);
        double[] ref = draw(grp, grp.n(), rng);
        double[] run = draw(grp, grp.n(), rng);
        if (Spread.verdict(run, ref, alpha).status() == Comparison.Status.REGRESSED) alarm = true;
        double[] dropped = run.clone();
        for (int k = 0; k < dropped.length; k++) dropped[k] -= grp.drop();
        if (Spread.verdict(dropped, ref, alpha).status() == Comparison.Status.REGRESSED) caught[i]++;
      }
      if (alarm) alarms++;
    }
    Map<String, Double> power = new LinkedHashMap<>();
    for (int i = 0; i < g; i++) power.put(groups.get(i).group(), (double) caught[i] / TRIALS);
    return new Figures((double) alarms / TRIALS, power);
  }

  /**
   * n values from the group's measured seeds by a smoothed bootstrap: a measured value picked at
   * random, shrunk towards the mean and jittered by a normal of half the measured variance, so
   * that the draws keep the measured mean and (unbiased) variance and the shape of the measured
   * values, without the ties of a plain bootstrap from few seeds (which would understate the
   * spread of a reference estimated from them).
   */
  static double[] draw(Spread.Group grp, int n, SplittableRandom rng) {
    double[] v = grp.values();
    double m = grp.mean();
    double s2 = Stats.variance(v);
    double biased = s2 * (v.length - 1) / v.length;
    double h2 = s2 / 2;
    double a = biased > 0 ? Math.sqrt((s2 - h2) / biased) : 0;
    double[] out = new double[n];
    for (int k = 0; k < n; k++) out[k] = m + a * (v[rng.nextInt(v.length)] - m) + Math.sqrt(h2) * rng.nextGaussian();
    return out;
  }


  @Test
  void smokeProfileCatchesA25PercentDropInAnyGroupWithFewFalseAlarms() throws Exception {
    Spread spread = Spread.read(SPREAD);
    assertEquals(RUN_SEEDS, ProfileLoader.load("smoke", Path.of("")).statSeeds().size(),
        "the simulation runs the profile's stat_seeds");
    spread.groups().values().forEach(g -> assertTrue(g.n() >= RUN_SEEDS, g.group() + ": a reference of " + g.n()
        + " seeds, fewer than the profile's stat_seeds"));
    Figures f = simulate(spread, 20261130L);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "smoke statistical path, %d trials, each group's run as many seeds as its reference (at least %d):%n"
            + "  family-wise false alarms (any of %d groups REGRESSED, nothing changed): %.4f%n",
        TRIALS, RUN_SEEDS, spread.groups().size(), f.falseAlarms()));
    // Every group, the crossover probe included since it measures each policy by 20 rollouts, not 2 episodes
    // (its child's return spread by sd 2.9 then: 90% power would have taken ~1,000 seeds a side).
    Set<String> weak = new TreeSet<>();
    f.power().forEach((group, p) -> {
      Spread.Group grp = spread.group(group).orElseThrow();
      sb.append(String.format(Locale.ROOT, "  %-36s mean %9.3f sd %7.3f (n=%2d) floor %8.3f  25%% drop %7.3f"
          + " = %.1f sd  power %.3f%n", group, grp.mean(), grp.sd(), grp.n(), grp.floor(), grp.drop(),
          grp.drop() / grp.sd(), p));
      if (p < 0.90) weak.add(group);
    });
    System.out.print(sb);
    assertTrue(f.falseAlarms() <= 0.05, sb.toString());
    assertEquals(Set.of(), weak, "groups under 90% power:\n" + sb);
  }

  @Test
  void aSmallHonestIncreaseIsNotImproved() {
    // +5% of the 25%-drop scale above the reference, with the profile's seeds: within the noise
    Spread spread = Spread.read(SPREAD);
    double alpha = Spread.FAMILY_ALPHA / spread.groups().size();
    for (Spread.Group g : spread.groups().values()) {
      // the reference's own values moved up by 5% of the group's gap above its floor: same spread
      double[] run = java.util.Arrays.stream(g.values()).map(x -> x + 0.05 * g.drop() / Spread.DROP).toArray();
      Spread.Verdict v = Spread.verdict(run, g.values(), alpha);
      assertEquals(Comparison.Status.WITHIN, v.status(), g.group() + ": " + v);
    }
  }
}
