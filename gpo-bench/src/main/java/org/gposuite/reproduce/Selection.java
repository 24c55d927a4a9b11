package org.gposuite.reproduce;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the command line narrows a profile to. Empty = the profile's own choice.
 *
 * @param experiments --tables and --figures together; empty = the profile's experiments
 * @param tasks --tasks: only cells on these tasks
 * @param methods --methods: only cells of these methods
 * @param seeds --seeds: replaces the profile's seeds
 */
public record Selection(Set<Experiment> experiments, Set<String> tasks, Set<String> methods,
    Optional<List<Integer>> seeds) {

  public static final Selection ALL = new Selection(Set.of(), Set.of(), Set.of(), Optional.empty());

  public Selection {
    experiments = Set.copyOf(experiments);
    tasks = Set.copyOf(tasks);
    methods = Set.copyOf(methods);
  }
}
