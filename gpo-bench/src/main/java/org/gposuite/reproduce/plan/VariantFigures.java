package org.gposuite.reproduce.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The figures whose cells run at budgets other than the profile's ({@link BudgetVariant}), as a
 * profile declares them: Fig. 7 (GPO population sizes at the same batch and gradient steps per
 * policy, so total steps grow with the population), Fig. 10 (the same sizes at the profile's
 * total steps, the batch reduced in proportion) and Fig. 9 (GPO vs Joint on Gym's tasks at
 * several horizons). Profile fields, all optional unless the profile's {@code figures} lists the
 * figure that needs them:
 * <pre>
 * fig7_task = Walker2d             # Figs. 7 and 10 (paper: Walker2d)
 * fig7_populations = 4, 8, 16, 32  # Figs. 7 and 10 (paper: 4, 8, 16, 32 around its default 8)
 * fig10_dagger = per-child        # Fig. 10's readings of DAgger's size ({@link Fig10Dagger}); default: per-child
 * fig9_tasks = HalfCheetah-v1, Hopper-v1, Walker2d-v1
 * fig9_horizons = 512, 1024
 * variant_seeds = 1                # seeds of these figures' cells; default: the profile's seeds
 * </pre>
 * A population equal to the profile's, or a horizon equal to the profile's, is the profile's own
 * budget, so that cell is shared with the tables when its task is one of theirs.
 *
 * @param seeds empty: the profile's seeds
 */
public record VariantFigures(String fig7Task, List<Integer> fig7Populations, List<Fig10Dagger> fig10Dagger,
    List<String> fig9Tasks, List<Integer> fig9Horizons, List<Integer> seeds) {

  public static final VariantFigures NONE = new VariantFigures(null, List.of(), List.of(Fig10Dagger.PER_CHILD), List.of(),
      List.of(), List.of());

  /**
   * How Fig. 10 sizes DAgger at population m, a choice the paper leaves open (its Fig. 10 says only
   * that the batch shrinks in proportion to the population). Each reading is a series of points.
   */
  public enum Fig10Dagger {
    /**
     * Each child's DAgger as at m0 (5k + 10 x 500 in the paper profile): the suite's first reading. A
     * round then spends m children's worth, so crossover takes a share of the budget that grows with m
     * (4%, 10%, 20% and 43% at m = 4, 8, 16 and 32) and leaves fewer PPO iterations per policy.
     */
    PER_CHILD("per-child"),
    /**
     * A round's DAgger transitions as at m0: each child's scaled by m0 / m ({@link BudgetVariant#sameTotalDaggerPerRound}),
     * so crossover's share of the budget, and the PPO iterations per policy, stay as at m0; each child
     * imitates its expert on fewer states.
     */
    PER_ROUND("per-round");

    public final String key;

    Fig10Dagger(String key) {
      this.key = key;
    }

    /** The reading a Fig. 10 budget is: per round when its DAgger sizes differ from the profile's. */
    public static Fig10Dagger of(Budget b, Budget profile) {
      return b.daggerInitial() == profile.daggerInitial() && b.daggerPerIteration() == profile.daggerPerIteration() ? PER_CHILD : PER_ROUND;
    }

    /** The reading a profile names, or an error listing the readings. */
    public static Fig10Dagger parse(String key) {
      for (Fig10Dagger d : values()) if (d.key.equals(key)) return d;
      throw new IllegalArgumentException("unknown Fig. 10 DAgger reading \"" + key + "\"; use per-child or per-round");
    }
  }

  /** One group of cells a figure needs: a task, a method and the budget they run at. */
  public record Group(String task, String method, BudgetVariant variant) {}

  public VariantFigures {
    fig7Populations = List.copyOf(fig7Populations);
    fig10Dagger = List.copyOf(fig10Dagger);
    if (fig10Dagger.isEmpty()) throw new IllegalArgumentException("fig10_dagger: name at least one reading (per-child, per-round)");
    fig9Tasks = List.copyOf(fig9Tasks);
    fig9Horizons = List.copyOf(fig9Horizons);
    seeds = List.copyOf(seeds);
  }

  public static boolean handles(Experiment e) {
    return e == Experiment.FIGURE_7 || e == Experiment.FIGURE_9 || e == Experiment.FIGURE_10;
  }

  /** The tasks of a figure, for selection messages. */
  public List<String> tasks(Experiment e) {
    return switch (e) {
      case FIGURE_7, FIGURE_10 -> fig7Task == null ? List.of() : List.of(fig7Task);
      case FIGURE_9 -> fig9Tasks;
      default -> throw new IllegalArgumentException(e + " runs at the profile's budget");
    };
  }

  public static List<String> methods(Experiment e) {
    return e == Experiment.FIGURE_9 ? List.of("GPO", "Joint") : List.of("GPO");
  }

  /** The profile field that names a figure's tasks. */
  public static String tasksField(Experiment e) {
    return e == Experiment.FIGURE_9 ? "fig9_tasks" : "fig7_task";
  }

  /** A figure's groups, in the order the report lists them; budgets checked when the profile is read. */
  public List<Group> groups(Experiment e, Budget profile) {
    List<Group> out = new ArrayList<>();
    switch (e) {
      case FIGURE_7 -> fig7Populations.forEach(m -> out.add(new Group(fig7Task, "GPO", BudgetVariant.samePerPolicy(profile, m))));
      case FIGURE_10 -> {
        for (Fig10Dagger d : fig10Dagger) {
          for (int m : fig7Populations) {
            BudgetVariant v = d == Fig10Dagger.PER_CHILD ? BudgetVariant.sameTotal(profile, m) : BudgetVariant.sameTotalDaggerPerRound(profile, m);
            // at m0 both readings are the profile's own budget: one group
            if (out.stream().noneMatch(g -> g.variant().equals(v))) out.add(new Group(fig7Task, "GPO", v));
          }
        }
      }
      case FIGURE_9 -> {
        for (String task : fig9Tasks) {
          for (int h : fig9Horizons) {
            for (String method : methods(e)) out.add(new Group(task, method, BudgetVariant.horizon(profile, h)));
          }
        }
      }
      default -> throw new IllegalArgumentException(e + " runs at the profile's budget");
    }
    return out;
  }

  /** The seeds of these figures' cells: the profile's unless variant_seeds says otherwise. */
  public List<Integer> seedsOr(List<Integer> profileSeeds) {
    return seeds.isEmpty() ? profileSeeds : seeds;
  }
}
