package org.gposuite.reproduce.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.gposuite.nn.NetworkBackend;

/**
 * One cell: one method run on one task with one algorithm and one seed, under a budget and
 * engine settings. A cell can serve several experiments (a PPO GPO cell on Ant is in Table 1,
 * Table 3, Fig. 4 and Fig. 5); {@code usedBy} says which, and takes no part in the cell's
 * identity or hash.
 */
public record CellSpec(Algorithm algorithm, String task, String method, int seed, Budget budget,
    Settings settings, List<Experiment> usedBy, String variant) {

  /** A cell at its profile's budget (no {@link BudgetVariant} label). */
  public CellSpec(Algorithm algorithm, String task, String method, int seed, Budget budget, Settings settings,
      List<Experiment> usedBy) {
    this(algorithm, task, method, seed, budget, settings, usedBy, "");
  }

  public CellSpec {
    if (task == null || task.isBlank()) throw new IllegalArgumentException("cell task is blank");
    if (method == null || method.isBlank()) throw new IllegalArgumentException("cell method is blank");
    if (settings == null) throw new IllegalArgumentException("cell settings are missing; use Settings.DEFAULT");
    usedBy = List.copyOf(usedBy);
    BudgetVariant.requireLabel(variant);
  }

  /**
   * Threads its work keeps busy at once, before any cap by the machine's cores: a GPO-family cell runs
   * its population's policies in parallel, Single and Joint are one policy on one thread.
   */
  public int parallelism() {
    return Catalogue.isBaseline(method) ? 1 : Math.max(1, budget.population());
  }

  /** The steps this cell is planned to take: its budget's, or one round's for the crossover probe (Fig. 3a). */
  public long plannedSteps() {
    return method.equals(Catalogue.CROSSOVER_PROBE) ? budget.roundSteps() : budget.totalSteps();
  }

  /**
   * Stable identity, also the cell's folder: {@code PPO/Ant/GPO/seed-3} under the default
   * preset, {@code PPO-paper-calibrated/Ant/GPO/seed-3} under another; a cell of a budget variant
   * carries its label after the task, {@code PPO/Walker2d@pop16/GPO/seed-3}. Overrides are not part of
   * it (they are in the hash): a diagnosis run with other settings goes in its own run folder.
   */
  public String id() {
    return groupId() + "/seed-" + seed;
  }

  /** The group a cell's seeds are pooled in: {@code PPO/Ant/GPO}, {@code PPO-paper-calibrated/Ant/GPO}. */
  public String groupId() {
    return groupId(algorithm, settings.preset(), task, variant, method);
  }

  /** The task segment of the id and the folder: {@code Walker2d}, or {@code Walker2d@pop16} for a variant. */
  public String taskLabel() {
    return task + BudgetVariant.suffix(variant);
  }

  /** The first segment of the id and the folder: {@code PPO}, or {@code PPO-paper-calibrated}. */
  public String algorithmLabel() {
    return algorithmLabel(algorithm, settings.preset());
  }

  public static String algorithmLabel(Algorithm algorithm, String preset) {
    return algorithm + Settings.suffix(preset);
  }

  /** The one place group ids are spelled, for specs, stored rows and lookups alike. */
  public static String groupId(Algorithm algorithm, String preset, String task, String method) {
    return groupId(algorithm, preset, task, "", method);
  }

  /** As {@link #groupId(Algorithm, String, String, String)}, for a cell of a budget variant. */
  public static String groupId(Algorithm algorithm, String preset, String task, String variant, String method) {
    return algorithmLabel(algorithm, preset) + "/" + task + BudgetVariant.suffix(variant) + "/" + method;
  }

  /** The same cell on our networks: what a cell on DL4J's networks is compared with. */
  public CellSpec onOurNetworks() {
    return new CellSpec(algorithm, task, method, seed, budget, settings.withNetworks(NetworkBackend.OURS), usedBy, variant);
  }

  /**
   * Hash of everything that determines the cell's numbers except the seed: algorithm, task,
   * method, budget, preset, networks when not ours, and overrides (one {@code set.key=value} line each, in key order),
   * read as the cell's effective settings: moved engine defaults count as set, and a setting at its first stored
   * default adds no line ({@link MovedDefaults}).
   * A variant's label needs no line: its budget, which the label only names, is hashed.
   * Same hash + same seed + same build and platform = same numbers.
   */
  public String configHash() {
    StringBuilder canonical = new StringBuilder();
    canonical.append("algorithm=").append(algorithm).append('\n');
    canonical.append("task=").append(task).append('\n');
    canonical.append("method=").append(method).append('\n');
    for (Map.Entry<String, String> e : budget.asFields().entrySet()) {
      canonical.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    canonical.append("preset=").append(settings.preset()).append('\n');
    // our networks add no line: the default cells keep the hashes the expected results hold
    if (settings.networks() != NetworkBackend.OURS) canonical.append("networks=").append(settings.networks().label()).append('\n');
    for (Map.Entry<String, String> e : effectiveOverrides().entrySet()) {
      canonical.append("set.").append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The overrides the hash reads: the cell's effective settings as differences from the first stored defaults ({@link MovedDefaults}). */
  public SortedMap<String, String> effectiveOverrides() {
    return MovedDefaults.effective(algorithm, method, settings.overrides());
  }
}
