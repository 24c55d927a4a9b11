package org.gposuite.reproduce.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 21, small items: the README and the smoke profile's own description must promise the same
 * cost for the same number of cells (the README said about 1 minute, the profile "a few minutes").
 */
class SmokeCostTextTest {
  @Test
  void readmeAndProfileStateTheSameCellsAndTime() throws Exception {
    Profile smoke = ProfileLoader.load("smoke");
    int cells = Plan.of(smoke, CellSelection.ALL).cells().size();
    String readme = Files.readString(Path.of("..", "README.md"));
    String row = readme.lines().filter(l -> l.startsWith("| smoke |")).findFirst().orElseThrow();
    assertTrue(row.startsWith("| smoke | " + cells + " | measured: about 1 minute"), row);
    assertTrue(smoke.description().contains(cells + " cells, about 1 minute on 2 cores"), smoke.description());
  }
}
