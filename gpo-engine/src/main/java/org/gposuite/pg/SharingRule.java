package org.gposuite.pg;

import java.util.Locale;

/**
 * How policy i learns from a batch that policy j collected (data sharing, the paper's Eq. 5 for PPO
 * and Eq. 6 for A2C). What the paper says: S_i = { j : KL[pi_i, pi_j] &lt; epsilon } is formed "before
 * the start of the current round", and pi_i's objective sums, over j in S_i, the importance-weighted
 * advantage pi_theta(a|s) / pi_j_old(a|s) * A on batch j, with PPO's KL penalty written on the own
 * batch only. Everything below except {@link Mode#LITERAL} departs from that text; each mode says
 * where.
 *
 * <p>Why there are variants at all: a paper round is ~36 policy-gradient iterations, and the sets
 * stay fixed for the whole round, so a batch that was near-on-policy for pi_i at the round's start
 * can be far off-policy by its end, and Eq. 5's ratios are unclipped. At the paper's scale the
 * literal reading costs GPO 25-35% of its return on Walker2d and HalfCheetah (issue 19;
 * {@code expected-results/paper/sharing.md} has the measured table).
 *
 * @param mode which rule (below)
 * @param truncation c of {@link Mode#TRUNCATED}: a shared row's weight is min(ratio, c); 1 by default,
 *        V-trace's choice (a shared row never counts more than an own row at ratio 1). Read by
 *        TRUNCATED only, and must be left at its default otherwise, so that a config's identity
 *        never carries a number that changes nothing.
 */
public record SharingRule(Mode mode, double truncation) {

  /** PPO's clip range (Schulman et al. 2017, 0.2), used by {@link Mode#CLIPPED} on shared rows. */
  public static final double CLIP_RANGE = 0.2;
  public static final double DEFAULT_TRUNCATION = 1.0;
  /** Eq. 5 as written: today's default. */
  public static final SharingRule LITERAL = new SharingRule(Mode.LITERAL, DEFAULT_TRUNCATION);

  public enum Mode {
    /** Eq. 5/6 as written: sets fixed for the round, unclipped ratios on shared rows, penalty on the own batch. */
    LITERAL,
    /**
     * Shared rows weighted by min(ratio, c) (Retrace/V-trace's truncated importance sampling); no
     * gradient flows through a truncated row. Departs from Eq. 5 by bounding the weight.
     */
    TRUNCATED,
    /**
     * Shared rows enter through PPO's clipped objective min(r A, clip(r, 1 - 0.2, 1 + 0.2) A) with
     * r = pi_theta / pi_j_old; own rows keep the adaptive-KL objective. Departs from Eq. 5 by
     * mixing the two PPO objectives: a shared row whose ratio has already left the band in the
     * advantage's direction gives no gradient.
     */
    CLIPPED,
    /**
     * The round's sets as in the paper, but batch j is used at an iteration only while
     * KL[pi_i || pi_j_old], measured on batch j's states just before the update, is still below
     * the same epsilon. Departs from the text's "before the start of the current round" by
     * re-checking the same condition at every iteration.
     */
    RECHECKED,
    /**
     * PPO's KL penalty also covers the shared rows: beta * mean over batch j's states of
     * KL[pi_i_before_update || pi_theta], with the same beta, for every j in S_i (the trust region
     * then holds on every state the surrogate reads). The adaptive beta still follows the own
     * batch's KL. Departs from Eq. 5, whose penalty reads the own batch only. PPO only.
     */
    PENALISED,
    /** No sharing: S_i = {i} in every round (as epsilon = 0, or the M flag off, but keeping the variant's name). */
    OFF
  }

  public SharingRule {
    if (mode == null) throw new IllegalArgumentException("SharingRule.mode: one of " + java.util.Arrays.toString(Mode.values()));
    if (!(truncation > 0) || Double.isInfinite(truncation))
      throw new IllegalArgumentException("SharingRule.truncation: c must be a finite number > 0, got " + truncation);
    if (mode != Mode.TRUNCATED && truncation != DEFAULT_TRUNCATION)
      throw new IllegalArgumentException("SharingRule: the truncation c is read by the truncated rule only; it was set to " + truncation
          + " with " + name(mode));
  }

  public static SharingRule of(Mode mode) { return new SharingRule(mode, DEFAULT_TRUNCATION); }

  public static SharingRule truncated(double c) { return new SharingRule(Mode.TRUNCATED, c); }

  /** The rule as GPO's config identity holds it (when it is not {@link #LITERAL}). */
  public ConfigIdentity identityFields() {
    return new ConfigIdentity("SharingRule").add("mode", mode).add("truncation", truncation);
  }

  /** Whether the round's sets can hold other policies at all. */
  public boolean shares() { return mode != Mode.OFF; }

  /** The setting's spelling of a mode ({@code gpo.sharing=...}): lower case. */
  public static String name(Mode mode) { return mode.name().toLowerCase(Locale.ROOT); }

  /** The mode a setting names (any case), or an exception that lists them. */
  public static Mode parse(String text) {
    for (Mode m : Mode.values()) if (name(m).equalsIgnoreCase(text.trim())) return m;
    StringBuilder names = new StringBuilder();
    for (Mode m : Mode.values()) names.append(names.isEmpty() ? "" : ", ").append(name(m));
    throw new IllegalArgumentException("unknown sharing rule '" + text + "'; use one of " + names);
  }
}
