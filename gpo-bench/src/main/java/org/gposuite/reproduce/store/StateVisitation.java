package org.gposuite.reproduce.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.TextInput;

/**
 * Fig. 3b's data: for each crossover of the Fig. 3a probe, the states that high-reward rollouts of
 * parent A, parent B, the state-space child and the parameter-space child visit, projected onto one
 * PCA plane fitted on the four policies' pooled high-reward states (the paper used t-SNE; PCA is
 * deterministic, cheap and keeps one common linear map, so distances mean the same in all four
 * panels). Written by the probe's runner into its cell folder: {@value #POLICIES_FILE} (one row per
 * crossover and policy: rollouts, average return, the kept rollouts, the plane's variances) and
 * {@value #STATES_FILE} (the projected points).
 */
public final class StateVisitation {
  private StateVisitation() {}

  public static final String POLICIES_FILE = "fig3b-policies.csv";
  public static final String STATES_FILE = "fig3b-states.csv";

  /**
   * Rollouts per policy = this x the profile's eval_episodes: 100 at the paper profile's 10, the
   * paper's count for Fig. 3b; 50 in medium, 20 in smoke.
   */
  public static final int ROLLOUTS_PER_EVAL_EPISODE = 10;

  /** "High-reward" rollouts: the top quarter by return (at least one), ties to the earlier rollout. */
  public static final double HIGH_REWARD_FRACTION = 0.25;

  /**
   * Points stored per policy and crossover, a stride over its kept states in (rollout, time) order:
   * enough for a readable scatter, and a paper-scale probe cell stays a few MB (25 rollouts x 512
   * states would be 12,800). PCA is fitted on all kept states, before this thinning.
   */
  public static final int MAX_POINTS_PER_POLICY = 2500;

  /** The four policies of a crossover, in panel order. */
  public enum Role {
    PARENT_A("parent_a", "parent A"), PARENT_B("parent_b", "parent B"),
    STATE_SPACE_CHILD("state_space_child", "state-space child"), PARAMETER_SPACE_CHILD("parameter_space_child", "parameter-space child");

    public final String key, label;

    Role(String key, String label) { this.key = key; this.label = label; }

    static Role of(String key) {
      for (Role r : values()) if (r.key.equals(key)) return r;
      throw new IllegalArgumentException("unknown Fig. 3b policy " + key);
    }
  }

  public static int rollouts(int evalEpisodes) {
    return ROLLOUTS_PER_EVAL_EPISODE * evalEpisodes;
  }

  /** Indices of the high-reward rollouts: the ceil(n / 4) highest returns, in descending order of return. */
  public static int[] highReward(double[] returns) {
    if (returns.length == 0) throw new IllegalArgumentException("no rollouts to choose high-reward ones from");
    int keep = Math.max(1, (int) Math.ceil(HIGH_REWARD_FRACTION * returns.length));
    Integer[] order = new Integer[returns.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -returns[i]).thenComparingInt(i -> i));
    int[] out = new int[keep];
    for (int i = 0; i < keep; i++) out[i] = order[i];
    return out;
  }

  /** One policy's rollouts as the runner collected them: each rollout's return and visited states. */
  public record Rollouts(double[] returns, List<List<double[]>> states) {}

  /**
   * One policy's panel.
   * @param meanReturn average return over all its rollouts (the panel's title)
   * @param kept how many high-reward rollouts its states come from, @param keptMinReturn the lowest of their returns
   * @param states its kept states, @param x, y the stored (thinned) points on the plane
   */
  public record Panel(Role role, int slot, int rollouts, double meanReturn, int kept, double keptMinReturn, int states,
      double[] x, double[] y) {}

  /** One crossover: its four panels and the plane's variances (pc1, pc2) and the states' total variance. */
  public record Crossover(int pair, List<Panel> panels, double pc1Variance, double pc2Variance, double totalVariance) {
    public Crossover {
      panels = List.copyOf(panels);
    }

    public double explained() {
      return totalVariance > 0 ? (pc1Variance + pc2Variance) / totalVariance : 1;
    }

    /** The average return of {@code role}'s rollouts: Fig. 3a's number for that policy. */
    public double meanReturn(Role role) {
      return panels.stream().filter(p -> p.role() == role).findFirst()
          .orElseThrow(() -> new IllegalStateException("crossover " + pair + " has no " + role.label + " panel")).meanReturn();
    }
  }

  /**
   * Keeps each policy's high-reward rollouts, fits PCA on their pooled states and projects them.
   * @param slots each policy's slot (parents: population slot; children: couple index)
   */
  public static Crossover of(int pair, Map<Role, Rollouts> policies, Map<Role, Integer> slots) {
    Map<Role, List<double[]>> kept = new LinkedHashMap<>();
    List<double[]> pooled = new ArrayList<>();
    for (Role role : Role.values()) {
      Rollouts r = policies.get(role);
      if (r == null) throw new IllegalArgumentException("crossover " + pair + " has no rollouts of " + role.label);
      List<double[]> s = new ArrayList<>();
      for (int i : highReward(r.returns())) s.addAll(r.states().get(i));
      kept.put(role, s);
      pooled.addAll(s);
    }
    Pca pca = Pca.fit(pooled);
    List<Panel> panels = new ArrayList<>();
    for (Role role : Role.values()) {
      Rollouts r = policies.get(role);
      int[] hi = highReward(r.returns());
      List<double[]> s = kept.get(role);
      int stride = Math.max(1, (s.size() + MAX_POINTS_PER_POLICY - 1) / MAX_POINTS_PER_POLICY);
      int n = (s.size() + stride - 1) / stride;
      double[] x = new double[n], y = new double[n];
      for (int k = 0; k < n; k++) {
        double[] p = pca.project(s.get(k * stride));
        x[k] = p[0];
        y[k] = p[1];
      }
      double mean = Arrays.stream(r.returns()).average().orElseThrow();
      panels.add(new Panel(role, slots.getOrDefault(role, -1), r.returns().length, mean, hi.length, r.returns()[hi[hi.length - 1]], s.size(), x, y));
    }
    return new Crossover(pair, panels, pca.variances()[0], pca.variances()[1], pca.totalVariance());
  }

  public static void write(Path cellDir, List<Crossover> crossovers) throws IOException {
    Files.createDirectories(cellDir);
    AtomicFiles.write(cellDir.resolve(POLICIES_FILE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header("pair", "policy", "slot", "rollouts", "mean_return", "kept_rollouts",
          "kept_min_return", "states", "points", "pc1_variance", "pc2_variance", "total_variance"))) {
        for (Crossover c : crossovers) {
          for (Panel q : c.panels()) {
            p.printRecord(c.pair(), q.role().key, q.slot(), q.rollouts(), Double.toString(q.meanReturn()), q.kept(),
                Double.toString(q.keptMinReturn()), q.states(), q.x().length, Double.toString(c.pc1Variance()),
                Double.toString(c.pc2Variance()), Double.toString(c.totalVariance()));
          }
        }
      }
    });
    AtomicFiles.write(cellDir.resolve(STATES_FILE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header("pair", "policy", "pc1", "pc2"))) {
        for (Crossover c : crossovers) {
          for (Panel q : c.panels()) {
            for (int k = 0; k < q.x().length; k++) {
              p.printRecord(c.pair(), q.role().key, String.format(Locale.ROOT, "%.6g", q.x()[k]), String.format(Locale.ROOT, "%.6g", q.y()[k]));
            }
          }
        }
      }
    });
  }

  /** The crossovers a cell folder holds, in pair order; empty if the cell has no Fig. 3b files. */
  public static List<Crossover> read(Path cellDir) throws IOException {
    Path pf = cellDir.resolve(POLICIES_FILE), sf = cellDir.resolve(STATES_FILE);
    if (!Files.isRegularFile(pf) || !Files.isRegularFile(sf)) return List.of();
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    for (CSVRecord r : records(sf)) {
      points.computeIfAbsent(r.get("pair") + "/" + r.get("policy"), k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(r.get("pc1")), Double.parseDouble(r.get("pc2"))});
    }
    Map<Integer, List<Panel>> panels = new LinkedHashMap<>();
    Map<Integer, double[]> variances = new LinkedHashMap<>();
    for (CSVRecord r : records(pf)) {
      int pair = Integer.parseInt(r.get("pair"));
      List<double[]> pts = points.getOrDefault(pair + "/" + r.get("policy"), List.of());
      double[] x = new double[pts.size()], y = new double[pts.size()];
      for (int k = 0; k < x.length; k++) { x[k] = pts.get(k)[0]; y[k] = pts.get(k)[1]; }
      panels.computeIfAbsent(pair, k -> new ArrayList<>()).add(new Panel(Role.of(r.get("policy")), Integer.parseInt(r.get("slot")),
          Integer.parseInt(r.get("rollouts")), Double.parseDouble(r.get("mean_return")), Integer.parseInt(r.get("kept_rollouts")),
          Double.parseDouble(r.get("kept_min_return")), Integer.parseInt(r.get("states")), x, y));
      variances.put(pair, new double[] {Double.parseDouble(r.get("pc1_variance")), Double.parseDouble(r.get("pc2_variance")),
          Double.parseDouble(r.get("total_variance"))});
    }
    List<Crossover> out = new ArrayList<>();
    panels.forEach((pair, ps) -> {
      double[] v = variances.get(pair);
      out.add(new Crossover(pair, ps.stream().sorted(Comparator.comparing(Panel::role)).toList(), v[0], v[1], v[2]));
    });
    out.sort(Comparator.comparingInt(Crossover::pair));
    return out;
  }

  private static CSVFormat header(String... columns) {
    return CSVFormat.DEFAULT.builder().setHeader(columns).setRecordSeparator('\n').get();
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    try (CSVParser parser = CSVParser.parse(TextInput.read(file),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return parser.getRecords();
    }
  }
}
