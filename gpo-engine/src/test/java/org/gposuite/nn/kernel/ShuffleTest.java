package org.gposuite.nn.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Shuffle} draws what the five hand-written loops it replaced drew, so every seed keeps its meaning. */
class ShuffleTest {
  /** The loop as the training loops and SELECT wrote it before the kernel. */
  static void handWritten(int[] idx, SplittableRandom rng) {
    for (int i = idx.length - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int t = idx[i]; idx[i] = idx[j]; idx[j] = t; }
  }

  @Test
  void arrayPermutationMatchesTheHandWrittenLoopAndLeavesTheStreamWhereItLeftIt() {
    for (int n : new int[] {0, 1, 2, 7, 64, 203}) {
      SplittableRandom a = new SplittableRandom(n + 11), b = new SplittableRandom(n + 11);
      int[] got = Shuffle.identity(n), want = Shuffle.identity(n);
      for (int epoch = 0; epoch < 3; epoch++) { // epochs reshuffle the previous permutation
        Shuffle.permute(got, a);
        handWritten(want, b);
        assertArrayEquals(want, got, "n=" + n + " epoch " + epoch);
      }
      assertEquals(b.nextLong(), a.nextLong(), "the same number of draws, n=" + n);
    }
  }

  @Test
  void listPermutationMakesTheSameSwapsAsTheArrayOne() {
    int[] idx = Shuffle.identity(50);
    List<Integer> list = new ArrayList<>();
    for (int i : idx) list.add(i);
    Shuffle.permute(idx, new SplittableRandom(5));
    Shuffle.permute(list, new SplittableRandom(5));
    assertArrayEquals(idx, list.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void aFixedSeedGivesTheRecordedPermutation() {
    int[] idx = Shuffle.identity(10);
    Shuffle.permute(idx, new SplittableRandom(42));
    assertArrayEquals(RECORDED_SEED_42, idx);
  }

  /** {@code permute(identity(10), new SplittableRandom(42))}, recorded from the hand-written loop. */
  static final int[] RECORDED_SEED_42 = {3, 4, 7, 0, 8, 5, 9, 2, 6, 1};
}
