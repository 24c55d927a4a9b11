package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
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
 * the first stored ones ({@link MovedDefaults#REFERENCE}) unless the table says they moved.
 */
class MovedDefaultsTest {

  private static GpoConfig engineDefault(Algorithm algorithm) {
    return algorithm == Algorithm.PPO ? GpoConfig.paperPpo(1) : GpoConfig.paperA2c(1);
  }

  private static Map<String, String> moved(Algorithm algorithm) {
    Map<String, String> out = new HashMap<>();
    for (MovedDefaults m : MovedDefaults.ALL) if (m.algorithm() == algorithm) out.put(m.key(), m.now());
    return out;
  }

  @Test
  void everyKeyHasItsFirstDefault() {
    List<String> keys = new ArrayList<>(EngineSettings.KEYS);
    keys.remove("gpo.sharing_c");
    assertEquals(keys.stream().sorted().toList(), MovedDefaults.REFERENCE.keySet().stream().sorted().toList(),
        "a new setting needs its first default in MovedDefaults.REFERENCE");
  }

  @Test
  void theEngineDefaultsAreTheFirstOnesUnlessTheTableSaysTheyMoved() {
    for (Algorithm algorithm : Algorithm.values()) {
      GpoConfig engine = engineDefault(algorithm);
      for (Map.Entry<String, String> e : MovedDefaults.REFERENCE.entrySet()) {
        String expected = moved(algorithm).getOrDefault(e.getKey(), e.getValue());
        assertEquals(engine.identity(), EngineSettings.apply(engine, Map.of(e.getKey(), expected)).identity(),
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
      assertEquals(MovedDefaults.REFERENCE.get(m.key()), m.was(), m.key());
    }
  }

  @Test
  void theHashFollowsTheEffectiveSettingsNotHowTheyWereAskedFor() {
    for (Algorithm algorithm : Algorithm.values()) {
      Map<String, String> moved = moved(algorithm);
      CellSpec gpo = cell(algorithm, "GPO", Map.of());
      assertEquals(moved, gpo.effectiveOverrides());
      // the new defaults set by hand: the default cell
      assertEquals(gpo.configHash(), cell(algorithm, "GPO", moved).configHash());
      // the first defaults set back by hand: the hash cells had before the move (no line at all)
      Map<String, String> back = new TreeMap<>();
      for (String key : moved.keySet()) back.put(key, MovedDefaults.REFERENCE.get(key));
      CellSpec asStored = cell(algorithm, "GPO", back);
      assertTrue(asStored.effectiveOverrides().isEmpty(), asStored.effectiveOverrides().toString());
      if (!moved.isEmpty()) assertNotEquals(gpo.configHash(), asStored.configHash());
      // a first default typed by hand, in any case, is no setting
      assertEquals(cell(algorithm, "GPO", Map.of("gpo.self_couples", "false")).configHash(),
          cell(algorithm, "GPO", Map.of("gpo.self_couples", "false", "gpo.child_init", " Stronger-Parent")).configHash());
      // Single and Joint read no gpo. setting: theirs stay as given, the moves add nothing
      assertEquals(Map.of("gpo.sharing", "literal"), cell(algorithm, "Single", Map.of("gpo.sharing", "literal")).effectiveOverrides());
      assertTrue(cell(algorithm, "Joint", Map.of()).effectiveOverrides().isEmpty());
    }
  }

  private static CellSpec cell(Algorithm algorithm, String method, Map<String, String> overrides) {
    return new CellSpec(algorithm, "Swimmer", method, 1, Budget.PAPER, new Settings(Settings.DEFAULT_PRESET, new TreeMap<>(overrides)), List.of());
  }
}
