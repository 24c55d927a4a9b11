package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.MovedDefaults;
import org.gposuite.reproduce.plan.Settings;
import org.junit.jupiter.api.Test;

/**
 * Holds {@link MovedDefaults} to the engine: a default that moves without an entry there would
 * leave stored cells under hashes they no longer reproduce. The engine's defaults, set by hand, are
 * the defaults the first stored hashes were made under, unless the table says they moved.
 */
class MovedDefaultsTest {

  /** Every setting's default when config hashes were first stored (gpo.sharing_c is read with truncated only). */
  private static final Map<String, String> FIRST_STORED = new LinkedHashMap<>();
  static {
    FIRST_STORED.put("gpo.child_init", "stronger-parent");
    FIRST_STORED.put("gpo.fitness", "training");
    FIRST_STORED.put("gpo.fitness_episodes", "5");
    FIRST_STORED.put("gpo.self_couples", "true");
    FIRST_STORED.put("gpo.sharing_kl", "0.5");
    FIRST_STORED.put("gpo.critic_data", "own");
    FIRST_STORED.put("gpo.sharing", "literal");
  }

  private static GpoConfig engineDefault(Algorithm algorithm) {
    return algorithm == Algorithm.PPO ? GpoConfig.paperPpo(1) : GpoConfig.paperA2c(1);
  }

  @Test
  void everyKeyIsPinned() {
    List<String> keys = new ArrayList<>(EngineSettings.KEYS);
    keys.remove("gpo.sharing_c");
    assertEquals(keys.stream().sorted().toList(), FIRST_STORED.keySet().stream().sorted().toList(),
        "a new setting needs its first default here");
  }

  @Test
  void theEngineDefaultsAreTheFirstStoredOnesUnlessTheTableSaysTheyMoved() {
    for (Algorithm algorithm : Algorithm.values()) {
      GpoConfig engine = engineDefault(algorithm);
      Map<String, String> moved = MovedDefaults.of(algorithm, "GPO");
      for (Map.Entry<String, String> e : FIRST_STORED.entrySet()) {
        String expected = moved.getOrDefault(e.getKey(), e.getValue());
        GpoConfig set = EngineSettings.apply(engine, Map.of(e.getKey(), expected));
        assertEquals(engine.identity(), set.identity(),
            algorithm + ": the engine's default of " + e.getKey() + " is not " + expected
                + "; if it moved on purpose, add it to MovedDefaults.ALL");
      }
    }
  }

  @Test
  void aMovedDefaultMovesTheEngine() {
    for (MovedDefaults m : MovedDefaults.ALL) {
      GpoConfig engine = engineDefault(m.algorithm());
      assertNotEquals(engine.identity(), EngineSettings.apply(engine, Map.of(m.key(), m.was())).identity(), m.key());
      assertEquals(FIRST_STORED.get(m.key()), m.was(), m.key());
    }
  }

  @Test
  void theHashCountsAMovedDefaultAsSetAndLeavesTheBaselinesAlone() {
    Budget budget = Budget.PAPER;
    for (Algorithm algorithm : Algorithm.values()) {
      CellSpec single = cell(algorithm, "Single", Map.of(), budget);
      assertTrue(single.effectiveOverrides().isEmpty(), "Single reads no gpo. setting");
      CellSpec gpo = cell(algorithm, "GPO", Map.of(), budget);
      Map<String, String> moved = MovedDefaults.of(algorithm, "GPO");
      assertEquals(moved, gpo.effectiveOverrides());
      // a cell with the new defaults set by hand is the default cell
      assertEquals(gpo.configHash(), cell(algorithm, "GPO", moved, budget).configHash());
      // an explicit override wins over a moved default
      for (String key : moved.keySet()) {
        CellSpec back = cell(algorithm, "GPO", Map.of(key, FIRST_STORED.get(key)), budget);
        assertEquals(FIRST_STORED.get(key), back.effectiveOverrides().get(key));
        assertNotEquals(gpo.configHash(), back.configHash());
      }
    }
  }

  private static CellSpec cell(Algorithm algorithm, String method, Map<String, String> overrides, Budget budget) {
    return new CellSpec(algorithm, "Swimmer", method, 1, budget, new Settings(Settings.DEFAULT_PRESET, new TreeMap<>(overrides)), List.of());
  }
}
