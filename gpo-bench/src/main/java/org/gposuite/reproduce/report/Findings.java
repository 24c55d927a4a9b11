package org.gposuite.reproduce.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.MovedDefaults;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.VariantFigures;
import org.gposuite.reproduce.report.aggregate.AggregateSection;
import org.gposuite.reproduce.report.aggregate.Normalisation;
import org.gposuite.reproduce.report.aggregate.ProfilePlot;
import org.gposuite.reproduce.report.aggregate.RandomReturns;
import org.gposuite.reproduce.report.aggregate.StratifiedBootstrap;
import org.gposuite.reproduce.report.aggregate.TableAggregates;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellsCsv;

/**
 * The computed part of {@code expected-results/paper/FINDINGS.md}: per algorithm and preset, the
 * paper-scale final returns of every task with a cell (mean ± se, 95% t interval, each seed) beside
 * the paper's, and each Table 1 / Table 2 claim's verdict by the report's rule ({@link Claims}), for
 * GPO as the suite runs it and, under PPO, for GPO as written ({@link #AS_WRITTEN}: Eq. 5 literally,
 * the critic on its own batch, kept in {@code paper/}{@value #AS_WRITTEN_CELLS}); then Table 3 from
 * the rows' wall-clock columns ({@link WallClockAtScale}), Figs. 7, 10 and 9 once a point of their own
 * has a cell ({@link #variantFigures}), and Fig. 5 once an ablation has one ({@link #ablations}). It replaces the text between
 * {@link #BEGIN} and {@link #END}, so the narrative around it stays written by hand and the
 * numbers are regenerated from {@code paper/cells.csv} and {@value #AS_WRITTEN_CELLS} as cells land:
 * {@code java ... org.gposuite.reproduce.report.Findings expected-results}. At its end come the
 * aggregate scores across tasks (issue 20), whose performance profiles {@link #main} draws into
 * {@code paper/}{@value #AGGREGATE_PLOTS}.
 */
public final class Findings {
  static final String BEGIN = "<!-- numbers and verdicts: generated from paper/cells.csv by reproduce.report.Findings -->";
  static final String END = "<!-- end of the generated part -->";
  private static final GeneratedBlock GENERATED = new GeneratedBlock("FINDINGS.md", BEGIN, END);
  static final List<String> PRESETS = List.of("tuned", "paper-calibrated");
  static final List<String> METHODS = List.of("GPO", "Single", "Joint");
  /**
   * The settings of GPO as the paper's text reads (issue 19): Eq. 5's unclipped ratios over sets fixed
   * for the round, and a critic fitted on the policy's own batch. The defaults until 2026-12-06; the
   * verdicts are given for it beside the defaults', so that the reader sees what the reading changes.
   */
  static final Map<String, String> AS_WRITTEN = Map.of("gpo.critic_data", "own", "gpo.sharing", "literal");
  static final String AS_WRITTEN_LABEL = "GPO as written";

  private Findings() {}

  /** The generated block (without the markers) from the paper-scale rows and the paper's tables. */
  static String block(List<CellRecord> rows, PaperData paper) {
    StringBuilder sb = new StringBuilder();
    sb.append("## The numbers so far\n\nFinal return per cell: mean ± standard error, the 95% t interval once a group has two seeds,"
        + " and each seed's value; a task appears once it has a cell. A claim is tested once both of its sides have at least two seeds. ")
        .append(AS_WRITTEN_LABEL).append(" (Table 1; A2C's reading as written is measured on its screen only, `sharing.md`): ").append(settingsText(AS_WRITTEN))
        .append(" (`paper/" + AS_WRITTEN_CELLS + "`).\n");
    for (Algorithm algorithm : Algorithm.values()) {
      for (String preset : PRESETS) {
        List<String> tasks = tasks(rows, algorithm, preset);
        if (tasks.isEmpty()) continue;
        boolean ppo = algorithm == Algorithm.PPO;
        sb.append("\n### ").append(algorithm).append(" (Table ").append(ppo ? 1 : 2).append("), preset `").append(preset)
            .append("`\n\n| Task | GPO | ").append(ppo ? AS_WRITTEN_LABEL + " | " : "")
            .append("Single | Joint | paper GPO / Single / Joint |\n|---|---|").append(ppo ? "---|" : "").append("---|---|---|\n");
        for (String task : tasks) {
          int d = decimals(paper, algorithm, task);
          sb.append("| ").append(task).append(" | ").append(summary(seeds(rows, algorithm, preset, task, "GPO"), d));
          if (ppo) sb.append(" | ").append(summary(asWritten(rows, preset, task), d));
          for (String method : List.of("Single", "Joint")) sb.append(" | ").append(summary(seeds(rows, algorithm, preset, task, method), d));
          sb.append(" | ").append(String.join(" / ", METHODS.stream().map(m -> paper.table(algorithm, task, m)
              .map(p -> num(p.mean(), d)).orElse("—")).toList())).append(" |\n");
        }
      }
    }
    sb.append("\n## Verdicts\n");
    for (Algorithm algorithm : Algorithm.values()) verdicts(sb, rows, paper, algorithm);
    sb.append(UndecidedClaims.section(rows, paper)).append(IssueMinimum.section(paperProfile(), rows, paper)).append(CriticControl.section(rows, paper));
    return sb.append(WallClockAtScale.section(rows, paper)).append(variantFigures(rows)).append(ablations(rows, paper)).toString();
  }

  /**
   * Fig. 5 at the paper's scale (`tuned`, the defaults) once one of its ablations (a Base variant) has a
   * stored cell: every variant's score over GPO's with its interval, and the paper's claims judged as the
   * report judges them ({@link AblationVerdicts}); GPO and Single are the tables' cells.
   */
  static String ablations(List<CellRecord> rows, PaperData paper) {
    if (rows.stream().noneMatch(r -> r.method().startsWith("Base") && r.algorithm() == Algorithm.PPO)) return "";
    List<String> tasks = paperProfile().fig5Tasks();
    return "\n## Fig. 5 at the paper's scale\n\nUnder the defaults, preset `tuned`: each variant's final return over GPO's per task,"
        + " averaged over " + String.join(" and ", tasks) + ", with 95% stratified-bootstrap intervals; a claim holds when the interval"
        + " of each of its differences lies above 0, is contradicted when one lies below, and is open otherwise.\n\n"
        + AblationVerdicts.of(tasks, (task, m) -> returns(seeds(rows, Algorithm.PPO, "tuned", task, m))).render(paper.ablations());
  }

  /**
   * Figs. 7, 10 and 9 at the paper's scale (`tuned`, the defaults), each once one of its own points has a
   * stored cell (a population or horizon other than the tables', or a Gym task): the report's sections
   * ({@link VariantSections}) over the stored rows, with each point's seeds as stored.
   */
  static String variantFigures(List<CellRecord> rows) {
    Profile profile = paperProfile();
    StringBuilder sb = new StringBuilder();
    for (Experiment e : List.of(Experiment.FIGURE_7, Experiment.FIGURE_10, Experiment.FIGURE_9)) {
      Function<VariantFigures.Group, List<CellRecord>> cellsOf = g -> seeds(rows, Algorithm.PPO, "tuned", g.task(), g.method(), g.variant().label());
      boolean ownPoint = profile.variantFigures().groups(e, profile.budget()).stream()
          .anyMatch(g -> (!g.variant().label().isEmpty() || !Catalogue.TASKS.contains(g.task())) && !cellsOf.apply(g).isEmpty());
      if (ownPoint) sb.append("\n### ").append(e.title()).append("\n\n")
          .append(VariantSections.render(profile, e, cellsOf, "").stripTrailing()).append('\n');
    }
    return sb.isEmpty() ? "" : "\n## Figs. 7, 9 and 10 at the paper's scale\n\nUnder the defaults, preset `tuned`; a point appears"
        + " with its first cell, a claim is judged once its points have cells.\n" + sb;
  }

  /** The paper profile, which the figures' sections and the issues' minimum read. */
  static Profile paperProfile() {
    try {
      return ProfileLoader.load("paper");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Findings: the paper profile is unreadable", e);
    }
  }

  /**
   * One verdict table per algorithm with cells: a row per claim on each task with cells, a column per
   * preset and (PPO) per reading of GPO.
   */
  private static void verdicts(StringBuilder sb, List<CellRecord> rows, PaperData paper, Algorithm algorithm) {
    List<String> tasks = Catalogue.TASKS.stream().filter(t -> PRESETS.stream().anyMatch(p -> tasks(rows, algorithm, p).contains(t))).toList();
    if (tasks.isEmpty()) return;
    boolean ppo = algorithm == Algorithm.PPO;
    List<String> presets = ppo ? PRESETS : PRESETS.stream().filter(p -> !tasks(rows, algorithm, p).isEmpty()).toList();
    sb.append("\n### ").append(algorithm).append(" (Table ").append(ppo ? 1 : 2).append(")\n\n| Claim (paper's numbers) |");
    for (String preset : presets) {
      sb.append(" `").append(preset).append("`: GPO |");
      if (ppo) sb.append(" `").append(preset).append("`: ").append(AS_WRITTEN_LABEL).append(" |");
    }
    sb.append("\n|---|").append("---|".repeat(presets.size() * (ppo ? 2 : 1))).append('\n');
    List<String> columns = new ArrayList<>();
    for (String preset : presets) {
      columns.add("`" + preset + "`, GPO");
      if (ppo) columns.add("`" + preset + "`, " + AS_WRITTEN_LABEL);
    }
    List<TestedClaims> tested = columns.stream().map(c -> new TestedClaims(c, new ArrayList<>(), new ArrayList<>())).toList();
    for (String other : List.of("Single", "Joint")) {
      for (String task : tasks) {
        Optional<PaperData.MeanSe> pg = paper.table(algorithm, task, "GPO"), po = paper.table(algorithm, task, other);
        if (pg.isEmpty() || po.isEmpty()) continue;
        PaperData.MeanSe g = pg.get(), o = po.get();
        int d = decimals(paper, algorithm, task);
        boolean claim = Claims.gpoClaimedAbove(g, o);
        sb.append("| ").append(claim ? "GPO > " + other : "GPO vs " + other).append(" on ").append(task).append(" (")
            .append(num(g.mean(), d)).append(" vs ").append(num(o.mean(), d))
            .append(claim ? "" : ": within 2 combined standard errors, not a claim").append(")");
        int column = 0;
        for (String preset : presets) {
          double[] theirs = returns(seeds(rows, algorithm, preset, task, other));
          List<double[]> readings = ppo ? List.of(returns(seeds(rows, algorithm, preset, task, "GPO")), returns(asWritten(rows, preset, task)))
              : List.of(returns(seeds(rows, algorithm, preset, task, "GPO")));
          for (double[] gpo : readings) {
            sb.append(" | ");
            if (theirs.length == 0 || gpo.length == 0) sb.append("not run");
            else if (claim) sb.append(Claims.verdict(gpo, theirs)).append(means(gpo, theirs, d));
            else sb.append("not a claim; ours: ").append(direction(gpo, theirs, other)).append(means(gpo, theirs, d));
            if (claim && gpo.length >= 2 && theirs.length >= 2) tested.get(column).add("GPO > " + other + " on " + task, Claims.openP(gpo, theirs));
            column++;
          }
        }
        sb.append(" |\n");
      }
    }
    String holm = tested.stream().filter(t -> !t.p().isEmpty()).map(t -> "- " + t.holm() + "\n").collect(java.util.stream.Collectors.joining());
    if (!holm.isEmpty())
      sb.append("\nHolm's correction over each column's tested claims (those with 2 seeds a side), keeping the chance of any false"
          + " verdict in a column at 5%:\n\n").append(holm);
  }

  /** One verdict column's claims with 2 seeds a side, and their p-values (the smaller one-sided Welch p, {@link Claims#openP}). */
  private record TestedClaims(String column, List<String> claims, List<Double> p) {
    void add(String claim, double pValue) {
      claims.add(claim);
      p.add(pValue);
    }

    /** "`tuned`, GPO: 8 of 9 tested claims are decided at 5% each, and 7 stand (not: GPO > Single on Hopper, p = 0.040)." */
    String holm() {
      double[] ps = p.stream().mapToDouble(Double::doubleValue).toArray();
      boolean[] stand = Claims.holm(ps, Claims.ALPHA);
      int decided = 0, standing = 0;
      List<String> fallen = new ArrayList<>();
      for (int i = 0; i < ps.length; i++) {
        if (ps[i] < Claims.ALPHA) decided++;
        if (stand[i]) standing++;
        else if (ps[i] < Claims.ALPHA) fallen.add(String.format(Locale.ROOT, "%s, p = %.2g", claims.get(i), ps[i]));
      }
      return String.format(Locale.ROOT, "%s: %d of %d tested claims are decided at 5%% each, and %d stand%s.", column, decided,
          ps.length, standing, fallen.isEmpty() ? "" : " (not: " + String.join("; ", fallen) + ")");
    }
  }

  /** The tasks, in the catalogue's order, with at least one paper-scale row of this algorithm and preset. */
  private static List<String> tasks(List<CellRecord> rows, Algorithm algorithm, String preset) {
    return Catalogue.TASKS.stream().filter(t -> rows.stream().anyMatch(r -> r.algorithm() == algorithm
        && r.settings().preset().equals(preset) && r.task().equals(t) && r.variant().isEmpty() && METHODS.contains(r.method()))).toList();
  }

  /** Where {@link #main} draws the aggregate performance profiles, relative to FINDINGS.md (paper/). */
  static final String AGGREGATE_PLOTS = "aggregate-plots";

  /**
   * The generated block with, at its end, the aggregate scores across tasks (issue 20; {@link AggregateSection})
   * of every algorithm and preset with cells, once the random policy's returns are measured.
   */
  static String block(List<CellRecord> rows, PaperData paper, Optional<RandomReturns> random) {
    return block(rows, paper) + random.map(r -> aggregates(aggregateTables(rows, paper, r))).orElse("");
  }

  /** Each algorithm and preset with cells on a scored task, by its label (PPO, PPO-paper-calibrated). */
  static Map<String, TableAggregates> aggregateTables(List<CellRecord> rows, PaperData paper, RandomReturns random) {
    Map<String, TableAggregates> out = new LinkedHashMap<>();
    for (Algorithm algorithm : Algorithm.values()) {
      for (String preset : PRESETS) {
        TableAggregates t = TableAggregates.of(new Normalisation(algorithm, paper, random), Catalogue.TASKS,
            (task, method) -> returns(seeds(rows, algorithm, preset, task, method)), StratifiedBootstrap.DEFAULT);
        if (!t.isEmpty()) out.put(CellSpec.algorithmLabel(algorithm, preset), t);
      }
    }
    return out;
  }

  private static String aggregates(Map<String, TableAggregates> tables) {
    if (tables.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\n## Aggregate scores across tasks\n\n");
    sb.append(AggregateSection.method(tables.values().iterator().next())).append('\n');
    tables.forEach((label, t) -> sb.append("\n### ").append(label).append("\n\n")
        .append(AggregateSection.body(t, Optional.of(aggregatePlot(label))).stripTrailing()).append('\n'));
    return sb.toString().stripTrailing() + "\n";
  }

  private static String aggregatePlot(String label) {
    return AGGREGATE_PLOTS + "/profile-" + label + ".png";
  }

  /** {@code findings} with the text between the markers replaced by {@code block}. */
  static String replace(String findings, String block) {
    return GENERATED.replaceIn(findings, block);
  }

  static List<CellRecord> seeds(List<CellRecord> rows, Algorithm algorithm, String preset, String task, String method) {
    return seeds(rows, algorithm, preset, task, method, "");
  }

  /** A group's cells under the defaults at one budget variant ({@code ""}: the tables' own budget), by seed. */
  static List<CellRecord> seeds(List<CellRecord> rows, Algorithm algorithm, String preset, String task, String method, String variant) {
    return rows.stream().filter(r -> r.algorithm() == algorithm && r.settings().preset().equals(preset) && r.task().equals(task)
        && r.method().equals(method) && r.variant().equals(variant) && runsAs(r, Map.of())).sorted(Comparator.comparingInt(CellRecord::seed)).toList();
  }

  /** GPO's cells under {@link #AS_WRITTEN}, from {@value #AS_WRITTEN_CELLS}. */
  static List<CellRecord> asWritten(List<CellRecord> rows, String preset, String task) {
    return rows.stream().filter(r -> r.algorithm() == Algorithm.PPO && r.settings().preset().equals(preset) && r.task().equals(task)
        && r.method().equals("GPO") && r.variant().isEmpty() && runsAs(r, AS_WRITTEN))
        .sorted(Comparator.comparingInt(CellRecord::seed)).toList();
  }

  /**
   * Whether a row ran under {@code settings}, compared as the config hash compares them (effective
   * settings, {@link MovedDefaults}): a default row stored with the defaults set by hand counts as default.
   */
  private static boolean runsAs(CellRecord r, Map<String, String> settings) {
    return MovedDefaults.effective(r.algorithm(), r.method(), r.settings().overrides())
        .equals(MovedDefaults.effective(r.algorithm(), r.method(), settings));
  }

  private static String settingsText(Map<String, String> settings) {
    return String.join(", ", new java.util.TreeMap<>(settings).entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`").toList());
  }

  /** Where GPO as written keeps its cells, beside {@code paper/cells.csv} (a cells file holds each cell id once). */
  static final String AS_WRITTEN_CELLS = "as-written-cells.csv";

  /**
   * The rows FINDINGS.md reads: the subset's cells ({@code paper/cells.csv}), GPO as written's
   * ({@value #AS_WRITTEN_CELLS}) and the critic control's at the paper's scale ({@link CriticControl#FILE};
   * its screen-budget rows are {@code sharing.md}'s). The control's preset is none of {@link #PRESETS}, so
   * only its own section reads it.
   */
  static List<CellRecord> rows(Path expectedResults) throws IOException {
    Path dir = expectedResults.resolve("paper");
    List<CellRecord> rows = new ArrayList<>(CellsCsv.read(dir.resolve("cells.csv")));
    Path asWritten = dir.resolve(AS_WRITTEN_CELLS);
    if (Files.exists(asWritten)) rows.addAll(CellsCsv.read(asWritten));
    Path control = dir.resolve(CriticControl.FILE);
    if (Files.exists(control)) rows.addAll(CellsCsv.read(control).stream().filter(r -> r.profile().equals("paper")).toList());
    return rows;
  }

  /** The cells' final returns, in their order. */
  static double[] returns(List<CellRecord> cells) {
    return cells.stream().mapToDouble(CellRecord::finalReturn).toArray();
  }

  private static String summary(List<CellRecord> cells, int d) {
    if (cells.isEmpty()) return "—";
    double[] v = returns(cells);
    List<String> bySeed = new ArrayList<>();
    for (CellRecord c : cells) bySeed.add("s" + c.seed() + ": " + num(c.finalReturn(), d));
    String seeds = " (n=" + v.length + "; " + String.join(", ", bySeed) + ")";
    if (v.length == 1) return num(v[0], d) + seeds;
    double[] ci = Stats.tInterval(v, 0.95);
    return num(Stats.mean(v), d) + " ± " + num(Stats.stderr(v), d) + " se, 95% CI [" + num(ci[0], d) + ", " + num(ci[1], d) + "]" + seeds;
  }

  /** Which way our seeds differ where the paper makes no claim, and how surely (the one-sided Welch test that way). */
  private static String direction(double[] gpo, double[] theirs, String other) {
    if (gpo.length < 2 || theirs.length < 2) return "fewer than 2 seeds, untested";
    boolean below = Stats.mean(gpo) < Stats.mean(theirs);
    double p = below ? Stats.welchLowerP(gpo, theirs) : Stats.welchLowerP(theirs, gpo);
    return String.format(Locale.ROOT, "GPO %s %s (Welch p = %.2g)", below ? "below" : "above", other, p);
  }

  private static String means(double[] gpo, double[] other, int d) {
    return gpo.length == 0 ? "" : "; " + num(Stats.mean(gpo), d) + " vs " + num(Stats.mean(other), d) + ", n = " + gpo.length + ", " + other.length;
  }

  /**
   * Decimals of a task's returns: one where the paper's Single is below 150 (Swimmer, ~96, where the
   * methods differ by 1-3%, which whole numbers would show as 97 against 99 or hide), none elsewhere.
   */
  static int decimals(PaperData paper, Algorithm algorithm, String task) {
    return paper.table(algorithm, task, "Single").map(p -> Math.abs(p.mean()) < 150 ? 1 : 0).orElse(0);
  }

  static String num(double x, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", x);
  }

  /** {@code Findings EXPECTED_RESULTS_DIR}: rewrites the generated part of paper/FINDINGS.md from paper/cells.csv and as-written-cells.csv. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "expected-results");
    Path file = dir.resolve("paper").resolve("FINDINGS.md");
    List<CellRecord> rows = rows(dir);
    PaperData paper = PaperData.load(dir);
    Optional<RandomReturns> random = RandomReturns.load(dir);
    String text = replace(Files.readString(file), block(rows, paper, random));
    AtomicFiles.writeString(file, text);
    System.out.println("rewrote the generated part of " + file);
    if (random.isPresent()) {
      for (Map.Entry<String, TableAggregates> e : aggregateTables(rows, paper, random.get()).entrySet()) {
        System.out.println("drew " + ProfilePlot.draw(e.getValue(), "Performance profile, " + e.getKey()
            + ": normalised scores of the paper-scale cells", file.getParent().resolve(AGGREGATE_PLOTS), "profile-" + e.getKey()));
      }
    }
  }
}
