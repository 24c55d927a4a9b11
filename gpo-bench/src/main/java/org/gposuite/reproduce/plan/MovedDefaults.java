package org.gposuite.reproduce.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Engine defaults that moved after config hashes were first stored, and the defaults they were
 * stored under. A cell's hash reads its effective settings written as differences from those first
 * defaults ({@link #REFERENCE}): its overrides over the moved defaults, less any setting whose value
 * is the first default. So the hash follows what a cell computes, not how it was asked for: a cell
 * under a new default never shares a hash with one stored under the old (whose numbers it would not
 * reproduce); a cell stored with the new value set by hand ({@code --set gpo.sharing=clipped}) keeps
 * its hash and is a default cell; and a cell that sets the first defaults back by hand ({@code --set
 * gpo.sharing=literal --set gpo.critic_data=own}) has the hash its cells were stored under before the
 * move. A default that has never moved and is not set adds no line, so hashes from before a move
 * stay what they were.
 *
 * <p>{@code MovedDefaultsTest} holds both tables to the engine's defaults.
 *
 * @param key the setting's key, as {@code --set} takes it
 * @param was the default the first stored hashes were made under ({@link #REFERENCE})
 * @param now the engine's default today
 * @param algorithm the mutation whose default moved (the other keeps {@code was})
 * @param reason why it moved, where the evidence is
 */
public record MovedDefaults(String key, String was, String now, Algorithm algorithm, String reason) {

  /** Every setting's default when config hashes were first stored, PPO and A2C alike ({@code gpo.sharing_c} is read by the truncated rule only). */
  public static final Map<String, String> REFERENCE = reference();

  /** Every move, oldest first. */
  public static final List<MovedDefaults> ALL = List.of(
      new MovedDefaults("gpo.sharing", "literal", "clipped", Algorithm.PPO,
          "issue 19, 2026-12-06: Eq. 5 as written costs GPO a third of its return at the paper's round length; expected-results/paper/sharing.md"),
      new MovedDefaults("gpo.critic_data", "own", "shared", Algorithm.PPO,
          "issue 19, 2026-12-06: with clipped sharing, the critic fitted as Joint's on the shared rows; expected-results/paper/sharing.md"),
      new MovedDefaults("gpo.sharing", "literal", "clipped", Algorithm.A2C,
          "issue 19, 2026-12-06: A2C's own screen, Eq. 6 as written the worst rule and below Single; expected-results/paper/sharing.md"),
      new MovedDefaults("gpo.critic_data", "own", "shared", Algorithm.A2C,
          "issue 19, 2026-12-06: A2C's own screen, clipped with the shared critic 1.2-2.3x Single on three tasks of four; expected-results/paper/sharing.md"));

  private static Map<String, String> reference() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("gpo.child_init", "stronger-parent");
    m.put("gpo.fitness", "training");
    m.put("gpo.fitness_episodes", "5");
    m.put("gpo.self_couples", "true");
    m.put("gpo.sharing_kl", "0.5");
    m.put("gpo.critic_data", "own");
    m.put("gpo.sharing", "literal");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The settings a cell of {@code method} under {@code algorithm} is hashed with: {@code overrides} over
   * the moved defaults, less those equal to {@link #REFERENCE} (compared as the engine reads them:
   * trimmed, in lower case). GPO and every method built on its engine (the Fig. 5 variants, the crossover
   * probe); Single and Joint read no {@code gpo.} setting, so theirs are the overrides as given.
   */
  public static SortedMap<String, String> effective(Algorithm algorithm, String method, Map<String, String> overrides) {
    SortedMap<String, String> out = new TreeMap<>();
    if (Catalogue.isBaseline(method)) {
      out.putAll(overrides);
      return out;
    }
    for (MovedDefaults m : ALL) if (m.algorithm == algorithm) out.put(m.key, m.now);
    out.putAll(overrides);
    out.entrySet().removeIf(e -> e.getValue().trim().toLowerCase(Locale.ROOT).equals(REFERENCE.get(e.getKey())));
    return out;
  }
}
