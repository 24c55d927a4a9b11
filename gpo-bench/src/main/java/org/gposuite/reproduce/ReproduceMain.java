package org.gposuite.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Command line of {@code ./reproduce}; see {@link #USAGE}. */
public final class ReproduceMain {
  static final String USAGE = """
      usage: ./reproduce [options]
        --profile smoke|medium|paper|FILE.profile   run size (default smoke)
        --tables 1,2,3         tables to regenerate (default: the profile's)
        --figures 3a,4,5       figures to regenerate (default: the profile's)
        --tasks A,B            only these tasks, e.g. Hopper,Swimmer
        --methods A,B          only these methods, e.g. GPO,Joint
        --seeds 1,2,3          these seeds instead of the profile's
        --presets tuned,paper-calibrated
                               run every cell under each of these PPO presets (default: the
                               profile's presets line, else tuned)
        --set KEY=VALUE        engine setting for every cell, e.g. --set gpo.child_init=first-parent;
                               repeatable; wins over the profile's set.KEY line
        --out DIR              run folder (default runs/<profile>); rerunning resumes it; one run
                               at a time per folder (reproduce.lock holds the running pid)
        --expected DIR         expected-results folder (default expected-results)
        --rebaseline           write this run into expected-results/<profile>/ (explicit only)
        --no-compare           skip the regression check
        --dry-run              print the plan and its cost estimate, run nothing
      exit: 0 ok
            1 regression: a group differs from the expected results
            2 bad input (an option, the profile, the expected results) or a method this build lacks
            3 could not compute or write: a cell failed, or the run folder is not writable or in
              use by another run (3 wins over 1: a run with failed cells is incomplete)
      """;

  private ReproduceMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, RunnerRegistry.fromServiceLoader(), System.out, System.err));
  }

  static int run(String[] args, RunnerRegistry registry, PrintStream out, PrintStream err) throws Exception {
    String profileName = "smoke";
    Set<Experiment> experiments = EnumSet.noneOf(Experiment.class);
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> methods = new LinkedHashSet<>();
    Optional<List<Integer>> seeds = Optional.empty();
    Optional<List<String>> presets = Optional.empty();
    SortedMap<String, String> overrides = new TreeMap<>();
    Path out0 = null;
    Path expected = Path.of("expected-results");
    boolean rebaseline = false;
    boolean compare = true;
    boolean dryRun = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--profile" -> profileName = value(args, ++i, a);
          case "--tables" -> items(value(args, ++i, a)).forEach(t -> experiments.add(Experiment.table(t)));
          case "--figures" -> items(value(args, ++i, a)).forEach(f -> experiments.add(Experiment.figure(f)));
          case "--tasks" -> items(value(args, ++i, a)).forEach(t -> tasks.add(Tasks.requireKnown(t)));
          case "--methods" -> methods.addAll(items(value(args, ++i, a)));
          case "--seeds" -> {
            List<Integer> s = new ArrayList<>();
            for (String item : items(value(args, ++i, a))) s.add(Integer.parseInt(item));
            seeds = Optional.of(s);
          }
          case "--presets" -> {
            List<String> p = items(value(args, ++i, a));
            if (p.isEmpty()) throw new IllegalArgumentException("--presets needs at least one preset name");
            presets = Optional.of(p);
          }
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
          case "--out" -> out0 = Path.of(value(args, ++i, a));
          case "--expected" -> expected = Path.of(value(args, ++i, a));
          case "--rebaseline" -> rebaseline = true;
          case "--no-compare" -> compare = false;
          case "--dry-run" -> dryRun = true;
          case "-h", "--help" -> {
            out.print(USAGE);
            return Harness.OK;
          }
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      for (String m : methods) {
        if (!Tasks.TABLE_METHODS.contains(m) && !Tasks.ABLATION_METHODS.contains(m)
            && !Tasks.CROSSOVER_PROBE.equals(m)) {
          throw new IllegalArgumentException("unknown method \"" + m + "\"; the methods are "
              + Tasks.TABLE_METHODS + ", " + Tasks.ABLATION_METHODS + " and " + Tasks.CROSSOVER_PROBE);
        }
      }
      Profile profile = ProfileLoader.load(profileName);
      Selection selection = new Selection(experiments, tasks, methods, seeds, presets, overrides);
      // The engine judges presets and settings before anything runs, a dry run included.
      Plan plan = Plan.of(profile, selection);
      registry.checkSettings(plan.presets(), plan.overrides());
      if (dryRun) return dryRun(plan, out);
      Path runDir = out0 != null ? out0 : Path.of("runs", profile.name());
      if (Files.exists(runDir) && !Files.isDirectory(runDir)) {
        throw new IllegalArgumentException("run folder " + runDir + " is a file; give --out a folder (it is created"
            + " when missing)");
      }
      return new Harness(registry, out).run(new Harness.Options(profile, selection, runDir, expected,
          Path.of("").toAbsolutePath(), compare, rebaseline));
    } catch (InputError e) {
      err.println("error: " + e.getMessage());
      return Harness.CANNOT_RUN;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE);
      return Harness.CANNOT_RUN;
    } catch (IOException e) {
      // Inputs are read as InputErrors; what is left is writing the run folder or the baseline.
      err.println("error: cannot write " + Faults.describe(e));
      return Harness.FAILED;
    } catch (UncheckedIOException e) {
      err.println("error: cannot write " + Faults.describe(e.getCause()));
      return Harness.FAILED;
    }
  }

  private static int dryRun(Plan plan, PrintStream out) {
    plan.warnings().forEach(w -> out.println("warning: " + w));
    out.printf(Locale.ROOT, "profile %s: %d cells, %,d environment steps, about %s at %.0f steps/s%n",
        plan.profile().name(), plan.cells().size(), plan.plannedSteps(),
        ProgressPrinter.clock(plan.estimatedSeconds()), plan.profile().assumedStepsPerSecond());
    out.println(plan.settingsText());
    for (CellSpec c : plan.cells()) {
      out.println("  " + c.id() + "  config " + c.configHash() + "  for " + c.usedBy());
    }
    return Harness.OK;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static List<String> items(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) out.add(s.strip());
    }
    return out;
  }
}
