package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The critic-on-shared-data option ({@link SharedCriticRows}) changes the value baseline's fit and
 * nothing else, under PPO and A2C alike.
 */
class SharedCriticTest {
  static final PpoConfig PPO = PpoConfig.defaults(256).withBatch(256, 8);
  static final A2cConfig A2C = A2cConfig.defaults(256).withBatch(256, 8);

  /** The algorithm with the critic on its own batch (false) or on the shared rows too (true). */
  static Function<Boolean, PolicyGradient> algorithm(String name) {
    return name.equals("ppo") ? shared -> new Ppo(PPO, false, shared) : shared -> new A2c(A2C, shared, SharingRule.LITERAL);
  }

  static Agent agent(String name, long seed) {
    return name.equals("ppo") ? Agent.create(2, 2, PPO, seed) : Agent.create(2, 2, A2C, seed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ppo", "a2c"})
  void sharedBatchesReachTheCriticButNotThePolicyUpdate(String name) {
    PolicyGradient ownCritic = algorithm(name).apply(false), sharedCritic = algorithm(name).apply(true);
    Batch shared = ownCritic.collect(agent(name, 99), BaselineTest.POINT.create(8, 7));
    Agent a = agent(name, 3), b = agent(name, 3);
    Batch ba = ownCritic.collect(a, BaselineTest.POINT.create(8, 5));
    Batch bb = sharedCritic.collect(b, BaselineTest.POINT.create(8, 5));
    ownCritic.update(a, ba, List.of(shared));
    sharedCritic.update(b, bb, List.of(shared));
    assertArrayEquals(a.policy().params().toFloatVector(), b.policy().params().toFloatVector(), "the policy update is the same");
    assertFalse(Arrays.equals(a.value().params().toFloatVector(), b.value().params().toFloatVector()),
        "the shared critic learned from the other batch too");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ppo", "a2c"})
  void withoutSharedBatchesTheSharedCriticIsTheOwnCriticBitForBit(String name) {
    PolicyGradient ownCritic = algorithm(name).apply(false), sharedCritic = algorithm(name).apply(true);
    Agent a = agent(name, 3), b = agent(name, 3);
    VectorEnv ea = BaselineTest.POINT.create(8, 5), eb = BaselineTest.POINT.create(8, 5);
    for (int it = 0; it < 3; it++) {
      ownCritic.iterate(a, ea);
      sharedCritic.iterate(b, eb);
    }
    assertArrayEquals(a.value().params().toFloatVector(), b.value().params().toFloatVector());
  }

  /**
   * A copy of the policy's own batch, shared with it, has importance weights exp(0) = 1: the shared
   * critic is then the plain fit on the batch stacked twice, computed here without {@link SharedCriticRows}.
   * (A2C's 256-row minibatches make the stacked fit take twice the steps, so this cannot pass by the
   * critic ignoring the copy.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"ppo", "a2c"})
  void aSharedCopyOfTheOwnBatchCountsAsTheOwnRowsDo(String name) {
    PolicyGradient algo = algorithm(name).apply(true);
    Agent a = agent(name, 3), reference = agent(name, 3);
    Batch own = algo.collect(a, BaselineTest.POINT.create(8, 5));
    algorithm(name).apply(false).collect(reference, BaselineTest.POINT.create(8, 5)); // the same batch, same streams
    HyperParameters c = algo.config();
    // the stacked fit, with the normaliser's statistics before the update, as the update reads them
    var twice = org.nd4j.linalg.factory.Nd4j.concat(0, own.obs(), own.obs());
    var targets = org.nd4j.linalg.factory.Nd4j.concat(0, own.valueTargets(), own.valueTargets());
    reference.value().fit(twice, targets, reference.valueFitting(c));
    Batch copy = new Batch(own.numEnvs(), own.obs().dup(), own.actions().dup(), own.oldLogProb().dup(), own.oldMean().dup(),
        own.oldLogStd().dup(), own.rewards(), own.terminated(), own.truncated(), own.advantages().dup(), own.valueTargets().dup(),
        own.episodeReturns());
    algo.update(a, own, List.of(copy)); // a distinct object: the update drops the own batch from the shared ones
    assertArrayEquals(reference.value().params().toDoubleVector(), a.value().params().toDoubleVector(), 1e-5);
    assertFalse(Arrays.equals(agent(name, 3).value().params().toFloatVector(), a.value().params().toFloatVector()),
        "the critic moved");
  }
}
