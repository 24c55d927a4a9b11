package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The critic-on-shared-data option changes the value baseline's fit and nothing else. */
class PpoSharedCriticTest {
  final PpoConfig cfg = PpoConfig.defaults(256).withBatch(256, 8);

  @Test
  void sharedBatchesReachTheCriticButNotThePolicyUpdate() {
    Agent other = Agent.create(2, 2, cfg, 99);
    Batch shared = new Ppo(cfg, false).collect(other, BaselineTest.POINT.create(8, 7));
    Agent a = Agent.create(2, 2, cfg, 3), b = Agent.create(2, 2, cfg, 3);
    Ppo ownCritic = new Ppo(cfg, false, false), sharedCritic = new Ppo(cfg, false, true);
    Batch ba = ownCritic.collect(a, BaselineTest.POINT.create(8, 5));
    Batch bb = sharedCritic.collect(b, BaselineTest.POINT.create(8, 5));
    ownCritic.update(a, ba, List.of(shared));
    sharedCritic.update(b, bb, List.of(shared));
    assertArrayEquals(a.policy().params().toFloatVector(), b.policy().params().toFloatVector(), "the policy update is the same");
    assertFalse(java.util.Arrays.equals(a.value().params().toFloatVector(), b.value().params().toFloatVector()),
        "the shared critic learned from the other batch too");
  }

  @Test
  void withoutSharedBatchesTheSharedCriticIsTheOwnCriticBitForBit() {
    Agent a = Agent.create(2, 2, cfg, 3), b = Agent.create(2, 2, cfg, 3);
    Ppo ownCritic = new Ppo(cfg, false, false), sharedCritic = new Ppo(cfg, false, true);
    VectorEnv ea = BaselineTest.POINT.create(8, 5), eb = BaselineTest.POINT.create(8, 5);
    for (int it = 0; it < 3; it++) {
      ownCritic.iterate(a, ea);
      sharedCritic.iterate(b, eb);
    }
    assertArrayEquals(a.value().params().toFloatVector(), b.value().params().toFloatVector());
  }
}
