package org.gposuite.reproduce.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.distribution.TDistribution;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.CellStore;
import org.gposuite.reproduce.store.CellsCsv;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.store.StoredCell;

/**
 * The seed-to-seed spread of a profile's groups, measured on many seeds and stored in
 * {@code expected-results/<profile>/spread.csv}: the reference of the statistical path of the
 * regression check (another platform, where results cannot match bit for bit).
 *
 * <p><b>Statistic.</b> Per cell, the mean of the last half of its learning curve
 * ({@link #statistic}): at the smoke budget the final evaluation return of a cell is dominated
 * by its last few episodes, while the curve's second half averages several batches of training
 * episodes of the same policy's lineage; it moves with learning as the final return does, with a
 * smaller seed-to-seed spread (measured: {@code spread.csv}'s comment).
 *
 * <p><b>What "a 25% drop" means.</b> A drop of 25% of the group's mean statistic measured from
 * the task's floor: {@code 0.25 * (mean - floor)}, where the floor is the return of the task's
 * untrained policies (the mean first curve point of every cell of the task in the spread run,
 * i.e. before learning had any effect). For a group whose mean is at or below its floor (nothing
 * learned, sign-changing returns near zero) the scale is the group's absolute mean instead, so a
 * 25% drop is never zero.
 *
 * <p><b>Rule.</b> A one-sided two-sample t-test with pooled variance, per group: reference mean m
 * and variance s_ref^2 over its N spread seeds, the run's mean x and variance s_run^2 over its n
 * seeds, s_p^2 = ((N-1) s_ref^2 + (n-1) s_run^2) / (N+n-2), t = (x - m) / (s_p sqrt(1/n + 1/N)).
 * The group REGRESSED when t < -c and IMPROVED when t > c, c = the t quantile at 1 - 0.04/G with
 * N+n-2 degrees of freedom (G groups tested: Bonferroni, so the whole profile has at most 5% false
 * alarms; 4% rather than 5% for our not quite normal spreads, see {@link #FAMILY_ALPHA}).
 * Pooling uses the run's own seeds for the spread too (equal spread on both platforms assumed:
 * same algorithm, same budget), which narrows the threshold's uncertainty (16 seeds a side). A run on another platform is not paired with the reference seed by seed: after chaotic
 * divergence the same seed is an independent sample.
 * {@code SpreadPowerTest} shows the power and the false-alarm rate by simulation from this file.
 */
public final class Spread {
  public static final String FILE = "spread.csv";
  public static final String HEADER = "group,config_hash,n,mean,sd,floor,values";
  public static final double DROP = 0.25;
  /**
   * The family-wise false-alarm rate the threshold is set for: 4%, below the 5% the gate
   * promises, because the t-test's level assumes normal spreads and ours are not quite
   * (simulated from the smoke spread at a nominal 5%: 4.75% ± 0.34%, too close to call).
   */
  public static final double FAMILY_ALPHA = 0.04;
  private static final java.util.Map<String, Double> THRESHOLDS = new java.util.concurrent.ConcurrentHashMap<>();

  /** One group's reference: its statistic's per-seed values, mean and sd, and its task's floor. */
  public record Group(String group, String configHash, double[] values, double floor) {
    public double mean() {
      return Stats.mean(values);
    }

    public double sd() {
      return Math.sqrt(Stats.variance(values));
    }

    public int n() {
      return values.length;
    }

    /** The size of "a 25% drop" of this group (see the class comment). */
    public double drop() {
      double gap = mean() - floor;
      return DROP * (gap > 0 ? gap : Math.abs(mean()));
    }
  }

  /** A group's statistical verdict: z and threshold c, and the status they give. */
  public record Verdict(Comparison.Status status, double runMean, double z, double threshold) {}

  private final Map<String, Group> groups;

  public Spread(Map<String, Group> groups) {
    this.groups = new TreeMap<>(groups);
  }

  public Optional<Group> group(String id) {
    return Optional.ofNullable(groups.get(id));
  }

  public Map<String, Group> groups() {
    return groups;
  }

  /** The statistic of one cell: the mean of the last half of its curve; the final return without a curve. */
  public static double statistic(List<CurvePoint> curve, double finalReturn) {
    if (curve.isEmpty()) return finalReturn;
    int k = curve.size();
    int from = k / 2;  // last ceil(k/2) points
    double s = 0;
    for (int i = from; i < k; i++) s += curve.get(i).averageReturn();
    return s / (k - from);
  }

  /** The rule's threshold: t quantile at 1 - alpha with df degrees of freedom. */
  public static double threshold(double alpha, int df) {
    return THRESHOLDS.computeIfAbsent(alpha + "/" + df,
        k -> new TDistribution(null, Math.max(1, df)).inverseCumulativeProbability(1 - alpha));
  }

  /** The rule's degrees of freedom for n run seeds against N reference seeds. */
  public static int df(int n, int nRef) {
    return n + nRef - 2;
  }

  /** The rule (class comment), pure so that the power simulation runs the same code. */
  public static Verdict verdict(double[] run, double[] ref, double alpha) {
    double x = Stats.mean(run);
    double m = Stats.mean(ref);
    int n = run.length;
    int nRef = ref.length;
    double pooled = ((nRef - 1) * Stats.variance(ref) + (n - 1) * Stats.variance(run)) / df(n, nRef);
    double se = Math.sqrt(pooled * (1.0 / n + 1.0 / nRef));
    double c = threshold(alpha, df(n, nRef));
    double z = x == m ? 0 : se > 0 ? (x - m) / se : Math.signum(x - m) * Double.POSITIVE_INFINITY;
    Comparison.Status s = z < -c ? Comparison.Status.REGRESSED
        : z > c ? Comparison.Status.IMPROVED : Comparison.Status.WITHIN;
    return new Verdict(s, x, z, c);
  }

  /**
   * The rule's probability of catching a 25% drop of {@code g} with {@code n} run seeds, by the
   * normal approximation (SpreadPowerTest simulates it from the measured values instead).
   */
  public static double power(Group g, int n, double alpha) {
    double se = g.sd() * Math.sqrt(1.0 / n + 1.0 / g.n());
    if (se == 0) return 1;
    return new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
        .cumulativeProbability(g.drop() / se - threshold(alpha, df(n, g.n())));
  }

  /**
   * The seeds a statistical run draws from: the profile's {@code statSeeds}, continued by the
   * following integers up to the largest reference of the spread (its groups' values are seeds
   * 1..n in order, see {@link #write}). A group runs the first {@code n} of them.
   */
  public static List<Integer> seedsFor(List<Integer> statSeeds, Spread spread) {
    int most = spread.groups().values().stream().mapToInt(Group::n).max().orElse(0);
    List<Integer> seeds = new ArrayList<>(statSeeds);
    int next = statSeeds.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    while (seeds.size() < most) seeds.add(next++);
    return seeds;
  }

  /** The spread file of a profile, if it has one. */
  public static Optional<Spread> load(Path expectedResults, String profile) {
    Path f = expectedResults.resolve(profile).resolve(FILE);
    if (!Files.isRegularFile(f)) return Optional.empty();
    return Optional.of(read(f));
  }

  public static Spread read(Path f) {
    String text = TextInput.read(f);
    Map<String, Group> out = new LinkedHashMap<>();
    int lineNo = 0;
    boolean header = false;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank() || line.startsWith("#")) continue;
      if (!header) {
        if (!line.strip().equals(HEADER)) {
          throw new InputError(f.toString(), lineNo, null, "header is \"" + line.strip() + "\", expected \"" + HEADER + "\"");
        }
        header = true;
        continue;
      }
      String[] c = line.split(",", -1);
      if (c.length != 7) {
        throw new InputError(f.toString(), lineNo, null, "has " + c.length + " fields, the header has 7");
      }
      try {
        double[] values = Arrays.stream(c[6].strip().split(" ")).mapToDouble(Double::parseDouble).toArray();
        if (values.length != Integer.parseInt(c[2]) || values.length < 2) {
          throw new IllegalArgumentException("n = " + c[2] + " but " + values.length + " values (at least 2 needed)");
        }
        Group g = new Group(c[0], c[1], values, Double.parseDouble(c[5]));
        if (out.put(g.group(), g) != null) throw new IllegalArgumentException("repeats group " + g.group());
      } catch (IllegalArgumentException e) {
        throw new InputError(f.toString(), lineNo, null, e.getMessage());
      }
    }
    if (out.isEmpty()) throw new InputError(f.toString(), 0, null, "holds no groups; re-create it (see its comment)");
    return new Spread(out);
  }

  /**
   * Writes the spread of a run folder's cells: every group's per-seed statistic, its task's
   * floor. {@code comment} lines (how the run was made) go first.
   */
  public static void write(Path runDir, Path file, List<String> comment) throws IOException {
    Map<String, List<StoredCell>> byGroup = new TreeMap<>();
    Map<String, List<Double>> firsts = new TreeMap<>();
    try (Stream<Path> results = Files.walk(runDir.resolve("cells"))) {
      for (Path r : results.filter(p -> p.getFileName().toString().equals(CellStore.RESULT)).sorted().toList()) {
        CellRecord row = CellsCsv.read(r).get(0);
        List<CurvePoint> curve = CellStore.readCurve(r.resolveSibling(CellStore.CURVE));
        byGroup.computeIfAbsent(row.groupId(), k -> new ArrayList<>()).add(new StoredCell(row, curve, List.of()));
        if (!curve.isEmpty()) firsts.computeIfAbsent(row.task(), k -> new ArrayList<>()).add(curve.get(0).averageReturn());
      }
    }
    StringBuilder sb = new StringBuilder();
    comment.forEach(c -> sb.append("# ").append(c).append('\n'));
    sb.append(HEADER).append('\n');
    for (Map.Entry<String, List<StoredCell>> e : byGroup.entrySet()) {
      List<StoredCell> cells = new ArrayList<>(e.getValue());
      cells.sort((a, b) -> Integer.compare(a.record().seed(), b.record().seed()));
      CellRecord first = cells.get(0).record();
      double[] v = cells.stream().mapToDouble(c -> statistic(c.curve(), c.record().finalReturn())).toArray();
      double floor = firsts.getOrDefault(first.task(), List.of(0.0)).stream().mapToDouble(d -> d).average().orElse(0);
      List<String> vs = Arrays.stream(v).mapToObj(Double::toString).toList();
      sb.append(String.join(",", e.getKey(), first.configHash(), Integer.toString(v.length),
          String.format(Locale.ROOT, "%.6g", Stats.mean(v)), String.format(Locale.ROOT, "%.6g", Math.sqrt(Stats.variance(v))),
          String.format(Locale.ROOT, "%.6g", floor), String.join(" ", vs))).append('\n');
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** {@code Spread RUN_DIR OUT_FILE [comment line ...]}: writes the spread of a many-seed run. */
  public static void main(String[] args) throws IOException {
    write(Path.of(args[0]), Path.of(args[1]), List.of(args).subList(2, args.length));
  }
}
