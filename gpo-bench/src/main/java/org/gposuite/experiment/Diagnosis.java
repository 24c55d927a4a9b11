package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gposuite.env.TaskConfig;
import org.gposuite.gpo.CrossoverSection.ChildInit;
import org.gposuite.gpo.DiagnosticsSection;
import org.gposuite.gpo.Gpo;
import org.gposuite.gpo.GpoConfig;
import org.gposuite.gpo.GpoResult;
import org.gposuite.gpo.RoundRow;
import org.gposuite.gpo.SelectionSection.FitnessSource;
import org.gposuite.gpo.SharingSection.CriticData;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.Baseline;
import org.gposuite.pg.EnvFactory;
import org.gposuite.pg.PpoPreset;
import org.gposuite.pg.VecEnvAdapter;
import org.gposuite.reproduce.compare.Stats;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Settings;

/**
 * The experiment behind GPO's diversity defaults (expected-results/medium/diagnosis.md): GPO under
 * each candidate set of open choices, and Single beside it, at the medium profile's budget, with
 * the per-round diagnostic evaluations on (uncharged), one row per (variant, task, seed) appended
 * to {@code diagnosis.csv}; rows already there are kept (the run resumes).
 *
 * <p>usage: Diagnosis OUT_DIR TASKS SEEDS VARIANT[,VARIANT...] (variants: {@link #VARIANTS} and Single)
 */
public final class Diagnosis {
  private Diagnosis() {}

  record Choices(ChildInit childInit, FitnessSource fitness, boolean selfCouples, double sharingKl, CriticData critic) {}

  static final Map<String, Choices> VARIANTS = Map.ofEntries(
      Map.entry("stronger", new Choices(ChildInit.STRONGER_PARENT, FitnessSource.TRAINING, true, 0.5, CriticData.OWN)),
      Map.entry("stronger-noself", new Choices(ChildInit.STRONGER_PARENT, FitnessSource.TRAINING, false, 0.5, CriticData.OWN)),
      Map.entry("first", new Choices(ChildInit.FIRST_PARENT, FitnessSource.TRAINING, true, 0.5, CriticData.OWN)),
      Map.entry("first-noself", new Choices(ChildInit.FIRST_PARENT, FitnessSource.TRAINING, false, 0.5, CriticData.OWN)),
      Map.entry("fresh-noself", new Choices(ChildInit.FRESH, FitnessSource.TRAINING, false, 0.5, CriticData.OWN)),
      Map.entry("stronger-evalfit", new Choices(ChildInit.STRONGER_PARENT, FitnessSource.EVALUATION, true, 0.5, CriticData.OWN)),
      Map.entry("first-noself-evalfit", new Choices(ChildInit.FIRST_PARENT, FitnessSource.EVALUATION, false, 0.5, CriticData.OWN)),
      Map.entry("stronger-eps0.1", new Choices(ChildInit.STRONGER_PARENT, FitnessSource.TRAINING, true, 0.1, CriticData.OWN)),
      Map.entry("first-noself-eps0.1", new Choices(ChildInit.FIRST_PARENT, FitnessSource.TRAINING, false, 0.1, CriticData.OWN)),
      Map.entry("stronger-critic", new Choices(ChildInit.STRONGER_PARENT, FitnessSource.TRAINING, true, 0.5, CriticData.SHARED)),
      Map.entry("first-noself-critic", new Choices(ChildInit.FIRST_PARENT, FitnessSource.TRAINING, false, 0.5, CriticData.SHARED)));

  static final String HEADER = "variant,task,seed,final_return,steps_used,final_lineages,mean_lineages,mean_largest_family,"
      + "mean_pair_kl,fitness_picks_best,median_child_parent_ratio,seconds\n";

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    List<String> tasks = List.of(args[1].split(","));
    List<Integer> seeds = java.util.Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList();
    List<String> variants = List.of(args[3].split(","));
    Budget budget = ProfileLoader.load("medium").budget();
    Files.createDirectories(out);
    ResumableCsv csv = new ResumableCsv(out.resolve("diagnosis.csv"), HEADER);
    for (String variant : variants)
      for (String task : tasks)
        for (int seed : seeds) {
          String key = variant + "," + task + "," + seed;
          if (csv.has(key)) continue;
          long t0 = System.nanoTime();
          String row = variant.equals("Single") ? single(task, seed, budget) : gpo(variant, task, seed, budget, out);
          csv.append(key + "," + row + String.format(Locale.ROOT, ",%.1f%n", (System.nanoTime() - t0) / 1e9));
        }
  }

  private static String gpo(String variant, String task, int seed, Budget b, Path out) throws IOException {
    Choices c = VARIANTS.get(variant);
    if (c == null) throw new IllegalArgumentException("unknown variant " + variant + "; use Single or one of " + VARIANTS.keySet());
    CellSpec cell = new CellSpec(Algorithm.PPO, task, "GPO", seed, b, Settings.DEFAULT, List.of());
    GpoConfig cfg = GpoRunner.config(cell, "GPO", false)
        .withCrossover(x -> x.withChildInit(c.childInit()))
        .withSelection(s -> s.withFitness(c.fitness(), 5).withSelfPairs(c.selfCouples()))
        .withSharing(s -> s.withKlThreshold(c.sharingKl()).withCriticData(c.critic()))
        .withEvaluation(new DiagnosticsSection(5, false), b.evalEpisodes());
    EnvFactory envs = VecEnvAdapter.factory(new TaskConfig(task, b.horizon(), 1.0), 1);
    Path dir = out.resolve(variant).resolve(task).resolve("seed-" + seed);
    GpoResult r = Gpo.run(cfg, envs, dir, null);
    DiversityPlot.draw(r.rounds(), cfg.populationSize(), "GPO diversity: " + variant + ", " + task + ", seed " + seed, dir.resolve("diversity.png"));
    List<RoundRow> crossed = r.rounds().stream().filter(x -> x.round() < cfg.rounds()).toList();
    return String.format(Locale.ROOT, "%.2f,%d,%d,%.2f,%.2f,%.4f,%.3f,%.3f", r.best().report().mean(), r.stepsUsed(),
        r.rounds().get(r.rounds().size() - 1).lineages(),
        crossed.stream().mapToInt(RoundRow::lineages).average().orElse(Double.NaN),
        crossed.stream().mapToInt(RoundRow::largestFamily).average().orElse(Double.NaN),
        crossed.stream().mapToDouble(RoundRow::meanPairKl).average().orElse(Double.NaN),
        crossed.stream().mapToDouble(RoundRow::fitnessPicksBest).average().orElse(Double.NaN),
        Stats.median(crossed.stream().mapToDouble(RoundRow::medianChildParentRatio).filter(Double::isFinite).toArray()));
  }

  private static String single(String task, int seed, Budget b) {
    EnvFactory envs = VecEnvAdapter.factory(new TaskConfig(task, b.horizon(), 1.0), 1);
    Baseline.Result r = Baseline.run(Algorithms.of(Algorithm.PPO, b.batchPerPolicy(), PpoPreset.TUNED.name()), NetworkBackend.OURS, envs,
        new Baseline.Plan(b.population(), b.totalSteps() / b.population(), seed, b.evalEpisodes()), null, Baseline.Listener.NONE);
    long steps = r.curve().stream().mapToLong(x -> x.timesteps()).max().orElse(0) * b.population();
    return String.format(Locale.ROOT, "%.2f,%d,,,,,,", r.best().report().mean(), steps);
  }
}
