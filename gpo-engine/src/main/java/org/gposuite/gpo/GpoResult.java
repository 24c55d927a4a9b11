package org.gposuite.gpo;

import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.Evaluation;

/**
 * What a GPO run returns.
 *
 * @param population the final population (the last round's children, Algorithm 1)
 * @param best the final population's best policy by pg's {@link Evaluation#bestOf} protocol (null if finalEvalEpisodes = 0)
 * @param curve one row per policy per mutation iteration; timesteps = steps of the whole run so far
 * @param wallClock seconds per operator over the run (Table 3)
 * @param stepsUsed environment steps charged to the budget (mutation + DAgger)
 */
public record GpoResult(List<GaussianPolicy> population, Evaluation.Best best, List<CurveRow> curve, List<PolicyRow> policies,
                        List<CoupleRow> couples, List<RoundRow> rounds, WallClock wallClock, long stepsUsed) {

  /** Seconds spent in each operator; shares are of mutate + select + crossover (Table 3's GPO total). */
  public record WallClock(double mutateSeconds, double selectSeconds, double crossoverSeconds, double evaluateSeconds, double totalSeconds) {
    public double operatorSeconds() { return mutateSeconds + selectSeconds + crossoverSeconds; }
    public double mutateShare() { return mutateSeconds / operatorSeconds(); }
    public double selectShare() { return selectSeconds / operatorSeconds(); }
    public double crossoverShare() { return crossoverSeconds / operatorSeconds(); }
  }
}
