package org.gposuite.reproduce.visitation;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StateVisitation.Role;
import org.junit.jupiter.api.Test;

/** Fig. 3b's per-crossover analysis on crossovers whose answer is known by construction. */
class CrossoverMapTest {

  /** n states around {@code centre} with sd 1 per dimension, then dimension 0 scaled by {@code velocityScale}. */
  static List<double[]> cloud(int n, double[] centre, double velocityScale, SplittableRandom rng) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] p = new double[centre.length];
      for (int j = 0; j < p.length; j++) p[j] = centre[j] + rng.nextGaussian();
      p[0] *= velocityScale;
      out.add(p);
    }
    return out;
  }

  static StateVisitation.Crossover crossover(Map<Role, List<double[]>> states) {
    List<StateVisitation.Panel> panels = new ArrayList<>();
    for (Role r : Role.values()) panels.add(new StateVisitation.Panel(r, 0, 4, 1, 1, 1, states.get(r).size(), states.get(r)));
    return new StateVisitation.Crossover(0, panels);
  }

  static double[] at(double... c) {
    return c;
  }

  /**
   * Parents in two regions of a 6-D state space, the state-space child half in each, the parameter-space
   * child in a third region: the child that visits its parents' states is the closer one, and swapping the
   * children swaps the verdict.
   */
  @Test
  void theStateSpaceChildThatVisitsItsParentsStatesIsCloser() {
    SplittableRandom rng = new SplittableRandom(43);
    double[] a = at(0, 0, 0, 0, 0, 0), b = at(0, 6, 0, 0, 0, 0), elsewhere = at(0, 3, 6, 0, 0, 0);
    Map<Role, List<double[]>> s = new EnumMap<>(Role.class);
    s.put(Role.PARENT_A, cloud(300, a, 1, rng));
    s.put(Role.PARENT_B, cloud(300, b, 1, rng));
    List<double[]> both = cloud(150, a, 1, rng);
    both.addAll(cloud(150, b, 1, rng));
    s.put(Role.STATE_SPACE_CHILD, both);
    s.put(Role.PARAMETER_SPACE_CHILD, cloud(300, elsewhere, 1, rng));
    CrossoverMap.Separations sep = CrossoverMap.of(crossover(s)).separations();
    assertTrue(sep.stateChildCloser());
    // Pooled with A: 450 states in A's region (A's 300, the child's 150), 150 of the child's apart. An A state's
    // neighbours are A's with chance 300/450, the child's there 150/450, those apart all the child's:
    // T = (300 x 2/3 + 150 x 1/3 + 150 x 1) / 600 = 2/3; T0 = 299/599 ~ 1/2; separation ~ 1/3.
    assertEquals(1 / 3.0, sep.between(Role.STATE_SPACE_CHILD, Role.PARENT_A), 0.05);
    assertTrue(sep.fromParents(Role.PARAMETER_SPACE_CHILD) > 0.9, "the third region is apart from both parents");
    assertEquals(sep.between(Role.PARENT_A, Role.PARENT_B), sep.between(Role.PARENT_B, Role.PARENT_A), 0.0);
    assertEquals(0, sep.between(Role.PARENT_A, Role.PARENT_A), 0.0);

    Map<Role, List<double[]>> swapped = new EnumMap<>(s);
    swapped.put(Role.STATE_SPACE_CHILD, s.get(Role.PARAMETER_SPACE_CHILD));
    swapped.put(Role.PARAMETER_SPACE_CHILD, s.get(Role.STATE_SPACE_CHILD));
    assertFalse(CrossoverMap.of(crossover(swapped)).separations().stateChildCloser());
  }

  /**
   * The four policies differ along dimension 1 only; dimension 0 is a "velocity" with 1000x the range and
   * the same distribution for all. Raw, the velocity would decide every nearest neighbour (separation ~0);
   * standardised over the pool, the policies' difference shows.
   */
  @Test
  void standardisationKeepsAWideDimensionFromHidingTheOthers() {
    SplittableRandom rng = new SplittableRandom(47);
    Map<Role, List<double[]>> s = new EnumMap<>(Role.class);
    for (Role r : Role.values()) s.put(r, cloud(400, at(0, 8 * r.ordinal()), 1000, rng));
    CrossoverMap map = CrossoverMap.of(crossover(s));
    double raw = KnnSeparation.of(s.get(Role.PARENT_A), s.get(Role.PARENT_B), KnnSeparation.K).separation();
    assertTrue(raw < 0.3, "raw: the velocity hides the difference, " + raw);
    assertTrue(map.separations().between(Role.PARENT_A, Role.PARENT_B) > 0.9, "standardised: 8 sd apart shows");
    // The pooled standardised points have mean 0 and variance 1 in every dimension, computed here.
    List<double[]> pool = map.pooled();
    for (int j = 0; j < 2; j++) {
      double m = 0, v = 0;
      for (double[] p : pool) m += p[j];
      m /= pool.size();
      for (double[] p : pool) v += (p[j] - m) * (p[j] - m);
      assertEquals(0, m, 1e-12);
      assertEquals(1, v / pool.size(), 1e-12);
    }
  }

  @Test
  void everyPolicyGetsTheSmallestCountCappedAndTheSameBits() {
    SplittableRandom rng = new SplittableRandom(53);
    Map<Role, List<double[]>> s = new EnumMap<>(Role.class);
    for (Role r : Role.values()) s.put(r, cloud(r == Role.PARENT_B ? 120 : 900, at(r.ordinal(), 0, 0), 1, rng));
    CrossoverMap map = CrossoverMap.of(crossover(s));
    assertEquals(120, map.pointsPerPolicy());
    for (Role r : Role.values()) assertEquals(120, map.points(r).size());
    s.put(Role.PARENT_B, cloud(900, at(1, 0, 0), 1, rng));
    assertEquals(CrossoverMap.POINTS_PER_POLICY, CrossoverMap.of(crossover(s)).pointsPerPolicy(), "at most the cap");
    CrossoverMap again = CrossoverMap.of(crossover(s));
    assertArrayEquals(CrossoverMap.of(crossover(s)).separations().value()[2], again.separations().value()[2], 0.0);
    List<StateVisitation.Panel> none = new ArrayList<>(crossover(s).panels());
    none.set(3, new StateVisitation.Panel(Role.PARAMETER_SPACE_CHILD, 0, 4, 1, 1, 1, 100, List.of()));
    assertThrows(IllegalArgumentException.class, () -> CrossoverMap.of(new StateVisitation.Crossover(0, none)));
  }
}
