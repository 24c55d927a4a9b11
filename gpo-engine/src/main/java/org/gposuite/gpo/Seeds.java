package org.gposuite.gpo;

/**
 * Every random stream of a run is derived from (run seed, round, slot, purpose), never from a stream
 * that earlier work advanced. That is what makes results independent of the thread count (no
 * stream is shared between tasks) and lets a resumed run continue from the round index alone (no
 * generator state needs saving).
 */
final class Seeds {
  private Seeds() {}

  /** What a stream is used for; the ordinal enters the derivation. */
  enum Purpose { POLICY_INIT, AGENT, MUTATE_ENV, SELECT, PIS_INIT, PIS_SHUFFLE, DAGGER_ENV, DAGGER, PARAM_MIX, EVAL_PARENT, EVAL_CHILD, EVAL_PARAM_CHILD, FINAL_EVAL, CHILD_INIT, FITNESS_EVAL,
    // Fig. 3b's state-visitation rollouts (Visitation); appended so that no earlier purpose's ordinal, hence stream, changes.
    VISIT_PARENT, VISIT_CHILD, VISIT_PARAM_CHILD }

  static long of(long runSeed, int round, int slot, Purpose purpose) {
    long h = mix(runSeed ^ 0x9E3779B97F4A7C15L);
    h = mix(h + round * 0xBF58476D1CE4E5B9L + 1);
    h = mix(h + slot * 0x94D049BB133111EBL + 2);
    h = mix(h + purpose.ordinal() * 0xD6E8FEB86659FD93L + 3);
    return h;
  }

  /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
