package org.gposuite.reproduce.report.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.Experiment;
import org.gposuite.reproduce.plan.Plan;
import org.gposuite.reproduce.report.Results;

/**
 * The report's aggregate-score sections (issue 20), one per preset and table of the run, computed
 * and their performance profiles drawn before the report is written; {@link #section} hands the
 * report each one's Markdown, which the report prints after the table's claims.
 */
public final class Aggregates {
  /** A report without aggregates (no sections). */
  public static final Aggregates NONE = new Aggregates(Map.of());
  static final String HEADING = "### Aggregate scores across tasks";

  private final Map<String, String> sections;

  private Aggregates(Map<String, String> sections) {
    this.sections = sections;
  }

  /**
   * Computes every section of the plan and draws its performance profile into {@code plotsDir}
   * ({@code profile-<algorithm label>.png}). Without {@value RandomReturns#FILE} in
   * {@code expectedResults} each section says how to measure it.
   */
  public static Aggregates of(Path expectedResults, Plan plan, Results results, PaperData paper, Path plotsDir) throws IOException {
    Optional<RandomReturns> random = RandomReturns.load(expectedResults);
    Map<String, String> sections = new HashMap<>();
    for (String preset : plan.presets()) {
      for (Experiment e : plan.experiments()) {
        if (e != Experiment.TABLE_1 && e != Experiment.TABLE_2) continue;
        Algorithm algorithm = Plan.algorithmOf(e);
        if (random.isEmpty()) {
          sections.put(key(preset, algorithm), HEADING + "\n\nNo aggregate scores: expected-results/" + RandomReturns.FILE
              + " (the random policy's returns, the scores' 0) is missing; `experiment.RandomPolicyReturns` measures them.\n\n");
          continue;
        }
        TableAggregates t = TableAggregates.of(new Normalisation(algorithm, paper, random.get()), plan.profile().tasks(),
            (task, method) -> results.returns(preset, algorithm, task, method), StratifiedBootstrap.DEFAULT);
        String label = CellSpec.algorithmLabel(algorithm, preset);
        Optional<String> plot = t.isEmpty() ? Optional.empty() : Optional.of(ProfilePlot.draw(t,
            "Performance profile, " + label + ": normalised scores of all runs", plotsDir, "profile-" + label));
        sections.put(key(preset, algorithm), AggregateSection.render(t, HEADING, plot));
      }
    }
    return new Aggregates(Map.copyOf(sections));
  }

  /** The Markdown for this preset's table of {@code algorithm}, after a blank line; empty when there is none. */
  public String section(String preset, Algorithm algorithm) {
    String s = sections.get(key(preset, algorithm));
    return s == null ? "" : "\n" + s;
  }

  private static String key(String preset, Algorithm algorithm) {
    return preset + "/" + algorithm;
  }
}
