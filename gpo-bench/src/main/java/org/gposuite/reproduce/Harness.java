package org.gposuite.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One reproduction run: plan the cells, run the unfinished ones, write the run folder
 * ({@code cells.csv}, {@code report.md}, {@code plots/}, {@code comparison.txt}), compare with
 * the expected results, and re-baseline only when asked.
 */
public final class Harness {
  /**
   * Exit codes of {@link #run} and ./reproduce: all went well; a group differs from the expected
   * results; bad input (options, profile, expected results) or a method the build lacks; a
   * cell failed or the run folder could not be written or is in use. FAILED wins over DIFFERS:
   * a run with failed cells is incomplete, and so is its comparison.
   */
  public static final int OK = 0, DIFFERS = 1, CANNOT_RUN = 2, FAILED = 3;

  /**
   * @param out run folder; rerunning into the same folder resumes
   * @param expectedResults the repository's expected-results/ folder
   * @param repoRoot for the git commit in the provenance
   * @param compare check against expected-results/&lt;profile&gt;/cells.csv
   * @param rebaseline write this run's cells into expected-results/&lt;profile&gt;/cells.csv
   */
  public record Options(Profile profile, Selection selection, Path out, Path expectedResults,
      Path repoRoot, boolean compare, boolean rebaseline, boolean reportOnly) {

    /** A run that computes its missing cells. */
    public Options(Profile profile, Selection selection, Path out, Path expectedResults, Path repoRoot,
        boolean compare, boolean rebaseline) {
      this(profile, selection, out, expectedResults, repoRoot, compare, rebaseline, false);
    }
  }

  private final RunnerRegistry registry;
  private final PrintStream log;

  public Harness(RunnerRegistry registry, PrintStream log) {
    this.registry = registry;
    this.log = log;
  }

  public static Path expectedCells(Path expectedResults, String profile) {
    return expectedResults.resolve(profile).resolve("cells.csv");
  }

  /**
   * @throws InputError on a damaged input file (profile, expected results, a cell's files)
   * @throws IOException when the run folder or the baseline cannot be written
   */
  public int run(Options o) throws IOException, InterruptedException {
    Plan plan = Plan.of(o.profile(), o.selection());
    try {
      registry.checkSettings(plan.presets(), plan.overrides());
    } catch (IllegalArgumentException e) {
      log.println("error: " + e.getMessage());
      return CANNOT_RUN;
    }
    if (plan.cells().isEmpty()) {
      log.println("error: " + plan.emptyReason());
      return CANNOT_RUN;
    }
    plan.warnings().forEach(w -> log.println("warning: " + w));
    log.printf(Locale.ROOT, "profile %s: %d cells, %,d environment steps, about %s at %.0f steps/s (%s)%n",
        o.profile().name(), plan.cells().size(), plan.plannedSteps(),
        ProgressPrinter.clock(plan.estimatedSeconds()), o.profile().assumedStepsPerSecond(), o.profile().source());
    log.println(plan.settingsText());

    // Fail before the first cell on anything that would fail after the last one.
    PaperData paper = PaperData.load(o.expectedResults());
    Path expectedFile = expectedCells(o.expectedResults(), o.profile().name());
    List<CellRecord> expected = List.of();
    if (o.compare() && !o.rebaseline()) {
      if (!Files.isRegularFile(expectedFile)) {
        log.println("error: no expected results for profile " + o.profile().name() + " at " + expectedFile
            + "; create them explicitly with --rebaseline, or run with --no-compare");
        return CANNOT_RUN;
      }
      expected = CellsCsv.read(expectedFile);
      if (expected.isEmpty()) {
        throw new InputError(expectedFile.toString(), 0, null, "holds no cells, so nothing would be compared;"
            + " re-create it with --rebaseline");
      }
    } else if (o.rebaseline() && Files.isRegularFile(expectedFile)) {
      // The rows a re-baseline keeps are read after the last cell; a damaged file stops it before the first.
      CellsCsv.read(expectedFile);
    }
    try (RunLock lock = RunLock.acquire(o.out(), log)) {
      return run(o, plan, paper, expectedFile, expected);
    } catch (RunLock.Held e) {
      log.println("error: " + e.getMessage());
      return FAILED;
    }
  }

  private int run(Options o, Plan plan, PaperData paper, Path expectedFile, List<CellRecord> expected)
      throws IOException, InterruptedException {
    CellStore store = new CellStore(o.out());
    Map<CellSpec, StoredCell> done = new LinkedHashMap<>();
    Set<String> needed = new TreeSet<>();
    for (CellSpec c : plan.cells()) {
      Optional<StoredCell> s = store.load(c);
      if (s.isPresent()) done.put(c, s.get());
      else if (!o.reportOnly()) needed.add(c.method());
    }
    try {
      registry.requireAll(needed);
    } catch (MethodUnavailableException e) {
      log.println("error: " + e.getMessage());
      return CANNOT_RUN;
    }
    Provenance provenance = Provenance.current(o.repoRoot(), registry.engineVersions());

    Map<String, String> failures = new LinkedHashMap<>();
    List<String> notComputed = new ArrayList<>();
    ProgressPrinter progress = new ProgressPrinter(log, plan.cells().size(), plan.plannedSteps(),
        o.profile().assumedStepsPerSecond());
    int k = 0;
    for (CellSpec cell : plan.cells()) {
      k++;
      if (done.containsKey(cell)) {
        progress.resumed(k, cell, done.get(cell).record().provenance().gitCommit(), provenance.gitCommit());
        continue;
      }
      if (o.reportOnly()) {
        // a paper-scale selection is computed over several sittings; its report can be written in between
        notComputed.add(cell.id());
        continue;
      }
      Path dir = store.dirOf(cell);
      long t0 = System.nanoTime();
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("error.txt"));
        // issue 13: the cell's CPU and wall time per kind of work, into its time.csv
        CellResult result;
        CellTimes times;
        try (CellTimes.Running clock = CellTimes.start()) {
          result = registry.require(cell.method()).run(cell, dir, progress.starting(k, cell));
          times = clock.finish();
        }
        CellRecord row = CellRecord.of(cell, o.profile().name(), result, provenance,
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        times.write(dir);
        store.save(cell, row, result);
        done.put(cell, new StoredCell(row, result.curve(), result.crossovers(), FinalPolicies.read(dir)));
        progress.finished(k, cell, (System.nanoTime() - t0) / 1e9, false);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        failures.put(cell.id(), e instanceof IOException io ? Faults.describe(io) : e.toString());
        try {
          AtomicFiles.writeString(dir.resolve("error.txt"), stackTrace(e));
        } catch (IOException notWritten) {
          // The folder that failed the cell may fail its error file too; the error itself is
          // still listed at the end of the run, and said here.
          log.println("cannot write " + Faults.describe(notWritten) + "; the error of " + cell.id() + " was: "
              + failures.get(cell.id()));
        }
        progress.finished(k, cell, (System.nanoTime() - t0) / 1e9, true);
      }
    }

    List<StoredCell> finished = new ArrayList<>(done.values());
    List<CellRecord> rows = finished.stream().map(StoredCell::record)
        .sorted(Comparator.comparing(CellRecord::id)).toList();
    // issue 13: cells.csv gets each cell's compute CPU, physics share and steps/s from its time.csv
    Map<String, List<String>> timeColumns = new LinkedHashMap<>();
    List<String> timedIds = new ArrayList<>();
    List<CellTimes> timed = new ArrayList<>();
    List<Long> timedSteps = new ArrayList<>();
    for (Map.Entry<CellSpec, StoredCell> e : done.entrySet()) {
      Optional<CellTimes> t = CellTimes.read(store.dirOf(e.getKey()));
      if (t.isEmpty()) continue;
      CellRecord r = e.getValue().record();
      timeColumns.put(r.id(), t.get().columns(r.stepsUsed()));
      timedIds.add(r.id());
      timed.add(t.get());
      timedSteps.add(r.stepsUsed());
    }
    CellsCsv.write(o.out().resolve("cells.csv"), rows, timeColumns);
    Results results = new Results(finished);
    Report report = new Report(plan, results, paper, provenance);
    Map<String, Map<Experiment, List<String>>> plots = new LinkedHashMap<>();
    for (String preset : plan.presets()) {
      plots.put(preset, Plots.draw(plan, preset, results, paper, report.normalizedAblations(preset),
          o.out().resolve("plots")));
    }

    Optional<Comparison.Result> comparison = Optional.empty();
    if (o.compare() && !o.rebaseline()) {
      comparison = Optional.of(Comparison.compare(rows, expected));
      AtomicFiles.writeString(o.out().resolve("comparison.txt"), comparison.get().render());
    }
    AtomicFiles.writeString(o.out().resolve("report.md"), report.render(failures, notComputed, comparison, plots)
        + CellTimes.reportSection(timedIds, timed, timedSteps));
    if (!notComputed.isEmpty())
      log.println(notComputed.size() + " cell(s) of the selection not computed yet (--report-only); rerun without it to compute them");
    log.println("run folder: " + o.out() + " (report.md, cells.csv, plots/); " + progress.measured());

    int exit = OK;
    if (comparison.isPresent()) {
      log.print(comparison.get().render());
      if (comparison.get().failed()) exit = DIFFERS;
    }
    if (!failures.isEmpty()) {
      log.println(failures.size() + " cell(s) failed; see error.txt in their folders:");
      failures.forEach((id, msg) -> log.println("  " + id + ": " + msg));
      exit = FAILED;
    }
    if (o.rebaseline()) {
      if (!failures.isEmpty()) {
        log.println("not re-baselining: " + failures.size() + " cell(s) failed");
        return FAILED;
      }
      int replaced = rebaseline(expectedFile, rows);
      log.println("re-baselined " + expectedFile + ": " + rows.size() + " cells written, "
          + replaced + " earlier rows of the same cells replaced, other rows kept");
    }
    return exit;
  }

  /**
   * Writes the run's rows into the expected file, replacing the rows of the same cells (same id:
   * group and seed) and keeping every other row: other groups (a --tasks subset, another preset)
   * and other seeds of the same groups (a --seeds subset). Ids include the preset, so a run of
   * two presets writes both and a run of one leaves the other's rows.
   */
  static int rebaseline(Path expectedFile, List<CellRecord> rows) throws IOException {
    Set<String> ids = new TreeSet<>();
    rows.forEach(r -> ids.add(r.id()));
    List<CellRecord> merged = new ArrayList<>();
    int replaced = 0;
    if (Files.isRegularFile(expectedFile)) {
      for (CellRecord r : CellsCsv.read(expectedFile)) {
        if (ids.contains(r.id())) replaced++;
        else merged.add(r);
      }
    }
    merged.addAll(rows);
    merged.sort(Comparator.comparing(CellRecord::id));
    CellsCsv.write(expectedFile, merged);
    return replaced;
  }

  private static String stackTrace(Exception e) {
    java.io.StringWriter sw = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(sw));
    return sw.toString();
  }
}
