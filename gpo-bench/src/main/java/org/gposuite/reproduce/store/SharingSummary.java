package org.gposuite.reproduce.store;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.compare.Stats;

/**
 * What data sharing did in one GPO cell, from the engine's {@code gpo/sharing.csv} (one row per policy,
 * iteration and batch of its sharing set; see the engine's SharingRow) and {@code gpo/curve.csv} (one
 * row per policy and iteration: how many updates there were). The report's "Data sharing" section and
 * each cell's {@code gpo/sharing.png} are drawn from this one reading.
 *
 * @param updates policy updates of the run (policies x iterations)
 * @param sharedUsed shared batches the updates read, summed over updates
 * @param sharedDropped batches of the sharing sets left out because they had drifted past epsilon (rechecked rule)
 * @param medianKl median over the batches read of KL[pi_i || pi_j_old] at the time of use (NaN when none)
 * @param medianEss median over the batches read of their importance weights' ESS / n
 * @param lowEssShare share of the batches read whose ESS / n was below 0.1 (a tenth of the batch or less did the work)
 * @param maxWeight the largest importance weight of any batch read
 * @param betaMin smallest and @param betaMax largest KL-penalty coefficient of a sharing update
 * @param iterations per iteration with any sharing row: the iteration, and the means below
 */
public record SharingSummary(int updates, int sharedUsed, int sharedDropped, double medianKl, double medianEss, double lowEssShare,
                             double maxWeight, double betaMin, double betaMax, List<Iteration> iterations) {
  public static final String FILE = "gpo/sharing.csv";
  private static final String CURVE = "gpo/curve.csv";

  /**
   * @param meanKl mean KL at use over the batches read (NaN when none), @param meanEss their mean ESS / n,
   * @param usedPerPolicy shared batches read per policy update at this iteration
   */
  public record Iteration(int iteration, double meanKl, double meanEss, double usedPerPolicy) {}

  /** Shared batches read per update. */
  public double usedPerUpdate() { return updates == 0 ? 0 : sharedUsed / (double) updates; }

  /** The cell's summary, or empty when its folder has no sharing.csv (a baseline, or a GPO cell from before it existed). */
  public static Optional<SharingSummary> read(Path cellDir) throws IOException {
    Path file = cellDir.resolve(FILE), curve = cellDir.resolve(CURVE);
    if (!Files.isRegularFile(file) || !Files.isRegularFile(curve)) return Optional.empty();
    TreeMap<Integer, Integer> policiesPerIteration = new TreeMap<>();
    for (CSVRecord r : records(curve)) policiesPerIteration.merge(Integer.parseInt(r.get("iteration")), 1, Integer::sum);
    List<Row> rows = new ArrayList<>();
    for (CSVRecord r : records(file))
      rows.add(new Row(Integer.parseInt(r.get("iteration")), Boolean.parseBoolean(r.get("used")), Double.parseDouble(r.get("kl")),
          Double.parseDouble(r.get("ess_fraction")), Double.parseDouble(r.get("max_weight")), Double.parseDouble(r.get("beta"))));
    return Optional.of(of(rows, policiesPerIteration));
  }

  /** One sharing.csv row, the columns the summary reads. */
  record Row(int iteration, boolean used, double kl, double ess, double maxWeight, double beta) {}

  /** @param policiesPerIteration updates at each iteration (from curve.csv) */
  static SharingSummary of(List<Row> rows, TreeMap<Integer, Integer> policiesPerIteration) {
    int updates = policiesPerIteration.values().stream().mapToInt(Integer::intValue).sum();
    List<Row> used = rows.stream().filter(Row::used).toList();
    double[] kl = used.stream().mapToDouble(Row::kl).toArray(), ess = used.stream().mapToDouble(Row::ess).toArray();
    double lowEss = ess.length == 0 ? Double.NaN : Arrays.stream(ess).filter(e -> e < 0.1).count() / (double) ess.length;
    double maxW = used.stream().mapToDouble(Row::maxWeight).max().orElse(Double.NaN);
    double betaMin = rows.stream().mapToDouble(Row::beta).min().orElse(Double.NaN);
    double betaMax = rows.stream().mapToDouble(Row::beta).max().orElse(Double.NaN);
    List<Iteration> its = new ArrayList<>();
    TreeMap<Integer, List<Row>> byIteration = new TreeMap<>();
    for (Row r : rows) byIteration.computeIfAbsent(r.iteration(), k -> new ArrayList<>()).add(r);
    byIteration.forEach((it, rs) -> {
      List<Row> u = rs.stream().filter(Row::used).toList();
      its.add(new Iteration(it, u.stream().mapToDouble(Row::kl).average().orElse(Double.NaN),
          u.stream().mapToDouble(Row::ess).average().orElse(Double.NaN), u.size() / (double) policiesPerIteration.getOrDefault(it, 1)));
    });
    return new SharingSummary(updates, used.size(), rows.size() - used.size(), Stats.median(kl), Stats.median(ess), lowEss, maxW, betaMin, betaMax,
        List.copyOf(its));
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file)) {
      return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
    }
  }
}
