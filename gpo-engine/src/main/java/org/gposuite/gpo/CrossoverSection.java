package org.gposuite.gpo;

/**
 * CROSSOVER's settings (Sec. 3.3.1): how a couple's child is made. With state-space crossover the
 * binary policy pi_S learns from the parents' best trajectories which parent to follow at a state
 * (Eq. 1), and DAgger distils the two-level expert pi_H (pi_S choosing between the parents) into the
 * child.
 *
 * @param stateSpace flag C: state-space crossover (pi_S + DAgger); off = the child copies the stronger parent
 *        (paper, Fig. 5), true
 * @param childInit where a child starts before DAgger ({@link ChildInit}), STRONGER_PARENT (ours; the diagnosis
 *        behind the default is in expected-results/medium/diagnosis.md)
 * @param pis training of the binary policy pi_S ({@link PisTraining})
 * @param dagger DAgger's distillation of pi_H into the child ({@link DaggerTraining})
 */
public record CrossoverSection(boolean stateSpace, ChildInit childInit, PisTraining pis, DaggerTraining dagger) {

  /** The defaults, in one place. */
  public static final CrossoverSection DEFAULTS = new CrossoverSection(true, ChildInit.STRONGER_PARENT,
      new PisTraining(0.6, 100, 64, 5e-4), new DaggerTraining(5000, 10, 500, 10, 64, 5e-4, 4, ParentChoice.ARGMAX));

  /** Where a crossover's child starts before DAgger distils pi_H into it. */
  public enum ChildInit {
    /** a copy of the parent with the higher fitness (x on a tie) */
    STRONGER_PARENT,
    /** a copy of the couple's first parent x: with ordered couples (x, y) and (y, x) both parents seed children */
    FIRST_PARENT,
    /** a fresh network (random weights, seeded per couple) that learns only from DAgger; normaliser, value and beta from x */
    FRESH
  }

  /** How the two-level expert pi_H chooses a parent at a state. */
  public enum ParentChoice { ARGMAX, SAMPLE }

  /**
   * pi_S, trained by Adam on Eq. 1 over the parents' pooled trajectories.
   *
   * @param topFraction share of the pooled parent trajectories, best first by return, that train pi_S, 0.6 (paper, App. 6.3)
   * @param epochs epochs of Adam on Eq. 1, 100 (paper)
   * @param minibatch 64 (paper)
   * @param learningRate 5e-4 (paper)
   */
  public record PisTraining(double topFraction, int epochs, int minibatch, double learningRate) {
    public PisTraining {
      if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException("GpoConfig.topFraction: must be in (0, 1], got " + topFraction);
      positive("pisEpochs", epochs);
      positive("pisMinibatch", minibatch);
      if (!(learningRate > 0)) throw new IllegalArgumentException("GpoConfig.pisLearningRate: must be > 0");
    }
  }

  /**
   * DAgger (Ross et al. 2011) with pi_H as the expert: the child imitates pi_H's Gaussian on its own states.
   *
   * @param expertSteps initial DAgger transitions from pi_H, 5000 (paper)
   * @param iterations 10 (paper); each adds studentSteps transitions of the current child, then trains
   * @param studentSteps child transitions added per iteration, labelled by the expert, 500 (paper)
   * @param epochs 10 (paper)
   * @param minibatch 64 (paper)
   * @param learningRate 5e-4 (paper)
   * @param envs environment copies of the DAgger rollouts, 4 (ours: divides 5000 and 500 so exactly the paper's
   *        counts are used); must divide expertSteps and studentSteps
   * @param parentChoice how pi_H picks the parent at a state, both when acting and when labelling, ARGMAX (ours: a
   *        consistent target per state the child can fit; sampling makes the KL target switch at random where pi_S
   *        is unsure, pulling the child to a compromise action neither parent takes)
   */
  public record DaggerTraining(int expertSteps, int iterations, int studentSteps, int epochs, int minibatch, double learningRate,
                               int envs, ParentChoice parentChoice) {
    public DaggerTraining {
      positive("expertSteps", expertSteps);
      if (iterations < 0) throw new IllegalArgumentException("GpoConfig.daggerIterations: must be >= 0");
      positive("studentSteps", studentSteps);
      positive("daggerEpochs", epochs);
      positive("daggerMinibatch", minibatch);
      if (!(learningRate > 0)) throw new IllegalArgumentException("GpoConfig.daggerLearningRate: must be > 0");
      positive("daggerEnvs", envs);
      if (expertSteps % envs != 0 || studentSteps % envs != 0)
        throw new IllegalArgumentException("GpoConfig: expertSteps " + expertSteps + " and studentSteps " + studentSteps
            + " must be multiples of daggerEnvs " + envs + "; change daggerEnvs");
      if (parentChoice == null) throw new IllegalArgumentException("GpoConfig.parentChoice: ARGMAX or SAMPLE");
    }

    /** Environment steps one distillation spends (expert + student rollouts). */
    public long steps() {
      return expertSteps + (long) iterations * studentSteps;
    }
  }

  public CrossoverSection {
    if (childInit == null) throw new IllegalArgumentException("GpoConfig.childInit: STRONGER_PARENT, FIRST_PARENT or FRESH");
    if (pis == null) throw new IllegalArgumentException("GpoConfig.crossover: give pi_S's training (PisTraining)");
    if (dagger == null) throw new IllegalArgumentException("GpoConfig.crossover: give DAgger's training (DaggerTraining)");
  }

  public CrossoverSection withStateSpace(boolean stateSpace) {
    return new CrossoverSection(stateSpace, childInit, pis, dagger);
  }

  public CrossoverSection withChildInit(ChildInit childInit) {
    return new CrossoverSection(stateSpace, childInit, pis, dagger);
  }

  /**
   * The sizes a budget scales (Fig. 7 and the profiles): pi_S epochs, DAgger's expert steps, iterations, student steps
   * per iteration, epochs, and its environment copies (given together, as they must divide the two rollout sizes).
   */
  public CrossoverSection withSizes(int pisEpochs, int expertSteps, int daggerIterations, int studentSteps, int daggerEpochs, int daggerEnvs) {
    return new CrossoverSection(stateSpace, childInit, new PisTraining(pis.topFraction(), pisEpochs, pis.minibatch(), pis.learningRate()),
        new DaggerTraining(expertSteps, daggerIterations, studentSteps, daggerEpochs, dagger.minibatch(), dagger.learningRate(), daggerEnvs,
            dagger.parentChoice()));
  }

  private static void positive(String name, int v) {
    if (v <= 0) throw new IllegalArgumentException("GpoConfig." + name + ": must be > 0, got " + v);
  }
}
