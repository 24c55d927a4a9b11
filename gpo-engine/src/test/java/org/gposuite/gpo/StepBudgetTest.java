package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** {@link StepBudget}'s arithmetic, hand-checked at the paper's scale. */
class StepBudgetTest {
  /** Paper: 8M steps, 12 rounds, m = 8, batch 2048, 8 DAgger runs of 10k steps reserved per round. */
  static final StepBudget PAPER = new StepBudget(8_000_000, 12, 8, 2048, 80_000);

  /** Iterations per round when round r's crossovers spend {@code crossover[r]} steps; returns them and the steps used. */
  static int[] simulate(long[] crossover, long[] usedOut) {
    int[] it = new int[12];
    long used = 0;
    for (int r = 0; r < 12; r++) {
      it[r] = PAPER.iterations(r, used);
      used += it[r] * 16_384L + crossover[r];
    }
    usedOut[0] = used;
    return it;
  }

  @Test
  void roundsSplitWhatIsLeftAfterTheReservationsAsEvenlyAsWholeIterationsAllow() {
    // 8M - 12 x 80k = 7.04M = 429 whole iterations of 16384 (+ 11,264 steps): 429 / 12 = 35.75, so three rounds
    // of 35 and nine of 36 (each round re-splits what is left, so the remainder goes to the later rounds)
    long[] full = new long[12];
    java.util.Arrays.fill(full, 80_000);
    long[] used = new long[1];
    int[] it = simulate(full, used);
    assertArrayEquals(new int[] {35, 35, 35, 36, 36, 36, 36, 36, 36, 36, 36, 36}, it);
    assertEquals(8_000_000 - 11_264, used[0]);
    assertEquals(0, PAPER.tailIterations(used[0]), "11,264 steps left: less than one iteration of all 8 policies");
  }

  @Test
  void anUnspentReservationIsSpentByTheLaterRoundsAndTheTail() {
    // round 0 has two self-couples: 20k of its 80k reservation unspent. 20k + the 11,264 left over
    // before = 31,264 >= 16,384, so the later rounds run one iteration more in all (430, not 429).
    long[] crossover = new long[12];
    java.util.Arrays.fill(crossover, 80_000);
    crossover[0] = 60_000;
    long[] used = new long[1];
    assertEquals(430, java.util.Arrays.stream(simulate(crossover, used)).sum());
    assertEquals(8_000_000 - 31_264 + 16_384, used[0]);
    // the last round's unspent reservation buys a final mutation: 40k left = 2 iterations of all policies
    assertEquals(2, PAPER.tailIterations(8_000_000 - 40_000));
  }

  @Test
  void aBudgetTooSmallForOneIterationPerRoundIsRefusedWithTheNumbers() {
    GpoConfig cfg = GpoRunTest.tiny().withScale(3, 3, 3 * 1000L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepBudget.of(cfg, 100));
    assertTrue(e.getMessage().contains("3000 steps"), e.getMessage());
  }
}
