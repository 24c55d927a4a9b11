package org.gposuite.reproduce.plan;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * A named reproduction size: which tasks and seeds, which tables and figures by default, and the
 * per-cell {@link Budget}. Profiles are data: {@code profiles/<name>.profile} resources read by
 * {@link ProfileLoader}; see those files for what each one costs.
 *
 * @param source where the profile was read from, for messages and provenance
 * @param tasks the tasks of Tables 1-3 and Fig. 4
 * @param seeds seeds of every cell
 * @param experiments what a run without --tables/--figures produces
 * @param presets the PPO presets every cell is run under, a cross product like seeds (default:
 *     the default preset alone)
 * @param overrides engine settings applied to every cell ({@code set.key = value} lines)
 * @param fig3aTask the task of the crossover experiment (paper: HalfCheetah)
 * @param fig5Tasks the tasks the ablations are averaged over (paper: Ant, Walker2d)
 * @param assumedStepsPerSecond throughput used for the cost estimate printed before a run
 *     when no measured rates exist ({@link org.gposuite.reproduce.run.Rates})
 * @param statSeeds the seeds a run takes when its comparison is statistical (another platform
 *     than the baseline's); empty: the profile's seeds ({@code stat_seeds}, optional)
 * @param variantFigures Figs. 7, 9 and 10: their tasks, sizes and horizons ({@link VariantFigures#NONE} when
 *     the profile runs none of them)
 */
public record Profile(String name, String description, String source, List<String> tasks,
    List<Integer> seeds, Set<Experiment> experiments, Budget budget, List<String> presets,
    SortedMap<String, String> overrides, String fig3aTask, List<String> fig5Tasks,
    double assumedStepsPerSecond, List<Integer> statSeeds, VariantFigures variantFigures) {

  public Profile {
    if (variantFigures == null) throw new IllegalArgumentException("variant figures are missing; use VariantFigures.NONE");
    tasks = List.copyOf(tasks);
    seeds = List.copyOf(seeds);
    presets = List.copyOf(presets);
    overrides = Settings.checkedCopy(overrides);
    experiments = Set.copyOf(experiments);
    fig5Tasks = List.copyOf(fig5Tasks);
    statSeeds = List.copyOf(statSeeds);
  }
}
