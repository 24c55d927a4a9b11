package org.gposuite.reproduce.plan;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a cell can run: the paper's task names and method names, as the harness, the paper's
 * tables and the runners spell them. The task names repeat the engine's env.Tasks (the harness
 * names tasks, the engine builds them); GymTasksRunTest holds the two lists equal.
 */
public final class Catalogue {
  private Catalogue() {}

  /** The nine rllab tasks, in the paper's table order. */
  public static final List<String> TASKS = List.of("Walker2d", "HalfCheetah", "HalfCheetah-hilly",
      "Hopper-hilly", "InvertedDoublePendulum", "Ant", "Walker2d-hilly", "Swimmer", "Hopper");

  /**
   * Gym's -v1 versions of three robots, the tasks of the paper's Fig. 9 (GPO vs Joint with PPO at
   * horizons 512 and 1024; the engine's env.Tasks.gymNames()). Known to every name check, in no
   * profile's default task list: the paper's tables have no rows for them.
   */
  public static final List<String> GYM_TASKS = List.of("HalfCheetah-v1", "Hopper-v1", "Walker2d-v1");

  /** The methods of Tables 1 and 2. */
  public static final List<String> TABLE_METHODS = List.of("GPO", "Single", "Joint");

  /**
   * The Fig. 5 variants. Base = none of C (state-space crossover; otherwise the child copies
   * the stronger parent), S (performance-fitness selection; otherwise random pairs), M (data
   * sharing in mutation). GPO = Base+M+C+S.
   */
  public static final List<String> ABLATION_METHODS = List.of("Single", "Base+C", "Base+S",
      "Base+C+S", "Base+M", "Base+M+S", "Base+M+C", "GPO");

  /** The Fig. 3a probe: one GPO round, then both kinds of crossover on the same parents. */
  public static final String CROSSOVER_PROBE = "Crossover";

  /** Whether {@code method} is a baseline (Single, Joint): plain PPO/A2C, not built on GPO's engine, one core, no {@code gpo.} setting. */
  public static boolean isBaseline(String method) {
    return method.equals("Single") || method.equals("Joint");
  }

  /** Every method a cell can run, for --methods. */
  public static final List<String> METHODS = Stream.of(TABLE_METHODS, ABLATION_METHODS, List.of(CROSSOVER_PROBE))
      .flatMap(List::stream).distinct().toList();

  /** The method's own spelling, whatever the case it was given in. */
  public static String requireMethod(String method) {
    for (String m : METHODS) {
      if (m.equalsIgnoreCase(method.trim())) return m;
    }
    throw new IllegalArgumentException("unknown method \"" + method + "\"; the methods are " + TABLE_METHODS
        + ", " + ABLATION_METHODS + " and " + CROSSOVER_PROBE);
  }

  /** The task's own spelling (one of {@link #TASKS} or {@link #GYM_TASKS}), whatever the case it was given in. */
  /**
   * A --tasks item: a task, or one point of Figs. 7, 9 and 10 as its cell id writes it, the task and
   * its budget variant's label ({@code Walker2d@pop32}); the task part is checked here, the label
   * against the plan's points ({@code Plan}).
   */
  public static String requireTaskOrPoint(String item) {
    int at = item.indexOf('@');
    if (at < 0) return requireTask(item);
    String label = item.substring(at + 1).strip();
    if (label.isEmpty()) throw new IllegalArgumentException("\"" + item.strip() + "\" names no point after '@'; write e.g. Walker2d@pop32, or the task alone for all its points");
    return requireTask(item.substring(0, at)) + "@" + BudgetVariant.requireLabel(label);
  }

  public static String requireTask(String task) {
    for (List<String> names : List.of(TASKS, GYM_TASKS)) {
      for (String t : names) {
        if (t.equalsIgnoreCase(task.trim())) return t;
      }
    }
    throw new IllegalArgumentException("unknown task \"" + task + "\"; the tasks are " + TASKS + " and Gym's " + GYM_TASKS);
  }
}
