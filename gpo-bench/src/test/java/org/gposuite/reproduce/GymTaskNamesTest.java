package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile may name Gym's -v1 tasks (any case): the plan has their cells, and a run with the fake
 * runner reports them without paper numbers (the paper's tables have no rows for them).
 */
class GymTaskNamesTest {
  @Test
  void aProfileWithAGymTaskPlansRunsAndReportsIt(@TempDir Path tmp) throws Exception {
    Profile p = TestFiles.profile("hopper-V1, Swimmer", "Swimmer", 40);
    assertEquals(java.util.List.of("Hopper-v1", "Swimmer"), p.tasks());
    CellSelection hopperOnly = new CellSelection(Set.of(), Set.of("Hopper-v1"), Set.of(), Optional.of(java.util.List.of(1)),
        Optional.empty(), new TreeMap<>());
    assertTrue(Plan.of(p, hopperOnly).cells().stream().allMatch(c -> c.task().equals("Hopper-v1")));
    assertTrue(!Plan.of(p, hopperOnly).cells().isEmpty());

    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Harness.Options o = new Harness.Options(p, hopperOnly, tmp.resolve("run"), TestFiles.scratchExpected(tmp), tmp,
        false, false);
    assertEquals(Harness.OK, new Harness(FakeRunner.registry(new FakeRunner()), log).run(o));
    String report = Files.readString(tmp.resolve("run/report.md"));
    assertTrue(report.contains("Hopper-v1"), report);
  }
}
