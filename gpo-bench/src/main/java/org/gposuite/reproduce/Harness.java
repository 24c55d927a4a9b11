package org.gposuite.reproduce;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gposuite.reproduce.compare.Comparison;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Spread;
import org.gposuite.reproduce.exec.Executor;
import org.gposuite.reproduce.exec.LocalExecutor;
import org.gposuite.reproduce.exec.Preemption;
import org.gposuite.reproduce.exec.SlurmElement;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.Faults;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.report.CrossoverRatios;
import org.gposuite.reproduce.report.Plots;
import org.gposuite.reproduce.report.Report;
import org.gposuite.reproduce.report.Results;
import org.gposuite.reproduce.report.aggregate.Aggregates;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CellTimes;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.run.ComputePlan;
import org.gposuite.reproduce.run.InterruptNotice;
import org.gposuite.reproduce.run.MethodUnavailableException;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.run.ProgressPrinter;
import org.gposuite.reproduce.store.Provenance;
import org.gposuite.reproduce.run.Rates;
import org.gposuite.reproduce.run.RunLock;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.gposuite.reproduce.store.SharingSummary;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StoredCell;

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
   * Exit code of a run that has nothing to judge: --report-only on a folder without a finished
   * cell of the selection (a mistyped --out), or a comparison in which no finished cell met an
   * expected row. Not 0, so that a CI job does not pass on zero cells; not 1, as nothing differed.
   */
  public static final int NOTHING_COMPARED = 4;

  /**
   * @param out run folder; rerunning into the same folder resumes
   * @param expectedResults the repository's expected-results/ folder
   * @param repoRoot for the git commit in the provenance
   * @param compare check against expected-results/&lt;profile&gt;/cells.csv
   * @param rebaseline write this run's cells into expected-results/&lt;profile&gt;/cells.csv
   * @param onlyMissing only the selection's cells that file does not hold (same id and config hash), as
   *     the dry run's compute plan counts them left: a paper-scale run that adds to the stored cells
   *     without computing them again; with compare, nothing would be compared, so it needs rebaseline
   *     or no compare
   */
  public record Options(Profile profile, CellSelection selection, Path out, Path expectedResults,
      Path repoRoot, boolean compare, boolean rebaseline, boolean reportOnly, Executor executor, boolean onlyMissing) {

    /** Every cell of the selection. */
    public Options(Profile profile, CellSelection selection, Path out, Path expectedResults, Path repoRoot,
        boolean compare, boolean rebaseline, boolean reportOnly, Executor executor) {
      this(profile, selection, out, expectedResults, repoRoot, compare, rebaseline, reportOnly, executor, false);
    }

    /** Cells one after another in this JVM. */
    public Options(Profile profile, CellSelection selection, Path out, Path expectedResults, Path repoRoot,
        boolean compare, boolean rebaseline, boolean reportOnly) {
      this(profile, selection, out, expectedResults, repoRoot, compare, rebaseline, reportOnly, new LocalExecutor(1));
    }

    /** A run that computes its missing cells. */
    public Options(Profile profile, CellSelection selection, Path out, Path expectedResults, Path repoRoot,
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
    // Fail before the first cell on anything that would fail after the last one.
    PaperData paper = PaperData.load(o.expectedResults());
    Path expectedFile = expectedCells(o.expectedResults(), o.profile().name());
    boolean comparing = o.compare() && !o.rebaseline();
    if (o.onlyMissing() && comparing) {
      log.println("error: --only-missing runs the cells " + expectedFile + " does not hold, so there is nothing to"
          + " compare them with: add --rebaseline to store them beside the others, or --no-compare");
      return CANNOT_RUN;
    }
    if (comparing && !Files.isRegularFile(expectedFile)) {
      log.println("error: no expected results for profile " + o.profile().name() + " at " + expectedFile
          + "; create them explicitly with --rebaseline, or run with --no-compare");
      return CANNOT_RUN;
    }
    // Read before the first cell, so that a damaged file stops the run now and not after its last
    // cell (a re-baseline reads the file again then, to keep the rows others stored meanwhile).
    Optional<List<CellRecord>> stored = readStored(o);
    if (comparing && stored.get().isEmpty()) {
      throw new InputError(expectedFile.toString(), 0, null, "holds no cells, so nothing would be compared;"
          + " re-create it with --rebaseline");
    }
    int selected = plan.cells().size();
    Optional<Spread> spread = spreadToCompare(o);
    plan = plan(o, plan, stored, spread);
    if (o.onlyMissing()) {
      log.println("--only-missing: " + plan.cells().size() + " of the selection's " + selected + " cells are not in "
          + expectedFile);
      if (plan.cells().isEmpty()) return OK;
    }
    List<CellRecord> expected = comparing ? stored.get() : List.of();
    Rates rates = Rates.load(o.expectedResults(), o.profile().name(), o.profile().assumedStepsPerSecond());
    log.printf(Locale.ROOT, "profile %s: %d cells, %,d environment steps, about %s %s (%s)%n",
        o.profile().name(), plan.cells().size(), plan.plannedSteps(),
        ProgressPrinter.clock(rates.seconds(plan.cells())), rates.source(), o.profile().source());
    log.println(plan.settingsText());

    Inputs inputs = new Inputs(plan, paper, expectedFile, expected, rates, spread);
    try (RunLock lock = RunLock.acquire(o.out(), log);
        InterruptNotice notice = InterruptNotice.register(o.out(), lock, log)) {
      return run(o, inputs);
    } catch (RunLock.Held e) {
      if (!o.reportOnly()) {
        log.println("error: " + e.getMessage());
        return FAILED;
      }
      // A report of a run still computing is safe to write: a cell's result file is written last and
      // atomically, so a cell is either finished or not there yet, and so are the report's own files,
      // which the run rewrites with every cell when it ends. Computing would not be (the same cells twice).
      log.println("note: " + o.out() + " is in use by a run still computing into it; reporting the cells it has"
          + " finished so far (it rewrites the report when it ends)");
      return run(o, inputs);
    }
  }

  /** What a run has read before its first cell: its plan, and what its cells are reported and judged against. */
  private record Inputs(Plan plan, PaperData paper, Path expectedFile, List<CellRecord> expected, Rates rates,
      Optional<Spread> spread) {}

  /**
   * The selection after computing: its finished cells in plan order, the cells that failed (id to
   * error), those found damaged and skipped, those a report-only run left for later, and the progress
   * printer that timed them.
   */
  private record Computed(Map<CellSpec, StoredCell> done, Map<String, String> failures, Map<String, String> damaged,
      List<String> notComputed, ProgressPrinter progress) {
    List<StoredCell> finished() {
      return new ArrayList<>(done.values());
    }

    boolean anyFailed() {
      return !failures.isEmpty() || !damaged.isEmpty();
    }
  }

  /** The run in its three steps: compute what the folder lacks, write the folder's files, then judge and re-baseline. */
  private int run(Options o, Inputs in) throws IOException, InterruptedException {
    Plan plan = in.plan();
    CellStore store = new CellStore(o.out());
    Map<CellSpec, StoredCell> done = new LinkedHashMap<>();
    Map<String, String> damaged = new LinkedHashMap<>();
    Set<String> needed = new TreeSet<>();
    for (CellSpec c : plan.cells()) {
      Optional<StoredCell> s = loadUnlessDamaged(store, c, damaged);
      if (s.isPresent()) done.put(c, s.get());
      else if (!o.reportOnly() && !damaged.containsKey(c.id())) needed.add(c.method());
    }
    if (o.reportOnly() && done.isEmpty()) {
      // Nothing is written: a report of zero cells would only hide a mistyped --out.
      log.println("error: " + o.out() + " holds no finished cell of the selection (" + plan.cells().size()
          + " looked for, e.g. " + store.dirOf(plan.cells().get(0)).resolve(CellStore.RESULT)
          + "); check --out, or rerun without --report-only to compute them");
      return NOTHING_COMPARED;
    }
    Optional<String> otherSettings = otherSettings(o.out(), store, plan, done.keySet(), damaged.keySet());
    if (otherSettings.isPresent()) {
      log.println("error: " + otherSettings.get());
      return CANNOT_RUN;
    }
    try {
      registry.requireAll(needed);
    } catch (MethodUnavailableException e) {
      log.println("error: " + e.getMessage());
      return CANNOT_RUN;
    }
    Provenance provenance = Provenance.current(o.repoRoot(), registry.engineVersions());
    Computed cells = computeSelection(o, in, store, provenance, done, damaged);
    Optional<Comparison.Result> comparison = writeFolder(o, in, store, provenance, cells);
    return conclude(o, in, cells, comparison);
  }

  /** Computes the selection's cells the folder lacks (none for --report-only) and reads every finished one back. */
  private Computed computeSelection(Options o, Inputs in, CellStore store, Provenance provenance,
      Map<CellSpec, StoredCell> done, Map<String, String> damaged) throws IOException, InterruptedException {
    Plan plan = in.plan();
    Map<String, String> failures = new LinkedHashMap<>();
    List<String> notComputed = new ArrayList<>();
    // the ETA counts cells that share the cores side by side (local --jobs); a Slurm run's cells are elsewhere
    int jobs = o.executor() instanceof LocalExecutor local ? local.jobs() : 1;
    ProgressPrinter progress = new ProgressPrinter(log, plan.cells(), in.rates(), Executor.cores(), jobs);
    // The cells to compute go to the executor; whoever computed them, their result files are read back.
    List<Executor.Cell> todo = new ArrayList<>();
    for (int k = 0; k < plan.cells().size(); k++) {
      CellSpec cell = plan.cells().get(k);
      if (done.containsKey(cell)) {
        progress.resumed(k + 1, cell, done.get(cell).record().provenance().gitCommit(), provenance.gitCommit());
      } else if (damaged.containsKey(cell.id())) {
        // kept as found, for whoever wants to see what went wrong; removing it recomputes the cell
        log.println("warning: skipping damaged cell " + cell.id() + ": " + damaged.get(cell.id()));
      } else if (o.reportOnly()) {
        // a paper-scale selection is computed over several sittings; its report can be written in between
        notComputed.add(cell.id());
      } else {
        todo.add(new Executor.Cell(k, cell, threadsOf(cell)));
      }
    }
    failures.putAll(o.executor().run(plan.cells(), todo,
        c -> compute(c.spec(), o.profile(), store, provenance, progress, c.index() + 1)));
    for (Executor.Cell c : todo) {
      Optional<StoredCell> s = store.load(c.spec());
      if (s.isPresent()) {
        done.put(c.spec(), s.get());
        failures.remove(c.spec().id());
      } else {
        failures.putIfAbsent(c.spec().id(), "no result file after the executor finished");
      }
    }
    // Plan order for cells.csv and the report, whatever order the executor finished them in.
    Map<CellSpec, StoredCell> ordered = new LinkedHashMap<>();
    for (CellSpec c : plan.cells()) if (done.containsKey(c)) ordered.put(c, done.get(c));
    return new Computed(ordered, failures, damaged, notComputed, progress);
  }

  /**
   * Writes the folder's cells.csv, report.md, plots and (when comparing) comparison.txt, over every finished
   * cell in the folder: a subset run adds to them and never shrinks them. The comparison stays this run's.
   */
  private Optional<Comparison.Result> writeFolder(Options o, Inputs in, CellStore store, Provenance provenance,
      Computed cells) throws IOException {
    Plan plan = in.plan();
    List<StoredCell> finished = cells.finished();
    Plan whole = wholeProfilePlan(o, plan);
    Map<CellSpec, StoredCell> shown = folderCells(whole, plan, store, cells.done());
    Plan reportPlan = reportPlan(plan, whole, shown.keySet());
    List<CellRecord> shownRows = shown.values().stream().map(StoredCell::record)
        .sorted(Comparator.comparing(CellRecord::id)).toList();
    // issue 13: cells.csv gets each cell's compute CPU, physics share and steps/s from its time.csv
    Map<String, List<String>> timeColumns = new LinkedHashMap<>();
    List<String> timedIds = new ArrayList<>();
    List<CellTimes> timed = new ArrayList<>();
    List<Long> timedSteps = new ArrayList<>();
    for (Map.Entry<CellSpec, StoredCell> e : shown.entrySet()) {
      Optional<CellTimes> t = CellTimes.read(store.dirOf(e.getKey()));
      if (t.isEmpty()) continue;
      CellRecord r = e.getValue().record();
      timeColumns.put(r.id(), t.get().columns(r.stepsUsed()));
      timedIds.add(r.id());
      timed.add(t.get());
      timedSteps.add(r.stepsUsed());
    }
    Results results = new Results(new ArrayList<>(shown.values()));
    Map<String, SharingSummary> sharing = new LinkedHashMap<>();
    for (Map.Entry<CellSpec, StoredCell> e : shown.entrySet())
      SharingSummary.read(store.dirOf(e.getKey())).ifPresent(x -> sharing.put(e.getValue().record().id(), x));
    Map<String, List<CrossoverRatios.Round>> crossoverRatios = new LinkedHashMap<>();
    for (Map.Entry<CellSpec, StoredCell> e : shown.entrySet())
      CrossoverRatios.read(store.dirOf(e.getKey())).ifPresent(x -> crossoverRatios.put(e.getValue().record().id(), x));
    Map<String, List<StateVisitation.Crossover>> visitation = new LinkedHashMap<>();
    for (Map.Entry<CellSpec, StoredCell> e : shown.entrySet())
      if (e.getKey().method().equals(Catalogue.CROSSOVER_PROBE)) visitation.put(e.getValue().record().id(), StateVisitation.read(store.dirOf(e.getKey())));
    Report report = new Report(reportPlan, results, in.paper(), provenance)
        .withAggregates(Aggregates.of(o.expectedResults(), reportPlan, results, in.paper(), o.out().resolve("plots")))
        .withSharing(sharing)
        .withCrossoverRatios(crossoverRatios)
        .withVisitation(visitation);
    Map<String, Map<Experiment, List<String>>> plots = new LinkedHashMap<>();
    Optional<Comparison.Result> comparison = Optional.empty();
    try {
      CellsCsv.write(o.out().resolve("cells.csv"), shownRows, timeColumns);
      long maps3b = visitation.values().stream().flatMap(List::stream).filter(StateVisitation.Crossover::hasStates).count();
      if (maps3b > 0) // the one slow plot: say so, or the report looks hung for minutes
        log.println("report: drawing " + maps3b + " Fig. 3b maps, an exact t-SNE each (about 20 s on a core), on "
            + Math.min(maps3b, Runtime.getRuntime().availableProcessors()) + " threads ...");
      for (String preset : reportPlan.presets()) {
        plots.put(preset, Plots.draw(reportPlan, preset, results, in.paper(), report.normalizedAblations(preset),
            o.out().resolve("plots")));
      }
      removeOtherPlots(o.out().resolve("plots"), plots);

      // With no finished cell there is nothing to compare (every cell failed: said below, exit 3).
      if (o.compare() && !o.rebaseline() && !finished.isEmpty()) {
        comparison = Optional.of(plan.onDl4j()
            ? Comparison.compare(asOnOurNetworks(cells.done()), in.expected(), in.spread(), Optional.of(DL4J_NOT_BIT_COMPARABLE))
            : Comparison.compare(finished, in.expected(), in.spread()));
        AtomicFiles.writeString(o.out().resolve("comparison.txt"), comparison.get().render());
      }
      AtomicFiles.writeString(o.out().resolve("report.md"), report.render(cells.failures(), cells.notComputed(), comparison, plots)
          + CellTimes.reportSection(timedIds, timed, timedSteps) + scope(plan, shown.size()));
    } catch (IOException | RuntimeException e) {
      // The run's files cannot be written (a full disk): the cells' own failures are still said.
      printCellProblems(cells.failures(), cells.damaged());
      throw e;
    }
    if (!cells.notComputed().isEmpty())
      log.println(cells.notComputed().size() + " cell(s) of the selection not computed yet (--report-only); rerun without it to compute them");
    log.println("run folder: " + o.out() + " (report.md, cells.csv, plots/"
        + (shown.size() > finished.size() ? "; they cover the folder's " + shown.size() + " finished cells, " + finished.size()
            + " of them this run's selection" : "") + "); " + cells.progress().measured());
    return comparison;
  }

  /** Says what the comparison and the cells came to, re-baselines if asked, and gives the run's exit code. */
  private int conclude(Options o, Inputs in, Computed cells, Optional<Comparison.Result> comparison) throws IOException {
    List<StoredCell> finished = cells.finished();
    int exit = OK;
    if (comparison.isPresent()) {
      log.print(comparison.get().render());
      if (comparison.get().failed()) exit = DIFFERS;
      if (comparison.get().compared() == 0) {
        log.println("error: nothing was compared: none of the " + finished.size() + " finished cell(s) of the"
            + " selection has an expected row in " + in.expectedFile() + "; add them with --rebaseline, or run with"
            + " --no-compare");
        exit = NOTHING_COMPARED;
      }
    }
    if (cells.anyFailed()) {
      if (finished.isEmpty()) log.println("error: no cell of the selection finished, so nothing was compared");
      exit = FAILED;
    }
    printCellProblems(cells.failures(), cells.damaged());
    if (o.rebaseline()) {
      if (cells.anyFailed()) {
        log.println("not re-baselining: " + (cells.failures().size() + cells.damaged().size()) + " cell(s) failed or damaged");
        return FAILED;
      }
      List<CellRecord> rows = finished.stream().map(StoredCell::record).sorted(Comparator.comparing(CellRecord::id)).toList();
      List<String> clashes = settingsClashes(in.expectedFile(), rows);
      if (!clashes.isEmpty()) {
        log.println("not re-baselining: this run's cells carry settings (--set, or the profile's set lines) other than the rows"
            + " stored for the same cells in " + in.expectedFile() + ", and would replace them: " + clashes.get(0)
            + (clashes.size() > 1 ? " and " + (clashes.size() - 1) + " more" : "") + ". A cell's id does not include its"
            + " settings, so a variant's cells belong in a file of their own (the paper's are in paper/variants-cells.csv);"
            + " to replace the stored rows anyway, delete them from the file first");
        return CANNOT_RUN;
      }
      int replaced = rebaseline(in.expectedFile(), rows);
      log.println("re-baselined " + in.expectedFile() + ": " + rows.size() + " cells written, "
          + replaced + " earlier rows of the same cells replaced, other rows kept");
    }
    return exit;
  }

  /**
   * The finished cells the folder's files cover: this run's, then those of the whole profile
   * (under this run's settings) that earlier runs finished in the folder. A damaged cell outside the
   * selection is left out here; a run that selects it says so.
   */
  private static Map<CellSpec, StoredCell> folderCells(Plan whole, Plan plan, CellStore store,
      Map<CellSpec, StoredCell> done) throws IOException {
    Set<String> selected = new java.util.HashSet<>();
    plan.cells().forEach(c -> selected.add(c.id()));
    Map<CellSpec, StoredCell> shown = new LinkedHashMap<>(done);
    for (CellSpec c : whole.cells()) {
      if (selected.contains(c.id())) continue;
      loadUnlessDamaged(store, c, new LinkedHashMap<>()).ifPresent(s -> shown.put(c, s));
    }
    return shown;
  }

  /** The whole profile's plan under this run's settings, with this run's own cells (extra seeds). */
  private Plan wholeProfilePlan(Options o, Plan plan) {
    List<String> profilePresets = o.profile().presets().stream().map(registry::canonicalPreset).toList();
    return Plan.of(o.profile(), o.selection().wholeProfile(profilePresets)).union(plan);
  }

  /**
   * The plan the report draws: this run's, with the earlier cells it shows and their presets (none
   * of the profile's that no shown cell uses: no empty tables). When earlier cells are shown, every
   * experiment of the profile that a shown cell serves is drawn, whichever cells this run selected,
   * so that the folder's report does not depend on the last run's selection.
   */
  private static Plan reportPlan(Plan plan, Plan whole, Set<CellSpec> shown) {
    Set<String> ids = new java.util.HashSet<>();
    plan.cells().forEach(c -> ids.add(c.id()));
    List<CellSpec> cells = new ArrayList<>(plan.cells());
    Set<Experiment> experiments = java.util.EnumSet.noneOf(Experiment.class);
    experiments.addAll(plan.experiments());
    Set<String> presets = new java.util.LinkedHashSet<>(plan.presets());
    for (CellSpec c : shown) {
      if (!ids.add(c.id())) continue;
      cells.add(c);
      presets.add(c.settings().preset());
    }
    if (cells.size() > plan.cells().size()) {
      Set<String> shownIds = new java.util.HashSet<>();
      shown.forEach(c -> shownIds.add(c.id()));
      whole.cells().stream().filter(c -> shownIds.contains(c.id())).forEach(c -> experiments.addAll(c.usedBy()));
    }
    return new Plan(plan.profile(), plan.selection(), experiments, List.copyOf(presets), plan.overrides(), cells,
        plan.warnings());
  }

  /** The report's note on a subset run: which of the cells it covers this run selected. */
  private static String scope(Plan plan, int covered) {
    if (covered <= plan.cells().size()) return "";
    StringBuilder sb = new StringBuilder("\n## Scope of this report\n\nThis report covers the run folder's " + covered
        + " finished cells. The run that wrote it selected " + plan.cells().size() + " of them; the others were"
        + " finished by earlier runs into this folder. This run's cells:\n\n");
    plan.cells().forEach(c -> sb.append("- `").append(c.id()).append("`\n"));
    return sb.toString();
  }

  /**
   * Deletes the figures' plots ({@code fig*.png}) in {@code dir} that this report did not draw
   * (cells that left the folder, experiments no longer covered), so that every figure in the folder
   * belongs to its report. Other images there (another section's, drawn from the same cells) are
   * not this method's to judge.
   */
  private void removeOtherPlots(Path dir, Map<String, Map<Experiment, List<String>>> drawn) throws IOException {
    // The names are relative to the run folder ("plots/fig4-PPO-Hopper.png").
    Set<Path> keep = new java.util.HashSet<>();
    drawn.values().forEach(byExperiment -> byExperiment.values().forEach(
        names -> names.forEach(n -> keep.add(dir.getParent().resolve(n).normalize()))));
    if (!Files.isDirectory(dir)) return;
    List<Path> stale;
    try (var files = Files.list(dir)) {
      stale = files.filter(f -> f.getFileName().toString().matches("fig.*\\.png") && !keep.contains(f.normalize())).toList();
    }
    for (Path f : stale) Files.delete(f);
    if (!stale.isEmpty()) log.println("removed " + stale.size() + " plot(s) of " + dir + " that the report no longer draws");
  }

  private void printCellProblems(Map<String, String> failures, Map<String, String> damaged) {
    if (!failures.isEmpty()) {
      log.println(failures.size() + " cell(s) failed; see error.txt in their folders:");
      failures.forEach((id, msg) -> log.println("  " + id + ": " + msg));
    }
    if (!damaged.isEmpty()) {
      log.println(damaged.size() + " damaged cell(s) skipped; delete their folders to recompute them:");
      damaged.forEach((id, msg) -> log.println("  " + id + ": " + msg));
    }
  }

  /**
   * The cell's stored result, if finished. A cell whose files cannot be read is not finished and
   * not recomputed over (its files may be what someone needs to see); it is recorded in
   * {@code damaged} with the problem and what to do, so that one damaged cell costs one cell,
   * not the run.
   */
  private static Optional<StoredCell> loadUnlessDamaged(CellStore store, CellSpec cell, Map<String, String> damaged)
      throws IOException {
    try {
      return store.load(cell);
    } catch (InputError e) {
      damaged.put(cell.id(), e.getMessage() + "; delete " + store.dirOf(cell) + " to recompute the cell");
      return Optional.empty();
    }
  }

  /**
   * Why this run cannot go into its folder, if a cell of the selection there was finished under
   * other settings (--set, --networks). A run folder has one identity: its cells, cells.csv and
   * report all describe the same settings, and a GPO cell's checkpoint is of its own settings.
   * Other budgets (a changed profile) are recomputed instead, see {@link #compute}.
   */
  private static Optional<String> otherSettings(Path runDir, CellStore store, Plan plan, Set<CellSpec> finished,
      Set<String> damaged) throws IOException {
    int count = 0;
    String first = null;
    for (CellSpec c : plan.cells()) {
      if (finished.contains(c) || damaged.contains(c.id())) continue;
      Optional<CellRecord> row = store.storedRow(c);
      String difference = row.map(r -> c.settings().differenceFrom(r.settings())).orElse("");
      if (difference.isEmpty()) continue;
      count++;
      if (first == null) first = c.id() + ": " + difference;
    }
    if (count == 0) return Optional.empty();
    return Optional.of("run folder " + runDir + " holds " + count + " cell(s) of the selection computed under other"
        + " settings (" + first + "); give this run another --out, or delete those cells' folders to recompute them");
  }

  /**
   * Why a run on DL4J's networks is compared statistically: the expected results are our networks'
   * bits, and DL4J's float sums (another order, another tanh) differ in the last digits, which
   * chaotic rollouts amplify. The same function, so the same distribution of returns: the
   * statistical path tests exactly that.
   */
  static final String DL4J_NOT_BIT_COMPARABLE = "DL4J's networks (--networks dl4j; the expected results are ours, not bit-comparable)";

  /**
   * The finished cells of a DL4J run as the comparison sees them: each with its twin's settings and
   * config hash on our networks, so it meets its group's expected rows and spread on the statistical
   * path (and a changed profile still shows as a changed config).
   */
  private static List<StoredCell> asOnOurNetworks(Map<CellSpec, StoredCell> done) {
    List<StoredCell> out = new ArrayList<>();
    done.forEach((spec, cell) -> out.add(new StoredCell(cell.record().onOurNetworks(spec.onOurNetworks().configHash()),
        cell.curve(), cell.crossovers(), cell.finalPolicies())));
    return out;
  }

  /**
   * The plan the comparison needs. When this platform is not the one the expected rows were made
   * on, or the run is on DL4J's networks, the comparison is statistical (bit matching is
   * impossible), and its power comes from seeds: each group runs as many seeds as its many-seed
   * reference in the spread file holds (sized there for 90% power, see {@link Spread}), a group
   * without a reference the profile's {@code stat_seeds}; unless --seeds chose the seeds. On the
   * baseline's platform and our networks the exact path needs the profile's seeds only.
   */
  private Plan withStatSeeds(Options o, Plan plan, List<CellRecord> expected, Spread spread) {
    List<Integer> statSeeds = o.profile().statSeeds();
    if (statSeeds.isEmpty() || o.selection().seeds().isPresent() || o.reportOnly()) return plan;
    String why;
    if (plan.onDl4j()) {
      why = "the cells run on " + DL4J_NOT_BIT_COMPARABLE;
    } else {
      String here = Provenance.current(o.repoRoot(), registry.engineVersions()).platform();
      Map<String, CellRecord> byId = new java.util.HashMap<>();
      expected.forEach(r -> byId.put(r.id(), r));
      Optional<CellRecord> other = plan.cells().stream().map(c -> byId.get(c.id()))
          .filter(r -> r != null && !r.provenance().platform().equals(here)).findFirst();
      if (other.isEmpty()) return plan;
      why = "this platform (" + here + ") is not the baseline's (" + other.get().provenance().platform() + ")";
    }
    List<Integer> seeds = Spread.seedsFor(statSeeds, spread);
    java.util.function.ToIntFunction<CellSpec> wanted =
        c -> spread.group(c.groupId()).map(Spread.Group::n).orElse(statSeeds.size());
    Plan grown = Plan.of(o.profile(), o.selection().withSeeds(seeds))
        .keeping(c -> seeds.indexOf(c.seed()) < wanted.applyAsInt(c));
    log.println(why + ": the comparison is statistical, so each group runs the seeds of its reference in "
        + Spread.FILE + " (" + statSeeds.size() + " to " + seeds.size() + " seeds; " + grown.cells().size()
        + " cells instead of " + plan.cells().size() + "; --seeds chooses others)");
    return grown;
  }

  /**
   * The cells a run of these options computes: the selection's, grown to the statistical path's
   * seeds when the comparison will be statistical. What --dry-run prints, and what an element of a
   * Slurm array indexes (so that its index names the manifest's cell).
   */
  public Plan plan(Options o) {
    return plan(o, Plan.of(o.profile(), o.selection()), readStored(o), spreadToCompare(o));
  }

  /**
   * The one place a selection's plan is cut or grown, for a run, --dry-run and a Slurm element alike
   * (an element's index must name the cell the run's manifest names): --only-missing keeps the cells
   * {@code stored} does not hold, as {@link ComputePlan} counts them left; a statistical comparison
   * grows the groups to their reference's seeds.
   *
   * @param stored the profile's expected rows, empty when it has no such file
   * @param spread {@link #spreadToCompare}'s, read once by the caller that also reports against it
   */
  private Plan plan(Options o, Plan selected, Optional<List<CellRecord>> stored, Optional<Spread> spread) {
    if (stored.isEmpty()) return selected;
    if (o.onlyMissing()) return selected.keeping(ComputePlan.notStoredIn(stored.get()));
    return spread.isEmpty() ? selected : withStatSeeds(o, selected, stored.get(), spread.get());
  }

  /**
   * The rows of the profile's expected file, or empty when there is none or the run has no use for
   * it (a run with --no-compare and without --rebaseline or --only-missing never reads it).
   */
  private static Optional<List<CellRecord>> readStored(Options o) {
    if (!o.compare() && !o.rebaseline() && !o.onlyMissing()) return Optional.empty();
    Path expectedFile = expectedCells(o.expectedResults(), o.profile().name());
    return Files.isRegularFile(expectedFile) ? Optional.of(CellsCsv.read(expectedFile)) : Optional.empty();
  }

  /** The profile's spread file when the run compares (and does not re-baseline), else empty. */
  private static Optional<Spread> spreadToCompare(Options o) {
    return o.compare() && !o.rebaseline() ? Spread.load(o.expectedResults(), o.profile().name()) : Optional.empty();
  }

  /**
   * The stored rows that a re-baseline would replace with a cell run under other overrides: same id
   * (an id has no settings in it), the run's row not at the defaults, the stored row's settings
   * different. Rows at the defaults may replace anything: that is how a reference follows moved
   * defaults. Found when a literal-sharing run of Fig. 3a's probe replaced the default's 8 probe rows.
   */
  static List<String> settingsClashes(Path expectedFile, List<CellRecord> rows) throws IOException {
    if (!Files.isRegularFile(expectedFile)) return List.of();
    Map<String, CellRecord> stored = new HashMap<>();
    for (CellRecord r : CellsCsv.read(expectedFile)) stored.put(r.id(), r);
    List<String> out = new ArrayList<>();
    for (CellRecord r : rows) {
      CellRecord old = stored.get(r.id());
      String mine = r.settings().storedText(), theirs = old == null ? mine : old.settings().storedText();
      if (!mine.isEmpty() && !mine.equals(theirs))
        out.add(r.id() + " (stored: " + (theirs.isEmpty() ? "the defaults" : theirs) + "; this run: " + mine + ")");
    }
    return out;
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

  /**
   * Computes one cell in this JVM and writes its result files (the result last, atomically); on
   * failure writes error.txt. The one code path of every executor: the local one calls it on its
   * threads, a Slurm element through {@link #runCell}.
   *
   * @return empty when the cell finished, else its failure in one line
   */
  private Optional<String> compute(CellSpec cell, Profile profile, CellStore store, Provenance provenance,
      ProgressPrinter progress, int k) throws InterruptedException {
    Path dir = store.dirOf(cell);
    long t0 = System.nanoTime();
    try {
      // A result here is of another configuration (else the cell would not be computed): start afresh.
      if (Files.exists(dir.resolve(CellStore.RESULT))) store.clear(cell);
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve("error.txt"));
      Progress p;
      synchronized (progress) {
        p = progress.starting(k, cell);
      }
      // issue 13: the cell's CPU and wall time per kind of work, into its time.csv
      CellResult result;
      CellTimes times;
      try (CellTimes.Running clock = CellTimes.start(dir)) {
        result = registry.require(cell.method()).run(cell, dir, p);
        times = clock.elapsed();
      }
      CellRecord row = CellRecord.of(cell, profile.name(), result, provenance,
          Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      times.write(dir);
      store.save(cell, row, result);
      synchronized (progress) {
        progress.finished(k, cell, (System.nanoTime() - t0) / 1e9, false);
      }
      return Optional.empty();
    } catch (InterruptedException e) {
      throw e;
    } catch (Preemption.Stop e) {
      throw e;
    } catch (Exception e) {
      String failure = Faults.oneLine(e);
      removeTemporaryFiles(dir);
      try {
        AtomicFiles.writeString(dir.resolve("error.txt"), stackTrace(e));
      } catch (IOException notWritten) {
        // The folder that failed the cell may fail its error file too; the error itself is
        // still listed at the end of the run, and said here.
        log.println("cannot write " + Faults.describe(notWritten) + "; the error of " + cell.id() + " was: " + failure);
      }
      synchronized (progress) {
        progress.finished(k, cell, (System.nanoTime() - t0) / 1e9, true);
      }
      return Optional.of(failure);
    }
  }

  /**
   * Deletes the temporary files a failed cell's writers left (a checkpoint or a CSV cut off by a
   * full disk): none of them is ever read, and the cell is computed again.
   */
  private void removeTemporaryFiles(Path dir) {
    if (!Files.isDirectory(dir)) return;
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) Files.deleteIfExists(f);
    } catch (IOException e) {
      log.println("cannot remove the temporary files of " + dir + ": " + Faults.describe(e));
    }
  }

  /** Cores of this machine a cell keeps busy ({@link CellSpec#parallelism}, at most the cores). */
  static int threadsOf(CellSpec cell) {
    return Math.min(Executor.cores(), cell.parallelism());
  }

  /** Exit code of {@link #runCell}: the cell stopped at a checkpoint and its element was requeued. */
  public static final int REQUEUED = 0;

  /**
   * A Slurm element ({@code ./reproduce ... --run-cell INDEX}): computes cell {@code index} of the
   * plan into the run folder and nothing else (no lock: the CLI holds it; no report). The index
   * must name the same cell as the run folder's manifest. Checkpoints, USR1 and requeueing are
   * the element's life cycle, {@link SlurmElement}.
   */
  public int runCell(Options o, int index) throws IOException, InterruptedException {
    Plan plan = plan(o);
    if (index < 0 || index >= plan.cells().size()) {
      log.println("error: --run-cell " + index + ": the plan has cells 0.." + (plan.cells().size() - 1));
      return CANNOT_RUN;
    }
    CellSpec cell = plan.cells().get(index);
    Optional<String> otherCell = SlurmElement.manifestDisagrees(o.out(), index, cell.id());
    if (otherCell.isPresent()) {
      log.println("error: " + otherCell.get());
      return CANNOT_RUN;
    }
    CellStore store = new CellStore(o.out());
    Map<String, String> damaged = new LinkedHashMap<>();
    if (loadUnlessDamaged(store, cell, damaged).isPresent()) {
      log.println("element: " + cell.id() + " is already finished");
      return OK;
    }
    if (!damaged.isEmpty()) {
      log.println("element: " + cell.id() + " is damaged: " + damaged.get(cell.id()));
      return FAILED;
    }
    try {
      registry.requireAll(Set.of(cell.method()));
    } catch (MethodUnavailableException e) {
      log.println("error: " + e.getMessage());
      return CANNOT_RUN;
    }
    Provenance provenance = Provenance.current(o.repoRoot(), registry.engineVersions());
    ProgressPrinter progress = new ProgressPrinter(log, plan.cells(),
        Rates.load(o.expectedResults(), o.profile().name(), o.profile().assumedStepsPerSecond()));
    return switch (new SlurmElement(log).run(new Executor.Cell(index, cell, threadsOf(cell)),
        c -> compute(c.spec(), o.profile(), store, provenance, progress, c.index() + 1))) {
      case FINISHED -> OK;
      case FAILED -> FAILED;
      case REQUEUED -> REQUEUED;
    };
  }

  private static String stackTrace(Exception e) {
    java.io.StringWriter sw = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(sw));
    return sw.toString();
  }
}
