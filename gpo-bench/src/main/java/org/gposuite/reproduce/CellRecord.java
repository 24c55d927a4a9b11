package org.gposuite.reproduce;

/**
 * One finished cell as it is stored: a row of {@code cells.csv}, of a cell's
 * {@code result.csv}, and of {@code expected-results/<profile>/cells.csv}.
 */
public record CellRecord(Algorithm algorithm, String task, String method, int seed,
    String configHash, String profile, double finalReturn, long stepsUsed, WallClock wallClock,
    Provenance provenance, String finishedAt) {

  public String id() {
    return algorithm + "/" + task + "/" + method + "/seed-" + seed;
  }

  public String groupId() {
    return algorithm + "/" + task + "/" + method;
  }

  public static CellRecord of(CellSpec spec, String profile, CellResult result,
      Provenance provenance, String finishedAt) {
    return new CellRecord(spec.algorithm(), spec.task(), spec.method(), spec.seed(),
        spec.configHash(), profile, result.finalReturn(), result.stepsUsed(), result.wallClock(),
        provenance, finishedAt);
  }
}
