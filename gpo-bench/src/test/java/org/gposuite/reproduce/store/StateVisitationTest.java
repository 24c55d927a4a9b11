package org.gposuite.reproduce.store;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fig. 3b's high-reward rule, panels and files. */
class StateVisitationTest {
  @TempDir Path tmp;

  @Test
  void highRewardIsTheTopQuarterByReturnTiesToTheEarlierRollout() {
    double[] r = new double[20];
    for (int i = 0; i < 20; i++) r[i] = i % 7; // 6 at 6 and 13; 5 at 5, 12, 19
    assertArrayEquals(new int[] {6, 13, 5, 12, 19}, StateVisitation.highReward(r));
    assertArrayEquals(new int[] {1}, StateVisitation.highReward(new double[] {1, 2}), "ceil(2 / 4) = 1");
    assertArrayEquals(new int[] {0}, StateVisitation.highReward(new double[] {-3}));
    assertArrayEquals(new int[] {4, 0}, StateVisitation.highReward(new double[] {5, -1, 0, 2, 9}), "ceil(5 / 4) = 2");
    assertEquals(25, StateVisitation.highReward(new double[100]).length, "the paper's 100 rollouts keep 25");
    assertThrows(IllegalArgumentException.class, () -> StateVisitation.highReward(new double[0]));
    assertEquals(100, StateVisitation.rollouts(10), "the paper profile's eval_episodes = 10 gives the paper's 100 rollouts");
  }

  /** A rollout of {@code len} states at (base + t, -base, 0): states of one policy lie on one line. */
  static List<double[]> line(double base, int len) {
    List<double[]> s = new ArrayList<>();
    for (int t = 0; t < len; t++) s.add(new double[] {base + t, -base, 0});
    return s;
  }

  @Test
  void panelsKeepOnlyHighRewardStatesOnOnePlaneAndAverageEveryRollout() throws Exception {
    Map<StateVisitation.Role, StateVisitation.Rollouts> r = new EnumMap<>(StateVisitation.Role.class);
    Map<StateVisitation.Role, Integer> slots = new EnumMap<>(StateVisitation.Role.class);
    int k = 0;
    for (StateVisitation.Role role : StateVisitation.Role.values()) {
      double[] returns = {1, 10 + k, 2, 3}; // rollout 1 is the top quarter
      List<List<double[]>> states = List.of(line(1000, 5), line(10 * k, 3 + k), line(1000, 5), line(1000, 5));
      r.put(role, new StateVisitation.Rollouts(returns, states));
      slots.put(role, k++);
    }
    StateVisitation.Crossover c = StateVisitation.of(3, r, slots);
    assertEquals(4, c.panels().size());
    for (int i = 0; i < 4; i++) {
      StateVisitation.Panel p = c.panels().get(i);
      assertEquals(StateVisitation.Role.values()[i], p.role());
      assertEquals(i, p.slot());
      assertEquals(4, p.rollouts());
      assertEquals((1 + 10 + i + 2 + 3) / 4.0, p.meanReturn(), 1e-12, "the title's return averages every rollout");
      assertEquals(1, p.kept());
      assertEquals(10 + i, p.keptMinReturn());
      assertEquals(3 + i, p.states(), "only the high-reward rollout's states");
      assertEquals(3 + i, p.points().size());
      for (int t = 0; t < 3 + i; t++) assertArrayEquals(new double[] {10 * i + t, -(10.0 * i), 0}, p.points().get(t), "raw, in time order");
    }
    StateVisitation.write(tmp, List.of(c));
    List<StateVisitation.Crossover> back = StateVisitation.read(tmp);
    assertEquals(1, back.size());
    assertEquals(3, back.get(0).pair());
    for (int i = 0; i < 4; i++) {
      StateVisitation.Panel a = c.panels().get(i), b = back.get(0).panels().get(i);
      assertEquals(a.role(), b.role());
      assertEquals(a.meanReturn(), b.meanReturn());
      assertEquals(a.points().size(), b.points().size());
      for (int t = 0; t < a.points().size(); t++) assertArrayEquals(a.points().get(t), b.points().get(t), 1e-6 * 30, "7 significant digits");
    }
    assertTrue(back.get(0).hasStates());
    assertEquals(List.of(), StateVisitation.read(tmp.resolve("no-such-cell")));
  }

  private static int role(StateVisitation.Panel p) {
    return p.role().ordinal();
  }

  /** A cell written before raw states were stored (2-D pc1, pc2 columns): its returns read back, its panels without states. */
  @Test
  void aProbeCellOfTheOldFormatReadsItsReturnsButNoStates() throws Exception {
    java.nio.file.Files.writeString(tmp.resolve(StateVisitation.POLICIES_FILE), """
        pair,policy,slot,rollouts,mean_return,kept_rollouts,kept_min_return,states,points,pc1_variance,pc2_variance,total_variance
        0,parent_a,0,20,1.5,5,2.0,100,100,3.0,2.0,6.0
        0,parent_b,1,20,2.5,5,3.0,100,100,3.0,2.0,6.0
        0,state_space_child,0,20,3.5,5,4.0,100,100,3.0,2.0,6.0
        0,parameter_space_child,0,20,-1.5,5,0.0,100,100,3.0,2.0,6.0
        """);
    java.nio.file.Files.writeString(tmp.resolve(StateVisitation.STATES_FILE), "pair,policy,pc1,pc2\n0,parent_a,1.0,2.0\n");
    List<StateVisitation.Crossover> back = StateVisitation.read(tmp);
    assertEquals(1, back.size());
    assertEquals(-1.5, back.get(0).meanReturn(StateVisitation.Role.PARAMETER_SPACE_CHILD));
    assertFalse(back.get(0).hasStates());
  }

  @Test
  void storedPointsAreThinnedByAStrideToTheCap() {
    Map<StateVisitation.Role, StateVisitation.Rollouts> r = new EnumMap<>(StateVisitation.Role.class);
    int n = 2 * StateVisitation.MAX_POINTS_PER_POLICY + 1;
    for (StateVisitation.Role role : StateVisitation.Role.values()) {
      r.put(role, new StateVisitation.Rollouts(new double[] {1}, List.of(line(role.ordinal(), n))));
    }
    StateVisitation.Crossover c = StateVisitation.of(0, r, Map.of());
    for (StateVisitation.Panel p : c.panels()) {
      assertEquals(n, p.states());
      assertTrue(p.points().size() <= StateVisitation.MAX_POINTS_PER_POLICY, "at most the cap: " + p.points().size());
      assertEquals((n + 2) / 3, p.points().size(), "stride 3");
      assertEquals(3 * 7 + role(p), p.points().get(7)[0], "the 8th stored state is the 22nd visited");
    }
  }
}
