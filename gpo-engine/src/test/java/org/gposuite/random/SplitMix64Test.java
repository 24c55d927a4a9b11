package org.gposuite.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
  /** One draw of every kind the engine uses, chosen by {@code kind}. */
  private static long draw(RandomGenerator r, int kind) {
    return switch (kind) {
      case 0 -> r.nextLong();
      case 1 -> r.nextInt();
      case 2 -> Double.doubleToRawLongBits(r.nextDouble());
      case 3 -> Double.doubleToRawLongBits(r.nextGaussian());
      case 4 -> r.nextInt(7);
      case 5 -> r.nextInt(1 << 20); // a power of two takes the mask path
      case 6 -> r.nextBoolean() ? 1 : 0;
      case 7 -> Double.doubleToRawLongBits(r.nextDouble(-0.005, 0.005));
      case 8 -> r.nextLong(1_000_003L);
      default -> Float.floatToRawIntBits(r.nextFloat());
    };
  }

  @Test
  void everyKindOfDrawMatchesSplittableRandomBitForBit() {
    for (long seed : new long[] {0, 1, -7, 1005, Long.MIN_VALUE, 0x5DEECE66DL}) {
      SplittableRandom ref = new SplittableRandom(seed);
      SplitMix64 ours = new SplitMix64(seed);
      // a fixed but mixed order of kinds, so a draw that consumes a different number of words shows up downstream
      SplittableRandom order = new SplittableRandom(seed ^ 42);
      for (int i = 0; i < 200_000; i++) {
        int kind = order.nextInt(10);
        assertEquals(draw(ref, kind), draw(ours, kind), "seed " + seed + ", draw " + i + " of kind " + kind);
      }
    }
  }

  @Test
  void aStreamResumedFromItsStateContinuesExactly() {
    SplitMix64 a = new SplitMix64(123);
    for (int i = 0; i < 1000; i++) a.nextGaussian(); // Gaussians take a varying number of words
    SplitMix64 b = new SplitMix64(a.state());
    for (int i = 0; i < 10_000; i++) assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
  }
}
