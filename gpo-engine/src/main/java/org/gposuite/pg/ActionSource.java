package org.gposuite.pg;

import java.util.random.RandomGenerator;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.StepInference;

/**
 * Who acts in a {@link Rollout}: for the rows of one environment step, the diagonal Gaussian each
 * row's action is drawn from. The rollout draws the actions itself, so every source samples
 * alike and the random numbers come in one order: first whatever the source draws (the two-level
 * expert's parent choice under SAMPLE), then one normal per action entry, row-major.
 *
 * <p>Sources: a Gaussian policy ({@link #of}: training collection, evaluation, DAgger's student)
 * and DAgger's two-level expert ({@code gpo.TwoLevelExpert}, Sec. 3.3.1), whose distribution at
 * a state is also the label that state gets.
 */
@FunctionalInterface
public interface ActionSource {
  /**
   * Writes the action distribution at {@code rows} raw observations ({@code [rows, obsDim]},
   * row-major): {@code mean} and {@code logStd}, both {@code [rows, actDim]}.
   */
  void distribution(double[] rawObs, int rows, RandomGenerator rng, double[] mean, double[] logStd);

  /**
   * {@code pi} acting: its mean through {@link StepInference} (plain Java, no allocation per step)
   * and its state-independent log-std. A snapshot of pi's parameters and normaliser as they are
   * now, so make one per rollout.
   */
  static ActionSource of(GaussianPolicy pi) {
    StepInference step = new StepInference(pi);
    double[] ls = step.logStd();
    int ad = pi.actDim();
    return (rawObs, rows, rng, mean, logStd) -> {
      step.forward(rawObs, rows, mean);
      for (int r = 0; r < rows; r++) System.arraycopy(ls, 0, logStd, r * ad, ad);
    };
  }
}
