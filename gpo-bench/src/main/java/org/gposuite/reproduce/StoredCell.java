package org.gposuite.reproduce;

import java.util.List;

/** A finished cell as the run folder keeps it: its summary row and its curve and crossovers. */
public record StoredCell(CellRecord record, List<CurvePoint> curve, List<CrossoverTrial> crossovers) {
  public StoredCell {
    curve = List.copyOf(curve);
    crossovers = List.copyOf(crossovers);
  }
}
