package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.VectorEnv;

/**
 * CROSSOVER of one couple. With C (Sec. 3.3.1): train pi_S on the parents' best trajectories, then
 * distil the two-level expert into the child by DAgger. Without C: the child copies the stronger
 * parent. Either way the child starts as a copy of the stronger parent (higher fitness return; x on
 * a tie) — policy, normaliser, value baseline and beta — so C changes exactly one thing: the DAgger
 * distillation of pi_H into it. Starting there (rather than from random weights) is ours: DAgger's
 * 10 x 10 epochs then only have to add the other parent's behaviour where pi_S prefers it, and the
 * child's normaliser already suits at least one parent's states.
 *
 * <p>A self-couple (x, x) has pi_H = pi_x exactly, so its child is pi_x's copy without spending
 * any pi_S training or DAgger steps.
 */
final class Crossover {
  private Crossover() {}

  /** A child and how it was made (the CSV's crossover columns). NaN where a step did not run. */
  record Child(Member member, String kind, int strongerParent, double pisFirstLoss, double pisLastLoss, int keptX, int keptY,
               int pisStates, double shareY, double daggerInitialKl, double daggerFinalKl, long steps, Member parameterChild) {}

  /**
   * @param x copy of the first parent (owned by this call), @param y copy of the second, @param xi/yi their slots
   */
  static Child make(GpoConfig cfg, int round, int couple, Member x, Member y, int xi, int yi, Mutation.Outcome ox, Mutation.Outcome oy,
                    EnvFactory envs) {
    boolean xStronger = ox.fitnessReturn() >= oy.fitnessReturn();
    Member stronger = xStronger ? x : y;
    Member param = null;
    if (cfg.parameterCrossover()) {
      SplittableRandom r = new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PARAM_MIX));
      param = new Member(ParameterCrossover.mix(x.policy(), y.policy(), xStronger, r), stronger.value(), stronger.beta());
    }
    Member child = stronger.copy();
    int strongerSlot = xStronger ? xi : yi;
    if (!cfg.crossover())
      return new Child(child, "copy", strongerSlot, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, param);
    if (xi == yi)
      return new Child(child, "self-copy", strongerSlot, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, param);

    BinaryPolicyTraining.Data data = BinaryPolicyTraining.data(ox.trajectories(), oy.trajectories(), cfg.topFraction());
    BinaryPolicyTraining.Result pis = BinaryPolicyTraining.train(data, cfg.pisEpochs(), cfg.pisMinibatch(), cfg.pisLearningRate(),
        Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PIS_INIT),
        new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PIS_SHUFFLE)));
    TwoLevelExpert expert = new TwoLevelExpert(pis.policy(), x.policy(), y.policy(), cfg.parentChoice());
    Dagger.Result d;
    try (VectorEnv env = envs.create(cfg.daggerEnvs(), Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.DAGGER_ENV))) {
      d = Dagger.run(child.policy(), expert, env, Dagger.Settings.of(cfg),
          new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.DAGGER)));
    }
    return new Child(child, "state-space", strongerSlot, pis.firstEpochLoss(), pis.lastEpochLoss(), data.keptX(), data.keptY(),
        data.size(), expert.shareOfY(), d.initialKl(), d.finalKl(), d.steps(), param);
  }
}
