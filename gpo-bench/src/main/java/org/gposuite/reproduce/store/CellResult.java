package org.gposuite.reproduce.store;

import java.util.List;

/**
 * What a method runner (reproduce.run.MethodRunner) hands back for one cell: the numbers a run stores.
 *
 * @param finalReturn the table's "final performance" of this seed (for the Fig. 3a cell: the
 *     mean return of the state-space children)
 * @param stepsUsed environment steps actually simulated, over all policies, DAgger included
 * @param wallClock time split (Table 3)
 * @param curve learning curve (Fig. 4), ordered by steps; may be empty
 * @param crossovers Fig. 3a trials; empty for every other cell
 */
public record CellResult(double finalReturn, long stepsUsed, WallClock wallClock,
    List<CurvePoint> curve, List<CrossoverTrial> crossovers) {

  public CellResult {
    if (!Double.isFinite(finalReturn)) {
      throw new IllegalArgumentException("final return must be finite, got " + finalReturn);
    }
    if (stepsUsed < 0) throw new IllegalArgumentException("steps used must be >= 0, got " + stepsUsed);
    if (wallClock == null) throw new IllegalArgumentException("wall-clock split is required");
    curve = List.copyOf(curve);
    crossovers = List.copyOf(crossovers);
    for (int i = 1; i < curve.size(); i++) {
      if (curve.get(i).steps() < curve.get(i - 1).steps()) {
        throw new IllegalArgumentException("learning curve must be ordered by steps; point " + i
            + " has " + curve.get(i).steps() + " after " + curve.get(i - 1).steps());
      }
    }
  }
}
