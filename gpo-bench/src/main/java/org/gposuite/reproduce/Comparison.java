package org.gposuite.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a run's cells with the expected results of its profile, group by group (a group is
 * one algorithm/task/method under one preset, e.g. PPO-paper-calibrated/Ant/GPO; its seeds are
 * its samples). Groups and cells are matched by their full ids, so presets never mix. The rule,
 * per group:
 *
 * <ol>
 *   <li><b>Exact</b> when every run seed has an expected row with the same config hash and the
 *       same platform (MuJoCo, JDK, OS, CPU, libraries): cells are seeded and the engine is
 *       deterministic, so the final return must be the same double. Any difference is CHANGED:
 *       a numerics change, intended or not; the report shows the statistical verdict beside
 *       it so the author can judge it before re-baselining.
 *   <li><b>Config changed</b> when the config hashes differ: the baseline measures something
 *       else; re-baseline explicitly.
 *   <li><b>Statistical</b> otherwise (another machine or JDK, where floating-point results may
 *       drift): with >= 2 seeds on both sides, a one-sided Welch t-test of "run lower than
 *       expected" at alpha = 0.05 divided by the number of groups tested (Bonferroni, so a
 *       full-profile check has a 5% family-wise false-alarm rate, not 5% per group). With one
 *       seed there is no spread to test against, so only a drop of more than
 *       {@link #SINGLE_SEED_DROP} of the expected magnitude counts; it is a coarse net.
 * </ol>
 * Only lower returns regress; higher ones are reported as IMPROVED.
 */
public final class Comparison {
  public static final double FAMILY_ALPHA = 0.05;
  public static final double SINGLE_SEED_DROP = 0.25;

  public enum Status {
    SAME(false), WITHIN(false), IMPROVED(false), NEW(false),
    CHANGED(true), REGRESSED(true), CONFIG_CHANGED(true);

    final boolean fails;

    Status(boolean fails) {
      this.fails = fails;
    }

    public boolean fails() {
      return fails;
    }
  }

  public record GroupVerdict(String group, Status status, String detail) {}

  public record Result(List<GroupVerdict> verdicts) {
    public boolean failed() {
      return verdicts.stream().anyMatch(v -> v.status().fails());
    }

    /** One line per group, failures first: the readable diff the harness prints. */
    public String render() {
      StringBuilder sb = new StringBuilder();
      List<GroupVerdict> sorted = new ArrayList<>(verdicts);
      sorted.sort((a, b) -> Boolean.compare(b.status().fails(), a.status().fails()));
      for (GroupVerdict v : sorted) {
        sb.append(String.format(Locale.ROOT, "%-14s %-40s %s%n", v.status(), v.group(), v.detail()));
      }
      long bad = verdicts.stream().filter(v -> v.status().fails()).count();
      sb.append(bad == 0 ? "comparison: all " + verdicts.size() + " groups match the expected results\n"
          : "comparison: " + bad + " of " + verdicts.size() + " groups differ from the expected results\n");
      return sb.toString();
    }
  }

  private Comparison() {}

  public static Result compare(List<CellRecord> run, List<CellRecord> expected) {
    Map<String, List<CellRecord>> runGroups = byGroup(run);
    Map<String, List<CellRecord>> expGroups = byGroup(expected);
    // Bonferroni over the groups that go to the statistical test.
    int tested = 0;
    for (Map.Entry<String, List<CellRecord>> e : runGroups.entrySet()) {
      List<CellRecord> exp = expGroups.get(e.getKey());
      if (exp != null && mode(e.getValue(), exp) == Mode.STATISTICAL) tested++;
    }
    double alpha = FAMILY_ALPHA / Math.max(1, tested);
    List<GroupVerdict> out = new ArrayList<>();
    for (Map.Entry<String, List<CellRecord>> e : runGroups.entrySet()) {
      List<CellRecord> ours = e.getValue();
      List<CellRecord> exp = expGroups.get(e.getKey());
      if (exp == null) {
        out.add(new GroupVerdict(e.getKey(), Status.NEW, "no expected results for this group ("
            + summary(ours) + "); add them with --rebaseline"));
        continue;
      }
      out.add(switch (mode(ours, exp)) {
        case EXACT -> exact(e.getKey(), ours, exp);
        case CONFIG_CHANGED -> new GroupVerdict(e.getKey(), Status.CONFIG_CHANGED,
            "config hash " + ours.get(0).configHash() + " vs expected " + exp.get(0).configHash()
                + ": the profile or method changed since the baseline; re-baseline with --rebaseline");
        case STATISTICAL -> statistical(e.getKey(), ours, exp, alpha);
      });
    }
    return new Result(out);
  }

  private enum Mode { EXACT, CONFIG_CHANGED, STATISTICAL }

  private static Mode mode(List<CellRecord> ours, List<CellRecord> exp) {
    String hash = ours.get(0).configHash();
    if (exp.stream().anyMatch(r -> !r.configHash().equals(hash))
        || ours.stream().anyMatch(r -> !r.configHash().equals(hash))) {
      return Mode.CONFIG_CHANGED;
    }
    for (CellRecord r : ours) {
      CellRecord twin = twin(exp, r);
      if (twin == null || !twin.provenance().platform().equals(r.provenance().platform())) {
        return Mode.STATISTICAL;
      }
    }
    return Mode.EXACT;
  }

  private static GroupVerdict exact(String group, List<CellRecord> ours, List<CellRecord> exp) {
    List<String> diffs = new ArrayList<>();
    for (CellRecord r : ours) {
      CellRecord twin = twin(exp, r);
      if (Double.compare(r.finalReturn(), twin.finalReturn()) != 0) {
        diffs.add(String.format(Locale.ROOT, "seed %d: expected %s, got %s", r.seed(),
            Double.toString(twin.finalReturn()), Double.toString(r.finalReturn())));
      }
    }
    if (diffs.isEmpty()) {
      return new GroupVerdict(group, Status.SAME, "bit-identical on " + ours.size() + " seed(s), same platform");
    }
    String stat = returns(ours).length >= 2 && returns(exp).length >= 2
        ? String.format(Locale.ROOT, "; Welch p(lower) = %.3g", Stats.welchLowerP(returns(ours), returns(exp)))
        : "";
    return new GroupVerdict(group, Status.CHANGED, "same config and platform but different numbers ("
        + String.join("; ", diffs) + stat + "); if intended, re-baseline with --rebaseline");
  }

  private static GroupVerdict statistical(String group, List<CellRecord> ours, List<CellRecord> exp,
      double alpha) {
    double[] a = returns(ours);
    double[] b = returns(exp);
    double ma = Stats.mean(a);
    double mb = Stats.mean(b);
    String numbers = "expected " + summary(exp) + ", got " + summary(ours);
    if (a.length >= 2 && b.length >= 2) {
      double p = Stats.welchLowerP(a, b);
      String test = String.format(Locale.ROOT, "Welch p(lower) = %.3g, alpha = %.3g", p, alpha);
      if (p < alpha) return new GroupVerdict(group, Status.REGRESSED, numbers + "; " + test);
      return new GroupVerdict(group, ma > mb ? Status.IMPROVED : Status.WITHIN, numbers + "; " + test);
    }
    double floor = mb - SINGLE_SEED_DROP * Math.abs(mb);
    String test = String.format(Locale.ROOT, "fewer than 2 seeds: band = expected - %.0f%% of |expected| = %.4g",
        100 * SINGLE_SEED_DROP, floor);
    if (ma < floor) return new GroupVerdict(group, Status.REGRESSED, numbers + "; " + test);
    return new GroupVerdict(group, ma > mb ? Status.IMPROVED : Status.WITHIN, numbers + "; " + test);
  }

  /** The expected row of the same cell: the same full id, preset and seed included. */
  private static CellRecord twin(List<CellRecord> rows, CellRecord cell) {
    for (CellRecord r : rows) {
      if (r.id().equals(cell.id())) return r;
    }
    return null;
  }

  static double[] returns(List<CellRecord> rows) {
    return rows.stream().mapToDouble(CellRecord::finalReturn).toArray();
  }

  static String summary(List<CellRecord> rows) {
    double[] xs = returns(rows);
    return String.format(Locale.ROOT, "%.4g ± %.2g (n=%d)", Stats.mean(xs), Stats.stderr(xs), xs.length);
  }

  static Map<String, List<CellRecord>> byGroup(List<CellRecord> rows) {
    Map<String, List<CellRecord>> m = new TreeMap<>();
    for (CellRecord r : rows) m.computeIfAbsent(r.groupId(), k -> new ArrayList<>()).add(r);
    return m;
  }
}
