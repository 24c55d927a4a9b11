package org.gposuite.reproduce.store;

import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.BudgetVariant;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;

import org.gposuite.nn.NetworkBackend;

/**
 * One finished cell as it is stored: a row of {@code cells.csv}, of a cell's
 * {@code result.csv}, and of {@code expected-results/<profile>/cells.csv}.
 */
public record CellRecord(Algorithm algorithm, String task, String method, int seed,
    Settings settings, String configHash, String profile, double finalReturn, long stepsUsed,
    WallClock wallClock, Provenance provenance, String finishedAt, String variant) {

  public CellRecord {
    if (settings == null) throw new IllegalArgumentException("cell record settings are missing; use Settings.DEFAULT");
    BudgetVariant.requireLabel(variant);
  }

  /** A cell at its profile's budget (no {@link BudgetVariant} label). */
  public CellRecord(Algorithm algorithm, String task, String method, int seed, Settings settings, String configHash,
      String profile, double finalReturn, long stepsUsed, WallClock wallClock, Provenance provenance, String finishedAt) {
    this(algorithm, task, method, seed, settings, configHash, profile, finalReturn, stepsUsed, wallClock, provenance,
        finishedAt, "");
  }

  /** Same as {@link CellSpec#id()}. */
  public String id() {
    return groupId() + "/seed-" + seed;
  }

  /** Same as {@link CellSpec#groupId()}. */
  public String groupId() {
    return CellSpec.groupId(algorithm, settings.preset(), task, variant, method);
  }

  /** This row as its twin on our networks would be stored, under that twin's config hash (for the comparison). */
  public CellRecord onOurNetworks(String configHash) {
    return new CellRecord(algorithm, task, method, seed, settings.withNetworks(NetworkBackend.OURS), configHash,
        profile, finalReturn, stepsUsed, wallClock, provenance, finishedAt, variant);
  }

  public static CellRecord of(CellSpec spec, String profile, CellResult result,
      Provenance provenance, String finishedAt) {
    return new CellRecord(spec.algorithm(), spec.task(), spec.method(), spec.seed(),
        spec.settings(), spec.configHash(), profile, result.finalReturn(), result.stepsUsed(),
        result.wallClock(), provenance, finishedAt, spec.variant());
  }
}
