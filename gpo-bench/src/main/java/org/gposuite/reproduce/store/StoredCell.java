package org.gposuite.reproduce.store;

import java.util.List;

/**
 * A finished cell as the run folder keeps it: its summary row, its curve and crossovers, and the
 * final evaluation of every policy it ended with (Fig. 6; empty for cells computed before the
 * harness kept them).
 */
public record StoredCell(CellRecord record, List<CurvePoint> curve, List<CrossoverTrial> crossovers,
    List<FinalPolicies.Policy> finalPolicies) {
  public StoredCell {
    curve = List.copyOf(curve);
    crossovers = List.copyOf(crossovers);
    finalPolicies = List.copyOf(finalPolicies);
  }

  public StoredCell(CellRecord record, List<CurvePoint> curve, List<CrossoverTrial> crossovers) {
    this(record, curve, crossovers, List.of());
  }
}
