package org.gposuite.gpo;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.ConfigIdentity;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.SharingRule;

/**
 * Everything a GPO run depends on: its scale and seed, and one section for each part of Algorithm 1
 * (MUTATE, its data sharing, SELECT, CROSSOVER) and one for the diagnostics.
 * Each section documents its fields: "paper" = stated in Gangwani &amp; Peng 2018 (section given);
 * "ours" = left open by the paper, with the reason for the value. Everything that can change a
 * run's numbers is in its {@link #identity()} (config.txt of the run folder, the checkpoint's check).
 *
 * @param mutation MUTATE: the policy-gradient algorithm and the window it hands on ({@link MutationSection})
 * @param populationSize m, policies in the population, 8 (paper, Sec. 4.3)
 * @param rounds k, rounds of mutate / select / crossover, 12 (paper, Sec. 4.3)
 * @param totalSteps environment steps of the whole run, all policies and all operators (DAgger included), 8M (paper);
 *        spent to within one batch per policy by {@link StepBudget}
 * @param sharing data sharing during MUTATE, the M flag ({@link SharingSection})
 * @param selection SELECT, the S flag ({@link SelectionSection})
 * @param crossover CROSSOVER: pi_S and DAgger, the C flag ({@link CrossoverSection})
 * @param diagnostics measurements that do not change the run ({@link DiagnosticsSection})
 * @param finalEvalEpisodes episodes of the final best-of-population evaluation (pg Evaluation protocol), 10
 * @param seed everything random derives from it (see {@link Seeds})
 * @param threads worker threads for the per-policy work, 0 = all cores; never changes results
 * @param networks who computes every network of the run (policies, value baselines, pi_S), OURS (see
 *        {@link NetworkBackend}); DL4J gives the same results up to float rounding, which chaotic rollouts amplify
 */
public record GpoConfig(MutationSection mutation, int populationSize, int rounds, long totalSteps,
                        SharingSection sharing, SelectionSection selection, CrossoverSection crossover,
                        DiagnosticsSection diagnostics, int finalEvalEpisodes, long seed, int threads, NetworkBackend networks) {

  public GpoConfig {
    if (mutation == null || sharing == null || selection == null || crossover == null || diagnostics == null)
      throw new IllegalArgumentException("GpoConfig: every section must be given (mutation, sharing, selection, crossover, diagnostics)");
    positive("populationSize", populationSize);
    positive("rounds", rounds);
    if (totalSteps <= 0) throw new IllegalArgumentException("GpoConfig.totalSteps: must be > 0, got " + totalSteps);
    if (sharing.rule().mode() == SharingRule.Mode.PENALISED && !mutation.isPpo())
      throw new IllegalArgumentException("GpoConfig.sharing: the penalised rule extends PPO's KL penalty; A2C has none, so use another rule with A2C");
    if (finalEvalEpisodes < 0) throw new IllegalArgumentException("GpoConfig: evaluation episodes must be >= 0");
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

  /** Every section at its defaults, with {@code mutation}'s algorithm. */
  public static GpoConfig defaults(HyperParameters mutation, long seed) {
    return new GpoConfig(MutationSection.of(mutation), 8, 12, 8_000_000L, SharingSection.DEFAULTS, SelectionSection.DEFAULTS,
        CrossoverSection.DEFAULTS, DiagnosticsSection.DEFAULTS, 10, seed, 0, NetworkBackend.OURS);
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
    boolean c = crossover.stateSpace(), s = selection.byFitness(), m = sharing.enabled();
    if (c && s && m) return "GPO";
    StringBuilder b = new StringBuilder("Base");
    if (m) b.append("+M");
    if (c) b.append("+C");
    if (s) b.append("+S");
    return b.toString();
  }

  /** The ablation flags of Fig. 5, each kept in its section: C (crossover), S (selection), M (sharing). */
  public GpoConfig withFlags(boolean c, boolean s, boolean m) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing.withEnabled(m), selection.withByFitness(s),
        crossover.withStateSpace(c), diagnostics, finalEvalEpisodes, seed, threads, networks);
  }

  /** Population, rounds and budget (Fig. 7 and Fig. 10 vary them). */
  public GpoConfig withScale(int populationSize, int rounds, long totalSteps) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics, finalEvalEpisodes,
        seed, threads, networks);
  }

  public GpoConfig withMutation(UnaryOperator<MutationSection> change) {
    return new GpoConfig(change.apply(mutation), populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics,
        finalEvalEpisodes, seed, threads, networks);
  }

  public GpoConfig withSharing(UnaryOperator<SharingSection> change) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, change.apply(sharing), selection, crossover, diagnostics,
        finalEvalEpisodes, seed, threads, networks);
  }

  public GpoConfig withSelection(UnaryOperator<SelectionSection> change) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, change.apply(selection), crossover, diagnostics,
        finalEvalEpisodes, seed, threads, networks);
  }

  public GpoConfig withCrossover(UnaryOperator<CrossoverSection> change) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, change.apply(crossover), diagnostics,
        finalEvalEpisodes, seed, threads, networks);
  }

  /** The diagnostics and the final evaluation's episodes (a profile sets both from its evaluation budget). */
  public GpoConfig withEvaluation(DiagnosticsSection diagnostics, int finalEvalEpisodes) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics, finalEvalEpisodes,
        seed, threads, networks);
  }

  public GpoConfig withSeed(long seed) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics, finalEvalEpisodes,
        seed, threads, networks);
  }

  public GpoConfig withThreads(int threads) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics, finalEvalEpisodes,
        seed, threads, networks);
  }

  public GpoConfig withNetworks(NetworkBackend networks) {
    return new GpoConfig(mutation, populationSize, rounds, totalSteps, sharing, selection, crossover, diagnostics, finalEvalEpisodes,
        seed, threads, networks);
  }

  /**
   * A run's identity: every setting that can change its results, as an explicit ordered list of
   * key = value. The keys, their order and the spelling of the values are those of the flat record
   * this config once was, so the identities (and hashes) of earlier runs, their config.txt and
   * checkpoints, stay valid. A new setting goes in as a new entry, left out while at the value runs
   * had before it existed (as the sharing rule and the networks are), so that old hashes still stand.
   */
  public ConfigIdentity identityFields() {
    ConfigIdentity id = new ConfigIdentity("GpoConfig")
        .add("mutation", mutation.algorithm().identityFields())
        .add("populationSize", populationSize).add("rounds", rounds).add("totalSteps", totalSteps)
        .add("crossover", crossover.stateSpace()).add("selection", selection.byFitness()).add("dataSharing", sharing.enabled())
        .add("sharingKlThreshold", sharing.klThreshold());
    // runs from before the sharing rules existed used Eq. 5 as written
    if (!sharing.rule().equals(SharingRule.LITERAL)) id.add("sharing", sharing.rule().identityFields());
    id.add("diversityWeightFirst", selection.diversityWeightFirst()).add("diversityWeightLast", selection.diversityWeightLast())
        .add("allowSelfPairs", selection.allowSelfPairs())
        .add("windowBatches", mutation.windowBatches());
    CrossoverSection.PisTraining pis = crossover.pis();
    id.add("topFraction", pis.topFraction()).add("pisEpochs", pis.epochs()).add("pisMinibatch", pis.minibatch())
        .add("pisLearningRate", pis.learningRate());
    CrossoverSection.DaggerTraining dagger = crossover.dagger();
    id.add("expertSteps", dagger.expertSteps()).add("daggerIterations", dagger.iterations()).add("studentSteps", dagger.studentSteps())
        .add("daggerEpochs", dagger.epochs()).add("daggerMinibatch", dagger.minibatch()).add("daggerLearningRate", dagger.learningRate())
        .add("daggerEnvs", dagger.envs()).add("parentChoice", dagger.parentChoice())
        .add("childInit", crossover.childInit())
        .add("fitness", selection.fitness()).add("fitnessEpisodes", selection.fitnessEpisodes())
        .add("criticData", sharing.criticData())
        .add("evalEpisodes", diagnostics.evalEpisodes()).add("parameterCrossover", diagnostics.parameterCrossover())
        .add("finalEvalEpisodes", finalEvalEpisodes)
        .add("seed", seed)
        // the thread count never changes results; identities have always said 0 here
        .add("threads", 0);
    // runs from before DL4J's networks could be chosen ran on ours; a DL4J run's identity says so
    if (networks != NetworkBackend.OURS) id.add("networks", networks);
    return id;
  }

  /** {@link #identityFields()} as one line, {@code GpoConfig[key=value, ...]}: config.txt and the checkpoint hold it. */
  public String identity() {
    return identityFields().toString();
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
}
