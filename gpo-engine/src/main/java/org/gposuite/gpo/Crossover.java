package org.gposuite.gpo;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.VectorEnv;
import org.gposuite.pg.WorkClock;
import org.gposuite.random.SplitMix64;

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
  private final CrossoverSection section;
  /** Whether each couple also gets a parameter-space child (a diagnostic, {@link ParameterCrossover}). */
  private final boolean parameterChildren;
  private final NetworkBackend networks;
  /** The initial log-std of a FRESH child, that of every round-0 policy. */
  private final double initLogStd;

  Crossover(CrossoverSection section, boolean parameterChildren, NetworkBackend networks, double initLogStd) {
    this.section = section;
    this.parameterChildren = parameterChildren;
    this.networks = networks;
    this.initLogStd = initLogStd;
  }

  static Crossover of(GpoConfig cfg) {
    return new Crossover(cfg.crossover(), cfg.diagnostics().parameterCrossover(), cfg.networks(), cfg.mutation().algorithm().initLogStd());
  }

  /**
   * A child and how it was made (the CSV's crossover columns).
   *
   * @param kind "copy" (no C), "self-copy" (a couple (x, x)) or "state-space"
   * @param strongerParent slot of the parent with the higher fitness (x on a tie)
   * @param initParent slot of the parent the child started from
   * @param distillation pi_S's and DAgger's measurements, null unless {@code kind} is "state-space"
   * @param parameterChild the couple's parameter-space child, null unless the diagnostics ask for it
   */
  record Child(Member member, String kind, int strongerParent, int initParent, Distillation distillation, Member parameterChild) {
    /** Environment steps the child cost (DAgger's rollouts). */
    long steps() {
      return distillation == null ? 0 : distillation.steps();
    }
  }

  /**
   * What pi_S and DAgger measured while making a state-space child.
   *
   * @param pisStates states of the trajectories pi_S trained on; {@code keptX}, {@code keptY} trajectories of each parent among them
   * @param pisFirstLoss Eq. 1's loss after pi_S's first epoch, {@code pisLastLoss} after its last
   * @param shareY share of DAgger's states at which pi_H followed y
   * @param daggerInitialKl mean KL[child || label] over the expert data before training, {@code daggerFinalKl} over
   *        the whole dataset after it (Eq. 2)
   * @param steps environment steps of DAgger's rollouts
   */
  record Distillation(int pisStates, int keptX, int keptY, double pisFirstLoss, double pisLastLoss, double shareY,
                      double daggerInitialKl, double daggerFinalKl, long steps) {}

  /** A couple's parent: its copy (owned by the crossover that gets it), its slot and its mutation's outcome. */
  private record Parent(Member copy, int slot, Mutation.Outcome outcome) {}

  /** One child per couple of {@code selected}, in parallel; each task gets its own copies of its parents (policies cache forward buffers). */
  List<Child> apply(RoundContext ctx, Selection.Result selected, Mutation.RoundResult mutated) {
    List<Selection.Couple> couples = selected.couples();
    List<Member> pop = ctx.population();
    List<Parent[]> parents = new ArrayList<>(couples.size());
    for (Selection.Couple c : couples)
      parents.add(new Parent[] {new Parent(pop.get(c.x()).copy(), c.x(), mutated.outcomes().get(c.x())),
          new Parent(pop.get(c.y()).copy(), c.y(), mutated.outcomes().get(c.y()))});
    return ctx.parallel().map(couples.size(), c -> make(ctx, c, parents.get(c)[0], parents.get(c)[1]));
  }

  private Child make(RoundContext ctx, int couple, Parent px, Parent py) {
    Member x = px.copy(), y = py.copy();
    int xi = px.slot(), yi = py.slot();
    boolean xStronger = px.outcome().fitnessReturn() >= py.outcome().fitnessReturn();
    Member stronger = xStronger ? x : y;
    Member param = null;
    if (parameterChildren) {
      RandomGenerator r = new SplitMix64(ctx.seed(couple, Seeds.Purpose.PARAM_MIX));
      param = new Member(ParameterCrossover.mix(x.policy(), y.policy(), xStronger, r), stronger.value(), stronger.beta(), stronger.lineage());
    }
    int strongerSlot = xStronger ? xi : yi;
    if (!section.stateSpace()) return new Child(stronger.copy(), "copy", strongerSlot, strongerSlot, null, param);
    if (xi == yi) return new Child(stronger.copy(), "self-copy", strongerSlot, strongerSlot, null, param);

    Member child;
    int initSlot;
    switch (section.childInit()) {
      case STRONGER_PARENT -> { child = stronger.copy(); initSlot = strongerSlot; }
      case FIRST_PARENT -> { child = x.copy(); initSlot = xi; }
      case FRESH -> {
        child = x.copy();
        GaussianPolicy p = child.policy();
        // only its parameters are taken, and initialisation is the same on every backend
        GaussianPolicy.Architecture shape = new GaussianPolicy.Architecture(p.obsDim(), p.actDim(), p.hidden(), p.dataType(), false);
        GaussianPolicy init = new GaussianPolicy(shape, ctx.seed(couple, Seeds.Purpose.CHILD_INIT), initLogStd);
        p.params().assign(init.params());
        initSlot = -1; // set below from the expert's choices
      }
      default -> throw new IllegalStateException("unknown child init " + section.childInit());
    }
    CrossoverSection.PisTraining pisTraining = section.pis();
    BinaryPolicyTraining.Data data = WorkClock.time(WorkClock.Kind.PIS,
        () -> BinaryPolicyTraining.data(px.outcome().trajectories(), py.outcome().trajectories(), pisTraining.topFraction()));
    BinaryPolicyTraining.Result pis = WorkClock.time(WorkClock.Kind.PIS, () -> BinaryPolicyTraining.train(data, pisTraining,
        ctx.seed(couple, Seeds.Purpose.PIS_INIT), networks, new SplitMix64(ctx.seed(couple, Seeds.Purpose.PIS_SHUFFLE))));
    TwoLevelExpert expert = new TwoLevelExpert(pis.policy(), x.policy(), y.policy(), section.dagger().parentChoice());
    Dagger.Result d;
    try (VectorEnv env = ctx.envs().create(section.dagger().envs(), ctx.seed(couple, Seeds.Purpose.DAGGER_ENV))) {
      d = Dagger.run(child.policy(), expert, env, section.dagger(), new SplitMix64(ctx.seed(couple, Seeds.Purpose.DAGGER)));
    }
    if (initSlot < 0) {
      boolean fromY = expert.shareOfY() > 0.5;
      initSlot = fromY ? yi : xi;
      child = child.withLineage(fromY ? y.lineage() : x.lineage());
    }
    return new Child(child, "state-space", strongerSlot, initSlot, new Distillation(data.size(), data.keptX(), data.keptY(),
        pis.firstEpochLoss(), pis.lastEpochLoss(), expert.shareOfY(), d.initialKl(), d.finalKl(), d.steps()), param);
  }
}
