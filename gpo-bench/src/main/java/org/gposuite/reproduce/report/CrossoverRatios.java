package org.gposuite.reproduce.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.store.StoredCell;

/**
 * What crossover does to a policy's return at a scale that runs no diagnostic evaluations (the paper
 * profile: {@code rounds.csv}'s child/parent ratio is NaN there), read from a GPO cell's own training
 * returns. For each child of round r: its training return over its first {@value #WINDOW} iterations
 * of round r+1, over its initial parent's over that parent's last {@value #WINDOW} iterations of round r
 * (episode-weighted; iterations that finished no episode carry no weight).
 *
 * <p>The self-copies are the control: a self-copy is its parent unchanged, so its ratio is what the round
 * boundary alone does to the measure (the sharing sets are re-formed, the window moves). A state-space
 * child below the self-copies of its round has lost return in the distillation itself.
 */
public final class CrossoverRatios {
  /** Iterations on each side of the round boundary: the measure (3 before, 3 after). */
  static final int WINDOW = 3;

  /** One round's children: the median ratio and count of the state-space children and of the self-copies (NaN when none). */
  public record Round(int round, double stateSpace, int stateSpaceN, double selfCopy, int selfCopyN) {}

  private CrossoverRatios() {}

  /** A cell's ratios when its folder holds a GPO run with at least one state-space or self-copy child followed by a round. */
  public static Optional<List<Round>> read(Path cellDir) throws IOException {
    Path gpo = cellDir.resolve("gpo");
    if (!Files.exists(gpo.resolve("couples.csv")) || !Files.exists(gpo.resolve("rounds.csv")) || !Files.exists(gpo.resolve("curve.csv"))) {
      return Optional.empty();
    }
    List<Round> rounds = of(gpo);
    return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds);
  }

  /** The report's part of a table: one row per GPO cell with ratios, one column per round. */
  static String render(Results results, Map<String, List<Round>> ratios, String preset, Algorithm algorithm, List<String> tasks) {
    Map<String, List<Round>> rows = new LinkedHashMap<>();
    for (String task : tasks)
      for (StoredCell c : results.group(preset, algorithm, task, "GPO")) {
        List<Round> r = ratios.get(c.record().id());
        if (r != null) rows.put(task + ", seed " + c.record().seed(), r);
      }
    if (rows.isEmpty()) return "";
    return "\n### Crossover in the GPO cells\n\nAt each crossover, a child's training return over its first " + WINDOW
        + " iterations of the next round over its initial parent's over that parent's last " + WINDOW + " iterations (episode-"
        + "weighted): the median over the round's state-space children / over its self-copies. A self-copy is its parent unchanged,"
        + " so its ratio is what the round boundary alone does; a state-space child below it lost return in distillation.\n\n"
        + table(rows);
  }

  /** Every crossed round of one GPO cell's run directory (the folder holding rounds.csv, couples.csv and curve.csv). */
  public static List<Round> of(Path gpoDir) throws IOException {
    List<CSVRecord> rounds = records(gpoDir.resolve("rounds.csv"));
    // iteration index where each round's MUTATE starts, from the rounds' iteration counts
    List<Integer> start = new ArrayList<>();
    int at = 0;
    for (CSVRecord r : rounds) {
      start.add(at);
      at += Integer.parseInt(r.get("mutation_iterations"));
    }
    Map<Integer, Map<Integer, double[]>> curve = new HashMap<>(); // policy -> iteration -> {return, episodes}
    for (CSVRecord r : records(gpoDir.resolve("curve.csv"))) {
      curve.computeIfAbsent(Integer.parseInt(r.get("policy")), p -> new HashMap<>())
          .put(Integer.parseInt(r.get("iteration")), new double[] {Double.parseDouble(r.get("mean_episode_return")), Double.parseDouble(r.get("episodes"))});
    }
    Map<Integer, List<double[]>> byRound = new TreeMap<>(); // round -> {ratio, isSelfCopy}
    for (CSVRecord c : records(gpoDir.resolve("couples.csv"))) {
      int round = Integer.parseInt(c.get("round"));
      String kind = c.get("child_kind");
      if (round + 1 >= start.size() || !(kind.equals("state-space") || kind.equals("self-copy"))) continue;
      int child = Integer.parseInt(c.get("couple")), parent = Integer.parseInt(c.get("init_parent"));
      int boundary = start.get(round + 1);
      double after = window(curve.get(child), boundary, boundary + WINDOW);
      double before = window(curve.get(parent), boundary - WINDOW, boundary);
      if (Double.isFinite(after / before)) byRound.computeIfAbsent(round, k -> new ArrayList<>()).add(new double[] {after / before, kind.equals("self-copy") ? 1 : 0});
    }
    List<Round> out = new ArrayList<>();
    byRound.forEach((round, ratios) -> {
      double[] ss = ratios.stream().filter(x -> x[1] == 0).mapToDouble(x -> x[0]).toArray();
      double[] self = ratios.stream().filter(x -> x[1] == 1).mapToDouble(x -> x[0]).toArray();
      out.add(new Round(round, Stats.median(ss), ss.length, Stats.median(self), self.length));
    });
    return out;
  }

  /** Episode-weighted mean training return over iterations [from, to) of one policy; NaN without episodes. */
  private static double window(Map<Integer, double[]> iterations, int from, int to) {
    if (iterations == null) return Double.NaN;
    double sum = 0, episodes = 0;
    for (int i = from; i < to; i++) {
      double[] it = iterations.get(i);
      if (it == null || !(it[1] > 0) || !Double.isFinite(it[0])) continue;
      sum += it[0] * it[1];
      episodes += it[1];
    }
    return episodes > 0 ? sum / episodes : Double.NaN;
  }

  private static List<CSVRecord> records(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }

  /** A markdown table, one row per cell (by its label), one column per round: the state-space children's median ratio / the self-copies'. */
  static String table(Map<String, List<Round>> byCell) {
    int rounds = byCell.values().stream().mapToInt(l -> l.isEmpty() ? 0 : l.getLast().round() + 1).max().orElse(0);
    StringBuilder sb = new StringBuilder("| cell |");
    for (int r = 0; r < rounds; r++) sb.append(" round ").append(r).append(" |");
    sb.append("\n|---|").append("---|".repeat(rounds)).append('\n');
    byCell.forEach((cell, list) -> {
      sb.append("| ").append(cell).append(" |");
      Map<Integer, Round> at = new HashMap<>();
      list.forEach(r -> at.put(r.round(), r));
      for (int r = 0; r < rounds; r++) {
        Round x = at.get(r);
        sb.append(' ').append(x == null ? "—" : ratio(x.stateSpace()) + " / " + ratio(x.selfCopy())).append(" |");
      }
      sb.append('\n');
    });
    return sb.toString();
  }

  private static String ratio(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2f", x) : "—";
  }

  /**
   * {@code CrossoverRatios RUN_FOLDER...}: the table for every GPO cell under the run folders
   * (each {@code .../gpo/rounds.csv}), labelled by the cell's path.
   */
  public static void main(String[] args) throws IOException {
    Map<String, List<Round>> byCell = new TreeMap<>();
    for (String folder : args) {
      Path root = Path.of(folder);
      try (Stream<Path> found = Files.walk(root)) {
        for (Path rounds : found.filter(p -> p.getFileName().toString().equals("rounds.csv") && p.getParent().getFileName().toString().equals("gpo")).toList()) {
          Path gpo = rounds.getParent();
          byCell.put(root.relativize(gpo.getParent()).toString(), of(gpo));
        }
      }
    }
    System.out.print("Child / parent training return at each crossover (state-space children's median / self-copies' median; "
        + WINDOW + " iterations each side):\n\n" + table(byCell));
  }
}
