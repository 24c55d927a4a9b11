package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.reproduce.exec.SlurmJob;
import org.gposuite.reproduce.plan.Experiment;
import org.junit.jupiter.api.Test;

/** The option table: the usage text it writes, the record it parses into, the Slurm element's command built from it. */
class CommandLineTest {
  private static final Path CALLER = Path.of("/home/me");

  private static CommandLine.Options parse(String... args) {
    return CommandLine.parse(args, CALLER, FakeRunner.registry(new FakeRunner()));
  }

  /** ./reproduce --help as it was before the table (issue 22), with --tasks' points and --only-missing since: the table writes the same text. */
  private static final String USAGE_BEFORE = """
      usage: ./reproduce [options]
        --profile smoke|medium|paper|FILE.profile   run size (default smoke)
        --tables 1,2,3         tables to regenerate (default: the profile's)
        --figures 3a,4,...,10  figures to regenerate: 3a, 4, 5, 6, 7, 8, 9, 10 (default: the profile's)
        --tasks A,B            only these tasks, e.g. Hopper,Swimmer; a task with a point's label,
                               as cell ids write it, is that point of Figs. 7, 9, 10 alone (Walker2d@pop32)
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
        --only-missing         only the cells expected-results/<profile>/cells.csv does not hold
                               (same id and config hash: what --dry-run counts as left); needs
                               --rebaseline (they join the stored ones) or --no-compare
        --rebaseline           write this run into expected-results/<profile>/ (explicit only)
        --no-compare           skip the regression check
        --report-only          report, plots, comparison (and --rebaseline) from the finished cells; compute nothing
                               (also of a folder a run is still computing into: the cells it has finished)
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

  @Test
  void theTableWritesTheUsageTextAsItWas() {
    assertEquals(USAGE_BEFORE, CommandLine.USAGE);
    assertEquals(USAGE_BEFORE, ReproduceMain.USAGE);
  }

  @Test
  void aCommandLineParsesIntoTheRecord() {
    CommandLine.Options o = parse("--profile", "medium", "--tables", "1", "--figures", "3a,7", "--tasks", "hopper,Swimmer",
        "--methods", "GPO", "--seeds", "1-3,7", "--set", "gpo.child_init=first-parent", "--networks", "dl4j",
        "--out", "runs/x", "--expected", "/e", "--no-compare", "--dry-run", "--executor", "slurm", "--jobs", "4",
        "--partition", "cpu", "--cpus", "8", "--sbatch", "--gres=gpu:0", "--retries", "1", "--poll", "2.5");
    assertEquals(Optional.of("medium"), o.profile());
    assertEquals(Set.of(Experiment.table("1"), Experiment.figure("3a"), Experiment.figure("7")), o.experiments());
    assertEquals(List.of("Hopper", "Swimmer"), List.copyOf(o.tasks()));
    assertEquals(Optional.of(List.of(1, 2, 3, 7)), o.seeds());
    assertEquals(Map.of("gpo.child_init", "first-parent"), o.overrides());
    assertEquals(NetworkBackend.DL4J, o.networks());
    assertEquals(Optional.of(CALLER.resolve("runs/x")), o.out());
    assertEquals(Optional.of(Path.of("/e")), o.expected());
    assertTrue(!o.compare() && o.dryRun() && o.slurm() && o.slurmOption() && !o.rebaseline() && !o.help());
    assertEquals(Optional.of(4), o.jobs());
    SlurmJob.SlurmOptions s = o.slurmOptions();
    assertEquals(new SlurmJob.SlurmOptions(Optional.of("cpu"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.of(8), Optional.empty(), List.of("--gres=gpu:0"), 4, 1, 5, 300, 2.5), s);
  }

  /** A Slurm element plans what the command line planned: --only-missing, a flag, goes to it by name alone. */
  @Test
  void onlyMissingIsARunOptionWithoutAValue() {
    CommandLine.Options o = parse("--only-missing", "--tasks", "Hopper", "--no-compare");
    assertTrue(o.onlyMissing() && !o.compare());
    assertEquals(List.of("--only-missing", "--tasks", "Hopper"), o.runOptions());
    assertFalse(parse().onlyMissing());
  }

  @Test
  void defaultsAreTheProfilesAndTheLocalExecutors() {
    CommandLine.Options o = parse();
    assertEquals("smoke", o.profileName());
    assertTrue(o.compare() && !o.slurm() && !o.slurmOption() && o.experiments().isEmpty() && o.runOptions().isEmpty());
    assertEquals(SlurmJob.SlurmOptions.defaults(), o.slurmOptions());
  }

  @Test
  void errorsAreWordedAsBefore() {
    assertEquals("unknown option --bogus", assertThrows(CommandLine.UsageError.class, () -> parse("--bogus")).getMessage());
    assertEquals("--tasks needs a value", assertThrows(CommandLine.UsageError.class, () -> parse("--tasks", "--dry-run")).getMessage());
    assertEquals("--sbatch needs a value", assertThrows(CommandLine.UsageError.class, () -> parse("--sbatch")).getMessage());
    assertEquals("--jobs needs a whole number >= 1, got \"0\"", assertThrows(IllegalArgumentException.class,
        () -> parse("--jobs", "0")).getMessage());
    assertEquals("--set gpo.x is given twice", assertThrows(IllegalArgumentException.class,
        () -> parse("--set", "gpo.x=1", "--set", "gpo.x=2")).getMessage());
    assertEquals("--executor is local or slurm, got \"pbs\"", assertThrows(IllegalArgumentException.class,
        () -> parse("--executor", "pbs")).getMessage());
    // help stops the parse: what follows it is not judged
    assertTrue(parse("--help", "--bogus").help());
  }

  /** The argv filter the element's command was built by before the table (issue 22), kept here as the reference. */
  private static List<String> filteredArgv(String... args) {
    Set<String> withValue = Set.of("--executor", "--jobs", "--partition", "--account", "--qos", "--time", "--cpus", "--mem",
        "--sbatch", "--retries", "--requeues", "--signal-seconds", "--poll", "--run-cell");
    Set<String> runOnlyFlags = Set.of("--status", "--cancel", "--dry-run", "--rebaseline", "--report-only", "--no-compare");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (withValue.contains(args[i])) i++;
      else if (!runOnlyFlags.contains(args[i])) out.add(args[i]);
    }
    out.add("--no-compare");
    return out;
  }

  /** The element's command after the JVM's own part (java, its options, -cp, the main class). */
  private static List<String> elementArgs(String... args) {
    List<String> cmd = ReproduceMain.elementCommand(parse(args));
    return cmd.subList(cmd.indexOf(ReproduceMain.class.getName()) + 1, cmd.size());
  }

  @Test
  void theElementsCommandIsWhatTheArgvFilterMade() {
    List<String[]> lines = List.of(
        new String[] {"--profile", "paper", "--executor", "slurm", "--partition", "cpu", "--time", "12:00:00", "--cpus", "8",
            "--mem", "8G"},
        new String[] {"--executor", "slurm", "--profile", "paper", "--tables", "1", "--tasks", "Walker2d", "--presets",
            "tuned,paper-calibrated", "--jobs", "4", "--sbatch", "--gres=gpu:0", "--requeues", "3"},
        new String[] {"--profile", "medium", "--methods", "GPO", "--set", "gpo.child_init=first-parent", "--out", "runs/first-parent",
            "--executor", "slurm", "--no-compare", "--signal-seconds", "120", "--poll", "5"},
        new String[] {"--networks", "dl4j", "--seeds", "1-3", "--figures", "3a,9", "--expected", "exp", "--executor", "slurm",
            "--dry-run", "--retries", "0", "--account", "lab", "--qos", "low"},
        new String[] {"--executor", "slurm", "--rebaseline", "--report-only", "--status"},
        new String[] {"--executor", "slurm", "--cancel", "--run-cell", "3"});
    for (String[] line : lines) assertEquals(filteredArgv(line), elementArgs(line), String.join(" ", line));
  }
}
