package org.gposuite.reproduce.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.report.aggregate.Estimate;
import org.gposuite.reproduce.report.aggregate.StratifiedBootstrap;

/**
 * Fig. 5's scores and claims with 95% intervals. A variant's score is the paper's: its mean final return
 * over GPO's, per task, averaged over the figure's tasks (GPO = 1). The interval is a stratified
 * bootstrap ({@link StratifiedBootstrap}): each repetition redraws every variant's seeds on every
 * task from that variant's own seeds on that task, and recomputes every score from them; differences
 * are taken within a repetition, so they are paired, and GPO's own seeds move the others' scores.
 *
 * <p>The paper's text makes four claims (Sec. 4.4): each component alone (Base+C, Base+S, Base+M)
 * improves on Single; data sharing (M) helps most (Base+M above Base+C and Base+S); two components
 * generally beat either constituent alone (read: at least 2 of the 3 pairs above both of theirs);
 * GPO, all three, is best. A comparison "X above Y" holds when the interval of score(X) - score(Y)
 * lies above 0, is contradicted when it lies below, and is open otherwise; a claim holds when each of
 * its comparisons holds, is contradicted when one is, and is open otherwise ("generally": when 2 of
 * 3 pairs hold, or 2 are contradicted). A comparison is judged only when both its variants have at
 * least {@value #MIN_SEEDS} seeds on every task: with one seed the bootstrap redraws that seed alone,
 * so the interval leaves out the task's spread between seeds and is too narrow to decide anything; such
 * a comparison is open, and its text says which variant lacks the seeds where.
 *
 * @param returns final returns per variant, then per task (the figure's), one per seed
 */
record AblationVerdicts(Map<String, Map<String, double[]>> returns, List<String> tasks, StratifiedBootstrap bootstrap) {
  /** The verdict words, as the tables print them. */
  static final String HOLDS = "**holds**", CONTRADICTED = "**contradicted**", OPEN = "open";
  /** Seeds each variant of a comparison needs on every task before its interval decides it. */
  static final int MIN_SEEDS = 2;

  /** Every Fig. 5 variant's returns on {@code tasks} ({@code returns}: task, variant to its seeds' final returns), the default bootstrap. */
  static AblationVerdicts of(List<String> tasks, BiFunction<String, String, double[]> returns) {
    Map<String, Map<String, double[]>> byVariant = new LinkedHashMap<>();
    for (String m : Catalogue.ABLATION_METHODS) {
      Map<String, double[]> byTask = new LinkedHashMap<>();
      for (String t : tasks) byTask.put(t, returns.apply(t, m));
      byVariant.put(m, byTask);
    }
    return new AblationVerdicts(byVariant, tasks, StratifiedBootstrap.DEFAULT);
  }

  /** Whether every variant has a seed on every task: the scores (and claims) need all of them. */
  boolean complete() {
    return Catalogue.ABLATION_METHODS.stream().allMatch(m -> tasks.stream().allMatch(t -> seeds(m, t).length > 0));
  }

  /** The variants whose score can be computed (a seed on every task, GPO's included). */
  List<String> scored() {
    if (tasks.stream().anyMatch(t -> seeds("GPO", t).length == 0)) return List.of();
    return Catalogue.ABLATION_METHODS.stream().filter(m -> tasks.stream().allMatch(t -> seeds(m, t).length > 0)).toList();
  }

  /** A variant's score with its interval. */
  Estimate score(String variant) {
    return bootstrap.estimate(score(variant, returns), rng -> score(variant, resample(rng)));
  }

  /** The scores without intervals, of the variants {@link #scored} (the Fig. 5 plot's bars). */
  Map<String, Double> pointScores() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String m : scored()) out.put(m, score(m, returns));
    return out;
  }

  /** The bars the table gives: every task's once complete, else those of the tasks every variant has reached. */
  AblationBars bars() {
    AblationVerdicts judged = judgedSoFar();
    return new AblationBars(judged.tasks(), judged.pointScores());
  }

  /** This figure once complete (or with no task ready), else the same returns on the tasks every variant has reached. */
  private AblationVerdicts judgedSoFar() {
    List<String> ready = readyTasks();
    return complete() || ready.isEmpty() ? this : new AblationVerdicts(returns, ready, bootstrap);
  }

  /** score(x) - score(y) with its interval. */
  Estimate difference(String x, String y) {
    return bootstrap.estimate(score(x, returns) - score(y, returns), rng -> {
      Map<String, Map<String, double[]>> r = resample(rng);
      return score(x, r) - score(y, r);
    });
  }

  /** One claim: its text, its verdict word and its comparisons, each "X above Y" with the interval of the difference. */
  record Claim(String text, String verdict, List<String> comparisons) {}

  /** The paper's four claims, judged (needs {@link #complete}). */
  List<Claim> claims() {
    List<Claim> out = new ArrayList<>();
    out.add(all("Each component alone improves on Single", List.of(pair("Base+C", "Single"), pair("Base+S", "Single"), pair("Base+M", "Single"))));
    out.add(all("Data sharing (M) is the most useful single component", List.of(pair("Base+M", "Base+C"), pair("Base+M", "Base+S"))));
    List<List<String[]>> pairs = List.of(
        List.of(pair("Base+C+S", "Base+C"), pair("Base+C+S", "Base+S")),
        List.of(pair("Base+M+S", "Base+M"), pair("Base+M+S", "Base+S")),
        List.of(pair("Base+M+C", "Base+M"), pair("Base+M+C", "Base+C")));
    int held = 0, contradicted = 0;
    List<String> shown = new ArrayList<>();
    for (List<String[]> p : pairs) {
      String v = verdict(p, shown);
      if (v.equals(HOLDS)) held++;
      if (v.equals(CONTRADICTED)) contradicted++;
    }
    out.add(new Claim("Two components generally beat either constituent alone (2 of 3 pairs)",
        held >= 2 ? HOLDS : contradicted >= 2 ? CONTRADICTED : OPEN, shown));
    List<String[]> gpoBest = Catalogue.ABLATION_METHODS.stream().filter(m -> !m.equals("GPO")).map(m -> pair("GPO", m)).toList();
    out.add(all("GPO (all three) is the best variant", gpoBest));
    return out;
  }

  /** The figure's tasks on which every variant has a seed: those the scores and claims can be judged on so far. */
  List<String> readyTasks() {
    return tasks.stream().filter(t -> Catalogue.ABLATION_METHODS.stream().allMatch(m -> seeds(m, t).length > 0)).toList();
  }

  /**
   * The scores beside the paper's ({@code paper}: variant to its normalised score), each variant's
   * seeds per task, then the claims once every variant has run on every task. While some tasks have
   * every variant and others not, the scores and claims are those of the tasks that have, said as such:
   * the figure's tasks land one after the other, and the first one's verdicts need not wait for the last.
   */
  String render(Map<String, Double> paper) {
    AblationVerdicts judged = judgedSoFar();
    if (judged != this) {
      List<String> ready = judged.tasks();
      List<String> waiting = tasks.stream().filter(t -> !ready.contains(t)).toList();
      return "Every variant has a seed on " + String.join(", ", ready) + " but not yet on " + String.join(", ", waiting)
          + ", so the scores and claims below are " + String.join(", ", ready) + "'s alone; the paper's scores average over "
          + String.join(", ", tasks) + ". Seeds on " + String.join(", ", waiting) + " so far: " + seedCounts(waiting) + ".\n\n"
          + judged.render(paper);
    }
    StringBuilder sb = new StringBuilder("| Variant | Ours: score [95% interval] | Seeds (" + String.join(", ", tasks) + ") | Paper |\n|---|---|---|---|\n");
    List<String> scored = scored();
    for (String m : Catalogue.ABLATION_METHODS) {
      String ours = "—";
      if (scored.contains(m)) {
        Estimate e = score(m);
        ours = e.hasSpread() ? String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", e.point(), e.low(), e.high())
            : String.format(Locale.ROOT, "%.2f", e.point());
      }
      sb.append("| ").append(m).append(" | ").append(ours).append(" | ")
          .append(String.join(", ", tasks.stream().map(t -> String.valueOf(seeds(m, t).length)).toList())).append(" | ")
          .append(paper.containsKey(m) ? String.format(Locale.ROOT, "%.2f", paper.get(m)) : "—").append(" |\n");
    }
    if (!complete()) return sb.append("\nNot every variant has a seed on every task, so the paper's claims are not judged yet.\n").toString();
    sb.append("\n| Claim (the paper's text, Sec. 4.4) | Verdict | Comparisons: difference of scores [95% interval] |\n|---|---|---|\n");
    for (Claim c : claims()) sb.append("| ").append(c.text()).append(" | ").append(c.verdict()).append(" | ").append(String.join("; ", c.comparisons())).append(" |\n");
    return sb.toString();
  }

  /** Each variant's seeds on {@code someTasks}: "Single 3, Base+C 0, ..." (several tasks: "3/0"). */
  private String seedCounts(List<String> someTasks) {
    List<String> out = new ArrayList<>();
    for (String m : Catalogue.ABLATION_METHODS)
      out.add(m + " " + String.join("/", someTasks.stream().map(t -> String.valueOf(seeds(m, t).length)).toList()));
    return String.join(", ", out);
  }

  private static String[] pair(String x, String y) {
    return new String[] {x, y};
  }

  private Claim all(String text, List<String[]> comparisons) {
    List<String> shown = new ArrayList<>();
    return new Claim(text, verdict(comparisons, shown), shown);
  }

  /**
   * Holds when every comparison holds, contradicted when one is; appends each comparison's text to
   * {@code shown}. A comparison with too few seeds ({@link #tooFewSeeds}) is open whatever its interval.
   */
  private String verdict(List<String[]> comparisons, List<String> shown) {
    boolean allHold = true, anyContradicted = false;
    for (String[] c : comparisons) {
      Estimate d = difference(c[0], c[1]);
      List<String> few = tooFewSeeds(c[0], c[1]);
      String v = !few.isEmpty() ? OPEN : d.low() > 0 ? HOLDS : d.high() < 0 ? CONTRADICTED : OPEN;
      allHold &= v.equals(HOLDS);
      anyContradicted |= v.equals(CONTRADICTED);
      String text = String.format(Locale.ROOT, "%s - %s = %+.2f [%+.2f, %+.2f]", c[0], c[1], d.point(), d.low(), d.high());
      shown.add(few.isEmpty() ? text : text + " (not judged: " + String.join(", ", few) + ")");
    }
    return allHold ? HOLDS : anyContradicted ? CONTRADICTED : OPEN;
  }

  /** Where {@code x} or {@code y} has fewer than {@value #MIN_SEEDS} seeds on a task: "1 seed of Base+M on Ant", in the tasks' order. */
  private List<String> tooFewSeeds(String x, String y) {
    List<String> out = new ArrayList<>();
    for (String t : tasks)
      for (String m : List.of(x, y)) {
        int n = seeds(m, t).length;
        if (n < MIN_SEEDS) out.add(n + (n == 1 ? " seed of " : " seeds of ") + m + " on " + t);
      }
    return out;
  }

  private double[] seeds(String variant, String task) {
    return returns.getOrDefault(variant, Map.of()).getOrDefault(task, new double[0]);
  }

  /** The paper's normalisation: mean over the tasks of the variant's mean return over GPO's. */
  private double score(String variant, Map<String, Map<String, double[]>> r) {
    double sum = 0;
    for (String task : tasks) sum += Stats.mean(r.get(variant).get(task)) / Stats.mean(r.get("GPO").get(task));
    return sum / tasks.size();
  }

  /** One bootstrap sample: each variant's seeds on each task redrawn from its own, in a fixed order. */
  private Map<String, Map<String, double[]>> resample(SplittableRandom rng) {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    for (String m : Catalogue.ABLATION_METHODS) {
      Map<String, double[]> byTask = new LinkedHashMap<>();
      for (String t : tasks) {
        double[] runs = seeds(m, t);
        double[] drawn = new double[runs.length];
        for (int i = 0; i < drawn.length; i++) drawn[i] = runs[rng.nextInt(runs.length)];
        byTask.put(t, drawn);
      }
      out.put(m, byTask);
    }
    return out;
  }
}
