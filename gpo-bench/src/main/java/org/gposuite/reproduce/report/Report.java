package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gposuite.reproduce.compare.Comparison;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.report.aggregate.Aggregates;
import org.gposuite.reproduce.store.CrossoverTrial;
import org.gposuite.reproduce.store.Provenance;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.StateVisitation.Role;
import org.gposuite.reproduce.store.SharingSummary;
import org.gposuite.reproduce.store.StoredCell;
import org.gposuite.reproduce.store.WallClock;
import org.gposuite.reproduce.visitation.CrossoverMap;
import org.gposuite.reproduce.visitation.KnnSeparation;
import org.gposuite.reproduce.visitation.Tsne;

/**
 * The Markdown report of a run: our numbers beside the paper's, a verdict per cell and per
 * claim. Verdict rules (stated in the report too):
 * <ul>
 *   <li>cell: <i>consistent</i> when |ours - paper| is at most 2 combined standard errors,
 *       else <i>below</i>/<i>above</i>. Reduced profiles are expected to be below.
 *   <li>claim "A > B" (direction taken from the paper's numbers): <i>holds</i> when a one-sided
 *       Welch test over our seeds gives p < 0.05; <i>contradicted</i> when the opposite test
 *       does; otherwise the direction of our means, marked not significant. Paper differences
 *       within 2 combined standard errors are not claims.
 * </ul>
 * A run with cells of several presets gets every section once per preset, each judged by the
 * same rules on that preset's cells alone: presets are alternatives to compare, not samples.
 */
public final class Report {
  private final Plan plan;
  private final Results results;
  private final PaperData paper;
  private final Provenance provenance;
  private final StringBuilder md = new StringBuilder();

  public Report(Plan plan, Results results, PaperData paper, Provenance provenance) {
    this.plan = plan;
    this.results = results;
    this.paper = paper;
    this.provenance = provenance;
  }

  /** Issue 20: the aggregate scores across tasks printed after each table's claims (none unless given). */
  private Aggregates aggregates = Aggregates.NONE;

  public Report withAggregates(Aggregates aggregates) {
    this.aggregates = aggregates;
    return this;
  }

  /** Issue 19: each GPO cell's data-sharing summary (by cell id), printed after each table (none unless given). */
  private Map<String, SharingSummary> sharing = Map.of();

  public Report withSharing(Map<String, SharingSummary> sharing) {
    this.sharing = Map.copyOf(sharing);
    return this;
  }

  private Map<String, List<CrossoverRatios.Round>> crossoverRatios = Map.of();

  /** Each GPO cell's child/parent ratios by round ({@link CrossoverRatios}), by cell id. */
  public Report withCrossoverRatios(Map<String, List<CrossoverRatios.Round>> ratios) {
    this.crossoverRatios = Map.copyOf(ratios);
    return this;
  }

  /** Fig. 3b: each Fig. 3a probe cell's stored high-reward states (by cell id), for the separation table (none unless given). */
  private Map<String, List<StateVisitation.Crossover>> visitation = Map.of();

  public Report withVisitation(Map<String, List<StateVisitation.Crossover>> visitation) {
    this.visitation = Map.copyOf(visitation);
    return this;
  }

  /**
   * @param failures cell id to error message, for cells that threw
   * @param comparison the regression check's result, if it ran
   * @param plots plot file names (relative to the report) per preset and experiment
   */
  public String render(Map<String, String> failures, Optional<Comparison.Result> comparison,
      Map<String, Map<Experiment, List<String>>> plots) {
    return render(failures, List.of(), comparison, plots);
  }

  /** @param notComputed ids of the selection's cells a --report-only run found unfinished */
  public String render(Map<String, String> failures, List<String> notComputed, Optional<Comparison.Result> comparison,
      Map<String, Map<Experiment, List<String>>> plots) {
    Profile p = plan.profile();
    line("# gpo-suite reproduction: profile `" + p.name() + "`");
    line("");
    budgetBanner(p.budget()).ifPresent(b -> {
      line("> **" + b + "**");
      line("");
    });
    line(p.description());
    line("");
    line("- cells: " + plan.cells().size() + " planned, " + failures.size() + " failed"
        + (notComputed.isEmpty() ? "" : ", " + notComputed.size() + " not computed yet (listed at the end)"));
    line("- git commit: `" + provenance.gitCommit() + "`; MuJoCo " + provenance.mujoco() + "; JDK "
        + provenance.jdk());
    line("- platform: " + provenance.os() + "; " + provenance.cpu());
    line("- libraries: " + provenance.libraries());
    line("- budget per cell: " + budgetText(p.budget()) + " (paper: " + budgetText(Budget.PAPER) + ")");
    line("- seeds: " + seedsOf());
    line("- " + plan.settingsText());
    line("");
    line("Tables give the mean ± standard error over seeds (as the paper does), the 95% confidence interval of"
        + " the mean by Student's t with n - 1 degrees of freedom (none for one seed), and each seed's value.");
    line("");
    line("Verdicts. Cell: *consistent* when |ours - paper| <= 2 combined standard errors, otherwise"
        + " *below*/*above* (expected for budgets below the paper's). Claim \"A > B\" (direction from"
        + " the paper's numbers, only where the paper's difference exceeds 2 combined standard errors):"
        + " *holds* when a one-sided Welch test over our seeds gives p < 0.05, *contradicted* when"
        + " the opposite test does, otherwise the direction of our means, not significant.");
    line("");
    if (!failures.isEmpty()) {
      line("## Failed cells");
      line("");
      failures.forEach((id, msg) -> line("- `" + id + "`: " + msg.replace('\n', ' ')));
      line("");
    }
    for (String preset : plan.presets()) {
      for (Experiment e : plan.experiments()) {
        switch (e) {
          case TABLE_1 -> table(preset, Experiment.TABLE_1, Algorithm.PPO);
          case TABLE_2 -> table(preset, Experiment.TABLE_2, Algorithm.A2C);
          case TABLE_3 -> wallClock(preset);
          case FIGURE_3A -> crossover(preset, plots.getOrDefault(preset, Map.of()).getOrDefault(e, List.of()));
          case FIGURE_4, FIGURE_8 -> curves(e, preset);
          case FIGURE_6 -> populations(preset);
          case FIGURE_5 -> ablations(preset);
          case FIGURE_7, FIGURE_9, FIGURE_10 -> {
            line("## " + title(e, preset));
            line("");
            md.append(VariantSections.render(plan, results, preset, e));
          }
        }
        line("");
        for (String plot : plots.getOrDefault(preset, Map.of()).getOrDefault(e, List.of())) {
          line("![" + plot + "](" + plot + ")");
          line("");
        }
      }
    }
    comparison.ifPresent(c -> {
      line("## Regression check against expected-results/" + p.name());
      line("");
      line("```");
      md.append(c.render());
      line("```");
    });
    if (!notComputed.isEmpty()) {
      line("## Not computed yet");
      line("");
      line("This report was written with `--report-only`: these cells of the selection have no result yet, and every"
          + " table above is over the finished cells only (its n says how many).");
      line("");
      notComputed.forEach(id -> line("- `" + id + "`"));
      line("");
    }
    return md.toString();
  }

  /** A section's title; it names the preset only when the run has several. */
  private String title(Experiment e, String preset) {
    return plan.multiPreset() ? e.title() + ", preset `" + preset + "`" : e.title();
  }

  private void table(String preset, Experiment e, Algorithm algorithm) {
    line("## " + title(e, preset));
    line("");
    // steps used: every method spends its budget to within one batch per policy; shown so a reader can check
    line("| Task | Method | Ours (mean ± se, n) | 95% CI (t) | Per seed | Steps used (mean) | Paper (mean ± se) | Ours / paper | Verdict |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (String task : plan.profile().tasks()) {
      for (String method : Catalogue.TABLE_METHODS) {
        double[] ours = results.returns(preset, algorithm, task, method);
        Optional<PaperData.MeanSe> theirs = paper.table(algorithm, task, method);
        if (ours.length == 0) continue;
        String paperText = theirs.map(m -> fmt(m.mean()) + " ± " + fmt(m.stderr())).orElse("—");
        String ratio = theirs.map(m -> String.format(Locale.ROOT, "%.0f%%", 100 * Stats.mean(ours) / m.mean()))
            .orElse("—");
        double steps = results.group(preset, algorithm, task, method).stream().mapToLong(c -> c.record().stepsUsed()).average().orElse(Double.NaN);
        line("| " + task + " | " + method + " | " + meanSe(ours) + " | " + interval(ours) + " | "
            + perSeed(results.group(preset, algorithm, task, method)) + " | " + String.format(Locale.ROOT, "%,.0f", steps) + " | " + paperText + " | " + ratio
            + " | " + theirs.map(m -> cellVerdict(ours, m)).orElse("no paper value") + " |");
      }
    }
    line("");
    line("Claims (" + title(e, preset) + "):");
    line("");
    for (String task : plan.profile().tasks()) {
      for (String other : List.of("Single", "Joint")) {
        Optional<PaperData.MeanSe> g = paper.table(algorithm, task, "GPO");
        Optional<PaperData.MeanSe> o = paper.table(algorithm, task, other);
        double[] og = results.returns(preset, algorithm, task, "GPO");
        double[] oo = results.returns(preset, algorithm, task, other);
        if (g.isEmpty() || o.isEmpty() || og.length == 0 || oo.length == 0) continue;
        if (!Claims.clear(g.get(), o.get())) {
          line("- GPO vs " + other + " on " + task + ": no clear difference in the paper ("
              + fmt(g.get().mean()) + " vs " + fmt(o.get().mean()) + "), not a claim");
        } else if (g.get().mean() > o.get().mean()) {
          line("- GPO > " + other + " on " + task + ": " + Claims.verdict(og, oo));
        } else {
          line("- " + other + " > GPO on " + task + ": " + Claims.verdict(oo, og));
        }
      }
    }
    md.append(aggregates.section(preset, algorithm));
    md.append(SharingTable.render(results, sharing, preset, algorithm, plan.profile().tasks()));
    md.append(CrossoverRatios.render(results, crossoverRatios, preset, algorithm, plan.profile().tasks()));
  }

  private void wallClock(String preset) {
    line("## " + title(Experiment.TABLE_3, preset));
    line("");
    line("Minutes per cell, mean over seeds; the paper's are on 12 cores with its own budget, ours on"
        + " this machine with this profile's budget, so compare the shares, not the minutes.");
    line("");
    line("| Task | GPO total | mutate | crossover | select | Joint total | paper GPO total | mutate | crossover | select | Joint | Mutate share ours / paper |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    List<String> shareClaims = new ArrayList<>();
    for (String task : plan.profile().tasks()) {
      List<StoredCell> gpo = results.group(preset, Algorithm.PPO, task, "GPO");
      List<StoredCell> joint = results.group(preset, Algorithm.PPO, task, "Joint");
      if (gpo.isEmpty() && joint.isEmpty()) continue;
      double total = minutes(gpo, WallClock::totalSeconds);
      double mutate = minutes(gpo, WallClock::mutateSeconds);
      PaperData.PaperWallClock pw = paper.wallClock().get(task);
      String ours = gpo.isEmpty() ? "— | — | — | —" : fmt(total) + " | " + fmt(mutate) + " | "
          + fmt(minutes(gpo, WallClock::crossoverSeconds)) + " | " + fmt(minutes(gpo, WallClock::selectSeconds));
      String theirs = pw == null ? "— | — | — | — | —" : fmt(pw.gpoTotal()) + " | " + fmt(pw.gpoMutate())
          + " | " + fmt(pw.gpoCrossover()) + " | " + fmt(pw.gpoSelect()) + " | " + fmt(pw.jointTotal());
      String share = gpo.isEmpty() || total == 0 || pw == null ? "—"
          : String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * mutate / total, 100 * pw.gpoMutate() / pw.gpoTotal());
      line("| " + task + " | " + ours + " | " + (joint.isEmpty() ? "—" : fmt(minutes(joint, WallClock::totalSeconds)))
          + " | " + theirs + " | " + share + " |");
      if (!gpo.isEmpty() && total > 0) {
        shareClaims.add("- Mutate takes the major chunk of GPO's time on " + task + ": "
            + (mutate / total > 0.5 ? "**holds**" : "**fails**")
            + String.format(Locale.ROOT, " (mutate %.0f%% of total)", 100 * mutate / total));
      }
    }
    line("");
    shareClaims.forEach(this::line);
  }

  /** Figs. 4 and 8: the heading and how to read the curves (Plots draws them). */
  private void curves(Experiment e, String preset) {
    line("## " + title(e, preset));
    line("");
    line("Line: the average training return of a cell's policies, mean over seeds; band: lowest to highest"
        + " seed; diamond: the table's value (the best policy's evaluation) at the steps the cells used;"
        + " cross: the paper's final value, drawn only at the paper's budget. x counts every environment"
        + " step a method took, GPO's DAgger steps included. " + Plots.WHERE_CURVES_END);
  }

  /** Fig. 6: the paper's "every GPO policy above every Single policy" (HalfCheetah), per task and seed. */
  private void populations(String preset) {
    line("## " + title(Experiment.FIGURE_6, preset));
    line("");
    line("Each policy's return in the final evaluation that picks the best (" + plan.profile().budget().evalEpisodes()
        + " episodes each); the claim is checked seed by seed, a GPO cell against the Single cell of the same seed."
        + " The paper shows it on HalfCheetah.");
    line("");
    for (String task : plan.profile().tasks()) {
      PopulationComparison pc = PopulationComparison.of(results, preset, task);
      if (pc.seeds().isEmpty()) {
        if (!results.group(preset, Algorithm.PPO, task, "GPO").isEmpty())
          line("- " + task + ": no final-policy evaluations in these cells (computed before the harness kept them)");
        continue;
      }
      StringBuilder detail = new StringBuilder();
      pc.seeds().forEach((seed, pair) -> detail.append(detail.isEmpty() ? "" : "; ").append(String.format(Locale.ROOT,
          "seed %d: GPO's worst %,.0f vs Single's best %,.0f", seed, pair.gpo().getLast(), pair.single().getFirst())));
      long holds = pc.seedsWhereClaimHolds();
      String verdict = holds == pc.seeds().size() ? "**holds**" : holds == 0 ? "**does not hold**" : "**holds in part**";
      line("- Every final GPO policy above every Single policy on " + task + ": " + verdict + " (" + holds + " of "
          + pc.seeds().size() + " seeds; " + detail + ")");
    }
  }

  private void crossover(String preset, List<String> plotFiles) {
    line("## " + title(Experiment.FIGURE_3A, preset));
    line("");
    String task = plan.profile().fig3aTask();
    List<StoredCell> cells = results.group(preset, Algorithm.PPO, task, Catalogue.CROSSOVER_PROBE);
    List<CrossoverTrial> trials = new ArrayList<>();
    line("Task " + task + ", first GPO round; returns of the parents and of both children, each the average of the same "
        + StateVisitation.rollouts(plan.profile().budget().evalEpisodes()) + " rollouts that Fig. 3b shows.");
    line("");
    line("| Seed | Pair | Parent A | Parent B | State-space child | Parameter-space child |");
    line("|---|---|---|---|---|---|");
    for (StoredCell c : cells) {
      for (CrossoverTrial t : c.crossovers()) {
        trials.add(t);
        line("| " + c.record().seed() + " | " + t.pair() + " | " + fmt(t.parentA()) + " | " + fmt(t.parentB())
            + " | " + fmt(t.stateSpaceChild()) + " | " + fmt(t.parameterSpaceChild()) + " |");
      }
    }
    line("");
    if (trials.isEmpty()) {
      line("No crossover trials were recorded.");
      return;
    }
    // "Keeps" allows 10% below the better parent: the paper says the child "maintains or improves".
    long keeps = trials.stream().filter(t -> t.stateSpaceChild() >= t.betterParent() - 0.1 * Math.abs(t.betterParent())).count();
    long collapses = trials.stream().filter(t -> t.parameterSpaceChild() < t.worseParent()).count();
    double meanState = trials.stream().mapToDouble(CrossoverTrial::stateSpaceChild).average().orElse(0);
    double meanParam = trials.stream().mapToDouble(CrossoverTrial::parameterSpaceChild).average().orElse(0);
    int n = trials.size();
    line("- The state-space child keeps (within 10%) or beats its better parent in most crossovers: "
        + verdictWord(2 * keeps > n) + " (" + keeps + " of " + n + ")");
    line("- The parameter-space child falls below both parents in most crossovers: "
        + verdictWord(2 * collapses > n) + " (" + collapses + " of " + n + ")");
    line("- State-space children beat parameter-space children on average: "
        + verdictWord(meanState > meanParam) + " (" + fmt(meanState) + " vs " + fmt(meanParam) + ")");
    visitation(cells, plotFiles);
  }

  /**
   * Fig. 3b's caption and, per crossover, the k-NN separation of the four policies' states in the
   * standardised state space: the figure's question (does the state-space child visit its parents'
   * states, and the parameter-space child not?) in numbers, since a t-SNE picture keeps neighbourhoods
   * but not the distances between clouds.
   */
  private void visitation(List<StoredCell> cells, List<String> plotFiles) {
    int rollouts = StateVisitation.rollouts(plan.profile().budget().evalEpisodes());
    List<String[]> rows = new ArrayList<>();
    int closer = 0, old = 0;
    for (StoredCell c : cells) {
      for (StateVisitation.Crossover x : visitation.getOrDefault(c.record().id(), List.of())) {
        if (!x.hasStates()) {
          old++;
          continue;
        }
        CrossoverMap.Separations s = CrossoverMap.of(x).separations();
        if (s.stateChildCloser()) closer++;
        rows.add(new String[] {Integer.toString(c.record().seed()), Integer.toString(x.pair()), sep(s, Role.PARENT_A, Role.PARENT_B),
            sep(s, Role.STATE_SPACE_CHILD, Role.PARENT_A), sep(s, Role.STATE_SPACE_CHILD, Role.PARENT_B),
            sep(s, Role.PARAMETER_SPACE_CHILD, Role.PARENT_A), sep(s, Role.PARAMETER_SPACE_CHILD, Role.PARENT_B),
            sep(s, Role.STATE_SPACE_CHILD, Role.PARAMETER_SPACE_CHILD),
            String.format(Locale.ROOT, "%.2f vs %.2f", s.fromParents(Role.STATE_SPACE_CHILD), s.fromParents(Role.PARAMETER_SPACE_CHILD))});
      }
    }
    if (old > 0) {
      line("");
      line("Fig. 3b: " + old + " crossovers come from probe cells written before the probe stored raw states (they hold a 2-D"
          + " projection only); they have no image and no separation row. Rerun those cells to draw them.");
    }
    if (rows.isEmpty() || plotFiles.stream().noneMatch(f -> f.contains("fig3b-"))) return;
    Tsne.Config t = Tsne.Config.DEFAULT;
    line("");
    line("Fig. 3b (the fig3b-states images below, one per crossover): the states visited by the high-reward rollouts (top quarter by"
        + " return of " + rollouts + " per policy) of parent A, parent B, the state-space child and the parameter-space child,"
        + " at most " + CrossoverMap.POINTS_PER_POLICY + " per policy (evenly thinned, the same count for all four), standardised per"
        + " dimension (zero mean, unit variance over the four policies' pooled states), embedded by exact t-SNE as in the paper"
        + String.format(Locale.ROOT, " (perplexity %.0f, %d iterations, seed %d; each image's header gives the layout's final KL(P||Q))",
            t.perplexity(), t.iterations(), t.seed())
        + " and, beneath it, on the PCA plane of the same standardised states (its explained variance in the header); each panel's"
        + " title is its policy's average return over all its rollouts; states and returns in the probe cells' "
        + StateVisitation.STATES_FILE + " and " + StateVisitation.POLICIES_FILE + ".");
    line("");
    line("Separation of the policies' states, in the standardised state space (not the picture): the k-nearest-neighbour"
        + " two-sample statistic (k = " + KnnSeparation.K + "; 0: as mixed as two samples of one distribution, 1: no state has a"
        + " neighbour from the other policy's), per pair of policies; the last column is each child's mean separation from its"
        + " two parents.");
    line("");
    line("| Seed | Pair | A / B | state-space child / A | state-space child / B | parameter-space child / A | parameter-space child / B"
        + " | state-space / parameter-space child | from the parents: state-space vs parameter-space child |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (String[] r : rows) line("| " + String.join(" | ", r) + " |");
    line("");
    line("- The state-space child's states lie closer to its parents' than the parameter-space child's (mean separation from the"
        + " two parents) in most crossovers: " + verdictWord(2 * closer > rows.size()) + " (" + closer + " of " + rows.size() + ")");
  }

  private static String sep(CrossoverMap.Separations s, Role a, Role b) {
    return String.format(Locale.ROOT, "%.2f", s.between(a, b));
  }

  /**
   * Fig. 5's scores within a preset, as the report's table gives them ({@link AblationVerdicts}): the
   * variants with a seed on every task the scores average over, GPO's included.
   */
  public AblationBars normalizedAblations(String preset) {
    return ablationVerdicts(preset).bars();
  }

  private AblationVerdicts ablationVerdicts(String preset) {
    return AblationVerdicts.of(plan.profile().fig5Tasks(), (task, m) -> results.returns(preset, Algorithm.PPO, task, m));
  }

  private void ablations(String preset) {
    line("## " + title(Experiment.FIGURE_5, preset));
    line("");
    List<String> tasks = plan.profile().fig5Tasks();
    line("Final return over GPO's per task, averaged over " + tasks + " (paper: Ant, Walker2d; normalising assumes positive"
        + " returns), with 95% stratified-bootstrap intervals (`AblationVerdicts`: a claim holds when the interval of each"
        + " of its differences lies above 0, is contradicted when one lies below, and is open otherwise).");
    line("");
    ablationVerdicts(preset).render(paper.ablations()).lines().forEach(this::line);
  }

  private static String verdictWord(boolean holds) {
    return holds ? "**holds**" : "**fails**";
  }

  private static double minutes(List<StoredCell> cells, java.util.function.ToDoubleFunction<WallClock> part) {
    return cells.stream().mapToDouble(c -> part.applyAsDouble(c.record().wallClock())).average().orElse(0) / 60.0;
  }

  static String cellVerdict(double[] ours, PaperData.MeanSe theirs) {
    double diff = Stats.mean(ours) - theirs.mean();
    double tolerance = 2 * Math.hypot(Stats.stderr(ours), theirs.stderr());
    if (Math.abs(diff) <= tolerance) return "consistent";
    return diff < 0 ? "below" : "above";
  }

  /**
   * The banner of a profile whose budget is below the paper's: the share of the paper's
   * environment steps per cell (and the smaller population and rounds, when they are smaller).
   */
  public static Optional<String> budgetBanner(Budget b) {
    Budget paper = Budget.PAPER;
    if (b.totalSteps() >= paper.totalSteps() && b.population() >= paper.population() && b.rounds() >= paper.rounds()) {
      return Optional.empty();
    }
    double pct = 100.0 * b.totalSteps() / paper.totalSteps();
    String share = pct >= 1 ? String.format(Locale.ROOT, "%.0f%%", pct) : String.format(Locale.ROOT, "%.2g%%", pct);
    List<String> less = new ArrayList<>();
    less.add(String.format(Locale.ROOT, "%,d of %,d environment steps per cell", b.totalSteps(), paper.totalSteps()));
    if (b.population() < paper.population()) less.add("population " + b.population() + " of " + paper.population());
    if (b.rounds() < paper.rounds()) less.add(b.rounds() + " of " + paper.rounds() + " rounds");
    return Optional.of("This profile runs " + share + " of the paper's budget (" + String.join(", ", less)
        + "): claim verdicts describe this run, they cannot confirm or refute the paper.");
  }

  /** 95% confidence interval of the mean by Student's t over the seeds; a dash for one seed. */
  public static String interval(double[] xs) {
    if (xs.length < 2) return "—";
    double[] ci = Stats.tInterval(xs, 0.95);
    return "[" + fmt(ci[0]) + ", " + fmt(ci[1]) + "]";
  }

  /** Each seed's final return, in seed order: "s1: 12.3, s2: 14". */
  static String perSeed(List<StoredCell> cells) {
    return String.join(", ", cells.stream().map(c -> "s" + c.record().seed() + ": " + fmt(c.record().finalReturn())).toList());
  }

  private static String meanSe(double[] xs) {
    return fmt(Stats.mean(xs)) + " ± " + fmt(Stats.stderr(xs)) + " (" + xs.length + ")";
  }

  /** Numbers as the paper prints them: up to two decimals, no trailing zeros. */
  static String fmt(double v) {
    return new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private String budgetText(Budget b) {
    return String.format(Locale.ROOT, "%,d steps, population %d, %d rounds, horizon %d, batch %d (Joint %d)",
        b.totalSteps(), b.population(), b.rounds(), b.horizon(), b.batchPerPolicy(), b.jointBatch());
  }

  private String seedsOf() {
    return plan.cells().stream().map(CellSpec::seed).distinct().sorted().map(String::valueOf)
        .reduce((a, b) -> a + ", " + b).orElse("none");
  }

  private void line(String s) {
    md.append(s).append('\n');
  }
}
