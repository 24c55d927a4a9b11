package org.gposuite.gpo;

import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.PpoConfig;

/**
 * MUTATE's settings (Sec. 3.3.2): how every policy of the population is trained in a round, and
 * which of its batches it hands on to SELECT and CROSSOVER.
 *
 * @param algorithm the policy-gradient algorithm and its hyper-parameters: PPO ({@link PpoConfig}) or A2C
 *        ({@link A2cConfig}), batch 2048 per policy (paper, App. 6.3.1). No default: the caller picks the algorithm
 * @param windowBatches the trajectories of a policy's last mutation = its complete episodes inside the last this-many
 *        batches of the round, 5 (ours: the child should imitate the parent as it is at the end of the round, and
 *        5 x 2048 steps hold ~16 full 512-step episodes per parent); with TRAINING fitness
 *        ({@link SelectionSection.FitnessSource}) the same window gives the fitness return
 */
public record MutationSection(HyperParameters algorithm, int windowBatches) {

  private static final int DEFAULT_WINDOW_BATCHES = 5;

  public MutationSection {
    if (algorithm == null) throw new IllegalArgumentException("GpoConfig.mutation: give a PpoConfig or an A2cConfig");
    if (!(algorithm instanceof PpoConfig) && !(algorithm instanceof A2cConfig))
      throw new IllegalArgumentException("GpoConfig.mutation: only PpoConfig and A2cConfig are supported, got " + algorithm.getClass().getName());
    if (windowBatches <= 0) throw new IllegalArgumentException("GpoConfig.windowBatches: must be > 0, got " + windowBatches);
  }

  /** {@code algorithm} with the default window. */
  public static MutationSection of(HyperParameters algorithm) {
    return new MutationSection(algorithm, DEFAULT_WINDOW_BATCHES);
  }

  /** Whether the algorithm is PPO, which the penalised sharing rule and the shared critic need. */
  public boolean isPpo() {
    return algorithm instanceof PpoConfig;
  }

  public MutationSection withWindowBatches(int windowBatches) {
    return new MutationSection(algorithm, windowBatches);
  }
}
