package org.gposuite.gpo;

import java.nio.file.Path;
import java.util.List;
import org.gposuite.nn.GaussianPolicy;
import org.gposuite.pg.Agent;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.Evaluation;
import org.gposuite.pg.HyperParameters;
import org.gposuite.pg.VectorEnv;

/**
 * Genetic Policy Optimization (Algorithm 1): a population of m policies with random parameters; each
 * of k rounds runs MUTATE ({@link Mutation}), SELECT ({@link Selection}) and CROSSOVER ({@link Crossover})
 * and the children become the next population. The ablation flags C, S, M of {@link GpoConfig} switch
 * the components inside this one loop. The round's MUTATE iterations come from {@link StepBudget}, which
 * makes the run spend its whole budget (DAgger included), with a final MUTATE after the last round.
 * Each operator is built once from its section of the configuration and applied to each round's
 * {@link RoundContext}; {@link RoundLog} wraps the calls (time per operator, progress, rows, checkpoint).
 *
 * <p>Files in the run directory: {@code config.txt}, {@code checkpoint.bin} (after every round),
 * {@code curve.csv} (per policy per iteration), {@code population.csv}, {@code couples.csv},
 * {@code sharing.csv} (per policy, iteration and shared batch: {@link SharingRow}),
 * {@code rounds.csv} (rewritten from the checkpoint's rows after every round). A run started on a
 * directory holding a checkpoint of the same configuration resumes after its last round.
 */
public final class Gpo {
  private Gpo() {}

  public static GpoResult run(GpoConfig cfg, EnvFactory envs, Path runDir, ProgressListener progress) {
    RoundLog log = RoundLog.open(cfg, runDir, progress == null ? ProgressListener.NONE : progress, () -> fresh(cfg, envs));
    RunState st = log.state();
    StepBudget budget = StepBudget.of(cfg, horizon(cfg, envs));
    Mutation mutation = Mutation.of(cfg);
    Selection selection = Selection.of(cfg);
    Crossover crossover = Crossover.of(cfg);
    try (Parallel par = new Parallel(cfg.threads())) {
      for (int r = st.roundsDone; r < cfg.rounds(); r++) {
        RoundContext ctx = log.begin(r, budget.iterations(r, st.stepsUsed), envs, par);
        // MUTATE: every policy's policy-gradient iterations (sharing samples with similar policies under M)
        Mutation.RoundResult mutated = log.operator(RoundLog.Phase.MUTATE, () -> mutation.apply(ctx, log));
        // SELECT: m couples; under S the fittest by return and diversity (KL between the policies), else at random
        Selection.Result selected = log.operator(RoundLog.Phase.SELECT, () -> selection.apply(ctx, mutated));
        // CROSSOVER: each couple's child (under C in state space: pi_S, then DAgger; else the stronger parent); the next population
        List<Crossover.Child> children = log.operator(RoundLog.Phase.CROSSOVER, () -> crossover.apply(ctx, selected, mutated));
        // Beside the algorithm: diagnostic evaluations, the round's rows, a checkpoint.
        RoundEvaluations evals = log.operator(RoundLog.Phase.EVALUATE, () -> RoundEvaluations.of(cfg.diagnostics(), ctx, children));
        log.roundDone(mutated, selected, children, evals);
      }
      if (st.roundsDone == cfg.rounds()) {
        // The final MUTATE of the children with the budget the last round left (see StepBudget), recorded as round k.
        RoundContext ctx = log.begin(cfg.rounds(), budget.tailIterations(st.stepsUsed), envs, par);
        log.finalMutation(() -> mutation.withoutFitnessEpisodes().apply(ctx, log));
      }
    }
    log.finish();
    return result(cfg, envs, st);
  }

  /** The run's result: the final population, the best of it by the Evaluation protocol, the rows and the clock. */
  private static GpoResult result(GpoConfig cfg, EnvFactory envs, RunState st) {
    List<GaussianPolicy> finals = st.population.stream().map(Member::policy).toList();
    Evaluation.Best best = cfg.finalEvalEpisodes() > 0
        ? Evaluation.bestOf(finals, envs, cfg.finalEvalEpisodes(), Seeds.of(cfg.seed(), cfg.rounds(), 0, Seeds.Purpose.FINAL_EVAL))
        : null;
    RunState.Clock k = st.clock;
    return new GpoResult(finals, best, List.copyOf(st.curve), List.copyOf(st.policies), List.copyOf(st.couples), List.copyOf(st.rounds),
        new GpoResult.WallClock(k.mutate(), k.select(), k.crossover(), k.evaluate(), k.total()), st.stepsUsed);
  }

  private static int horizon(GpoConfig cfg, EnvFactory envs) {
    try (VectorEnv probe = envs.create(1, Seeds.of(cfg.seed(), 0, 0, Seeds.Purpose.MUTATE_ENV))) {
      return probe.horizon();
    }
  }

  /** Round 0's population: the paper's networks with random parameters, one seed per slot. */
  static RunState fresh(GpoConfig cfg, EnvFactory envs) {
    RunState st = new RunState();
    int od, ad;
    try (VectorEnv probe = envs.create(1, Seeds.of(cfg.seed(), 0, 0, Seeds.Purpose.MUTATE_ENV))) {
      od = probe.obsDim();
      ad = probe.actDim();
    }
    HyperParameters hp = cfg.mutation().algorithm();
    for (int i = 0; i < cfg.populationSize(); i++) {
      Agent a = Agent.create(od, ad, hp, Seeds.of(cfg.seed(), 0, i, Seeds.Purpose.POLICY_INIT), cfg.networks());
      st.population.add(new Member(a.policy(), a.value(), hp.initialBeta(), i));
    }
    return st;
  }
}
