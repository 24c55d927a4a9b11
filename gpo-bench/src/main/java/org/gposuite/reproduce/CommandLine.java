package org.gposuite.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.exec.SlurmJob;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.run.RunnerRegistry;

/**
 * The options of {@code ./reproduce}, one row each in {@link #TABLE}: its name, its lines of the
 * usage text, whether a Slurm element's command carries it ({@link Scope}), and how its value is
 * parsed into {@link Options}. Picocli would bring annotations and its own usage layout and
 * messages, which the README and the tests quote; a table of our own keeps them as they were.
 */
final class CommandLine {
  private CommandLine() {}

  /** Whether an option goes to a Slurm element's command. */
  enum Scope {
    /** Says which cells and where their files are (the selection, --out, --expected, --set): the element plans the same cells. */
    RUN,
    /** Says how and where cells run (the executor and its limits): the element is the executor. */
    EXECUTOR,
    /** An action of the CLI (compare, re-baseline, dry run, status, cancel, help): never an element's. */
    ACTION
  }

  /** A malformed command line, answered with the usage text; other bad input gets its one line only. */
  static final class UsageError extends IllegalArgumentException {
    UsageError(String message) {
      super(message);
    }
  }

  /** Parses one option's value into the options being built; {@code null} for a flag. */
  @FunctionalInterface
  private interface Setter {
    void set(Builder b, String value, Context c);
  }

  /** What some options' parsing needs: the caller's directory for paths, the engine for preset names. */
  private record Context(Path callerDir, RunnerRegistry registry) {}

  /**
   * One option.
   *
   * @param takesValue a value follows the name
   * @param anyValue the value may start with "--" (--sbatch --gres=gpu:0)
   * @param usage its lines of the usage text (empty when a neighbour's lines cover it)
   */
  private record Option(List<String> names, boolean takesValue, boolean anyValue, Scope scope, String usage,
      Setter setter) {}

  private static Option value(String name, Scope scope, String usage, Setter setter) {
    return new Option(List.of(name), true, false, scope, usage, setter);
  }

  private static Option flag(String name, Scope scope, String usage, Setter setter) {
    return new Option(List.of(name), false, false, scope, usage, setter);
  }

  static final String USAGE_HEAD = "usage: ./reproduce [options]\n";

  static final String EXECUTORS_HEAD = "Executors (where the cells run; results are identical either way):\n";

  static final String USAGE_TAIL = """
      Task, method and preset names are case-insensitive. A relative FILE or DIR is taken from
      the directory ./reproduce is called from.
      exit: 0 ok
            1 regression: a group differs from the expected results
            2 bad input (an option, the profile, the expected results) or a method this build lacks
            3 could not compute or write: a cell failed, or the run folder is not writable or in
              use by another run (3 wins over 1: a run with failed cells is incomplete)
            4 nothing to judge: --report-only found no finished cell in the run folder, or no
              finished cell had an expected row to compare with
            130 interrupted (Ctrl-C): finished cells are kept; rerun the same command to resume
      """;

  /** Every option, in the order of the usage text; the run's options, then the executors'. */
  private static final List<Option> RUN_OPTIONS = List.of(
      value("--profile", Scope.RUN, "  --profile smoke|medium|paper|FILE.profile   run size (default smoke)\n",
          (b, v, c) -> b.profile = Optional.of(v)),
      value("--tables", Scope.RUN, "  --tables 1,2,3         tables to regenerate (default: the profile's)\n",
          (b, v, c) -> b.experiments.addAll(list("--tables", "table", v, Experiment::table))),
      value("--figures", Scope.RUN, "  --figures 3a,4,...,10  figures to regenerate: 3a, 4, 5, 6, 7, 8, 9, 10 (default: the profile's)\n",
          (b, v, c) -> b.experiments.addAll(list("--figures", "figure", v, Experiment::figure))),
      value("--tasks", Scope.RUN, """
            --tasks A,B            only these tasks, e.g. Hopper,Swimmer; a task with a point's label,
                                   as cell ids write it, is that point of Figs. 7, 9, 10 alone (Walker2d@pop32)
          """,
          (b, v, c) -> b.tasks.addAll(list("--tasks", "task", v, Catalogue::requireTaskOrPoint))),
      value("--methods", Scope.RUN, "  --methods A,B          only these methods, e.g. GPO,Joint\n",
          (b, v, c) -> b.methods.addAll(list("--methods", "method", v, Catalogue::requireMethod))),
      value("--seeds", Scope.RUN, "  --seeds 1,2,3          these seeds instead of the profile's (whole numbers from 1; 1-40 is a range)\n",
          (b, v, c) -> b.seeds = Optional.of(list("--seeds", "seed", v, CellSelection::parseSeeds).stream()
              .flatMap(List::stream).toList())),
      value("--presets", Scope.RUN, """
            --presets tuned,paper-calibrated
                                   run every cell under each of these PPO presets (default: the
                                   profile's presets line, else tuned)
          """,
          (b, v, c) -> b.presets = Optional.of(list("--presets", "preset name", v,
              p -> c.registry().canonicalPreset(Settings.requirePresetName(p))))),
      value("--set", Scope.RUN, """
            --set KEY=VALUE        engine setting for every cell, e.g. --set gpo.child_init=first-parent;
                                   repeatable; wins over the profile's set.KEY line
          """, (b, v, c) -> {
            int eq = v.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("--set needs KEY=VALUE, got \"" + v + "\"");
            String key = v.substring(0, eq).strip();
            if (key.isEmpty()) throw new IllegalArgumentException("--set has an empty key in \"" + v + "\"");
            if (b.overrides.put(key, v.substring(eq + 1).strip()) != null) {
              throw new IllegalArgumentException("--set " + key + " is given twice");
            }
          }),
      value("--networks", Scope.RUN, """
            --networks ours|dl4j   who computes every network (policies, value baselines, pi_S), batched
                                   and per step: ours (default) or DL4J's MultiLayerNetwork. A dl4j cell
                                   has its own config hash; its run folder defaults to runs/<profile>-dl4j;
                                   it is compared with the expected results statistically, never bit for
                                   bit (so it takes the profile's stat_seeds unless --seeds), and never
                                   re-baselined
          """, (b, v, c) -> {
            try {
              b.networks = NetworkBackend.of(v);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--networks is " + String.join(" or ", NetworkBackend.labels()) + ", got \"" + v + "\"");
            }
          }),
      value("--out", Scope.RUN, """
            --out DIR              run folder (default runs/<profile>); rerunning resumes it; one run
                                   at a time per folder (reproduce.lock holds the running pid)
          """, (b, v, c) -> b.out = Optional.of(c.callerDir().resolve(v))),
      value("--expected", Scope.RUN, "  --expected DIR         expected-results folder (default expected-results)\n",
          (b, v, c) -> b.expected = Optional.of(c.callerDir().resolve(v))),
      flag("--only-missing", Scope.RUN, """
            --only-missing         only the cells expected-results/<profile>/cells.csv does not hold
                                   (same id and config hash: what --dry-run counts as left); needs
                                   --rebaseline (they join the stored ones) or --no-compare
          """, (b, v, c) -> b.onlyMissing = true),
      flag("--rebaseline", Scope.ACTION, "  --rebaseline           write this run into expected-results/<profile>/ (explicit only)\n",
          (b, v, c) -> b.rebaseline = true),
      flag("--no-compare", Scope.ACTION, "  --no-compare           skip the regression check\n", (b, v, c) -> b.compare = false),
      flag("--report-only", Scope.ACTION,
          "  --report-only          report, plots, comparison (and --rebaseline) from the finished cells; compute nothing\n"
          + "                         (also of a folder a run is still computing into: the cells it has finished)\n",
          (b, v, c) -> b.reportOnly = true),
      flag("--dry-run", Scope.ACTION, """
            --dry-run              print the plan and its cost estimate, run nothing (with --executor
                                   slurm: also the batch script and the sbatch commands)
          """, (b, v, c) -> b.dryRun = true));

  private static final List<Option> EXECUTOR_OPTIONS = List.of(
      value("--executor", Scope.EXECUTOR, "  --executor local|slurm local (default): cells in this JVM; slurm: one job array per run\n",
          (b, v, c) -> {
            if (!v.equals("local") && !v.equals("slurm")) {
              throw new IllegalArgumentException("--executor is local or slurm, got \"" + v + "\"");
            }
            b.slurm = v.equals("slurm");
          }),
      value("--jobs", Scope.EXECUTOR, """
            --jobs N               local: cells at a time, admitted by the cores each keeps busy (a GPO
                                   cell takes every core, Single and Joint one); default: the cores.
                                   slurm: array throttle (--array=...%N); default none
          """, (b, v, c) -> b.jobs = Optional.of(positive("--jobs", v))),
      value("--run-cell", Scope.EXECUTOR, "", (b, v, c) -> b.runCell = Optional.of(nonNegative("--run-cell", v))),
      value("--partition", Scope.EXECUTOR, """
            --partition P  --account A  --qos Q  --time T  --cpus N  --mem M
                                   slurm: passed to sbatch (--cpus is --cpus-per-task)
          """, (b, v, c) -> b.partition = slurm(b, v)),
      value("--account", Scope.EXECUTOR, "", (b, v, c) -> b.account = slurm(b, v)),
      value("--qos", Scope.EXECUTOR, "", (b, v, c) -> b.qos = slurm(b, v)),
      value("--time", Scope.EXECUTOR, "", (b, v, c) -> b.time = slurm(b, v)),
      value("--cpus", Scope.EXECUTOR, "", (b, v, c) -> b.cpus = slurm(b, positive("--cpus", v))),
      value("--mem", Scope.EXECUTOR, "", (b, v, c) -> b.mem = slurm(b, v)),
      new Option(List.of("--sbatch"), true, true, Scope.EXECUTOR,
          "  --sbatch ARG           slurm: any other sbatch option, e.g. --sbatch --gres=gpu:0; repeatable\n",
          (b, v, c) -> b.extra.add(slurm(b, v).get())),
      value("--retries", Scope.EXECUTOR,
          "  --retries N            slurm: resubmissions of a cell that ended without a result (default 2)\n",
          (b, v, c) -> b.retries = slurm(b, nonNegative("--retries", v)).get()),
      value("--requeues", Scope.EXECUTOR,
          "  --requeues N           slurm: self-requeues of a preempted element (SLURM_RESTART_COUNT cap, default 5)\n",
          (b, v, c) -> b.requeues = slurm(b, nonNegative("--requeues", v)).get()),
      value("--signal-seconds", Scope.EXECUTOR,
          "  --signal-seconds S     slurm: USR1 this long before the time limit (default 300)\n",
          (b, v, c) -> b.signalSeconds = slurm(b, positive("--signal-seconds", v)).get()),
      value("--poll", Scope.EXECUTOR, "  --poll S               slurm: seconds between squeue polls (default 10)\n",
          (b, v, c) -> {
            double poll;
            try {
              poll = Double.parseDouble(v);
            } catch (NumberFormatException e) {
              poll = -1;
            }
            if (!(poll > 0)) throw new IllegalArgumentException("--poll needs a number of seconds > 0, got \"" + v + "\"");
            b.poll = slurm(b, poll).get();
          }),
      flag("--status", Scope.ACTION, "  --status               slurm: where each cell of the run folder is; computes nothing\n",
          (b, v, c) -> b.status = true),
      flag("--cancel", Scope.ACTION, "  --cancel               slurm: scancel the run folder's arrays\n", (b, v, c) -> b.cancel = true),
      new Option(List.of("-h", "--help"), false, false, Scope.ACTION, "", (b, v, c) -> b.help = true));

  private static final List<Option> TABLE;

  static {
    List<Option> all = new ArrayList<>(RUN_OPTIONS);
    all.addAll(EXECUTOR_OPTIONS);
    TABLE = List.copyOf(all);
  }

  /** The usage text, from the table. */
  static final String USAGE = USAGE_HEAD + usage(RUN_OPTIONS) + EXECUTORS_HEAD + usage(EXECUTOR_OPTIONS) + USAGE_TAIL;

  private static String usage(List<Option> options) {
    StringBuilder s = new StringBuilder();
    options.forEach(o -> s.append(o.usage()));
    return s.toString();
  }

  /**
   * A parsed command line.
   *
   * @param profile --profile as given (a name, or a file relative to the caller's directory), if given
   * @param out --out resolved against the caller's directory, if given
   * @param expected --expected resolved likewise, if given
   * @param slurmOption a pass-through or limit of the Slurm executor was given
   * @param runOptions the {@link Scope#RUN} options as given, name and value (a flag: its name), in the order given:
   *     what a Slurm element needs to plan the same cells
   */
  record Options(Optional<String> profile, Set<Experiment> experiments, Set<String> tasks, Set<String> methods,
      Optional<List<Integer>> seeds, Optional<List<String>> presets, SortedMap<String, String> overrides,
      NetworkBackend networks, Optional<Path> out, Optional<Path> expected, boolean onlyMissing, boolean rebaseline, boolean compare,
      boolean reportOnly, boolean dryRun, boolean slurm, Optional<Integer> jobs, Optional<Integer> runCell,
      boolean status, boolean cancel, boolean help, SlurmJob.SlurmOptions slurmOptions, boolean slurmOption,
      List<String> runOptions) {

    String profileName() {
      return profile.orElse("smoke");
    }
  }

  /** The options being parsed; one field per option, its default until the option is seen. */
  private static final class Builder {
    Optional<String> profile = Optional.empty();
    final Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
    final Set<String> tasks = new LinkedHashSet<>(), methods = new LinkedHashSet<>();
    Optional<List<Integer>> seeds = Optional.empty();
    Optional<List<String>> presets = Optional.empty();
    final SortedMap<String, String> overrides = new TreeMap<>();
    NetworkBackend networks = NetworkBackend.OURS;
    Optional<Path> out = Optional.empty(), expected = Optional.empty();
    boolean onlyMissing, rebaseline, compare = true, reportOnly, dryRun, slurm, status, cancel, help, slurmOption;
    Optional<Integer> jobs = Optional.empty(), runCell = Optional.empty(), cpus = Optional.empty();
    Optional<String> partition = Optional.empty(), account = Optional.empty(), qos = Optional.empty(),
        time = Optional.empty(), mem = Optional.empty();
    final List<String> extra = new ArrayList<>();
    int retries = SlurmJob.SlurmOptions.defaults().retries(), requeues = SlurmJob.SlurmOptions.defaults().requeues(),
        signalSeconds = SlurmJob.SlurmOptions.defaults().signalSeconds();
    double poll = SlurmJob.SlurmOptions.defaults().pollSeconds();
    final List<String> runOptions = new ArrayList<>();

    Options build() {
      SlurmJob.SlurmOptions so = new SlurmJob.SlurmOptions(partition, account, qos, time, cpus, mem, List.copyOf(extra),
          jobs.orElse(0), retries, requeues, signalSeconds, poll);
      return new Options(profile, experiments, tasks, methods, seeds, presets, overrides, networks, out, expected,
          onlyMissing, rebaseline, compare, reportOnly, dryRun, slurm, jobs, runCell, status, cancel, help, so, slurmOption,
          List.copyOf(runOptions));
    }
  }

  private static <T> Optional<T> slurm(Builder b, T value) {
    b.slurmOption = true;
    return Optional.of(value);
  }

  /**
   * Parses {@code args} option by option; the first bad one throws ({@link UsageError} for a
   * malformed command line, IllegalArgumentException for a bad value). Parsing stops at -h/--help.
   *
   * @param callerDir where relative --out and --expected paths start
   */
  static Options parse(String[] args, Path callerDir, RunnerRegistry registry) {
    Context context = new Context(callerDir, registry);
    Builder b = new Builder();
    for (int i = 0; i < args.length && !b.help; i++) {
      String name = args[i];
      Option o = TABLE.stream().filter(x -> x.names().contains(name)).findFirst()
          .orElseThrow(() -> new UsageError("unknown option " + name));
      String v = null;
      if (o.takesValue()) {
        if (++i >= args.length || (!o.anyValue() && args[i].startsWith("--"))) throw new UsageError(name + " needs a value");
        v = args[i];
      }
      o.setter().set(b, v, context);
      if (o.scope() == Scope.RUN) {
        b.runOptions.add(name);
        if (v != null) b.runOptions.add(v);
      }
    }
    return b.build();
  }

  private static int positive(String option, String v) {
    return atLeast(1, option, v);
  }

  private static int nonNegative(String option, String v) {
    return atLeast(0, option, v);
  }

  /** One wording for every number out of range, whichever side it misses ("--jobs -3" and "--jobs 0" alike). */
  private static int atLeast(int min, String option, String v) {
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min) return n;
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException(option + " needs a whole number >= " + min + ", got \"" + v + "\"");
  }

  /**
   * The items of a comma-separated value, each parsed; every problem names the option. An
   * empty value or item is an error rather than nothing: "--tasks ''" from an unset shell
   * variable would otherwise quietly mean every task.
   */
  private static <T> List<T> list(String option, String noun, String csv, Function<String, T> parse) {
    String[] items = csv.split(",", -1);
    if (Arrays.stream(items).allMatch(String::isBlank)) {
      throw new IllegalArgumentException(option + " needs at least one " + noun);
    }
    List<T> out = new ArrayList<>();
    for (String item : items) {
      if (item.isBlank()) throw new IllegalArgumentException(option + " has an empty item in \"" + csv + "\"");
      try {
        out.add(parse.apply(item.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + ": " + e.getMessage());
      }
    }
    return out;
  }
}
