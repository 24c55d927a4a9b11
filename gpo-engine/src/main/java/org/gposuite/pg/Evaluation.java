package org.gposuite.pg;

import java.util.List;
import java.util.random.RandomGenerator;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.random.SplitMix64;

/**
 * The one protocol for "final performance", used by every method (Single, Joint, GPO):
 * the mean undiscounted return of {@code episodes} complete episodes (each at most the task
 * horizon) of the policy acting stochastically, as during training, on fresh copies of the task.
 * Each copy contributes exactly its first episode, so short episodes are not over-represented
 * (a {@link Rollout} until the first episodes end).
 *
 * <p>When a method ends with several policies ("the best at the end is reported"), {@link #bestOf}
 * picks the best by one evaluation and reports a second, independent evaluation of it, so the
 * reported number is not biased upward by the selection.
 */
public final class Evaluation {
  private Evaluation() {}

  /** Default number of evaluation episodes (ours; standard error is reported beside the mean). */
  public static final int DEFAULT_EPISODES = 10;

  /** @param steps environment steps the evaluation took (every copy steps until the last episode ends) */
  public record Result(double mean, double standardError, double[] returns, long steps) {}

  /**
   * @param index the chosen policy
   * @param selection its selection evaluation
   * @param report its fresh evaluation, the reported number
   * @param candidates every policy's selection evaluation, in the given order (Fig. 6: the whole final
   *     population, at no extra cost)
   */
  public record Best(int index, Result selection, Result report, List<Result> candidates) {
    public Best {
      candidates = List.copyOf(candidates);
    }
  }

  public static Result evaluate(GaussianPolicy pi, EnvFactory factory, int episodes, long seed) {
    return evaluate(pi, factory, episodes, seed, null);
  }

  /**
   * As {@link #evaluate(GaussianPolicy, EnvFactory, int, long)}, also handing every visited state of
   * each counted episode to {@code sink} (null: none). Recording draws no random numbers, so the
   * returns are the same bits with or without a sink.
   */
  public static Result evaluate(GaussianPolicy pi, EnvFactory factory, int episodes, long seed, Rollout.StateSink sink) {
    if (episodes <= 0) throw new IllegalArgumentException("Evaluation: episodes must be > 0, got " + episodes);
    try (VectorEnv env = factory.create(episodes, seed)) {
      RandomGenerator rng = new SplitMix64(seed * 0x9E3779B97F4A7C15L + 1);
      Rollout.Result run = Rollout.run(env, ActionSource.of(pi), rng,
          Rollout.Options.firstEpisodes().charging(WorkClock.Kind.EVALUATION).visiting(sink));
      double[] returns = run.firstReturns();
      double m = 0;
      for (double r : returns) m += r;
      m /= episodes;
      double ss = 0;
      for (double r : returns) ss += (r - m) * (r - m);
      double se = episodes > 1 ? Math.sqrt(ss / (episodes - 1) / episodes) : Double.NaN;
      return new Result(m, se, returns, run.steps());
    }
  }

  /** Best policy by an evaluation with {@code seed}, reported with a fresh evaluation (seed + 1). */
  public static Best bestOf(List<GaussianPolicy> policies, EnvFactory factory, int episodes, long seed) {
    int best = -1;
    Result bestSel = null;
    List<Result> all = new java.util.ArrayList<>();
    for (int i = 0; i < policies.size(); i++) {
      Result r = evaluate(policies.get(i), factory, episodes, seed);
      all.add(r);
      if (bestSel == null || r.mean() > bestSel.mean()) { best = i; bestSel = r; }
    }
    if (best < 0) throw new IllegalArgumentException("Evaluation.bestOf: no policies given");
    return new Best(best, bestSel, evaluate(policies.get(best), factory, episodes, seed + 1), all);
  }
}
