package org.gposuite.gpo;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;

/**
 * Fig. 3b's rollouts: a policy of a crossover round run for complete episodes under pg's
 * {@link Evaluation} protocol, every visited (raw, unnormalised) state kept per episode. Each
 * rollout set has its own stream, derived from (run seed, round, slot, purpose) with the VISIT_*
 * purposes, which no other part of a run uses: drawing them changes no other number of the run.
 */
public final class Visitation {
  private Visitation() {}

  /** Whose rollouts: a parent (slot = its population slot) or a child of couple slot. */
  public enum Role {
    PARENT(Seeds.Purpose.VISIT_PARENT), CHILD(Seeds.Purpose.VISIT_CHILD), PARAMETER_CHILD(Seeds.Purpose.VISIT_PARAM_CHILD);

    private final Seeds.Purpose purpose;

    Role(Seeds.Purpose purpose) { this.purpose = purpose; }
  }

  /**
   * @param returns each episode's undiscounted return
   * @param states per episode, its visited states in time order, each of length obsDim
   */
  public record Rollouts(double[] returns, List<List<double[]>> states, long steps) {
    public double meanReturn() {
      double m = 0;
      for (double r : returns) m += r;
      return m / returns.length;
    }
  }

  /** {@code episodes} rollouts of {@code pi}, the policy in {@code slot} and {@code role} of crossover round {@code round}. */
  public static Rollouts of(GaussianPolicy pi, EnvFactory envs, int episodes, RoundPolicies round, int slot, Role role) {
    List<List<double[]>> states = new ArrayList<>(episodes);
    for (int e = 0; e < episodes; e++) states.add(new ArrayList<>());
    Evaluation.Result r = Evaluation.evaluate(pi, envs, episodes, Seeds.of(round.runSeed(), round.round(), slot, role.purpose),
        (episode, step, obs, od) -> {
          double[] s = new double[od];
          System.arraycopy(obs, episode * od, s, 0, od);
          states.get(episode).add(s);
        });
    return new Rollouts(r.returns(), states, r.steps());
  }
}
