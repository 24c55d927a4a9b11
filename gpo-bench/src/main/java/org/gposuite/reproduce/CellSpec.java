package org.gposuite.reproduce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One cell: one method run on one task with one algorithm and one seed, under a budget.
 * A cell can serve several experiments (a PPO GPO cell on Ant is in Table 1, Table 3, Fig. 4
 * and Fig. 5); {@code usedBy} says which, and takes no part in the cell's identity or hash.
 */
public record CellSpec(Algorithm algorithm, String task, String method, int seed, Budget budget,
    List<Experiment> usedBy) {

  public CellSpec {
    if (task == null || task.isBlank()) throw new IllegalArgumentException("cell task is blank");
    if (method == null || method.isBlank()) throw new IllegalArgumentException("cell method is blank");
    usedBy = List.copyOf(usedBy);
  }

  /** Stable identity, also the cell's folder: {@code PPO/Ant/GPO/seed-3}. */
  public String id() {
    return algorithm + "/" + task + "/" + method + "/seed-" + seed;
  }

  /** The group a cell's seeds are pooled in: {@code PPO/Ant/GPO}. */
  public String groupId() {
    return algorithm + "/" + task + "/" + method;
  }

  /**
   * Hash of everything that determines the cell's numbers except the seed: algorithm, task,
   * method and budget. Same hash + same seed + same build and platform = same numbers.
   */
  public String configHash() {
    StringBuilder canonical = new StringBuilder();
    canonical.append("algorithm=").append(algorithm).append('\n');
    canonical.append("task=").append(task).append('\n');
    canonical.append("method=").append(method).append('\n');
    for (Map.Entry<String, String> e : budget.asFields().entrySet()) {
      canonical.append(e.getKey()).append('=').append(e.getValue()).append('\n');
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
