package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.pg.Evaluation;
import org.gposuite.reproduce.store.FinalPolicies;

/** Writes the final evaluation of every policy a cell ends with into its {@code final-policies.csv}. */
final class FinalEvaluations {
  private FinalEvaluations() {}

  static void write(Path cellDir, Evaluation.Best best) throws IOException {
    if (best == null) return; // no final evaluation configured: nothing to show
    List<FinalPolicies.Policy> rows = new ArrayList<>();
    for (int i = 0; i < best.candidates().size(); i++) {
      Evaluation.Result r = best.candidates().get(i);
      rows.add(new FinalPolicies.Policy(i, r.mean(), r.standardError(), i == best.index()));
    }
    FinalPolicies.write(cellDir, rows);
  }
}
