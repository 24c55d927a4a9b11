package org.gposuite.gpo;

import java.util.Locale;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.SharingRule;

/**
 * Everything a GPO run depends on. "Paper" = stated in Gangwani &amp; Peng 2018 (section given);
 * "ours" = left open by the paper, with the reason for the value.
 *
 * @param mutation PPO ({@link PpoConfig}) or A2C ({@link A2cConfig}) settings of MUTATE, batch 2048 per policy (paper, App. 6.3.1)
 * @param populationSize m, policies in the population, 8 (paper, Sec. 4.3)
 * @param rounds k, rounds of mutate / select / crossover, 12 (paper, Sec. 4.3)
 * @param totalSteps environment steps of the whole run, all policies and all operators (DAgger included), 8M (paper);
 *        spent to within one batch per policy by {@link StepBudget}
 * @param crossover flag C: state-space crossover (pi_S + DAgger); off = the child copies the stronger parent (paper, Fig. 5)
 * @param selection flag S: couples by fitness; off = a uniformly random m-subset of the same candidate couples (paper, Fig. 5)
 * @param dataSharing flag M: policy i also learns from the batches of S_i (Eq. 5/6) (paper, Fig. 5)
 * @param sharingKlThreshold epsilon of S_i = { j : KL[pi_i || pi_j] &lt; epsilon }, 0.5 (ours: for equal-variance
 *        Gaussians the importance weight's second moment is exp(2 KL), so a shared batch's effective size is about
 *        exp(-2 KL) of its length; 0.5 keeps at least ~1/e of it). KL = mean over the round's first batches of all
 *        policies pooled, measured before any update of the round.
 * @param sharing how policy i learns from the batches of S_i ({@link SharingRule}: literal, truncated, clipped,
 *        rechecked, penalised, off), LITERAL (the paper's Eq. 5 as written; each other rule says where it departs
 *        from the text). Left out of {@link #identity()} while LITERAL, so configs from before the rules keep their hash
 * @param diversityWeightFirst weight of the diversity fitness in round 0, 0 (paper Sec. 3.3.3: experiments put all
 *        weight on performance); fitness = (1 - w) * performance + w * diversity, each min-max scaled over the candidates
 * @param diversityWeightLast weight in the last round, 0 (paper); linear annealing between the two (paper describes annealing)
 * @param allowSelfPairs whether (x, x) is a candidate, true (paper: "from all possible m^2 couples"; kept after
 *        the diagnosis, see diagnosis.md); couples are ordered, so (x, y) and (y, x) are distinct candidates and may
 *        both be chosen (siblings from different seeds). A self-couple's child is a copy and spends no DAgger steps;
 *        its unspent reservation goes to later rounds ({@link StepBudget})
 * @param windowBatches the trajectories of a policy's last mutation = its complete episodes inside the last this-many
 *        batches of the round, 5 (ours: the child should imitate the parent as it is at the end of the round, and
 *        5 x 2048 steps hold ~16 full 512-step episodes per parent); with TRAINING fitness the same window gives the
 *        fitness return
 * @param topFraction share of the pooled parent trajectories, best first by return, that train pi_S, 0.6 (paper, App. 6.3)
 * @param pisEpochs epochs of Adam on Eq. 1, 100 (paper) @param pisMinibatch 64 (paper) @param pisLearningRate 5e-4 (paper)
 * @param expertSteps initial DAgger transitions from pi_H, 5000 (paper)
 * @param daggerIterations 10 (paper); each adds studentSteps transitions of the current child, then trains
 * @param studentSteps child transitions added per iteration, labelled by the expert, 500 (paper)
 * @param daggerEpochs 10 (paper) @param daggerMinibatch 64 (paper) @param daggerLearningRate 5e-4 (paper)
 * @param daggerEnvs environment copies of the DAgger rollouts, 4 (ours: divides 5000 and 500 so exactly the paper's counts are used)
 * @param parentChoice how pi_H picks the parent at a state, both when acting and when labelling, ARGMAX (ours: a
 *        consistent target per state the child can fit; sampling makes the KL target switch at random where pi_S
 *        is unsure, pulling the child to a compromise action neither parent takes)
 * @param childInit where a child starts before DAgger (see {@link ChildInit}), STRONGER_PARENT (ours; the diagnosis
 *        behind the default is in expected-results/medium/diagnosis.md)
 * @param fitness what E[R] in the performance fitness is estimated from (see {@link FitnessSource}), TRAINING (ours,
 *        see diagnosis.md); the paper only says "expected return"
 * @param fitnessEpisodes episodes per policy when fitness is EVALUATION, 5 (ours: one evaluation episode costs up to
 *        a quarter batch; the steps are charged to totalSteps)
 * @param criticData what the value baseline learns from with data sharing (see {@link CriticData}), OWN (ours, see
 *        diagnosis.md)
 * @param evalEpisodes diagnostic: episodes (Evaluation protocol) to score every parent and child each round for the
 *        CSV (Fig. 3a); 0 = off. Not used by the algorithm, so not charged to totalSteps (reported separately), 5 (ours)
 * @param parameterCrossover diagnostic: also build and score the naive parameter-space child of every couple (Fig. 3a), false
 * @param finalEvalEpisodes episodes of the final best-of-population evaluation (pg Evaluation protocol), 10
 * @param seed everything random derives from it (see {@link Seeds})
 * @param threads worker threads for the per-policy work, 0 = all cores; never changes results
 * @param networks who computes every network of the run (policies, value baselines, pi_S), OURS (see
 *        {@link NetworkBackend}); DL4J gives the same results up to float rounding, which chaotic rollouts amplify
 */
public record GpoConfig(HyperParameters mutation, int populationSize, int rounds, long totalSteps,
                        boolean crossover, boolean selection, boolean dataSharing,
                        double sharingKlThreshold, SharingRule sharing, double diversityWeightFirst, double diversityWeightLast, boolean allowSelfPairs,
                        int windowBatches, double topFraction, int pisEpochs, int pisMinibatch, double pisLearningRate,
                        int expertSteps, int daggerIterations, int studentSteps, int daggerEpochs, int daggerMinibatch,
                        double daggerLearningRate, int daggerEnvs, ParentChoice parentChoice,
                        ChildInit childInit, FitnessSource fitness, int fitnessEpisodes, CriticData criticData,
                        int evalEpisodes, boolean parameterCrossover, int finalEvalEpisodes, long seed, int threads,
                        NetworkBackend networks) {

  /** How the two-level expert pi_H chooses a parent at a state. */
  public enum ParentChoice { ARGMAX, SAMPLE }

  /** Where a crossover's child starts before DAgger distils pi_H into it. */
  public enum ChildInit {
    /** a copy of the parent with the higher fitness (x on a tie) */
    STRONGER_PARENT,
    /** a copy of the couple's first parent x: with ordered couples (x, y) and (y, x) both parents seed children */
    FIRST_PARENT,
    /** a fresh network (random weights, seeded per couple) that learns only from DAgger; normaliser, value and beta from x */
    FRESH
  }

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

  /** What SELECT's performance fitness E[R] of a policy is estimated from. */
  public enum FitnessSource {
    /** the complete episodes of the policy's last mutation window (no extra steps) */
    TRAINING,
    /** fitnessEpisodes fresh episodes of the mutated policy (Evaluation protocol), charged to the budget */
    EVALUATION
  }

  public GpoConfig {
    if (mutation == null) throw new IllegalArgumentException("GpoConfig.mutation: give a PpoConfig or an A2cConfig");
    if (!(mutation instanceof PpoConfig) && !(mutation instanceof A2cConfig))
      throw new IllegalArgumentException("GpoConfig.mutation: only PpoConfig and A2cConfig are supported, got " + mutation.getClass().getName());
    positive("populationSize", populationSize);
    positive("rounds", rounds);
    if (totalSteps <= 0) throw new IllegalArgumentException("GpoConfig.totalSteps: must be > 0, got " + totalSteps);
    if (!(sharingKlThreshold >= 0)) throw new IllegalArgumentException("GpoConfig.sharingKlThreshold: must be >= 0, got " + sharingKlThreshold);
    if (sharing == null) throw new IllegalArgumentException("GpoConfig.sharing: give a SharingRule, e.g. SharingRule.LITERAL");
    if (sharing.mode() == SharingRule.Mode.PENALISED && !(mutation instanceof PpoConfig))
      throw new IllegalArgumentException("GpoConfig.sharing: the penalised rule extends PPO's KL penalty; A2C has none, so use another rule with A2C");
    unit("diversityWeightFirst", diversityWeightFirst);
    unit("diversityWeightLast", diversityWeightLast);
    positive("windowBatches", windowBatches);
    if (!(topFraction > 0 && topFraction <= 1)) throw new IllegalArgumentException("GpoConfig.topFraction: must be in (0, 1], got " + topFraction);
    positive("pisEpochs", pisEpochs);
    positive("pisMinibatch", pisMinibatch);
    if (!(pisLearningRate > 0)) throw new IllegalArgumentException("GpoConfig.pisLearningRate: must be > 0");
    positive("expertSteps", expertSteps);
    if (daggerIterations < 0) throw new IllegalArgumentException("GpoConfig.daggerIterations: must be >= 0");
    positive("studentSteps", studentSteps);
    positive("daggerEpochs", daggerEpochs);
    positive("daggerMinibatch", daggerMinibatch);
    if (!(daggerLearningRate > 0)) throw new IllegalArgumentException("GpoConfig.daggerLearningRate: must be > 0");
    positive("daggerEnvs", daggerEnvs);
    if (expertSteps % daggerEnvs != 0 || studentSteps % daggerEnvs != 0)
      throw new IllegalArgumentException("GpoConfig: expertSteps " + expertSteps + " and studentSteps " + studentSteps
          + " must be multiples of daggerEnvs " + daggerEnvs + "; change daggerEnvs");
    if (parentChoice == null) throw new IllegalArgumentException("GpoConfig.parentChoice: ARGMAX or SAMPLE");
    if (childInit == null) throw new IllegalArgumentException("GpoConfig.childInit: STRONGER_PARENT, FIRST_PARENT or FRESH");
    if (fitness == null) throw new IllegalArgumentException("GpoConfig.fitness: TRAINING or EVALUATION");
    if (fitness == FitnessSource.EVALUATION && fitnessEpisodes <= 0)
      throw new IllegalArgumentException("GpoConfig.fitnessEpisodes: must be > 0 when fitness is EVALUATION, got " + fitnessEpisodes);
    if (criticData == null) throw new IllegalArgumentException("GpoConfig.criticData: OWN or SHARED");
    if (criticData == CriticData.SHARED && !(mutation instanceof PpoConfig))
      throw new IllegalArgumentException("GpoConfig.criticData: SHARED is implemented for PPO mutation only; use OWN with A2C");
    if (evalEpisodes < 0 || finalEvalEpisodes < 0) throw new IllegalArgumentException("GpoConfig: evaluation episodes must be >= 0");
    if (threads < 0) throw new IllegalArgumentException("GpoConfig.threads: must be >= 0 (0 = all cores), got " + threads);
    if (networks == null) throw new IllegalArgumentException("GpoConfig.networks: OURS or DL4J");
  }

  /** The paper's GPO with PPO mutation: m = 8, k = 12, 8M steps, C + S + M. */
  public static GpoConfig paperPpo(long seed) {
    return defaults(PpoConfig.defaults(2048), seed);
  }

  /** The paper's GPO with A2C mutation. */
  public static GpoConfig paperA2c(long seed) {
    return defaults(A2cConfig.defaults(2048), seed);
  }

  public static GpoConfig defaults(HyperParameters mutation, long seed) {
    return new GpoConfig(mutation, 8, 12, 8_000_000L, true, true, true, 0.5, SharingRule.LITERAL, 0.0, 0.0, true,
        5, 0.6, 100, 64, 5e-4, 5000, 10, 500, 10, 64, 5e-4, 4, ParentChoice.ARGMAX,
        ChildInit.STRONGER_PARENT, FitnessSource.TRAINING, 5, CriticData.OWN, 5, false, 10, seed, 0, NetworkBackend.OURS);
  }

  /**
   * The ablation variants of Fig. 5 by name: "Base", "Base+C", "Base+S", "Base+C+S", "Base+M", "Base+M+S",
   * "Base+M+C", "GPO" (= Base+C+S+M). Components may be listed in any order.
   */
  public GpoConfig variant(String name) {
    String n = name.trim();
    if (n.equalsIgnoreCase("GPO")) return withFlags(true, true, true);
    if (!n.toLowerCase(Locale.ROOT).startsWith("base"))
      throw new IllegalArgumentException("GpoConfig.variant: '" + name + "' is not one of Base, Base+C, Base+S, Base+C+S, Base+M, Base+M+S, Base+M+C, GPO");
    boolean c = false, s = false, m = false;
    String[] parts = n.split("\\+");
    for (int i = 1; i < parts.length; i++) {
      switch (parts[i].trim().toUpperCase(Locale.ROOT)) {
        case "C" -> c = true;
        case "S" -> s = true;
        case "M" -> m = true;
        default -> throw new IllegalArgumentException("GpoConfig.variant: unknown component '" + parts[i] + "' in '" + name + "'; use C, S or M");
      }
    }
    return withFlags(c, s, m);
  }

  /** The variant name of this config's flags ("GPO" when all three are on). */
  public String variantName() {
    if (crossover && selection && dataSharing) return "GPO";
    StringBuilder b = new StringBuilder("Base");
    if (dataSharing) b.append("+M");
    if (crossover) b.append("+C");
    if (selection) b.append("+S");
    return b.toString();
  }

  public GpoConfig withFlags(boolean c, boolean s, boolean m) {
    return copy(b -> { b.crossover = c; b.selection = s; b.dataSharing = m; });
  }

  /** Population, rounds and budget (Fig. 7 and Fig. 10 vary them). */
  public GpoConfig withScale(int populationSize, int rounds, long totalSteps) {
    return copy(b -> { b.populationSize = populationSize; b.rounds = rounds; b.totalSteps = totalSteps; });
  }

  /** Crossover sizes: pi_S epochs, DAgger expert steps, iterations, student steps per iteration, DAgger epochs. */
  public GpoConfig withCrossoverSizes(int pisEpochs, int expertSteps, int daggerIterations, int studentSteps, int daggerEpochs) {
    return copy(b -> {
      b.pisEpochs = pisEpochs; b.expertSteps = expertSteps; b.daggerIterations = daggerIterations;
      b.studentSteps = studentSteps; b.daggerEpochs = daggerEpochs;
    });
  }

  public GpoConfig withSelection(double diversityWeightFirst, double diversityWeightLast, boolean allowSelfPairs) {
    return copy(b -> { b.diversityWeightFirst = diversityWeightFirst; b.diversityWeightLast = diversityWeightLast; b.allowSelfPairs = allowSelfPairs; });
  }

  /** The open choices that decide the population's diversity (see the field docs). */
  public GpoConfig withDiversityChoices(ChildInit childInit, FitnessSource fitness, int fitnessEpisodes, boolean allowSelfPairs,
                                        double sharingKlThreshold) {
    return copy(b -> {
      b.childInit = childInit; b.fitness = fitness; b.fitnessEpisodes = fitnessEpisodes; b.allowSelfPairs = allowSelfPairs;
      b.sharingKlThreshold = sharingKlThreshold;
    });
  }

  public GpoConfig withCriticData(CriticData criticData) {
    return copy(b -> b.criticData = criticData);
  }

  public GpoConfig withDiagnostics(int evalEpisodes, boolean parameterCrossover, int finalEvalEpisodes) {
    return copy(b -> { b.evalEpisodes = evalEpisodes; b.parameterCrossover = parameterCrossover; b.finalEvalEpisodes = finalEvalEpisodes; });
  }

  public GpoConfig withSharing(SharingRule sharing) {
    return copy(b -> b.sharing = sharing);
  }

  public GpoConfig withSharingKlThreshold(double epsilon) {
    return copy(b -> b.sharingKlThreshold = epsilon);
  }

  public GpoConfig withWindow(int windowBatches, int daggerEnvs) {
    return copy(b -> { b.windowBatches = windowBatches; b.daggerEnvs = daggerEnvs; });
  }

  public GpoConfig withSeed(long seed) {
    return copy(b -> b.seed = seed);
  }

  public GpoConfig withThreads(int threads) {
    return copy(b -> b.threads = threads);
  }

  public GpoConfig withNetworks(NetworkBackend networks) {
    return copy(b -> b.networks = networks);
  }

  /** Mutable twin of the record's fields, for the with-methods: one place lists every field. */
  private static final class Fields {
    HyperParameters mutation; int populationSize; int rounds; long totalSteps; boolean crossover; boolean selection;
    boolean dataSharing; double sharingKlThreshold; SharingRule sharing; double diversityWeightFirst; double diversityWeightLast;
    boolean allowSelfPairs; int windowBatches; double topFraction; int pisEpochs; int pisMinibatch; double pisLearningRate;
    int expertSteps; int daggerIterations; int studentSteps; int daggerEpochs; int daggerMinibatch; double daggerLearningRate;
    int daggerEnvs; ParentChoice parentChoice; ChildInit childInit; FitnessSource fitness; int fitnessEpisodes; CriticData criticData;
    int evalEpisodes; boolean parameterCrossover; int finalEvalEpisodes; long seed; int threads; NetworkBackend networks;
  }

  private GpoConfig copy(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields();
    f.mutation = mutation; f.populationSize = populationSize; f.rounds = rounds; f.totalSteps = totalSteps;
    f.crossover = crossover; f.selection = selection; f.dataSharing = dataSharing; f.sharingKlThreshold = sharingKlThreshold;
    f.sharing = sharing;
    f.diversityWeightFirst = diversityWeightFirst; f.diversityWeightLast = diversityWeightLast; f.allowSelfPairs = allowSelfPairs;
    f.windowBatches = windowBatches; f.topFraction = topFraction; f.pisEpochs = pisEpochs; f.pisMinibatch = pisMinibatch;
    f.pisLearningRate = pisLearningRate; f.expertSteps = expertSteps; f.daggerIterations = daggerIterations;
    f.studentSteps = studentSteps; f.daggerEpochs = daggerEpochs; f.daggerMinibatch = daggerMinibatch;
    f.daggerLearningRate = daggerLearningRate; f.daggerEnvs = daggerEnvs; f.parentChoice = parentChoice; f.childInit = childInit;
    f.fitness = fitness; f.fitnessEpisodes = fitnessEpisodes; f.criticData = criticData; f.evalEpisodes = evalEpisodes;
    f.parameterCrossover = parameterCrossover; f.finalEvalEpisodes = finalEvalEpisodes; f.seed = seed; f.threads = threads;
    f.networks = networks;
    change.accept(f);
    return new GpoConfig(f.mutation, f.populationSize, f.rounds, f.totalSteps, f.crossover, f.selection, f.dataSharing,
        f.sharingKlThreshold, f.sharing, f.diversityWeightFirst, f.diversityWeightLast, f.allowSelfPairs, f.windowBatches, f.topFraction,
        f.pisEpochs, f.pisMinibatch, f.pisLearningRate, f.expertSteps, f.daggerIterations, f.studentSteps, f.daggerEpochs,
        f.daggerMinibatch, f.daggerLearningRate, f.daggerEnvs, f.parentChoice, f.childInit, f.fitness, f.fitnessEpisodes,
        f.criticData, f.evalEpisodes, f.parameterCrossover, f.finalEvalEpisodes, f.seed, f.threads, f.networks);
  }

  /** Diversity weight of round r: linear from first (round 0) to last (round k-1). */
  public double diversityWeight(int round) {
    if (rounds == 1) return diversityWeightFirst;
    return diversityWeightFirst + (diversityWeightLast - diversityWeightFirst) * round / (double) (rounds - 1);
  }

  /** Environment steps one state-space crossover spends (expert + student rollouts of DAgger). */
  public long daggerStepsPerCrossover() {
    return expertSteps + (long) daggerIterations * studentSteps;
  }

  /**
   * The config as text without the thread count (which never changes results): a run's identity.
   * On our networks it also leaves out the networks field, so a run on them keeps the identity
   * (hash, checkpoint) it had before DL4J's networks could be chosen; a DL4J run's says DL4J. The
   * literal sharing rule is left out for the same reason (runs from before the rules existed).
   */
  public String identity() {
    String text = withThreads(0).toString().replace(", sharing=" + SharingRule.LITERAL, "");
    String ours = ", networks=" + NetworkBackend.OURS + "]";
    return networks == NetworkBackend.OURS ? text.substring(0, text.length() - ours.length()) + "]" : text;
  }

  /** Short hex hash of {@link #identity()} for result rows. */
  public String hash() {
    long h = 1125899906842597L;
    for (char ch : identity().toCharArray()) h = 31 * h + ch;
    return String.format("%016x", Seeds.mix(h));
  }

  private static void positive(String name, int v) {
    if (v <= 0) throw new IllegalArgumentException("GpoConfig." + name + ": must be > 0, got " + v);
  }

  private static void unit(String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("GpoConfig." + name + ": must be in [0, 1], got " + v);
  }
}
