package org.gposuite.reproduce.report;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.SharingSummary;

/**
 * The data-sharing screen of issue 19 ({@code expected-results/paper/sharing.md}): GPO under each
 * sharing rule ({@code gpo.sharing}) and Single, run into one folder per rule with the
 * {@code sharing-screen} profile. {@link #collect} reads those folders into one row per cell (the
 * cell's return and its sharing summary), stored as {@code paper/sharing-screen.csv}; {@link #table}
 * turns the rows into the per-task table that sits between {@link #BEGIN} and {@link #END} in
 * sharing.md, the prose around it by hand. Regenerate after cells land:
 * {@code java ... org.gposuite.reproduce.report.SharingScreen expected-results runs/screen-*}.
 */
public final class SharingScreen {
  static final String MD = "paper/sharing.md";

  /**
   * One algorithm's screen: its rows' file and the markers of its table in sharing.md. PPO's and A2C's are
   * apart because each algorithm has its own sharing default (PPO: clipped with the shared critic; A2C is
   * screened on its own, since its one step per batch moves a policy less per iteration than PPO's epochs).
   */
  record Screen(Algorithm algorithm, String csv, GeneratedBlock table) {
    String blockIn(String md, String block) {
      return table.replaceIn(md, block);
    }
  }

  static final Screen PPO = new Screen(Algorithm.PPO, "paper/sharing-screen.csv", new GeneratedBlock("sharing.md",
      "<!-- screen table: generated from paper/sharing-screen.csv by reproduce.report.SharingScreen -->",
      "<!-- end of the generated screen table -->"));
  static final Screen A2C = new Screen(Algorithm.A2C, "paper/a2c-sharing-screen.csv", new GeneratedBlock("sharing.md",
      "<!-- A2C screen table: generated from paper/a2c-sharing-screen.csv by reproduce.report.SharingScreen -->",
      "<!-- end of the generated A2C screen table -->"));
  static final List<Screen> SCREENS = List.of(PPO, A2C);
  /** The rules in the table's order: Eq. 5 as written first, then no sharing, then the departures. */
  static final List<String> RULES = List.of("literal", "off", "rechecked", "truncated", "clipped", "penalised",
      "literal+critic", "clipped+critic");

  /**
   * The screen's name for a GPO cell's sharing: gpo.sharing, with "+critic" when its critic also learns from
   * the shared rows. Reads the settings as written, with the defaults of the screen's time (literal, own
   * critic): every screen cell was made before PPO's defaults moved, or names both settings
   * ({@code scripts/sharing-screen.sh}).
   */
  static String ruleOf(Settings settings) {
    String rule = settings.get("gpo.sharing", "literal");
    return settings.get("gpo.critic_data", "own").equals("shared") ? rule + "+critic" : rule;
  }
  private static final String[] COLUMNS = {"task", "method", "rule", "seed", "final_return", "steps_used", "wall_total_s",
      "read_per_update", "median_kl", "median_ess", "low_ess_share", "max_weight", "config_hash", "git_commit"};

  private SharingScreen() {}

  /**
   * One screen cell. {@code rule} is the cell's gpo.sharing ("literal" when unset) for GPO, "" for Single and Joint;
   * the sharing columns are NaN where the cell read no shared batch (and for Single).
   */
  record Row(String task, String method, String rule, int seed, double finalReturn, long stepsUsed, double wallSeconds,
             double readPerUpdate, double medianKl, double medianEss, double lowEssShare, double maxWeight, String configHash,
             String gitCommit) {}

  /**
   * Every finished cell of the given run folders, with each GPO cell's sharing summary. Read from the cells'
   * own result.csv files, not the folder's cells.csv, which holds only the last invocation's selection.
   */
  static List<Row> collect(List<Path> runFolders, Algorithm algorithm) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Path run : runFolders) {
      if (!Files.isDirectory(run.resolve("cells"))) continue;
      CellStore store = new CellStore(run);
      List<Path> results;
      try (var walk = Files.walk(run.resolve("cells"))) {
        results = walk.filter(f -> f.getFileName().toString().equals(CellStore.RESULT)).sorted().toList();
      }
      for (Path result : results)
        for (CellRecord r : CellsCsv.read(result)) {
          // the screen is the default preset's; a control under another preset (tuned-critic160) is not its Single
          if (!r.settings().preset().equals(Settings.DEFAULT_PRESET) || r.algorithm() != algorithm) continue;
          boolean gpo = r.method().equals("GPO");
          SharingSummary s = gpo ? SharingSummary.read(store.dirOf(r)).orElse(null) : null;
          boolean read = s != null && s.sharedUsed() > 0;
          rows.add(new Row(r.task(), r.method(), gpo ? ruleOf(r.settings()) : "", r.seed(), r.finalReturn(),
              r.stepsUsed(), r.wallClock().totalSeconds(), s == null ? Double.NaN : s.usedPerUpdate(), read ? s.medianKl() : Double.NaN,
              read ? s.medianEss() : Double.NaN, read ? s.lowEssShare() : Double.NaN, read ? s.maxWeight() : Double.NaN, r.configHash(),
              r.provenance().gitCommit()));
        }
    }
    rows.sort(java.util.Comparator.comparing(Row::task).thenComparing(Row::method).thenComparing(Row::rule).thenComparingInt(Row::seed));
    return rows;
  }

  /** The per-task table: each rule's mean ± se and seeds, its ratio to no sharing and to Single, and what it read. */
  static String table(List<Row> rows) {
    StringBuilder md = new StringBuilder();
    Set<String> tasks = new LinkedHashSet<>();
    rows.forEach(r -> tasks.add(r.task()));
    md.append("Final return (the final population's best policy, 10 + 10 evaluation episodes, as in the tables): mean ± se (n) and each")
        .append(" seed; \"/ off\" and \"/ Single\" are ratios of means over the seeds both have. Read = shared batches per update;")
        .append(" KL and ESS/n = the medians over the cells of each cell's median over the batches it read.\n");
    for (String task : tasks) {
      md.append("\n#### ").append(task).append("\n\n| Rule | Return | Per seed | / off | / Single | Read | KL at use | ESS/n |\n|---|---|---|---|---|---|---|---|\n");
      List<Row> single = rows.stream().filter(r -> r.task().equals(task) && r.method().equals("Single")).toList();
      List<Row> off = group(rows, task, "off");
      for (String rule : RULES) {
        List<Row> g = group(rows, task, rule);
        if (g.isEmpty()) continue;
        md.append("| ").append(rule).append(" | ").append(meanSe(g)).append(" | ").append(seeds(g)).append(" | ")
            .append(rule.equals("off") ? "1" : ratio(g, off)).append(" | ").append(ratio(g, single)).append(" | ")
            .append(fmt(median(g, Row::readPerUpdate), "%.2f")).append(" | ").append(fmt(median(g, Row::medianKl), "%.3g")).append(" | ")
            .append(fmt(median(g, Row::medianEss), "%.2f")).append(" |\n");
      }
      if (!single.isEmpty()) md.append("| Single | ").append(meanSe(single)).append(" | ").append(seeds(single)).append(" | | 1 | | | |\n");
      // Joint (one policy on the population's whole batch) is the data-sharing ideal: 8x data, all on-policy
      List<Row> joint = rows.stream().filter(r -> r.task().equals(task) && r.method().equals("Joint")).toList();
      if (!joint.isEmpty()) md.append("| Joint | ").append(meanSe(joint)).append(" | ").append(seeds(joint)).append(" | ")
          .append(ratio(joint, off)).append(" | ").append(ratio(joint, single)).append(" | | | |\n");
    }
    return md.toString();
  }

  private static List<Row> group(List<Row> rows, String task, String rule) {
    return rows.stream().filter(r -> r.task().equals(task) && r.method().equals("GPO") && r.rule().equals(rule)).toList();
  }

  /** Mean of {@code a} over mean of {@code b}, both over the seeds they share; "—" when they share none. */
  static String ratio(List<Row> a, List<Row> b) {
    Set<Integer> common = new LinkedHashSet<>();
    for (Row x : a) if (b.stream().anyMatch(y -> y.seed() == x.seed())) common.add(x.seed());
    if (common.isEmpty()) return "—";
    double sa = a.stream().filter(x -> common.contains(x.seed())).mapToDouble(Row::finalReturn).sum();
    double sb = b.stream().filter(x -> common.contains(x.seed())).mapToDouble(Row::finalReturn).sum();
    return String.format(Locale.ROOT, "%.2f", sa / sb);
  }

  private static String meanSe(List<Row> g) {
    double[] x = g.stream().mapToDouble(Row::finalReturn).toArray();
    return x.length < 2 ? String.format(Locale.ROOT, "%,.0f (1)", x[0])
        : String.format(Locale.ROOT, "%,.0f ± %,.0f (%d)", Stats.mean(x), Stats.stderr(x), x.length);
  }

  private static String seeds(List<Row> g) {
    StringBuilder s = new StringBuilder();
    for (Row r : g) s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "s%d %,.0f", r.seed(), r.finalReturn()));
    return s.toString();
  }

  private static double median(List<Row> g, java.util.function.ToDoubleFunction<Row> f) {
    return Stats.median(g.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).toArray());
  }

  private static String fmt(double v, String format) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, format, v);
  }

  static String csv(List<Row> rows) throws IOException {
    StringWriter out = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
      for (Row r : rows)
        p.printRecord(r.task(), r.method(), r.rule(), r.seed(), Double.toString(r.finalReturn()), r.stepsUsed(), Double.toString(r.wallSeconds()),
            Double.toString(r.readPerUpdate()), Double.toString(r.medianKl()), Double.toString(r.medianEss()),
            Double.toString(r.lowEssShare()), Double.toString(r.maxWeight()), r.configHash(), r.gitCommit());
    }
    return out.toString();
  }

  static List<Row> readCsv(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file)) {
      for (CSVRecord c : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in))
        rows.add(new Row(c.get("task"), c.get("method"), c.get("rule"), Integer.parseInt(c.get("seed")), Double.parseDouble(c.get("final_return")),
            Long.parseLong(c.get("steps_used")), Double.parseDouble(c.get("wall_total_s")), Double.parseDouble(c.get("read_per_update")),
            Double.parseDouble(c.get("median_kl")), Double.parseDouble(c.get("median_ess")), Double.parseDouble(c.get("low_ess_share")),
            Double.parseDouble(c.get("max_weight")), c.get("config_hash"), c.get("git_commit")));
    }
    return rows;
  }

  /**
   * {@code SharingScreen EXPECTED_DIR RUN_FOLDER...}: for each algorithm with cells in the folders, rewrites its
   * screen's CSV and its table in sharing.md (an algorithm without cells there keeps what it has).
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) throw new IllegalArgumentException("usage: SharingScreen EXPECTED_DIR RUN_FOLDER...");
    Path expected = Path.of(args[0]);
    List<Path> runs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) runs.add(Path.of(args[i]));
    Path md = expected.resolve(MD);
    for (Screen screen : SCREENS) {
      List<Row> rows = collect(runs, screen.algorithm());
      if (rows.isEmpty()) continue;
      AtomicFiles.writeString(expected.resolve(screen.csv()), csv(rows));
      AtomicFiles.writeString(md, screen.blockIn(Files.readString(md), table(rows)));
      System.out.println(rows.size() + " " + screen.algorithm() + " screen cells written to " + expected.resolve(screen.csv())
          + " and their table in " + md);
    }
  }
}
