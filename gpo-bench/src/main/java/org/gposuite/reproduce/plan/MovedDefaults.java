package org.gposuite.reproduce.plan;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Engine defaults that moved after config hashes were first stored. A cell's hash reads its
 * effective settings: its overrides, plus each moved default it does not override, as if set. So
 * a cell run under a new default never shares a hash with one stored under the old (whose numbers
 * it would not reproduce), while a cell stored with the new value set by hand (e.g. {@code --set
 * gpo.sharing=clipped}) keeps its hash and counts as a default cell. A default that has never moved
 * adds no line, so every hash from before a move stays what it was.
 *
 * <p>{@code MovedDefaultsTest} holds this table to the engine's defaults.
 *
 * @param key the setting's key, as {@code --set} takes it
 * @param was the default the first stored hashes were made under
 * @param now the engine's default today
 * @param algorithm the mutation whose default moved (the other keeps {@code was})
 * @param reason why it moved, where the evidence is
 */
public record MovedDefaults(String key, String was, String now, Algorithm algorithm, String reason) {

  /** Every move, oldest first. */
  public static final List<MovedDefaults> ALL = List.of(
      new MovedDefaults("gpo.sharing", "literal", "clipped", Algorithm.PPO,
          "issue 19, 2026-12-06: Eq. 5 as written costs GPO a third of its return at the paper's round length; expected-results/paper/sharing.md"),
      new MovedDefaults("gpo.critic_data", "own", "shared", Algorithm.PPO,
          "issue 19, 2026-12-06: with clipped sharing, the critic fitted as Joint's on the shared rows; expected-results/paper/sharing.md"));

  /**
   * The moved defaults a cell of {@code method} under {@code algorithm} runs with: GPO and every
   * method built on its engine (the Fig. 5 variants, the crossover probe); Single and Joint read no
   * {@code gpo.} setting.
   */
  public static SortedMap<String, String> of(Algorithm algorithm, String method) {
    SortedMap<String, String> out = new TreeMap<>();
    if (method.equals("Single") || method.equals("Joint")) return out;
    for (MovedDefaults m : ALL) if (m.algorithm == algorithm) out.put(m.key, m.now);
    return out;
  }
}
