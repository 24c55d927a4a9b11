package org.gposuite.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.exec.Executor;
import org.gposuite.reproduce.exec.LocalExecutor;
import org.gposuite.reproduce.exec.SlurmExecutor;
import org.gposuite.reproduce.exec.SlurmJob;
import org.gposuite.reproduce.io.Faults;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.CellSelection;
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
  /** The usage text, from the option table. */
  static final String USAGE = CommandLine.USAGE;

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

  /**
   * @param callerDir where relative --profile, --out and --expected paths start; the defaults
   *     (runs/&lt;profile&gt;, expected-results) stay in the repository, the working directory
   */
  static int run(String[] args, Path callerDir, RunnerRegistry registry, PrintStream out, PrintStream err)
      throws Exception {
    try {
      CommandLine.Options cli = CommandLine.parse(args, callerDir, registry);
      if (cli.help()) {
        out.print(USAGE);
        return Harness.OK;
      }
      NetworkBackend networks = cli.networks();
      boolean dryRun = cli.dryRun(), slurm = cli.slurm();
      Optional<Integer> jobs = cli.jobs(), runCell = cli.runCell();
      Path expected = cli.expected().orElse(Path.of("expected-results"));
      Profile profile = profile(cli.profileName(), callerDir);
      // A run reads the paper's numbers from it whether or not it compares; a dry run only its
      // measured rates, so there only a folder named on purpose must exist.
      if ((cli.expected().isPresent() || !dryRun) && !Files.isDirectory(expected)) {
        throw new IllegalArgumentException("--expected " + expected + " is not a folder; give the expected-results"
            + " folder (the paper's numbers and the reference runs; default expected-results)");
      }
      // The profile's presets too are taken in the engine's spelling, so ids never depend on case.
      List<String> chosen = cli.presets().orElse(profile.presets()).stream().map(registry::canonicalPreset).toList();
      CellSelection selection = new CellSelection(cli.experiments(), cli.tasks(), cli.methods(), cli.seeds(), Optional.of(chosen),
          cli.overrides(), networks);
      if (cli.rebaseline() && networks != NetworkBackend.OURS) {
        throw new IllegalArgumentException("--rebaseline writes the expected results, which are our networks' bits;"
            + " a --networks " + networks.label() + " run is compared with them, never written into them");
      }
      // The engine judges presets and settings before anything runs, a dry run included.
      Plan plan = Plan.of(profile, selection);
      registry.checkSettings(plan.presets(), plan.overrides());
      if (plan.cells().isEmpty()) throw new IllegalArgumentException(plan.emptyReason());
      if (!slurm && (cli.slurmOption() || cli.status() || cli.cancel())) {
        throw new IllegalArgumentException("--status, --cancel and the sbatch options need --executor slurm");
      }
      if (!slurm && !dryRun && runCell.isEmpty()) {
        int n = jobs.orElse(LocalExecutor.defaultJobs());
        if (n > 1) out.println("local executor: up to " + n + " cells at a time on " + Executor.cores() + " cores");
      }
      // a DL4J run gets a folder of its own: its cells share their ids (not their hashes) with ours
      Path runDir = cli.out().orElse(Path.of("runs", profile.name() + (networks == NetworkBackend.OURS ? "" : "-" + networks.label())));
      Path repo = Path.of("").toAbsolutePath();
      Harness harness = new Harness(registry, out);
      // A dry run plans what the run will run: on the statistical path, the spread's seeds per group.
      if (dryRun) plan = harness.plan(new Harness.Options(profile, selection, runDir, expected, repo, cli.compare(), cli.rebaseline(),
          cli.reportOnly(), new LocalExecutor(1), cli.onlyMissing()));
      if (dryRun && !slurm) return dryRun(plan, expected, out);
      if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
        throw new IllegalArgumentException("run folder " + runDir + " is a file; give --out a folder (it is created"
            + " when missing)");
      }
      Executor ex = new LocalExecutor(jobs.orElse(runCell.isPresent() ? 1 : LocalExecutor.defaultJobs()));
      SlurmExecutor slurmEx = null;
      if (slurm) {
        SlurmJob job = new SlurmJob("gpo-" + profile.name(), runDir.toAbsolutePath(), repo, callerDir, elementCommand(cli),
            cli.slurmOptions());
        slurmEx = new SlurmExecutor(job, out);
        ex = slurmEx;
        if (dryRun) {
          dryRun(plan, expected, out);
          return slurmDryRun(job, plan, runDir, out);
        }
      }
      Harness.Options options = new Harness.Options(profile, selection, runDir, expected, repo, cli.compare(),
          cli.rebaseline(), cli.reportOnly(), ex, cli.onlyMissing());
      if (runCell.isPresent()) return harness.runCell(options, runCell.get());
      if (cli.cancel()) {
        slurmEx.cancel();
        return Harness.OK;
      }
      if (cli.status()) {
        CellStore store = new CellStore(runDir);
        Map<String, Boolean> done = new java.util.HashMap<>();
        List<CellSpec> cells = harness.plan(options).cells(); // the cells the elements index
        for (CellSpec c : cells) done.put(c.id(), store.load(c).isPresent());
        slurmEx.status(cells, done);
        return Harness.OK;
      }
      return harness.run(options);
    } catch (CommandLine.UsageError e) {
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
    Rates rates = Rates.load(expected, plan.profile().name(), plan.profile().assumedStepsPerSecond());
    out.printf(Locale.ROOT, "profile %s: %d cells, %,d environment steps, about %s %s%n",
        plan.profile().name(), plan.cells().size(), plan.plannedSteps(),
        ProgressPrinter.clock(rates.seconds(plan.cells())), rates.source());
    out.println(plan.settingsText());
    PlanCosts.lines(plan, rates::seconds).forEach(out::println);
    for (CellSpec c : plan.cells()) {
      out.println("  " + c.id() + "  config " + c.configHash() + "  for " + c.usedBy() + "  ~"
          + ProgressPrinter.clock(rates.seconds(c)));
    }
    Path storedFile = expected.resolve(plan.profile().name()).resolve("cells.csv");
    List<CellRecord> stored = Files.isRegularFile(storedFile) ? CellsCsv.read(storedFile) : List.of();
    new ComputePlan(plan, stored, rates::seconds, Executor.cores())
        .lines(storedFile.toString()).forEach(out::println);
    return Harness.OK;
  }

  /**
   * What a Slurm element runs, before its {@code --run-cell INDEX}: this JVM's java, options and
   * class path, and the run's own options (the selection, --out, --expected, --set: the options of
   * {@link CommandLine.Scope#RUN}), so that the element plans exactly the cells the CLI planned.
   */
  static List<String> elementCommand(CommandLine.Options cli) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String jvmArg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (jvmArg.startsWith("-agentlib:jdwp") || jvmArg.startsWith("-javaagent")) continue;
      cmd.add(jvmArg);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ReproduceMain.class.getName());
    cmd.addAll(cli.runOptions());
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
}
