package org.gposuite.random;

import java.util.random.RandomGenerator;

/**
 * The engine's random stream: the same numbers as {@code new java.util.SplittableRandom(seed)},
 * draw for draw, with its state readable and settable. SplittableRandom hides its state, so a run
 * that stops between two draws could not continue its stream; this class exists for checkpoints
 * taken in the middle of a policy's training (a Joint cell, one policy for its whole run), which
 * must resume with the bits of an uninterrupted run.
 *
 * <p>Why the bits agree: SplittableRandom(seed) is SplitMix64 with gamma 0x9e3779b97f4a7c15 and
 * overrides only {@code nextLong} (Stafford's mix 13 of the advanced state) and {@code nextInt}
 * (mix 4, high 32 bits); every other draw (doubles, Gaussians, bounded ints, booleans) is
 * RandomGenerator's default, computed from those two. This class implements the same two and
 * inherits the same defaults. {@code SplitMix64Test} checks every kind of draw against
 * SplittableRandom.
 */
public final class SplitMix64 implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  /** The stream of {@code new SplittableRandom(seed)}; also resumes a stream from its {@link #state()}. */
  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** Everything the stream's future draws depend on: {@code new SplitMix64(state())} continues it. */
  public long state() {
    return state;
  }

  /** Sets the state {@link #state()} returned: the stream continues from there. */
  public void setState(long state) {
    this.state = state;
  }

  @Override
  public long nextLong() {
    long z = state += GOLDEN_GAMMA;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public int nextInt() {
    long z = state += GOLDEN_GAMMA;
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }
}
