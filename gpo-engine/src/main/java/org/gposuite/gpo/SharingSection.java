package org.gposuite.gpo;

import org.gposuite.pg.SharingRule;

/**
 * Data sharing, the M of the ablations (Sec. 3.3.2, Eq. 5 for PPO and Eq. 6 for A2C): policy i also
 * learns from the batches of its sharing set S_i = { j : KL[pi_i || pi_j] &lt; epsilon }, formed before
 * the round's first update.
 *
 * @param enabled flag M: policy i also learns from the batches of S_i; off = S_i = {i} (paper, Fig. 5), true
 * @param klThreshold epsilon of S_i, 0.5 (ours: for equal-variance Gaussians the importance weight's second moment
 *        is exp(2 KL), so a shared batch's effective size is about exp(-2 KL) of its length; 0.5 keeps at least
 *        ~1/e of it). KL = mean over the round's first batches of all policies pooled, measured before any update
 *        of the round
 * @param rule how policy i learns from the batches of S_i ({@link SharingRule}: literal, truncated, clipped,
 *        rechecked, penalised, off), LITERAL (the paper's Eq. 5 as written; each other rule says where it departs
 *        from the text)
 * @param criticData what the value baseline learns from with data sharing ({@link CriticData}), OWN (ours, see
 *        expected-results/medium/diagnosis.md; the paper shares samples for the policy objective only)
 */
public record SharingSection(boolean enabled, double klThreshold, SharingRule rule, CriticData criticData) {

  /** The defaults, in one place: switching a default of data sharing is a change of this line. */
  public static final SharingSection DEFAULTS = new SharingSection(true, 0.5, SharingRule.LITERAL, CriticData.OWN);

  /** What the value baseline of a policy is fitted on during MUTATE. */
  public enum CriticData {
    /** its own batch only (the paper's Eq. 5 shares samples for the policy objective; it says nothing of the critic) */
    OWN,
    /**
     * its own batch and those of its sharing set S_i, each shared row weighted by a truncated importance
     * weight, fitted as Joint's critic is on its one large batch (the same epochs of the same minibatch
     * size, so as many Adam steps per row); PPO only. Issue 19: with the clipped sharing rule this is what
     * lets a sharing population learn at Joint's pace (expected-results/paper/sharing.md)
     */
    SHARED
  }

  public SharingSection {
    if (!(klThreshold >= 0)) throw new IllegalArgumentException("GpoConfig.sharingKlThreshold: must be >= 0, got " + klThreshold);
    if (rule == null) throw new IllegalArgumentException("GpoConfig.sharing: give a SharingRule, e.g. SharingRule.LITERAL");
    if (criticData == null) throw new IllegalArgumentException("GpoConfig.criticData: OWN or SHARED");
  }

  /** Whether S_i can hold other policies at all: M on and a rule that shares. */
  public boolean shares() {
    return enabled && rule.shares();
  }

  public SharingSection withEnabled(boolean enabled) {
    return new SharingSection(enabled, klThreshold, rule, criticData);
  }

  public SharingSection withKlThreshold(double klThreshold) {
    return new SharingSection(enabled, klThreshold, rule, criticData);
  }

  public SharingSection withRule(SharingRule rule) {
    return new SharingSection(enabled, klThreshold, rule, criticData);
  }

  public SharingSection withCriticData(CriticData criticData) {
    return new SharingSection(enabled, klThreshold, rule, criticData);
  }
}
