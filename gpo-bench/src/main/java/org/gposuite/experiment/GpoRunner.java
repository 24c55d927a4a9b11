package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gposuite.env.TaskConfig;
import org.gposuite.gpo.CoupleRow;
import org.gposuite.gpo.Gpo;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.gpo.GpoResult;
import org.gposuite.gpo.ProgressListener;
import org.gposuite.pg.CurveRow;
import org.gposuite.pg.VecEnvAdapter;
import org.gposuite.reproduce.Budget;
import org.gposuite.reproduce.CellResult;
import org.gposuite.reproduce.CellSpec;
import org.gposuite.reproduce.CrossoverTrial;
import org.gposuite.reproduce.CurvePoint;
import org.gposuite.reproduce.MethodRunner;
import org.gposuite.reproduce.Progress;
import org.gposuite.reproduce.WallClock;

/**
 * GPO and its Fig. 5 ablations as harness cells, and the Fig. 3a crossover probe.
 * <ul>
 *   <li>A variant ("GPO", "Base+C", ...) runs {@link Gpo#run} with the cell's budget; the final
 *       return is the final population's best policy under pg's Evaluation protocol.</li>
 *   <li>The probe runs the first round of that same GPO run (a budget of totalSteps / rounds) with
 *       every parent, state-space child and parameter-space child evaluated; its final return is
 *       the state-space children's mean. Self-couples (x, x) are left out: their child is a copy.</li>
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
    GpoConfig cfg = GpoConfig.defaults(Algorithms.config(cell.algorithm(), b.batchPerPolicy(), cell.settings().preset()), cell.seed())
        .variant(variant)
        .withScale(b.population(), b.rounds(), b.totalSteps());
    cfg = EngineSettings.apply(cfg, cell.settings().overrides());
    // DAgger's env copies must divide both rollout sizes (the paper's 5000 and 500 take 4); set
    // them before the sizes, which are checked against them. 4 divides the paper's sizes too.
    int copies = 4;
    while (b.daggerInitial() % copies != 0 || b.daggerPerIteration() % copies != 0) copies--;
    cfg = cfg.withWindow(cfg.windowBatches(), copies)
        .withCrossoverSizes(b.piSEpochs(), b.daggerInitial(), b.daggerIterations(), b.daggerPerIteration(), b.daggerEpochs());
    if (crossoverProbe) {
      cfg = cfg.withScale(b.population(), 1, b.totalSteps() / b.rounds())
          .withDiagnostics(b.evalEpisodes(), true, b.evalEpisodes());
    } else {
      // Per-round diagnostic evaluations are off in table cells: they cost steps the paper's runs did not take.
      cfg = cfg.withDiagnostics(0, false, b.evalEpisodes());
    }
    return cfg;
  }

  @Override
  public CellResult run(CellSpec cell, Path cellDir, Progress progress) throws IOException {
    GpoConfig cfg = config(cell, variant, crossoverProbe);
    var envs = VecEnvAdapter.factory(new TaskConfig(cell.task(), cell.budget().horizon(), 1.0), 1);
    int rounds = cfg.rounds();
    long[] stepsSoFar = {0};
    GpoResult r = Gpo.run(cfg, envs, cellDir.resolve("gpo"), new ProgressListener() {
      @Override public void iteration(int round, int iteration, long stepsUsed, double[] returns) {
        stepsSoFar[0] = stepsUsed;
        progress.update(stepsUsed, "round " + (round + 1) + "/" + rounds + " mutate, iteration " + (iteration + 1));
      }
      @Override public void operatorDone(int round, String operator) {
        progress.update(stepsSoFar[0], "round " + (round + 1) + "/" + rounds + " " + operator + " done");
      }
    });
    DiversityPlot.draw(r.rounds(), cfg.populationSize(), "GPO diversity: " + cell.id(), cellDir.resolve("gpo").resolve("diversity.png"));
    FinalEvaluations.write(cellDir, r.best());
    GpoResult.WallClock w = r.wallClock();
    WallClock wall = new WallClock(w.totalSeconds(), w.mutateSeconds(), w.selectSeconds(), w.crossoverSeconds());
    if (!crossoverProbe) {
      return new CellResult(r.best().report().mean(), r.stepsUsed(), wall, curve(r.curve(), cfg.populationSize()), List.of());
    }
    List<CrossoverTrial> trials = new ArrayList<>();
    for (CoupleRow c : r.couples()) {
      // A couple (x, x) is a copy, not a crossover: Fig. 3a compares children of two parents.
      if (c.round() != 0 || c.x() == c.y()) continue;
      trials.add(new CrossoverTrial(c.couple(), c.xReturn(), c.yReturn(), c.childReturn(), c.paramChildReturn()));
    }
    double childMean = trials.stream().mapToDouble(CrossoverTrial::stateSpaceChild).average().orElse(Double.NaN);
    return new CellResult(childMean, r.stepsUsed(), wall, List.of(), trials);
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
