package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.gposuite.env.TaskConfig;
import org.gposuite.gpo.Gpo;
import org.gposuite.gpo.DiagnosticsSection;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.gpo.GpoResult;
import org.gposuite.gpo.ProgressListener;
import org.gposuite.gpo.RoundPolicies;
import org.gposuite.gpo.Visitation;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.SharingRule;
import org.gposuite.pg.VecEnvAdapter;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.store.CellResult;
import org.gposuite.reproduce.store.CellTimes;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.store.CrossoverTrial;
import org.gposuite.reproduce.store.SharingSummary;
import org.gposuite.reproduce.store.CurvePoint;
import org.gposuite.reproduce.run.MethodRunner;
import org.gposuite.reproduce.run.Progress;
import org.gposuite.reproduce.store.StateVisitation;
import org.gposuite.reproduce.store.WallClock;
import org.gposuite.reproduce.exec.Preemption;

/**
 * GPO and its Fig. 5 ablations as harness cells, and the Fig. 3a crossover probe.
 * <ul>
 *   <li>A variant ("GPO", "Base+C", ...) runs {@link Gpo#run} with the cell's budget; the final
 *       return is the final population's best policy under pg's Evaluation protocol.</li>
 *   <li>The probe runs the first round of that same GPO run (a budget of totalSteps / rounds) and
 *       measures every parent, state-space child and parameter-space child once, by Fig. 3b's
 *       rollouts ({@link #writeVisitation}: 10 x eval_episodes each); Fig. 3a's numbers are their
 *       mean returns and the cell's final return is the state-space children's mean. Self-couples
 *       (x, x) are left out: their child is a copy.</li>
 * </ul>
 * Checkpoints go under the cell's folder, so an interrupted cell resumes from its last round.
 */
final class GpoRunner implements MethodRunner {
  private final String variant;
  private final boolean crossoverProbe;

  private GpoRunner(String variant, boolean crossoverProbe) {
    this.variant = variant;
    this.crossoverProbe = crossoverProbe;
  }

  static GpoRunner variant(String name) { return new GpoRunner(name, false); }

  static GpoRunner crossoverProbe() { return new GpoRunner("GPO", true); }

  static GpoConfig config(CellSpec cell, String variant, boolean crossoverProbe) {
    Budget b = cell.budget();
    var pg = Algorithms.config(cell.algorithm(), b.batchPerPolicy(), cell.settings().preset());
    GpoConfig cfg = GpoConfig.defaults(pg, cell.seed())
        .variant(variant)
        .withScale(b.population(), b.rounds(), b.totalSteps());
    cfg = EngineSettings.apply(cfg, cell.settings().overrides()).withNetworks(cell.settings().networks());
    // A policy's trajectories for fitness and pi_S are its complete episodes inside its last
    // windowBatches batches, per env copy. A task that never ends early (HalfCheetah) at a long
    // horizon needs two horizons of steps per copy in that window, or no episode fits (found:
    // HalfCheetah-v1 at horizon 1024 in 5 batches of 2048 / 8 copies = 1,280 steps per copy). The
    // window follows from the budget (horizon, batch), which the config hash covers; at the tables'
    // horizons the default of 5 batches already spans two horizons and stays.
    int stepsPerCopy = b.batchPerPolicy() / pg.numEnvs();
    int window = Math.max(cfg.mutation().windowBatches(), (2 * b.horizon() + stepsPerCopy - 1) / stepsPerCopy);
    cfg = cfg.withMutation(m -> m.withWindowBatches(window))
        .withCrossover(c -> c.withSizes(b.piSEpochs(), b.daggerInitial(), b.daggerIterations(), b.daggerPerIteration(), b.daggerEpochs(),
            daggerEnvs(b)));
    if (crossoverProbe) {
      // No per-round diagnostic evaluation: the probe's one measurement of each policy is Fig. 3b's
      // rollouts, 10x eval_episodes. Fig. 3a compares one child with its parents, and eval_episodes
      // alone is too few for that: smoke's 2 episodes of a stochastic Swimmer policy spread a
      // child's return by sd 2.9 from seed to seed, its 20 rollouts by 1.0 (the true spread ~0.3).
      cfg = cfg.withScale(b.population(), 1, b.roundSteps())
          .withEvaluation(new DiagnosticsSection(0, true), b.evalEpisodes());
    } else {
      // Per-round diagnostic evaluations are off in table cells: they cost steps the paper's runs did not take.
      cfg = cfg.withEvaluation(new DiagnosticsSection(0, false), b.evalEpisodes());
    }
    return cfg;
  }

  /** DAgger's env copies: they must divide both rollout sizes (the paper's 5000 and 500 take 4, and 4 divides the paper's sizes too). */
  private static int daggerEnvs(Budget b) {
    int copies = 4;
    while (b.daggerInitial() % copies != 0 || b.daggerPerIteration() % copies != 0) copies--;
    return copies;
  }

  /** Where a GPO cell continues from its checkpoint: the rounds and steps behind it. */
  record ResumePoint(int roundsDone, long stepsUsed) {}

  /**
   * The point a cell in {@code gpoDir} resumes from, read from the rounds.csv written with each
   * checkpoint; empty when it starts fresh (no checkpoint), or when rounds.csv cannot tell (then
   * only the message is lost: the engine reads the checkpoint itself).
   */
  static Optional<ResumePoint> resumePoint(Path gpoDir) {
    Path rounds = gpoDir.resolve("rounds.csv");
    if (!java.nio.file.Files.isRegularFile(gpoDir.resolve("checkpoint.bin")) || !java.nio.file.Files.isRegularFile(rounds)) {
      return Optional.empty();
    }
    try (var parser = org.apache.commons.csv.CSVParser.parse(rounds, java.nio.charset.StandardCharsets.UTF_8,
        org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      List<org.apache.commons.csv.CSVRecord> rows = parser.getRecords();
      if (rows.isEmpty()) return Optional.empty();
      return Optional.of(new ResumePoint(rows.size(), Long.parseLong(rows.getLast().get("steps_used"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The progress line's phase; Gpo.run records the children's final mutation (the budget the last round left) as round k. */
  static String mutatePhase(int round, int rounds, int iteration) {
    return (round < rounds ? "round " + (round + 1) + "/" + rounds + " mutate" : "final mutate") + ", iteration " + (iteration + 1);
  }

  @Override
  public CellResult run(CellSpec cell, Path cellDir, Progress progress) throws IOException {
    GpoConfig cfg = config(cell, variant, crossoverProbe);
    var envs = VecEnvAdapter.factory(new TaskConfig(cell.task(), cell.budget().horizon(), 1.0), 1);
    int rounds = cfg.rounds();
    resumePoint(cellDir.resolve("gpo"))
        .ifPresent(r -> progress.resumed(r.stepsUsed(), "after round " + r.roundsDone() + "/" + rounds));
    long[] stepsSoFar = {0};
    GpoResult r = Gpo.run(cfg, envs, cellDir.resolve("gpo"), new ProgressListener() {
      @Override public void iteration(int round, int iteration, long stepsUsed, double[] returns) {
        stepsSoFar[0] = stepsUsed;
        progress.update(stepsUsed, mutatePhase(round, rounds, iteration));
      }
      // Fig. 3b: called before round 0's checkpoint, so a probe resumed after it already has its files.
      @Override public void crossoversMade(RoundPolicies policies) {
        if (crossoverProbe && policies.round() == 0) writeVisitation(cell, policies, envs, cellDir);
      }
      @Override public void operatorDone(int round, String operator) {
        progress.update(stepsSoFar[0], "round " + (round + 1) + "/" + rounds + " " + operator + " done");
      }
      // Called after the round's checkpoint is saved: a Slurm element asked to stop stops here.
      @Override public void roundDone(org.gposuite.gpo.RoundRow row) {
        CellTimes.checkpointed();
        Preemption.checkpointed("after round " + (row.round() + 1) + "/" + rounds);
      }
    });
    DiversityPlot.draw(r.rounds(), cfg.populationSize(), "GPO diversity: " + cell.id(), cellDir.resolve("gpo").resolve("diversity.png"));
    Optional<SharingSummary> sharing = SharingSummary.read(cellDir);
    if (sharing.isPresent())
      SharingPlot.draw(sharing.get(), cfg.populationSize(), "GPO data sharing (" + SharingRule.name(cfg.sharing().rule().mode()) + "): " + cell.id(),
          cellDir.resolve("gpo").resolve("sharing.png"));
    FinalEvaluations.write(cellDir, r.best());
    GpoResult.WallClock w = r.wallClock();
    WallClock wall = new WallClock(w.totalSeconds(), w.mutateSeconds(), w.selectSeconds(), w.crossoverSeconds());
    if (!crossoverProbe) {
      return new CellResult(r.best().report().mean(), r.stepsUsed(), wall, curve(r.curve(), cfg.populationSize()), List.of());
    }
    // Read back rather than kept from the callback: a probe resumed after its checkpoint has only the files.
    List<StateVisitation.Crossover> measured = StateVisitation.read(cellDir);
    if (measured.isEmpty()) {
      throw new IllegalStateException(java.nio.file.Files.exists(cellDir.resolve(StateVisitation.POLICIES_FILE))
          ? "the crossover probe " + cell.id() + " made no crossover: every couple SELECT chose was a self-couple (x, x), whose child is a copy"
          : "the crossover probe " + cell.id() + " has no " + StateVisitation.POLICIES_FILE + " in " + cellDir
              + " (its round was checkpointed without it); delete that folder to compute the cell again");
    }
    List<CrossoverTrial> trials = measured.stream().map(x -> new CrossoverTrial(x.pair(), x.meanReturn(StateVisitation.Role.PARENT_A),
        x.meanReturn(StateVisitation.Role.PARENT_B), x.meanReturn(StateVisitation.Role.STATE_SPACE_CHILD),
        x.meanReturn(StateVisitation.Role.PARAMETER_SPACE_CHILD))).toList();
    double childMean = trials.stream().mapToDouble(CrossoverTrial::stateSpaceChild).average().orElse(Double.NaN);
    return new CellResult(childMean, r.stepsUsed(), wall, List.of(), trials);
  }

  /**
   * Fig. 3b: rolls out each crossover's parents and children again ({@link StateVisitation#rollouts}
   * episodes each, from Visitation's own seeds, so no Fig. 3a number moves) and writes the
   * high-reward states (raw, thinned to a cap) into the cell folder. Self-couples are left
   * out, as in Fig. 3a.
   */
  static void writeVisitation(CellSpec cell, RoundPolicies policies, org.gposuite.pg.EnvFactory envs, Path cellDir) {
    int episodes = StateVisitation.rollouts(cell.budget().evalEpisodes());
    java.util.Map<Integer, StateVisitation.Rollouts> parents = new java.util.HashMap<>();
    List<StateVisitation.Crossover> out = new ArrayList<>();
    for (RoundPolicies.Couple c : policies.couples()) {
      if (c.x() == c.y()) continue;
      if (c.parameterChild() == null) throw new IllegalStateException("Fig. 3b: the probe's couple " + c.index() + " has no parameter-space child");
      var rollouts = new java.util.EnumMap<StateVisitation.Role, StateVisitation.Rollouts>(StateVisitation.Role.class);
      var slots = new java.util.EnumMap<StateVisitation.Role, Integer>(StateVisitation.Role.class);
      for (int side = 0; side < 2; side++) {
        int slot = side == 0 ? c.x() : c.y();
        StateVisitation.Rollouts r = parents.computeIfAbsent(slot, s -> rollouts(policies.parents().get(s), envs, episodes, policies, s, Visitation.Role.PARENT));
        rollouts.put(side == 0 ? StateVisitation.Role.PARENT_A : StateVisitation.Role.PARENT_B, r);
        slots.put(side == 0 ? StateVisitation.Role.PARENT_A : StateVisitation.Role.PARENT_B, slot);
      }
      rollouts.put(StateVisitation.Role.STATE_SPACE_CHILD, rollouts(c.child(), envs, episodes, policies, c.index(), Visitation.Role.CHILD));
      rollouts.put(StateVisitation.Role.PARAMETER_SPACE_CHILD, rollouts(c.parameterChild(), envs, episodes, policies, c.index(), Visitation.Role.PARAMETER_CHILD));
      slots.put(StateVisitation.Role.STATE_SPACE_CHILD, c.index());
      slots.put(StateVisitation.Role.PARAMETER_SPACE_CHILD, c.index());
      out.add(StateVisitation.of(c.index(), rollouts, slots));
    }
    try {
      StateVisitation.write(cellDir, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Fig. 3b: cannot write the state-visitation files into " + cellDir, e);
    }
  }

  private static StateVisitation.Rollouts rollouts(org.gposuite.nn.GaussianPolicy pi, org.gposuite.pg.EnvFactory envs, int episodes,
      RoundPolicies policies, int slot, Visitation.Role role) {
    Visitation.Rollouts r = Visitation.of(pi, envs, episodes, policies, slot, role);
    return new StateVisitation.Rollouts(r.returns(), r.states());
  }

  /** Rows in run order, averaged over each population-sized chunk (one mutation iteration of every policy). */
  private static List<CurvePoint> curve(List<CurveRow> rows, int population) {
    List<CurveRow> sorted = rows.stream().sorted(Comparator.comparingLong(CurveRow::timesteps)).toList();
    List<CurvePoint> points = new ArrayList<>();
    for (int from = 0; from < sorted.size(); from += population) {
      List<CurveRow> chunk = sorted.subList(from, Math.min(sorted.size(), from + population));
      double mean = chunk.stream().mapToDouble(CurveRow::meanEpisodeReturn).filter(Double::isFinite).average().orElse(Double.NaN);
      if (Double.isFinite(mean)) points.add(new CurvePoint(chunk.get(chunk.size() - 1).timesteps(), mean));
    }
    return points;
  }
}
