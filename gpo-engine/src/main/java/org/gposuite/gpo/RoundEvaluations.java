package org.gposuite.gpo;

import java.util.List;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;

/**
 * Diagnostics, not part of GPO: a round's mutated parents, state-space children and (when
 * {@link DiagnosticsSection#parameterCrossover}) parameter-space children scored by the Evaluation protocol,
 * each from seeds of its own so no draw of the algorithm moves. Entries are null when
 * {@link DiagnosticsSection#evalEpisodes} is 0.
 *
 * @param parents by population slot; {@code children}, {@code parameterChildren} by couple
 */
record RoundEvaluations(Evaluation.Result[] parents, Evaluation.Result[] children, Evaluation.Result[] parameterChildren) {

  /** The round's evaluations under {@code d}: {@code ctx}'s (mutated) population and the round's {@code children}. */
  static RoundEvaluations of(DiagnosticsSection d, RoundContext ctx, List<Crossover.Child> children) {
    List<Member> parents = ctx.population();
    Parallel par = ctx.parallel();
    EnvFactory envs = ctx.envs();
    int m = parents.size(), episodes = d.evalEpisodes();
    RoundEvaluations e = new RoundEvaluations(new Evaluation.Result[m], new Evaluation.Result[m], new Evaluation.Result[m]);
    if (episodes == 0) return e;
    List<Evaluation.Result> pe = par.map(m, i -> Evaluation.evaluate(parents.get(i).policy(), envs, episodes, ctx.seed(i, Seeds.Purpose.EVAL_PARENT)));
    List<Evaluation.Result> ce = par.map(m, c -> Evaluation.evaluate(children.get(c).member().policy(), envs, episodes,
        ctx.seed(c, Seeds.Purpose.EVAL_CHILD)));
    for (int i = 0; i < m; i++) { e.parents[i] = pe.get(i); e.children[i] = ce.get(i); }
    if (d.parameterCrossover()) {
      List<Evaluation.Result> qe = par.map(m, c -> Evaluation.evaluate(children.get(c).parameterChild().policy(), envs, episodes,
          ctx.seed(c, Seeds.Purpose.EVAL_PARAM_CHILD)));
      for (int i = 0; i < m; i++) e.parameterChildren[i] = qe.get(i);
    }
    return e;
  }

  static double mean(Evaluation.Result r) {
    return r == null ? Double.NaN : r.mean();
  }
}
