package org.gposuite.gpo;

import java.util.SplittableRandom;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;

/**
 * CROSSOVER of one couple. With C (Sec. 3.3.1): train pi_S on the parents' best trajectories, then
 * distil the two-level expert into the child by DAgger. Without C: the child copies the stronger
 * parent. Where the child starts is {@link CrossoverSection#childInit()}: a copy of the stronger parent
 * (higher fitness; x on a tie), of the first parent x, or a fresh network — always with the
 * normaliser, value baseline and beta of the parent it copies (x for a fresh network), so C changes
 * exactly one thing: the DAgger distillation of pi_H into it. Without C the child is the stronger
 * parent's copy whatever childInit says (the ablation's definition, Fig. 5).
 *
 * <p>A self-couple (x, x) has pi_H = pi_x exactly, so its child is pi_x's copy without spending
 * any pi_S training or DAgger steps.
 *
 * <p>Lineage: the child inherits the lineage of the parent it was copied from; a fresh child that
 * of the parent pi_H followed in most DAgger states.
 */
final class Crossover {
  private Crossover() {}

  /** A child and how it was made (the CSV's crossover columns). NaN where a step did not run. */
  record Child(Member member, String kind, int strongerParent, int initParent, double pisFirstLoss, double pisLastLoss, int keptX, int keptY,
               int pisStates, double shareY, double daggerInitialKl, double daggerFinalKl, long steps, Member parameterChild) {}

  /**
   * @param x copy of the first parent (owned by this call), @param y copy of the second, @param xi/yi their slots
   */
  static Child make(GpoConfig cfg, int round, int couple, Member x, Member y, int xi, int yi, Mutation.Outcome ox, Mutation.Outcome oy,
                    EnvFactory envs) {
    boolean xStronger = ox.fitnessReturn() >= oy.fitnessReturn();
    Member stronger = xStronger ? x : y;
    Member param = null;
    if (cfg.diagnostics().parameterCrossover()) {
      SplittableRandom r = new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PARAM_MIX));
      param = new Member(ParameterCrossover.mix(x.policy(), y.policy(), xStronger, r), stronger.value(), stronger.beta(), stronger.lineage());
    }
    int strongerSlot = xStronger ? xi : yi;
    if (!cfg.crossover().stateSpace())
      return new Child(stronger.copy(), "copy", strongerSlot, strongerSlot, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, param);
    if (xi == yi)
      return new Child(stronger.copy(), "self-copy", strongerSlot, strongerSlot, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, 0, param);

    Member child;
    int initSlot;
    switch (cfg.crossover().childInit()) {
      case STRONGER_PARENT -> { child = stronger.copy(); initSlot = strongerSlot; }
      case FIRST_PARENT -> { child = x.copy(); initSlot = xi; }
      case FRESH -> {
        child = x.copy();
        GaussianPolicy p = child.policy();
        // only its parameters are taken, and initialisation is the same on every backend
        GaussianPolicy init = new GaussianPolicy(p.obsDim(), p.actDim(), GaussianPolicy.PAPER_HIDDEN, p.dataType(),
            Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.CHILD_INIT), cfg.mutation().algorithm().initLogStd(), false);
        p.params().assign(init.params());
        initSlot = -1; // set below from the expert's choices
      }
      default -> throw new IllegalStateException("unknown child init " + cfg.crossover().childInit());
    }
    long pisCpu0 = WorkClock.cpuNow(), pisWall0 = System.nanoTime();
    CrossoverSection.PisTraining pisTraining = cfg.crossover().pis();
    BinaryPolicyTraining.Data data = BinaryPolicyTraining.data(ox.trajectories(), oy.trajectories(), pisTraining.topFraction());
    BinaryPolicyTraining.Result pis = BinaryPolicyTraining.train(data, pisTraining.epochs(), pisTraining.minibatch(), pisTraining.learningRate(),
        Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PIS_INIT), cfg.networks(),
        new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.PIS_SHUFFLE)));
    WorkClock.charge(WorkClock.Kind.PIS, pisCpu0, pisWall0);
    TwoLevelExpert expert = new TwoLevelExpert(pis.policy(), x.policy(), y.policy(), cfg.crossover().dagger().parentChoice());
    Dagger.Result d;
    try (VectorEnv env = envs.create(cfg.crossover().dagger().envs(), Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.DAGGER_ENV))) {
      d = Dagger.run(child.policy(), expert, env, Dagger.Settings.of(cfg.crossover().dagger()),
          new SplittableRandom(Seeds.of(cfg.seed(), round, couple, Seeds.Purpose.DAGGER)));
    }
    if (initSlot < 0) {
      boolean fromY = expert.shareOfY() > 0.5;
      initSlot = fromY ? yi : xi;
      child = child.withLineage(fromY ? y.lineage() : x.lineage());
    }
    return new Child(child, "state-space", strongerSlot, initSlot, pis.firstEpochLoss(), pis.lastEpochLoss(), data.keptX(), data.keptY(),
        data.size(), expert.shareOfY(), d.initialKl(), d.finalKl(), d.steps(), param);
  }
}
