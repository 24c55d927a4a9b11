package org.gposuite.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.exec.Executor;
import org.gposuite.reproduce.exec.LocalExecutor;
import org.gposuite.reproduce.exec.SlurmExecutor;
import org.gposuite.reproduce.exec.SlurmJob;
import org.gposuite.reproduce.io.Faults;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Selection;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.plan.Tasks;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.ComputePlan;
import org.gposuite.reproduce.run.PlanCosts;
import org.gposuite.reproduce.run.ProgressPrinter;
import org.gposuite.reproduce.run.Rates;
import org.gposuite.reproduce.run.RunnerRegistry;

/** Command line of {@code ./reproduce}; see {@link #USAGE}. */
public final class ReproduceMain {
  static final String USAGE = """
      usage: ./reproduce [options]
        --profile smoke|medium|paper|FILE.profile   run size (default smoke)
        --tables 1,2,3         tables to regenerate (default: the profile's)
        --figures 3a,4,...,10  figures to regenerate: 3a, 4, 5, 6, 7, 8, 9, 10 (default: the profile's)
        --tasks A,B            only these tasks, e.g. Hopper,Swimmer
        --methods A,B          only these methods, e.g. GPO,Joint
        --seeds 1,2,3          these seeds instead of the profile's (whole numbers from 1; 1-40 is a range)
        --presets tuned,paper-calibrated
                               run every cell under each of these PPO presets (default: the
                               profile's presets line, else tuned)
        --set KEY=VALUE        engine setting for every cell, e.g. --set gpo.child_init=first-parent;
                               repeatable; wins over the profile's set.KEY line
        --networks ours|dl4j   who computes every network (policies, value baselines, pi_S), batched
                               and per step: ours (default) or DL4J's MultiLayerNetwork. A dl4j cell
                               has its own config hash; its run folder defaults to runs/<profile>-dl4j;
                               it is compared with the expected results statistically, never bit for
                               bit (so it takes the profile's stat_seeds unless --seeds), and never
                               re-baselined
        --out DIR              run folder (default runs/<profile>); rerunning resumes it; one run
                               at a time per folder (reproduce.lock holds the running pid)
        --expected DIR         expected-results folder (default expected-results)
        --rebaseline           write this run into expected-results/<profile>/ (explicit only)
        --no-compare           skip the regression check
        --report-only          report, plots, comparison (and --rebaseline) from the finished cells; compute nothing
        --dry-run              print the plan and its cost estimate, run nothing (with --executor
                               slurm: also the batch script and the sbatch commands)
      Executors (where the cells run; results are identical either way):
        --executor local|slurm local (default): cells in this JVM; slurm: one job array per run
        --jobs N               local: cells at a time, admitted by the cores each keeps busy (a GPO
                               cell takes every core, Single and Joint one); default: the cores.
                               slurm: array throttle (--array=...%N); default none
        --partition P  --account A  --qos Q  --time T  --cpus N  --mem M
                               slurm: passed to sbatch (--cpus is --cpus-per-task)
        --sbatch ARG           slurm: any other sbatch option, e.g. --sbatch --gres=gpu:0; repeatable
        --retries N            slurm: resubmissions of a cell that ended without a result (default 2)
        --requeues N           slurm: self-requeues of a preempted element (SLURM_RESTART_COUNT cap, default 5)
        --signal-seconds S     slurm: USR1 this long before the time limit (default 300)
        --poll S               slurm: seconds between squeue polls (default 10)
        --status               slurm: where each cell of the run folder is; computes nothing
        --cancel               slurm: scancel the run folder's arrays
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

  /**
   * Set by ./reproduce to the directory it was called from, before it changes into the
   * repository: relative paths on the command line are the caller's, not the repository's.
   */
  static final String CALLER_DIR = "REPRODUCE_CALLER_DIR";

  /** What to do about a run folder or baseline that cannot be written: the cells already finished are safe. */
  static final String CANNOT_WRITE_ADVICE = "; free space or fix permissions there, then rerun the same command"
      + " (finished cells are kept)";

  private ReproduceMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, callerDir(System.getenv()), RunnerRegistry.fromServiceLoader(), System.out, System.err));
  }

  /** The caller's directory from the environment; the working directory when run without the script. */
  static Path callerDir(Map<String, String> env) {
    String dir = env.get(CALLER_DIR);
    return (dir == null || dir.isBlank() ? Path.of("") : Path.of(dir)).toAbsolutePath();
  }

  static int run(String[] args, RunnerRegistry registry, PrintStream out, PrintStream err) throws Exception {
    return run(args, Path.of("").toAbsolutePath(), registry, out, err);
  }

  /** A malformed command line, answered with the usage text; other bad input gets its one line only. */
  private static final class UsageError extends IllegalArgumentException {
    UsageError(String message) {
      super(message);
    }
  }

  /**
   * @param callerDir where relative --profile, --out and --expected paths start; the defaults
   *     (runs/&lt;profile&gt;, expected-results) stay in the repository, the working directory
   */
  static int run(String[] args, Path callerDir, RunnerRegistry registry, PrintStream out, PrintStream err)
      throws Exception {
    String profileName = "smoke";
    Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> methods = new LinkedHashSet<>();
    Optional<List<Integer>> seeds = Optional.empty();
    Optional<List<String>> presets = Optional.empty();
    SortedMap<String, String> overrides = new TreeMap<>();
    NetworkBackend networks = NetworkBackend.OURS;
    Path out0 = null;
    Path expected = Path.of("expected-results");
    boolean expectedGiven = false;
    boolean rebaseline = false;
    boolean compare = true;
    boolean reportOnly = false;
    boolean dryRun = false;
    String executor = "local";
    Optional<Integer> jobs = Optional.empty();
    Optional<Integer> runCell = Optional.empty();
    boolean status = false, cancel = false;
    SlurmJob.SlurmOptions so = SlurmJob.SlurmOptions.defaults();
    Optional<String> partition = Optional.empty(), account = Optional.empty(), qos = Optional.empty(),
        time = Optional.empty(), mem = Optional.empty();
    Optional<Integer> cpus = Optional.empty();
    List<String> extra = new ArrayList<>();
    int retries = so.retries(), requeues = so.requeues(), signalSeconds = so.signalSeconds();
    double poll = so.pollSeconds();
    boolean slurmOption = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--profile" -> profileName = value(args, ++i, a);
          case "--tables" -> experiments.addAll(list(a, "table", value(args, ++i, a), Experiment::table));
          case "--figures" -> experiments.addAll(list(a, "figure", value(args, ++i, a), Experiment::figure));
          case "--tasks" -> tasks.addAll(list(a, "task", value(args, ++i, a), Tasks::requireKnown));
          case "--methods" -> methods.addAll(list(a, "method", value(args, ++i, a), Tasks::requireMethod));
          case "--seeds" -> seeds = Optional.of(list(a, "seed", value(args, ++i, a), Selection::parseSeeds).stream().flatMap(List::stream).toList());
          case "--presets" -> presets = Optional.of(list(a, "preset name", value(args, ++i, a),
              p -> registry.canonicalPreset(Settings.requirePresetName(p))));
          case "--set" -> {
            String kv = value(args, ++i, a);
            int eq = kv.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("--set needs KEY=VALUE, got \"" + kv + "\"");
            String key = kv.substring(0, eq).strip();
            if (key.isEmpty()) throw new IllegalArgumentException("--set has an empty key in \"" + kv + "\"");
            if (overrides.put(key, kv.substring(eq + 1).strip()) != null) {
              throw new IllegalArgumentException("--set " + key + " is given twice");
            }
          }
          case "--networks" -> {
            String v = value(args, ++i, a);
            try {
              networks = NetworkBackend.of(v);
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("--networks is " + String.join(" or ", NetworkBackend.labels()) + ", got \"" + v + "\"");
            }
          }
          case "--out" -> out0 = callerDir.resolve(value(args, ++i, a));
          case "--expected" -> {
            expected = callerDir.resolve(value(args, ++i, a));
            expectedGiven = true;
          }
          case "--rebaseline" -> rebaseline = true;
          case "--no-compare" -> compare = false;
          case "--report-only" -> reportOnly = true;
          case "--dry-run" -> dryRun = true;
          case "--executor" -> {
            executor = value(args, ++i, a);
            if (!executor.equals("local") && !executor.equals("slurm")) {
              throw new IllegalArgumentException("--executor is local or slurm, got \"" + executor + "\"");
            }
          }
          case "--jobs" -> jobs = Optional.of(positive(a, value(args, ++i, a)));
          case "--run-cell" -> runCell = Optional.of(nonNegative(a, value(args, ++i, a)));
          case "--status" -> status = true;
          case "--cancel" -> cancel = true;
          case "--partition", "--account", "--qos", "--time", "--mem" -> {
            Optional<String> v = Optional.of(value(args, ++i, a));
            slurmOption = true;
            switch (a) {
              case "--partition" -> partition = v;
              case "--account" -> account = v;
              case "--qos" -> qos = v;
              case "--time" -> time = v;
              default -> mem = v;
            }
          }
          case "--cpus" -> { cpus = Optional.of(positive(a, value(args, ++i, a))); slurmOption = true; }
          case "--sbatch" -> {
            if (++i >= args.length) throw new UsageError("--sbatch needs a value");
            extra.add(args[i]);
            slurmOption = true;
          }
          case "--retries" -> { retries = nonNegative(a, value(args, ++i, a)); slurmOption = true; }
          case "--requeues" -> { requeues = nonNegative(a, value(args, ++i, a)); slurmOption = true; }
          case "--signal-seconds" -> { signalSeconds = positive(a, value(args, ++i, a)); slurmOption = true; }
          case "--poll" -> {
            String v = value(args, ++i, a);
            try {
              poll = Double.parseDouble(v);
            } catch (NumberFormatException e) {
              poll = -1;
            }
            if (!(poll > 0)) throw new IllegalArgumentException("--poll needs a number of seconds > 0, got \"" + v + "\"");
            slurmOption = true;
          }
          case "-h", "--help" -> {
            out.print(USAGE);
            return Harness.OK;
          }
          default -> throw new UsageError("unknown option " + a);
        }
      }
      Profile profile = profile(profileName, callerDir);
      // A run reads the paper's numbers from it whether or not it compares; a dry run only its
      // measured rates, so there only a folder named on purpose must exist.
      if ((expectedGiven || !dryRun) && !Files.isDirectory(expected)) {
        throw new IllegalArgumentException("--expected " + expected + " is not a folder; give the expected-results"
            + " folder (the paper's numbers and the reference runs; default expected-results)");
      }
      // The profile's presets too are taken in the engine's spelling, so ids never depend on case.
      List<String> chosen = presets.orElse(profile.presets()).stream().map(registry::canonicalPreset).toList();
      Selection selection = new Selection(experiments, tasks, methods, seeds, Optional.of(chosen), overrides, networks);
      if (rebaseline && networks != NetworkBackend.OURS) {
        throw new IllegalArgumentException("--rebaseline writes the expected results, which are our networks' bits;"
            + " a --networks " + networks.label() + " run is compared with them, never written into them");
      }
      // The engine judges presets and settings before anything runs, a dry run included.
      Plan plan = Plan.of(profile, selection);
      registry.checkSettings(plan.presets(), plan.overrides());
      if (plan.cells().isEmpty()) throw new IllegalArgumentException(plan.emptyReason());
      boolean slurm = executor.equals("slurm");
      if (!slurm && (slurmOption || status || cancel)) {
        throw new IllegalArgumentException("--status, --cancel and the sbatch options need --executor slurm");
      }
      if (!slurm && !dryRun && runCell.isEmpty()) {
        int n = jobs.orElse(LocalExecutor.defaultJobs());
        if (n > 1) out.println("local executor: up to " + n + " cells at a time on " + Executor.cores() + " cores");
      }
      // a DL4J run gets a folder of its own: its cells share their ids (not their hashes) with ours
      Path runDir = out0 != null ? out0 : Path.of("runs", profile.name() + (networks == NetworkBackend.OURS ? "" : "-" + networks.label()));
      Path repo = Path.of("").toAbsolutePath();
      Harness harness = new Harness(registry, out);
      // A dry run plans what the run will run: on the statistical path, the spread's seeds per group.
      if (dryRun) plan = harness.plan(new Harness.Options(profile, selection, runDir, expected, repo, compare, rebaseline, reportOnly));
      if (dryRun && !slurm) return dryRun(plan, expected, out);
      if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
        throw new IllegalArgumentException("run folder " + runDir + " is a file; give --out a folder (it is created"
            + " when missing)");
      }
      Executor ex = new LocalExecutor(jobs.orElse(runCell.isPresent() ? 1 : LocalExecutor.defaultJobs()));
      SlurmExecutor slurmEx = null;
      if (slurm) {
        SlurmJob.SlurmOptions opts = new SlurmJob.SlurmOptions(partition, account, qos, time, cpus, mem, List.copyOf(extra),
            jobs.orElse(0), retries, requeues, signalSeconds, poll);
        SlurmJob job = new SlurmJob("gpo-" + profile.name(), runDir.toAbsolutePath(), repo, callerDir, elementCommand(args), opts);
        slurmEx = new SlurmExecutor(job, out);
        ex = slurmEx;
        if (dryRun) {
          dryRun(plan, expected, out);
          return slurmDryRun(job, plan, runDir, out);
        }
      }
      Harness.Options options = new Harness.Options(profile, selection, runDir, expected, repo, compare, rebaseline,
          reportOnly, ex);
      if (runCell.isPresent()) return harness.runCell(options, runCell.get());
      if (cancel) {
        slurmEx.cancel();
        return Harness.OK;
      }
      if (status) {
        CellStore store = new CellStore(runDir);
        Map<String, Boolean> done = new java.util.HashMap<>();
        for (CellSpec c : plan.cells()) done.put(c.id(), store.load(c).isPresent());
        slurmEx.status(plan.cells(), done);
        return Harness.OK;
      }
      return harness.run(options);
    } catch (UsageError e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE);
      return Harness.CANNOT_RUN;
    } catch (InputError | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return Harness.CANNOT_RUN;
    } catch (SlurmExecutor.SlurmError e) {
      err.println("error: " + e.getMessage());
      return Harness.FAILED;
    } catch (IOException e) {
      // Inputs are read as InputErrors; what is left is writing the run folder or the baseline.
      err.println("error: cannot write " + Faults.describe(e) + CANNOT_WRITE_ADVICE);
      return Harness.FAILED;
    } catch (UncheckedIOException e) {
      err.println("error: cannot write " + Faults.describe(e.getCause()) + CANNOT_WRITE_ADVICE);
      return Harness.FAILED;
    }
  }

  private static Profile profile(String nameOrPath, Path callerDir) throws IOException {
    try {
      return ProfileLoader.load(nameOrPath, callerDir);
    } catch (InputError e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--profile: " + e.getMessage());
    }
  }

  private static int dryRun(Plan plan, Path expected, PrintStream out) {
    plan.warnings().forEach(w -> out.println("warning: " + w));
    Rates rates = Rates.load(expected, plan.profile().assumedStepsPerSecond());
    out.printf(Locale.ROOT, "profile %s: %d cells, %,d environment steps, about %s %s%n",
        plan.profile().name(), plan.cells().size(), plan.plannedSteps(),
        ProgressPrinter.clock(rates.seconds(plan.cells())), rates.source());
    out.println(plan.settingsText());
    PlanCosts.lines(plan).forEach(out::println);
    for (CellSpec c : plan.cells()) {
      out.println("  " + c.id() + "  config " + c.configHash() + "  for " + c.usedBy() + "  ~"
          + ProgressPrinter.clock(rates.seconds(c)));
    }
    Path storedFile = expected.resolve(plan.profile().name()).resolve("cells.csv");
    List<CellRecord> stored = Files.isRegularFile(storedFile) ? CellsCsv.read(storedFile) : List.of();
    new ComputePlan(plan, stored, rates::seconds, Harness::threadsOf, Executor.cores())
        .lines(storedFile.toString()).forEach(out::println);
    return Harness.OK;
  }

  /** Options that choose how and where cells run, not which: an element's command line drops them. */
  private static final Set<String> EXECUTOR_OPTIONS_WITH_VALUE = Set.of("--executor", "--jobs", "--partition",
      "--account", "--qos", "--time", "--cpus", "--mem", "--sbatch", "--retries", "--requeues", "--signal-seconds",
      "--poll", "--run-cell");
  private static final Set<String> RUN_ONLY_FLAGS = Set.of("--status", "--cancel", "--dry-run", "--rebaseline",
      "--report-only", "--no-compare");

  /**
   * What a Slurm element runs, before its {@code --run-cell INDEX}: this JVM's java, options and
   * class path, and the run's own arguments (the selection, --out, --expected, --set), so that
   * the element plans exactly the cells the CLI planned.
   */
  static List<String> elementCommand(String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String jvmArg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (jvmArg.startsWith("-agentlib:jdwp") || jvmArg.startsWith("-javaagent")) continue;
      cmd.add(jvmArg);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ReproduceMain.class.getName());
    for (int i = 0; i < args.length; i++) {
      if (EXECUTOR_OPTIONS_WITH_VALUE.contains(args[i])) {
        i++;
      } else if (!RUN_ONLY_FLAGS.contains(args[i])) {
        cmd.add(args[i]);
      }
    }
    cmd.add("--no-compare");
    return cmd;
  }

  private static int slurmDryRun(SlurmJob job, Plan plan, Path runDir, PrintStream out) throws IOException {
    CellStore store = new CellStore(runDir);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < plan.cells().size(); i++) {
      if (!Files.isDirectory(runDir) || store.load(plan.cells().get(i)).isEmpty()) missing.add(i);
    }
    int max = SlurmExecutor.maxArraySizeOrDefault();
    out.println("--- " + job.slurmDir().resolve("cell.sbatch") + " ---");
    out.print(job.script());
    out.println("--- " + missing.size() + " of " + plan.cells().size() + " cells to submit (MaxArraySize " + max + ") ---");
    for (SlurmJob.ArraySpec a : SlurmJob.arrays(missing, max, job.options().throttle())) {
      out.println(String.join(" ", job.sbatch(a)));
    }
    return Harness.OK;
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

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) throw new UsageError(option + " needs a value");
    return args[i];
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
