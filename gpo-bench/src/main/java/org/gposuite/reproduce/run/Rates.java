package org.gposuite.reproduce.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.BudgetVariant.PopulationPoint;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;

/**
 * What a cell costs on this machine kind, for the planner's estimate and the progress ETA:
 * measured, per cell kind, from the wall-clock seconds and steps of the cells stored in
 * {@code expected-results/<profile>/*cells.csv} (every profile's files; each row has
 * {@code wall_total_s} and {@code steps_used}). Methods and tasks differ by far more than the
 * machine does (a GPO cell pays for crossover and DAgger, an InvertedDoublePendulum step is not a
 * Swimmer step), so one assumed steps/s misjudges a plan. A cell is estimated from, in order:
 *
 * <ol>
 *   <li>the stored cells of the same config (config hash: algorithm, preset, task, method,
 *       budget, settings): their mean seconds;
 *   <li>otherwise, when the run's own profile has stored cells of the cell's task (any kind) and of
 *       its kind (algorithm, preset, method, variant, settings; any task): a two-way fit of those
 *       cells, seconds per step = task factor x kind factor, least squares on the logarithms
 *       ({@link TaskKindFit}). A GPO cell on a task where only Single and Joint have run is priced
 *       by GPO's cost over theirs on the tasks where all three have, which no file-wide average gets
 *       right (measured: the paper profile's first GPO cells under the shared-critic default took
 *       about 3x the fallback below). A variant of Figs. 7, 9 or 10 (another population, horizon or
 *       batch) that has not run yet is priced per step as the other figure's point at the same
 *       population ({@link #samePopulation}), else as its method at the profile's own budget: a
 *       lower bound under data sharing, where every policy reads every shared batch, so a larger
 *       population costs more per step (the paper profile's Fig. 10 measured 2.2x per step at
 *       population 16 and 3.6x at 32 against 8; medium's short rounds 1.2x at twice its population);
 *       a Fig. 5 ablation that has not run yet is priced per step as GPO when it shares data and as
 *       Single when it does not ({@link #ablationStandIn}); a kind under a PPO preset other than the
 *       default, as the same kind under the default (a preset changes step sizes and normalisation,
 *       not the work per step; without this a {@code paper-calibrated} GPO cell under the data-sharing
 *       default was priced from GPO as written's {@code paper-calibrated} cells, which cost a third);
 *   <li>otherwise the profile's {@code assumed_steps_per_second} (measured on that profile's
 *       budgets), times the cell kind's relative cost: its seconds per step over the seconds per
 *       step of all cells of the folder it was measured in (a GPO cell costs more per step than a
 *       Single cell of the same folder, an InvertedDoublePendulum step more than a Swimmer step).
 *       Kinds are matched by algorithm, preset, task and method, else by task and method, else by
 *       task; unknown kinds cost 1. Absolute seconds per step are not carried across budgets: a
 *       smoke cell's fixed costs (evaluation, crossover, start-up) make its steps 5x dearer than a
 *       medium cell's (measured: medium cells predicted from smoke rates came out 0.19x).
 * </ol>
 * The ETA then corrects these by the run itself ({@link ProgressPrinter}): remaining estimates
 * times (measured / estimated) over the cells of their kind finished in this session, which takes in the
 * machine's load. Unreadable files are skipped: an estimate is never worth stopping a run for.
 */
public final class Rates {
  private final double assumedStepsPerSecond;
  private final Map<String, Sum> byConfig = new HashMap<>();
  private final Map<String, Sum> byGroup = new HashMap<>();
  private final Map<String, Sum> byTaskMethod = new HashMap<>();
  private final Map<String, Sum> byTask = new HashMap<>();
  private final TaskKindFit ownProfile;
  private int cells;

  /** Seconds and steps summed over stored cells. */
  private static final class Sum {
    double seconds;
    double steps;
    int n;

    void add(double s, double st) {
      seconds += s;
      steps += st;
      n++;
    }
  }

  /** Rates for a run of profile {@code profile} from stored cells of one file. */
  public Rates(String profile, double assumedStepsPerSecond, List<CellRecord> measured) {
    this(profile, assumedStepsPerSecond, Map.of("", measured));
  }

  /** @param measured stored cells per folder they came from (relative costs are taken within a folder) */
  Rates(String profile, double assumedStepsPerSecond, Map<String, List<CellRecord>> measured) {
    this.assumedStepsPerSecond = assumedStepsPerSecond;
    for (List<CellRecord> file : measured.values()) add(file);
    this.ownProfile = new TaskKindFit(measured.values().stream().flatMap(List::stream)
        .filter(r -> r.profile().equals(profile) && measured(r))
        .map(r -> new TaskKindFit.Cell(r.task(), kind(r.algorithm(), r.settings(), r.variant(), r.method()),
            r.wallClock().totalSeconds() / r.stepsUsed()))
        .toList());
  }

  /** A cell's kind: what its group says but the task, and its settings (a --set cell costs what it costs). */
  private static String kind(Algorithm algorithm, Settings settings, String variant, String method) {
    return CellSpec.algorithmLabel(algorithm, settings.preset()) + "/" + variant + "/" + method + "|" + settings.storedText();
  }

  /**
   * Rates for a run of {@code profile} from every cells file of every {@code expected-results/}
   * folder: its {@code cells.csv} and the files stored beside it in the same format (the paper
   * profile's {@code as-written-cells.csv}, {@code critic-control-cells.csv}, ...). Those are cells of
   * kinds the verdicts no longer use, but they cost what they cost: without them a second batch of
   * such a kind was priced as if it had never run (Single under {@code tuned-critic160} at about 2
   * minutes a cell, where its cells at the screen took 3-4x Single's time per step). A folder's
   * files are one file for the relative costs. None when the folder is absent.
   */
  public static Rates load(Path expectedResults, String profile, double assumedStepsPerSecond) {
    Map<String, List<CellRecord>> folders = new HashMap<>();
    if (expectedResults != null && Files.isDirectory(expectedResults)) {
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(expectedResults, Files::isDirectory)) {
        for (Path d : dirs) {
          List<CellRecord> cells = new ArrayList<>();
          try (DirectoryStream<Path> files = Files.newDirectoryStream(d, "*cells.csv")) {
            for (Path f : files) {
              try {
                cells.addAll(CellsCsv.read(f));
              } catch (RuntimeException unreadable) {
                // the comparison reports a damaged baseline of its own profile; here it only costs precision
              }
            }
          }
          if (!cells.isEmpty()) folders.put(d.toString(), cells);
        }
      } catch (IOException unreadable) {
        // no measured rates: the assumed throughput it is
      }
    }
    return new Rates(profile, assumedStepsPerSecond, folders);
  }

  /** A row with a time and steps to divide (rows stored before wall-clock columns have neither). */
  private static boolean measured(CellRecord r) {
    return r.wallClock().totalSeconds() > 0 && r.stepsUsed() > 0;
  }

  private void add(List<CellRecord> file) {
    List<CellRecord> ok = file.stream().filter(Rates::measured).toList();
    double secondsPerStep = ok.stream().mapToDouble(r -> r.wallClock().totalSeconds()).sum()
        / ok.stream().mapToDouble(CellRecord::stepsUsed).sum();
    for (CellRecord r : ok) {
      double s = r.wallClock().totalSeconds();
      double relative = s / r.stepsUsed() / secondsPerStep;
      cells++;
      byConfig.computeIfAbsent(r.configHash(), k -> new Sum()).add(s, 0);
      byGroup.computeIfAbsent(r.groupId(), k -> new Sum()).add(relative, 0);
      byTaskMethod.computeIfAbsent(r.task() + "/" + r.method(), k -> new Sum()).add(relative, 0);
      byTask.computeIfAbsent(r.task(), k -> new Sum()).add(relative, 0);
    }
  }

  /** The estimated seconds of one cell (see the class comment for the order of sources). */
  public double seconds(CellSpec c) {
    Sum s = byConfig.get(c.configHash());
    if (s != null) return s.seconds / s.n;
    double fitted = ownProfile.secondsPerStep(c.task(), kind(c.algorithm(), c.settings(), c.variant(), c.method()));
    String sibling = samePopulation(c.variant());
    if (Double.isNaN(fitted) && sibling != null)
      fitted = ownProfile.secondsPerStep(c.task(), kind(c.algorithm(), c.settings(), sibling, c.method()));
    if (Double.isNaN(fitted) && !c.variant().isEmpty())
      fitted = ownProfile.secondsPerStep(c.task(), kind(c.algorithm(), c.settings(), "", c.method()));
    String standIn = ablationStandIn(c.method());
    if (Double.isNaN(fitted) && standIn != null)
      fitted = ownProfile.secondsPerStep(c.task(), kind(c.algorithm(), c.settings(), c.variant(), standIn));
    if (Double.isNaN(fitted) && !c.settings().preset().equals(Settings.DEFAULT_PRESET)) {
      Settings asDefault = new Settings(Settings.DEFAULT_PRESET, c.settings().overrides(), c.settings().networks());
      fitted = ownProfile.secondsPerStep(c.task(), kind(c.algorithm(), asDefault, c.variant(), c.method()));
    }
    if (!Double.isNaN(fitted)) return fitted * c.plannedSteps();
    double relative = 1;
    for (Sum t : new Sum[] {byGroup.get(c.groupId()), byTaskMethod.get(c.task() + "/" + c.method()),
        byTask.get(c.task())}) {
      if (t != null) {
        relative = t.seconds / t.n;
        break;
      }
    }
    return relative * c.plannedSteps() / assumedStepsPerSecond;
  }

  /**
   * A point at the same population whose cost per step stands in: Fig. 7's {@code popM} and Fig. 10's
   * {@code popM-eqsteps} for each other, and Fig. 10's {@code popM-eqsteps} for its reading with DAgger per
   * round ({@code popM-eqsteps-dagger-per-round}, whose cells differ only in a crossover that is a few percent of
   * the budget); null for any other label. Both cost alike per step under data sharing,
   * where a step costs about m rows of update: Fig. 7's m policies each read m batches of 2048 rows
   * per m x 2048 steps, Fig. 10's m policies each read m batches of 16384 / m rows per 16384 steps.
   */
  static String samePopulation(String variant) {
    for (PopulationPoint kind : PopulationPoint.values()) {
      var m = kind.population(variant);
      if (m.isEmpty()) continue;
      return switch (kind) {
        case SAME_PER_POLICY, SAME_TOTAL_DAGGER_PER_ROUND -> PopulationPoint.SAME_TOTAL.label(m.getAsInt());
        case SAME_TOTAL -> PopulationPoint.SAME_PER_POLICY.label(m.getAsInt());
      };
    }
    return null;
  }

  /**
   * The method whose measured cost per step prices a Fig. 5 ablation that has not run on the profile:
   * GPO for those with data sharing (M), Single for the others; null for any other method. What
   * decides a cell's cost is M: under the default, the update on the shared batches and the critic's
   * fit on them are 43-65% of a GPO cell's CPU (paper profile: Swimmer's and HalfCheetah-hilly's time splits),
   * crossover (pi_S and DAgger's epochs) about 10% and selection under 3%. So an ablation with M costs
   * about what GPO costs and one without about what Single costs, crossover making the C variants
   * about 10% dearer than priced. Without this the Fig. 5 methods fell to the file-wide fallback,
   * which had priced them from other profiles' cells (the paper profile's Fig. 5 at 5 seeds: 4.2 h,
   * against about 12 h from the measured GPO and Single cells).
   */
  static String ablationStandIn(String method) {
    if (!method.startsWith("Base")) return null;
    return java.util.Arrays.asList(method.split("\\+")).contains("M") ? "GPO" : "Single";
  }

  /** The estimated seconds of a plan's cells. */
  public double seconds(List<CellSpec> plan) {
    double sum = 0;
    for (CellSpec c : plan) sum += seconds(c);
    return sum;
  }

  /** Where the estimate comes from, for the plan's first line. */
  public String source() {
    return cells == 0 ? String.format(java.util.Locale.ROOT, "at the assumed %.0f steps/s (no measured cells)",
        assumedStepsPerSecond)
        : String.format(java.util.Locale.ROOT, "from %d measured cells in expected-results (per config, else %.0f steps/s"
            + " times the relative cost of the task and method)", cells, assumedStepsPerSecond);
  }
}
