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
 * parent A, parent B, the state-space child and the parameter-space child visit. Written by the
 * probe's runner into its cell folder: {@value #POLICIES_FILE} (one row per crossover and policy:
 * rollouts, average return, the kept rollouts) and {@value #STATES_FILE} (the kept states
 * themselves, thinned to a cap, one column per state dimension). The states are stored raw, not
 * projected: how they are standardised, embedded and compared is the report's business
 * ({@code reproduce.visitation}), so it can change without recomputing a cell.
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
   * States stored per policy and crossover, a stride over its kept states in (rollout, time) order:
   * twice what the t-SNE embeds (reproduce.visitation.CrossoverMap), and a paper-scale probe cell
   * stays a few MB (25 rollouts x 512 states would be 12,800; HalfCheetah's are 20-D: 1.3 MB per
   * crossover at this cap).
   */
  public static final int MAX_POINTS_PER_POLICY = 1000;

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
   * @param states how many states its kept rollouts visited, @param points the stored (thinned) ones,
   *     raw; empty for a cell written before the probe stored raw states (it stored 2-D points only)
   */
  public record Panel(Role role, int slot, int rollouts, double meanReturn, int kept, double keptMinReturn, int states,
      List<double[]> points) {
    public Panel {
      points = List.copyOf(points);
    }
  }

  /** One crossover: its four panels in {@link Role} order. */
  public record Crossover(int pair, List<Panel> panels) {
    public Crossover {
      panels = List.copyOf(panels);
    }

    /** Whether every panel has stored states to draw (false for cells written before raw states were stored). */
    public boolean hasStates() {
      return panels.stream().allMatch(p -> !p.points().isEmpty());
    }

    /** The average return of {@code role}'s rollouts: Fig. 3a's number for that policy. */
    public double meanReturn(Role role) {
      return panels.stream().filter(p -> p.role() == role).findFirst()
          .orElseThrow(() -> new IllegalStateException("crossover " + pair + " has no " + role.label + " panel")).meanReturn();
    }
  }

  /**
   * Keeps each policy's high-reward rollouts and thins their states to the cap.
   * @param slots each policy's slot (parents: population slot; children: couple index)
   */
  public static Crossover of(int pair, Map<Role, Rollouts> policies, Map<Role, Integer> slots) {
    List<Panel> panels = new ArrayList<>();
    int dimension = -1;
    for (Role role : Role.values()) {
      Rollouts r = policies.get(role);
      if (r == null) throw new IllegalArgumentException("crossover " + pair + " has no rollouts of " + role.label);
      int[] hi = highReward(r.returns());
      List<double[]> s = new ArrayList<>();
      for (int i : hi) s.addAll(r.states().get(i));
      for (double[] p : s) {
        if (dimension < 0) dimension = p.length;
        if (p.length != dimension) throw new IllegalArgumentException("crossover " + pair + ": states of dimensions " + dimension + " and " + p.length);
      }
      int stride = Math.max(1, (s.size() + MAX_POINTS_PER_POLICY - 1) / MAX_POINTS_PER_POLICY);
      List<double[]> points = new ArrayList<>();
      for (int k = 0; k < s.size(); k += stride) points.add(s.get(k).clone());
      double mean = Arrays.stream(r.returns()).average().orElseThrow();
      panels.add(new Panel(role, slots.getOrDefault(role, -1), r.returns().length, mean, hi.length, r.returns()[hi[hi.length - 1]], s.size(), points));
    }
    return new Crossover(pair, panels);
  }

  public static void write(Path cellDir, List<Crossover> crossovers) throws IOException {
    Files.createDirectories(cellDir);
    AtomicFiles.write(cellDir.resolve(POLICIES_FILE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header("pair", "policy", "slot", "rollouts", "mean_return", "kept_rollouts",
          "kept_min_return", "states", "points"))) {
        for (Crossover c : crossovers) {
          for (Panel q : c.panels()) {
            p.printRecord(c.pair(), q.role().key, q.slot(), q.rollouts(), Double.toString(q.meanReturn()), q.kept(),
                Double.toString(q.keptMinReturn()), q.states(), q.points().size());
          }
        }
      }
    });
    int dimension = crossovers.stream().flatMap(c -> c.panels().stream()).flatMap(q -> q.points().stream())
        .mapToInt(x -> x.length).max().orElse(0);
    String[] columns = new String[2 + dimension];
    columns[0] = "pair";
    columns[1] = "policy";
    for (int j = 0; j < dimension; j++) columns[2 + j] = STATE_COLUMN + j;
    AtomicFiles.write(cellDir.resolve(STATES_FILE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header(columns))) {
        List<String> row = new ArrayList<>();
        for (Crossover c : crossovers) {
          for (Panel q : c.panels()) {
            for (double[] x : q.points()) {
              row.clear();
              row.add(Integer.toString(c.pair()));
              row.add(q.role().key);
              // 7 significant digits: the float precision the simulator's observations carry anyway.
              for (double v : x) row.add(String.format(Locale.ROOT, "%.7g", v));
              p.printRecord(row);
            }
          }
        }
      }
    });
  }

  /** Column prefix of a state's dimensions in {@value #STATES_FILE}: s0, s1, ... */
  private static final String STATE_COLUMN = "s";

  /** The crossovers a cell folder holds, in pair order; empty if the cell has no Fig. 3b files. */
  public static List<Crossover> read(Path cellDir) throws IOException {
    Path pf = cellDir.resolve(POLICIES_FILE), sf = cellDir.resolve(STATES_FILE);
    if (!Files.isRegularFile(pf) || !Files.isRegularFile(sf)) return List.of();
    // A probe cell written before raw states were stored has 2-D columns (pc1, pc2) instead: its
    // returns still read (Fig. 3a), its panels come back without states.
    Map<String, List<double[]>> points = new LinkedHashMap<>();
    List<CSVRecord> states = records(sf);
    if (!states.isEmpty() && states.get(0).isMapped(STATE_COLUMN + 0)) {
      int dimension = 0;
      while (states.get(0).isMapped(STATE_COLUMN + dimension)) dimension++;
      for (CSVRecord r : states) {
        double[] x = new double[dimension];
        for (int j = 0; j < dimension; j++) x[j] = Double.parseDouble(r.get(STATE_COLUMN + j));
        points.computeIfAbsent(r.get("pair") + "/" + r.get("policy"), k -> new ArrayList<>()).add(x);
      }
    }
    Map<Integer, List<Panel>> panels = new LinkedHashMap<>();
    for (CSVRecord r : records(pf)) {
      int pair = Integer.parseInt(r.get("pair"));
      panels.computeIfAbsent(pair, k -> new ArrayList<>()).add(new Panel(Role.of(r.get("policy")), Integer.parseInt(r.get("slot")),
          Integer.parseInt(r.get("rollouts")), Double.parseDouble(r.get("mean_return")), Integer.parseInt(r.get("kept_rollouts")),
          Double.parseDouble(r.get("kept_min_return")), Integer.parseInt(r.get("states")),
          points.getOrDefault(pair + "/" + r.get("policy"), List.of())));
    }
    List<Crossover> out = new ArrayList<>();
    panels.forEach((pair, ps) -> out.add(new Crossover(pair, ps.stream().sorted(Comparator.comparing(Panel::role)).toList())));
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
