package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.CellSelection;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.store.CellRecord;

/**
 * Which cells to run next for the paper's claims that 3 seeds leave open (issue 20's rule): a claim
 * of the paper's (GPO clearly above Single or Joint in its own table, {@link Claims#gpoClaimedAbove}) whose
 * test under the suite's GPO is neither holds nor contradicted once both sides have at least
 * {@value #FIRST_SEEDS} seeds, with Holm's correction over its verdict column's claims as FINDINGS
 * gives it ({@link #decidedAtThree}), gets one side raised to {@value #ENOUGH_SEEDS} seeds. The issue says
 * the cheaper side; we take the side whose new seeds shrink the test's standard error most per minute
 * of compute (its variance term s^2/n down to s^2/8, over its cells' mean wall-clock time), which is
 * the cheaper side when the two spread alike and the noisier one when it spreads far more (GPO on
 * HalfCheetah-hilly: se 207 against Single's 43). A side already at {@value #ENOUGH_SEEDS} leaves the
 * other. Whether a claim is open is judged on each side's first {@value #FIRST_SEEDS} seeds, and a side
 * raised goes on to {@value #ENOUGH_SEEDS} even when its seeds so far already decide the test: stopping
 * at the first significant seed would bias the verdict. Once it has them, the claim leaves the queue if
 * FINDINGS' verdict decides it (Holm's correction over its column, every seed so far); a claim decided
 * at 5% alone but not under the correction gets its other side raised too (A2C's Swimmer claims: GPO at
 * 8 seeds, p = 0.019 and 0.0098 against Holm's 0.0083). The section says the command that runs them, so
 * the rule turns into a queue without arithmetic.
 */
final class UndecidedClaims {
  static final int FIRST_SEEDS = 3, ENOUGH_SEEDS = 8;

  private UndecidedClaims() {}

  /** One open claim and the cells that would raise the side chosen to decide it. */
  record Next(Algorithm algorithm, String preset, String task, String other, String method, int fromSeed, int toSeed,
              double minutesPerCell) {
    String command() {
      return "./reproduce --profile paper " + options();
    }

    /** The reproduce options that select these cells. */
    String options() {
      return "--tables " + (algorithm == Algorithm.PPO ? "1 --presets " + preset : "2")
          + " --methods " + method + " --tasks " + task + " --seeds " + (fromSeed == toSeed ? String.valueOf(fromSeed) : fromSeed + "-" + toSeed);
    }

    /** The same cells as a selection of the paper profile. */
    CellSelection selection() {
      return new CellSelection(Set.of(algorithm == Algorithm.PPO ? Experiment.TABLE_1 : Experiment.TABLE_2), Set.of(task),
          Set.of(method), Optional.of(IntStream.rangeClosed(fromSeed, toSeed).boxed().toList()), Optional.of(List.of(preset)),
          new TreeMap<>());
    }
  }

  /**
   * A claim open at the first {@value #FIRST_SEEDS} seeds a side and where the rule has taken it: the seeds
   * each side has now, the verdict over all of them, and the cells still to run (none once the raised side
   * has {@value #ENOUGH_SEEDS}, whatever the verdict).
   */
  record OpenAtThree(Algorithm algorithm, String preset, String task, String other, int gpoSeeds, int otherSeeds,
                     String verdict, Optional<Next> next) {}

  /** The cells to run next for the open claims of every algorithm and preset, in the verdict tables' order. */
  static List<Next> find(List<CellRecord> rows, PaperData paper) {
    return openAtThree(rows, paper).stream().flatMap(o -> o.next().stream()).toList();
  }

  /** Every claim 3 seeds a side leave open, with or without cells left to run, in the verdict tables' order. */
  static List<OpenAtThree> openAtThree(List<CellRecord> rows, PaperData paper) {
    List<OpenAtThree> out = new ArrayList<>();
    for (Algorithm algorithm : Algorithm.values())
      for (String preset : Findings.PRESETS) {
        Set<String> decidedAtThree = decidedUnderHolm(rows, paper, algorithm, preset, FIRST_SEEDS);
        Set<String> decidedNow = decidedUnderHolm(rows, paper, algorithm, preset, Integer.MAX_VALUE);
        for (String other : List.of("Single", "Joint"))
          for (String task : Catalogue.TASKS) {
            if (!isClaim(paper, algorithm, task, other)) continue;
            List<CellRecord> gpo = Findings.seeds(rows, algorithm, preset, task, "GPO"), theirs = Findings.seeds(rows, algorithm, preset, task, other);
            if (gpo.size() < FIRST_SEEDS || theirs.size() < FIRST_SEEDS) continue;
            double[] a = Findings.returns(gpo), b = Findings.returns(theirs);
            if (decidedAtThree.contains(other + " " + task)) continue;
            List<List<CellRecord>> sides = List.of(gpo, theirs);
            int best = -1;
            // a side already on its way to 8 goes on to 8, whatever its seeds so far say: stopping at the
            // first seed that makes the test significant would bias the verdict (optional stopping)
            for (int s = 0; s < 2; s++) if (sides.get(s).size() > FIRST_SEEDS && sides.get(s).size() < ENOUGH_SEEDS) best = s;
            // both sides at their first seeds: open, as decided above; else the side at 8 may have decided
            // it, as FINDINGS judges it (under Holm's correction at every seed so far)
            boolean atFirstSeeds = gpo.size() == FIRST_SEEDS && theirs.size() == FIRST_SEEDS;
            if (best < 0 && (atFirstSeeds || !decidedNow.contains(other + " " + task))) {
              for (int s = 0; s < 2; s++)
                if (sides.get(s).size() < ENOUGH_SEEDS && (best < 0 || gainPerMinute(sides.get(s)) > gainPerMinute(sides.get(best)))) best = s;
            }
            Optional<Next> next = Optional.empty(); // none left: decided by a raised side, or 8 seeds a side and still open
            if (best >= 0) {
              List<CellRecord> side = sides.get(best);
              int from = side.get(side.size() - 1).seed() + 1;
              next = Optional.of(new Next(algorithm, preset, task, other, best == 0 ? "GPO" : other, from,
                  from + ENOUGH_SEEDS - side.size() - 1, minutes(side)));
            }
            out.add(new OpenAtThree(algorithm, preset, task, other, gpo.size(), theirs.size(), Claims.verdict(a, b), next));
          }
      }
    return out;
  }

  /** A claim of the paper's: GPO clearly above {@code other} on {@code task} in its own table. */
  private static boolean isClaim(PaperData paper, Algorithm algorithm, String task, String other) {
    Optional<PaperData.MeanSe> g = paper.table(algorithm, task, "GPO"), o = paper.table(algorithm, task, other);
    return g.isPresent() && o.isPresent() && Claims.gpoClaimedAbove(g.get(), o.get());
  }

  /**
   * The claims of one verdict column ("other task") that each side's first {@code seeds} seeds decide
   * under Holm's correction over the column's claims with {@value #FIRST_SEEDS} seeds a side
   * ({@link Claims#holm}), as FINDINGS corrects the verdicts: a claim decided at 5% alone but not under
   * the correction is open, and the rule raises it like any other. Whether a claim is open at all is
   * judged at {@value #FIRST_SEEDS} seeds, a family that does not move as a raised side's seeds land;
   * whether a raised claim is now decided, at every seed so far, as FINDINGS gives the verdict.
   */
  private static Set<String> decidedUnderHolm(List<CellRecord> rows, PaperData paper, Algorithm algorithm, String preset, int seeds) {
    List<String> claims = new ArrayList<>();
    List<Double> p = new ArrayList<>();
    for (String other : List.of("Single", "Joint"))
      for (String task : Catalogue.TASKS) {
        if (!isClaim(paper, algorithm, task, other)) continue;
        List<CellRecord> gpo = Findings.seeds(rows, algorithm, preset, task, "GPO"), theirs = Findings.seeds(rows, algorithm, preset, task, other);
        if (gpo.size() < FIRST_SEEDS || theirs.size() < FIRST_SEEDS) continue;
        claims.add(other + " " + task);
        p.add(Claims.openP(Findings.returns(gpo.subList(0, Math.min(seeds, gpo.size()))),
            Findings.returns(theirs.subList(0, Math.min(seeds, theirs.size())))));
      }
    boolean[] decided = Claims.holm(p.stream().mapToDouble(Double::doubleValue).toArray(), Claims.ALPHA);
    Set<String> out = new java.util.HashSet<>();
    for (int i = 0; i < decided.length; i++) if (decided[i]) out.add(claims.get(i));
    return out;
  }

  /** The section for FINDINGS.md: empty when no claim was open at 3 seeds a side. */
  static String section(List<CellRecord> rows, PaperData paper) {
    List<OpenAtThree> open = openAtThree(rows, paper);
    if (open.isEmpty()) return "";
    StringBuilder sb = new StringBuilder("\n### Claims 3 seeds leave open\n\nA claim of the paper's whose test is neither holds nor"
        + " contradicted once both sides have " + FIRST_SEEDS + " seeds, with Holm's correction over its verdict column's claims at"
        + " their first " + FIRST_SEEDS + " seeds (a claim decided at 5% alone but not under the correction is open): the side whose new seeds shrink the test's standard error"
        + " most per minute (its seeds' variance times 1/n - 1/" + ENOUGH_SEEDS + ", over the minutes its new cells take;"
        + " the cheaper side when both spread alike) is raised to " + ENOUGH_SEEDS + " seeds by the command beside it. A side"
        + " on its way to " + ENOUGH_SEEDS + " goes on to " + ENOUGH_SEEDS + " even when its seeds so far decide the test:"
        + " stopping at the first significant seed would bias the verdict. Then a claim the verdict (under the correction,"
        + " every seed so far) still leaves open gets its other side raised too. The verdict is over every seed so far; a claim"
        + " stays listed once its seeds are in, with the verdict they give.\n\n"
        + "| Claim | preset | seeds GPO / other | verdict, every seed | side to raise | cells | command |\n"
        + "|---|---|---|---|---|---|---|\n");
    for (OpenAtThree o : open) {
      sb.append(String.format(Locale.ROOT, "| %s: GPO > %s on %s | `%s` | %d / %d | %s | ", o.algorithm(), o.other(), o.task(),
          o.preset(), o.gpoSeeds(), o.otherSeeds(), o.verdict()));
      if (o.next().isPresent()) {
        Next n = o.next().get();
        sb.append(String.format(Locale.ROOT, "%s, %.0f min a cell | %d | `%s` |%n", n.method(), n.minutesPerCell(),
            n.toSeed() - n.fromSeed() + 1, n.command()));
      } else {
        sb.append(Math.min(o.gpoSeeds(), o.otherSeeds()) >= ENOUGH_SEEDS ? "none: " + ENOUGH_SEEDS + " seeds a side"
            : "none: decided under the correction with the raised side's " + ENOUGH_SEEDS + " seeds").append(" | 0 | |\n");
      }
    }
    return sb.toString();
  }

  /**
   * How much raising a side to {@value #ENOUGH_SEEDS} seeds shrinks its share of the Welch test's squared
   * standard error, s^2 (1/n - 1/8), per minute of the cells it takes.
   */
  static double gainPerMinute(List<CellRecord> side) {
    int n = side.size();
    double gain = Stats.variance(Findings.returns(side)) * (1.0 / n - 1.0 / ENOUGH_SEEDS);
    return gain / ((ENOUGH_SEEDS - n) * Math.max(minutes(side), 1e-9));
  }

  private static double minutes(List<CellRecord> cells) {
    return cells.stream().mapToDouble(c -> c.wallClock().totalSeconds()).average().orElse(0) / 60;
  }
}
