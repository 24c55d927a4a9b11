package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gposuite.reproduce.compare.ComparisonTest;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.store.FinalPolicies;
import org.gposuite.reproduce.store.StoredCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationComparisonTest {
  static StoredCell cell(String method, int seed, double... returns) {
    List<FinalPolicies.Policy> finals = new java.util.ArrayList<>();
    for (int i = 0; i < returns.length; i++) finals.add(new FinalPolicies.Policy(i, returns[i], 1, i == 0));
    return new StoredCell(ComparisonTest.row(method, seed, returns[0], "h", ComparisonTest.HERE), List.of(), List.of(), finals);
  }

  @Test
  void claimIsCheckedSeedBySeedOnTheWorstGpoAndTheBestSinglePolicy() {
    Results r = new Results(List.of(
        cell("GPO", 1, 900, 1000, 950), cell("Single", 1, 800, 899, 100),  // worst GPO 900 > best Single 899
        cell("GPO", 2, 1000, 700), cell("Single", 2, 650, 701),             // worst GPO 700 < best Single 701
        cell("GPO", 3, 500)));                                             // no Single seed 3: left out
    PopulationComparison pc = PopulationComparison.of(r, "tuned", "Hopper");
    assertEquals(List.of(1, 2), List.copyOf(pc.seeds().keySet()));
    assertEquals(List.of(1000.0, 950.0, 900.0), pc.seeds().get(1).gpo(), "sorted best first");
    assertTrue(pc.seeds().get(1).everyGpoAboveEverySingle());
    assertFalse(pc.seeds().get(2).everyGpoAboveEverySingle());
    assertEquals(1, pc.seedsWhereClaimHolds());
  }

  @Test
  void finalPoliciesRoundTripAndAreAbsentForOlderCells(@TempDir Path dir) throws Exception {
    assertEquals(List.of(), FinalPolicies.read(dir));
    List<FinalPolicies.Policy> p = List.of(new FinalPolicies.Policy(0, 1.5, 0.25, false),
        new FinalPolicies.Policy(1, -3.0000000000000004, Double.NaN, true));
    FinalPolicies.write(dir, p);
    assertEquals(p, FinalPolicies.read(dir));
    Files.writeString(dir.resolve(FinalPolicies.FILE), "policy,selection_return\n0,abc\n");
    InputError e = org.junit.jupiter.api.Assertions.assertThrows(InputError.class, () -> FinalPolicies.read(dir));
    assertTrue(e.getMessage().contains(FinalPolicies.FILE), e.getMessage());
  }
}
