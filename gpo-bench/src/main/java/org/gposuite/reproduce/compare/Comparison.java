package org.gposuite.reproduce.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gposuite.reproduce.store.CellRecord;
import org.gposuite.reproduce.store.StoredCell;

/**
 * Compares a run's cells with the expected results of its profile, group by group (a group is
 * one algorithm/task/method under one preset, e.g. PPO-paper-calibrated/Ant/GPO; its seeds are
 * its samples). Groups and cells are matched by their full ids, so presets never mix, and a run
 * is compared seed by seed: its cells meet the expected rows of the same seeds only, so a run of
 * some seeds (--seeds 1) is judged against those seeds, never against the whole group's mean.
 * Run seeds without an expected row are listed and do not fail. The rule, per group:
 *
 * <ol>
 *   <li><b>Exact</b> when every compared seed has the same config hash and the same platform
 *       (MuJoCo, JDK, OS, CPU, libraries) as its expected row: cells are seeded and the engine
 *       is deterministic, so the final return must be the same double. Any difference is
 *       CHANGED: a numerics change, intended or not; the report shows the statistical verdict
 *       beside it so the author can judge it before re-baselining.
 *   <li><b>Config changed</b> when a compared seed's config hash differs from its expected
 *       row's: the baseline measures something else; re-baseline explicitly.
 *   <li><b>Statistical</b> otherwise (another machine or JDK, where floating-point results may
 *       drift), and always for a run the caller declares not bit-comparable (a run on DL4J's
 *       networks: {@link #compare(List, List, Optional, Optional)}; its cells come with their
 *       twins' config hashes on our networks). When the profile has a {@link Spread} file holding the group (smoke does), the
 *       run's seeds are tested against the group's many-seed reference by {@link Spread#verdict}:
 *       a lower-noise statistic (mean of the curve's second half), a family-wise threshold, and
 *       IMPROVED only beyond the same noise; the run's seeds need not be the reference's. Without
 *       one, with >= 2 compared seeds, a one-sided Welch t-test of "run lower than expected"
 *       at alpha = 0.05 divided by the number of groups tested (Bonferroni, so a full-profile
 *       check has a 5% family-wise false-alarm rate, not 5% per group). With one seed there is
 *       no spread to test against, so only a drop of more than {@link #SINGLE_SEED_DROP} of the
 *       expected magnitude counts; it is a coarse net.
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

  /** @param note said before the verdicts when not empty: e.g. that the run is not bit-comparable, and why */
  public record Result(List<GroupVerdict> verdicts, String note) {
    public Result(List<GroupVerdict> verdicts) {
      this(verdicts, "");
    }

    public boolean failed() {
      return verdicts.stream().anyMatch(v -> v.status().fails());
    }

    /** Groups judged against expected rows or the spread; a NEW group was not compared with anything. */
    public long compared() {
      return verdicts.stream().filter(v -> v.status() != Status.NEW).count();
    }

    /** One line per group, failures first: the readable diff the harness prints. */
    public String render() {
      StringBuilder sb = new StringBuilder();
      if (!note.isEmpty()) sb.append(note).append('\n');
      List<GroupVerdict> sorted = new ArrayList<>(verdicts);
      sorted.sort((a, b) -> Boolean.compare(b.status().fails(), a.status().fails()));
      for (GroupVerdict v : sorted) {
        sb.append(String.format(Locale.ROOT, "%-14s %-40s %s%n", v.status(), v.group(), v.detail()));
      }
      long bad = verdicts.stream().filter(v -> v.status().fails()).count();
      if (compared() == 0) {
        sb.append("comparison: no group was compared (" + verdicts.size() + " without expected results)\n");
      } else {
        sb.append(bad == 0 ? "comparison: all " + compared() + " groups match the expected results"
            + (compared() < verdicts.size() ? " (" + (verdicts.size() - compared()) + " new, not compared)" : "") + "\n"
            : "comparison: " + bad + " of " + verdicts.size() + " groups differ from the expected results\n");
      }
      return sb.toString();
    }
  }

  private Comparison() {}

  public static Result compare(List<CellRecord> run, List<CellRecord> expected) {
    return compare(run.stream().map(r -> new StoredCell(r, List.of(), List.of())).toList(), expected, Optional.empty());
  }

  /**
   * @param run the run's cells with their curves (the spread's statistic needs them)
   * @param spread the profile's many-seed reference for the statistical path, if it has one
   */
  public static Result compare(List<StoredCell> run, List<CellRecord> expected, Optional<Spread> spread) {
    return compare(run, expected, spread, Optional.empty());
  }

  /**
   * @param notBitComparable why the run's cells cannot match the expected bits on any platform (e.g.
   *     they ran on DL4J's networks): every group then takes the statistical path, and the reason
   *     heads the result and stands in each verdict where "another platform" would
   */
  public static Result compare(List<StoredCell> run, List<CellRecord> expected, Optional<Spread> spread,
      Optional<String> notBitComparable) {
    boolean bitComparable = notBitComparable.isEmpty();
    String where = notBitComparable.orElse("another platform");
    Map<String, Double> statistic = new TreeMap<>();
    run.forEach(c -> statistic.put(c.record().id(), Spread.statistic(c.curve(), c.record().finalReturn())));
    Map<String, List<CellRecord>> expGroups = byGroup(expected);
    List<Pairs> groups = new ArrayList<>();
    for (Map.Entry<String, List<CellRecord>> e : byGroup(run.stream().map(StoredCell::record).toList()).entrySet()) {
      groups.add(Pairs.of(e.getKey(), e.getValue(), expGroups.getOrDefault(e.getKey(), List.of()), bitComparable));
    }
    // Bonferroni over the groups that go to a statistical test.
    long tested = groups.stream().filter(g -> bySpread(g, spread)
        || (!g.ours.isEmpty() && g.mode() == Mode.STATISTICAL)).count();
    double alpha = FAMILY_ALPHA / Math.max(1, tested);
    List<GroupVerdict> out = new ArrayList<>();
    for (Pairs g : groups) {
      Optional<Spread.Group> ref = spread.flatMap(sp -> sp.group(g.group));
      if (bySpread(g, spread)) {
        // the spread compares all of the run's seeds of the group, with or without a baseline row
        List<CellRecord> all = new ArrayList<>(g.ours);
        all.addAll(g.unmatched);
        out.add(spreadVerdict(g.group, all, ref.get(), statistic, Spread.FAMILY_ALPHA / Math.max(1, tested),
            g.ours.isEmpty() && bitComparable ? "seeds the exact baseline lacks" : where));
        continue;
      }
      if (g.ours.isEmpty()) {
        out.add(new GroupVerdict(g.group, Status.NEW, g.baselineSeeds.isEmpty()
            ? "no expected results for this group (" + summary(g.unmatched) + "); add them with --rebaseline"
            : "no expected rows for seed(s) " + seeds(g.unmatched) + " (the baseline has seed(s) "
                + String.join(", ", g.baselineSeeds) + "); add them with --rebaseline"));
        continue;
      }
      GroupVerdict v = switch (g.mode()) {
        case EXACT -> exact(g);
        case CONFIG_CHANGED -> configChanged(g);
        case STATISTICAL -> statistical(g, alpha, where);
      };
      out.add(new GroupVerdict(v.group(), v.status(), v.detail() + g.coverage()));
    }
    return new Result(out, notBitComparable.map(w -> "comparison: the run's cells ran on " + w
        + "; every group is judged statistically against the expected results, none bit for bit").orElse(""));
  }

  private enum Mode { EXACT, CONFIG_CHANGED, STATISTICAL }

  /**
   * Whether a group is judged against the spread file: it holds the group, and the run's seeds
   * are either on another platform than their expected rows, or have no expected rows at all
   * (seeds beyond the baseline's, e.g. a platform's stat_seeds): the spread is a reference for
   * any seeds, where the exact path has nothing to match.
   */
  private static boolean bySpread(Pairs g, Optional<Spread> spread) {
    if (spread.flatMap(sp -> sp.group(g.group)).isEmpty()) return false;
    return g.ours.isEmpty() ? !g.unmatched.isEmpty() : g.mode() == Mode.STATISTICAL;
  }

  /**
   * One group's run cells beside the expected rows of the same seeds ({@code ours.get(i)} and
   * {@code theirs.get(i)} are one seed), the run cells no expected row matches, and the seeds
   * the baseline holds for the group.
   */
  private record Pairs(String group, List<CellRecord> ours, List<CellRecord> theirs,
      List<CellRecord> unmatched, List<String> baselineSeeds, boolean bitComparable) {

    static Pairs of(String group, List<CellRecord> run, List<CellRecord> expected, boolean bitComparable) {
      Map<String, CellRecord> byId = new TreeMap<>();
      expected.forEach(r -> byId.put(r.id(), r));
      List<CellRecord> ours = new ArrayList<>();
      List<CellRecord> theirs = new ArrayList<>();
      List<CellRecord> unmatched = new ArrayList<>();
      for (CellRecord r : run) {
        CellRecord twin = byId.get(r.id());
        if (twin == null) {
          unmatched.add(r);
        } else {
          ours.add(r);
          theirs.add(twin);
        }
      }
      List<String> baselineSeeds = expected.stream().sorted(Comparator.comparingInt(CellRecord::seed))
          .map(r -> Integer.toString(r.seed())).toList();
      return new Pairs(group, ours, theirs, unmatched, baselineSeeds, bitComparable);
    }

    Mode mode() {
      for (int i = 0; i < ours.size(); i++) {
        if (!ours.get(i).configHash().equals(theirs.get(i).configHash())) return Mode.CONFIG_CHANGED;
      }
      if (!bitComparable) return Mode.STATISTICAL;
      for (int i = 0; i < ours.size(); i++) {
        if (!ours.get(i).provenance().platform().equals(theirs.get(i).provenance().platform())) {
          return Mode.STATISTICAL;
        }
      }
      return Mode.EXACT;
    }

    /** What was compared, when it is not simply the same seeds on both sides. */
    String coverage() {
      String s = "";
      if (ours.size() < baselineSeeds.size()) {
        s += "; compared on seed(s) " + seeds(ours) + " of the baseline's " + String.join(", ", baselineSeeds);
      }
      if (!unmatched.isEmpty()) s += "; seed(s) " + seeds(unmatched) + " not in the baseline";
      return s;
    }
  }

  private static GroupVerdict exact(Pairs g) {
    List<String> diffs = new ArrayList<>();
    for (int i = 0; i < g.ours.size(); i++) {
      CellRecord r = g.ours.get(i);
      CellRecord twin = g.theirs.get(i);
      if (Double.compare(r.finalReturn(), twin.finalReturn()) != 0) {
        diffs.add(String.format(Locale.ROOT, "seed %d: expected %s, got %s", r.seed(),
            Double.toString(twin.finalReturn()), Double.toString(r.finalReturn())));
      }
    }
    if (diffs.isEmpty()) {
      return new GroupVerdict(g.group, Status.SAME, "bit-identical on " + g.ours.size() + " seed(s), same platform");
    }
    String stat = g.ours.size() >= 2
        ? String.format(Locale.ROOT, "; Welch p(lower) = %.3g", Stats.welchLowerP(returns(g.ours), returns(g.theirs)))
        : "";
    return new GroupVerdict(g.group, Status.CHANGED, "same config and platform but different numbers ("
        + String.join("; ", diffs) + stat + "); if intended, re-baseline with --rebaseline");
  }

  /** The statistical path against the profile's spread file (see {@link Spread}). */
  static GroupVerdict spreadVerdict(String group, List<CellRecord> run, Spread.Group ref, Map<String, Double> statistic,
      double alpha, String where) {
    for (CellRecord r : run) {
      if (!r.configHash().equals(ref.configHash())) {
        return new GroupVerdict(group, Status.CONFIG_CHANGED, "config hash " + r.configHash() + " vs " + ref.configHash()
            + " in " + Spread.FILE + " (seed " + r.seed() + "): the spread was measured on another config; re-create it"
            + " (see the file's comment)");
      }
    }
    double[] xs = run.stream().mapToDouble(r -> statistic.get(r.id())).toArray();
    Spread.Verdict v = Spread.verdict(xs, ref.values(), alpha);
    double c = v.threshold();
    double change = v.runMean() - ref.mean();
    String detail = String.format(Locale.ROOT, "curve's second half: expected %.4g (sd %.2g over %d seeds of %s), got %.4g"
        + " (n=%d, seeds %s) on %s: %+.3g, %.0f%% of a 25%% drop (%.3g); t = %.2f, threshold ±%.2f"
        + " (a 25%% drop is caught with probability %.2f at these seeds)",
        ref.mean(), ref.sd(), ref.n(), Spread.FILE, v.runMean(), xs.length, seeds(run), where, change,
        100 * -change / ref.drop(), ref.drop(), v.z(), c, Spread.power(ref, xs.length, alpha));
    return new GroupVerdict(group, v.status(), detail);
  }

  private static GroupVerdict configChanged(Pairs g) {
    for (int i = 0; i < g.ours.size(); i++) {
      CellRecord r = g.ours.get(i);
      CellRecord twin = g.theirs.get(i);
      if (!r.configHash().equals(twin.configHash())) {
        return new GroupVerdict(g.group, Status.CONFIG_CHANGED, "config hash " + r.configHash() + " vs expected "
            + twin.configHash() + " (seed " + r.seed() + "): the profile, settings or method changed since the"
            + " baseline; re-baseline with --rebaseline");
      }
    }
    throw new IllegalStateException("no changed config in " + g.group);
  }

  private static GroupVerdict statistical(Pairs g, double alpha, String where) {
    double[] a = returns(g.ours);
    double[] b = returns(g.theirs);
    double ma = Stats.mean(a);
    double mb = Stats.mean(b);
    String numbers = "expected " + summary(g.theirs) + ", got " + summary(g.ours) + " on " + where;
    if (a.length >= 2) {
      double p = Stats.welchLowerP(a, b);
      String test = String.format(Locale.ROOT, "Welch p(lower) = %.3g, alpha = %.3g", p, alpha);
      if (p < alpha) return new GroupVerdict(g.group, Status.REGRESSED, numbers + "; " + test);
      return new GroupVerdict(g.group, ma > mb ? Status.IMPROVED : Status.WITHIN, numbers + "; " + test);
    }
    double floor = mb - SINGLE_SEED_DROP * Math.abs(mb);
    String test = String.format(Locale.ROOT, "one seed: band = expected - %.0f%% of |expected| = %.4g",
        100 * SINGLE_SEED_DROP, floor);
    if (ma < floor) return new GroupVerdict(g.group, Status.REGRESSED, numbers + "; " + test);
    return new GroupVerdict(g.group, ma > mb ? Status.IMPROVED : Status.WITHIN, numbers + "; " + test);
  }

  private static String seeds(List<CellRecord> rows) {
    return String.join(", ", rows.stream().map(r -> Integer.toString(r.seed())).toList());
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
