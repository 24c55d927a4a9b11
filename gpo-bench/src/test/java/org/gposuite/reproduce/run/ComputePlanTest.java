package org.gposuite.reproduce.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;
import org.junit.jupiter.api.Test;

/** The dry run's compute plan (issue 20): stored cells recognised, the rest timed by hand-checkable rules. */
class ComputePlanTest {
  private final Plan smoke = Plan.of(ProfileLoader.load("smoke"), CellSelection.ALL);
  private final List<CellRecord> stored0;

  ComputePlanTest() throws Exception {
    stored0 = CellsCsv.read(Path.of("..", "expected-results", "smoke", "cells.csv"));
  }

  private static boolean gpo(CellSpec c) {
    return !c.method().equals("Single") && !c.method().equals("Joint");
  }

  /** GPO-family cells 100 s on both cores, Single and Joint 10 s on one: two of them share the machine. */
  private ComputePlan timed(List<CellRecord> stored) {
    return new ComputePlan(smoke, stored, c -> gpo(c) ? 100 : 10, 2);
  }

  @Test
  void theStoredSmokeResultsCoverTheSmokePlan() {
    ComputePlan p = timed(stored0);
    assertEquals(smoke.cells().size(), p.storedCount());
    assertTrue(p.left().isEmpty());
    assertEquals(0, p.hereSeconds());
  }

  @Test
  void aCellMissingOrUnderAnotherConfigIsLeft() {
    CellSpec gpo = smoke.cells().stream().filter(ComputePlanTest::gpo).findFirst().orElseThrow();
    List<CellSpec> singles = smoke.cells().stream().filter(c -> c.method().equals("Single")).limit(3).toList();
    Set<String> drop = singles.stream().map(CellSpec::id).collect(Collectors.toSet());
    List<CellRecord> stored = stored0.stream()
        .filter(r -> !drop.contains(r.id()))
        // the GPO cell stays stored, but under a config hash the plan no longer has: it must be rerun
        .map(r -> r.id().equals(gpo.id()) ? new CellRecord(r.algorithm(), r.task(), r.method(), r.seed(), r.settings(),
            "0000000000000000", r.profile(), r.finalReturn(), r.stepsUsed(), r.wallClock(), r.provenance(),
            r.finishedAt(), r.variant()) : r)
        .toList();
    ComputePlan p = timed(stored);
    assertEquals(4, p.left().size());
    assertEquals(smoke.cells().size() - 4, p.storedCount());
    // by hand: 100 (GPO takes the machine) + 3 x 10 / 2 (a Single cell takes half of it)
    assertEquals(115, p.hereSeconds(), 1e-9);
    assertEquals(115, p.clusterSeconds(1), 1e-9);
    // LPT on 2 nodes: {100} and {5, 5, 5}
    assertEquals(100, p.clusterSeconds(2), 1e-9);
  }

  @Test
  void aClusterIsNeverFasterThanItsLongestCell() {
    Set<String> drop = smoke.cells().stream().filter(c -> c.method().equals("Single")).limit(3)
        .map(CellSpec::id).collect(Collectors.toSet());
    ComputePlan p = timed(stored0.stream().filter(r -> !drop.contains(r.id())).toList());
    assertEquals(15, p.hereSeconds(), 1e-9);
    // 3 cells of 5 machine-seconds on 4 nodes would be 5 s, but each cell takes 10 s of wall time
    assertEquals(10, p.clusterSeconds(4), 1e-9);
    String text = String.join("\n", p.lines("smoke/cells.csv"));
    assertTrue(text.contains((smoke.cells().size() - 3) + " of " + smoke.cells().size() + " cells stored"), text);
    assertTrue(text.contains("about 0:00:15 on this machine"), text);
  }
}
