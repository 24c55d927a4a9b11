package org.gposuite.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gposuite.gpo.CrossoverSection;
import org.gposuite.gpo.CrossoverSection.ChildInit;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.gpo.SelectionSection;
import org.gposuite.gpo.SelectionSection.FitnessSource;
import org.gposuite.gpo.SharingSection;
import org.gposuite.gpo.SharingSection.CriticData;
import org.gposuite.pg.PpoPreset;
import org.gposuite.pg.SharingRule;

/**
 * The harness's engine settings ({@code --presets}, {@code --set key=value}, a profile's
 * {@code set.} lines) onto the engine's configs. A preset is a {@link PpoPreset}; it changes PPO
 * (every PPO method, GPO's mutation included) and leaves A2C as it is. The overrides are GPO's
 * open choices that decide its diversity (documented on the sections of {@link GpoConfig}):
 * <ul>
 *   <li>{@code gpo.child_init}: stronger-parent | first-parent | fresh</li>
 *   <li>{@code gpo.fitness}: training | evaluation</li>
 *   <li>{@code gpo.fitness_episodes}: episodes per policy for evaluation fitness (&gt; 0)</li>
 *   <li>{@code gpo.self_couples}: true | false</li>
 *   <li>{@code gpo.sharing_kl}: epsilon of the sharing sets (&gt;= 0)</li>
 *   <li>{@code gpo.critic_data}: own | shared (the value baseline also fitted on the sharing set's batches)</li>
 *   <li>{@code gpo.sharing}: literal | truncated | clipped | rechecked | penalised | off: how a policy learns from
 *       the batches of its sharing set ({@link SharingRule}, where each says how it departs from Eq. 5)</li>
 *   <li>{@code gpo.sharing_c}: c of the truncated rule (&gt; 0; default 1), given with {@code gpo.sharing=truncated} only</li>
 * </ul>
 */
final class EngineSettings {
  private EngineSettings() {}

  static final List<String> KEYS = List.of("gpo.child_init", "gpo.fitness", "gpo.fitness_episodes", "gpo.self_couples", "gpo.sharing_kl", "gpo.critic_data",
      "gpo.sharing", "gpo.sharing_c");

  static List<String> presets() {
    return PpoPreset.NAMED.stream().map(PpoPreset::name).toList();
  }

  /** Throws with a readable message for an unknown key or a bad value. */
  static void check(Map<String, String> overrides) {
    apply(GpoConfig.paperPpo(1), overrides);
  }

  /** {@code cfg} with the overrides applied. */
  static GpoConfig apply(GpoConfig cfg, Map<String, String> overrides) {
    CrossoverSection crossover = cfg.crossover();
    SelectionSection selection = cfg.selection();
    double epsilon = cfg.sharing().klThreshold();
    CriticData critic = cfg.sharing().criticData();
    SharingRule.Mode sharing = cfg.sharing().rule().mode();
    double c = cfg.sharing().rule().truncation();
    boolean cGiven = false;
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String v = e.getValue().trim().toLowerCase(Locale.ROOT);
      switch (e.getKey()) {
        case "gpo.child_init" -> crossover = crossover.withChildInit(switch (v) {
          case "stronger-parent" -> ChildInit.STRONGER_PARENT;
          case "first-parent" -> ChildInit.FIRST_PARENT;
          case "fresh" -> ChildInit.FRESH;
          default -> throw bad(e, "stronger-parent, first-parent or fresh");
        });
        case "gpo.fitness" -> selection = selection.withFitness(switch (v) {
          case "training" -> FitnessSource.TRAINING;
          case "evaluation" -> FitnessSource.EVALUATION;
          default -> throw bad(e, "training or evaluation");
        }, selection.fitnessEpisodes());
        case "gpo.fitness_episodes" -> selection = selection.withFitness(selection.fitness(), positiveInt(e));
        case "gpo.self_couples" -> selection = selection.withSelfPairs(switch (v) {
          case "true" -> true;
          case "false" -> false;
          default -> throw bad(e, "true or false");
        });
        case "gpo.sharing_kl" -> {
          try {
            epsilon = Double.parseDouble(v);
          } catch (NumberFormatException x) {
            throw bad(e, "a number >= 0");
          }
          if (!(epsilon >= 0)) throw bad(e, "a number >= 0");
        }
        case "gpo.critic_data" -> critic = switch (v) {
          case "own" -> CriticData.OWN;
          case "shared" -> CriticData.SHARED;
          default -> throw bad(e, "own or shared");
        };
        case "gpo.sharing" -> {
          try {
            sharing = SharingRule.parse(v);
          } catch (IllegalArgumentException x) {
            throw bad(e, "one of literal, truncated, clipped, rechecked, penalised, off");
          }
        }
        case "gpo.sharing_c" -> {
          try {
            c = Double.parseDouble(v);
          } catch (NumberFormatException x) {
            throw bad(e, "a number > 0");
          }
          if (!(c > 0) || Double.isInfinite(c)) throw bad(e, "a finite number > 0");
          cGiven = true;
        }
        default -> throw new IllegalArgumentException("unknown setting '" + e.getKey() + "'; the settings are " + KEYS);
      }
    }
    if (cGiven && sharing != SharingRule.Mode.TRUNCATED)
      throw new IllegalArgumentException("setting gpo.sharing_c=" + overrides.get("gpo.sharing_c")
          + " is read by gpo.sharing=truncated only; add --set gpo.sharing=truncated or drop gpo.sharing_c");
    if (sharing == SharingRule.Mode.PENALISED && !cfg.mutation().isPpo())
      throw new IllegalArgumentException("setting gpo.sharing=penalised extends PPO's KL penalty, which A2C (Table 2) has not;"
          + " run it with --tables 1, or pick another rule");
    SharingRule rule = sharing == SharingRule.Mode.TRUNCATED ? SharingRule.truncated(c) : SharingRule.of(sharing);
    SharingSection shared = cfg.sharing().withKlThreshold(epsilon).withRule(rule).withCriticData(critic);
    CrossoverSection crossed = crossover;
    SelectionSection selected = selection;
    return cfg.withCrossover(x -> crossed).withSelection(x -> selected).withSharing(x -> shared);
  }

  private static int positiveInt(Map.Entry<String, String> e) {
    try {
      int n = Integer.parseInt(e.getValue().trim());
      if (n > 0) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw bad(e, "a whole number > 0");
  }

  private static IllegalArgumentException bad(Map.Entry<String, String> e, String allowed) {
    return new IllegalArgumentException("setting " + e.getKey() + "=" + e.getValue() + ": the value must be " + allowed);
  }
}
