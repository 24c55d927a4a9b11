package org.gposuite.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gposuite.env.Env;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.Tasks;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.report.aggregate.RandomReturns;

/**
 * The uniform-random policy's return on each of rllab's nine tasks: the low reference of the
 * report's normalised scores (issue 20; {@code reproduce.report.aggregate.Normalisation}). Each episode draws
 * every action component uniformly from [-1, 1], which rllab's tasks map linearly onto the
 * actuator's control range, so each dimension is uniform over its ctrlrange.
 *
 * <p>Same protocol as {@code pg.Evaluation}: each episode is the first episode of a fresh copy of
 * the task (a hilly task gets that copy's own terrain), at most {@code horizon} steps (the paper's
 * 512), ended early by the task's termination rule or a MuJoCo instability. Episode i is a pure
 * function of (seed, i): its copy and its actions are seeded from {@link #episodeSeed}, so any
 * episode can be recomputed alone ({@code RandomPolicyReturnsTest}).
 *
 * <p>Writes {@value RandomReturns#FILE} (task, episodes, mean, sd, horizon, seed) and
 * {@value #EPISODES_FILE} (each episode's return and length, full precision) under the given
 * expected-results folder.
 *
 * <p>usage: RandomPolicyReturns EXPECTED_RESULTS_DIR [EPISODES [SEED]]
 */
public final class RandomPolicyReturns {
  /** 100 episodes: the random return's standard error is then sd / 10, small beside every task's learned-minus-random gap. */
  static final int DEFAULT_EPISODES = 100;
  /** Any fixed number would do; 20 is the issue that asked for these returns. */
  static final long DEFAULT_SEED = 20;
  static final String EPISODES_FILE = "paper/random-returns-episodes.csv";

  /** One random-policy episode: its undiscounted return and its length in steps. */
  record Episode(double totalReturn, int length) {}

  private RandomPolicyReturns() {}

  /** The seed of episode {@code index}: a fixed mix of the run's seed and the index (SplittableRandom mixes it further). */
  static long episodeSeed(long seed, int index) {
    return seed + 0x9E3779B97F4A7C15L * (index + 1L);
  }

  /** Episode {@code index} of the uniform-random policy on {@code cfg}'s task. */
  static Episode episode(TaskConfig cfg, long seed, int index) {
    SplittableRandom rng = new SplittableRandom(episodeSeed(seed, index));
    try (Env env = Tasks.make(cfg, rng.nextLong())) {
      double[] obs = new double[env.obsDim()];
      double[] action = new double[env.actDim()];
      env.reset(obs);
      double total = 0;
      int steps = 0;
      while (steps < cfg.horizon()) {
        for (int a = 0; a < action.length; a++) action[a] = -1 + 2 * rng.nextDouble();
        total += env.step(action, obs);
        steps++;
        if (env.terminated()) break; // the task's rule or an instability, as VecEnv ends episodes
      }
      return new Episode(total, steps);
    }
  }

  static List<Episode> episodes(TaskConfig cfg, long seed, int count) {
    List<Episode> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) out.add(episode(cfg, seed, i));
    return out;
  }

  /** Mean and sample standard deviation (n - 1) of the episodes' returns. */
  static RandomReturns.Row summary(TaskConfig cfg, long seed, List<Episode> episodes) {
    double mean = episodes.stream().mapToDouble(Episode::totalReturn).average().orElseThrow();
    double ss = episodes.stream().mapToDouble(e -> (e.totalReturn() - mean) * (e.totalReturn() - mean)).sum();
    double sd = episodes.size() > 1 ? Math.sqrt(ss / (episodes.size() - 1)) : 0;
    return new RandomReturns.Row(cfg.name(), episodes.size(), mean, sd, cfg.horizon(), seed);
  }

  public static void main(String[] args) throws IOException {
    Path expected = Path.of(args.length > 0 ? args[0] : "expected-results");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_EPISODES;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    List<RandomReturns.Row> rows = new ArrayList<>();
    StringBuilder perEpisode = new StringBuilder("task,episode,return,length\n");
    for (String task : Tasks.names()) {
      long t0 = System.nanoTime();
      TaskConfig cfg = TaskConfig.of(task); // the paper's horizon 512 and hill difficulty 1.0
      List<Episode> eps = episodes(cfg, seed, count);
      for (int i = 0; i < eps.size(); i++) {
        perEpisode.append(task).append(',').append(i).append(',').append(eps.get(i).totalReturn()).append(',')
            .append(eps.get(i).length()).append('\n');
      }
      RandomReturns.Row row = summary(cfg, seed, eps);
      rows.add(row);
      System.out.printf(java.util.Locale.ROOT, "%s: mean %.2f, sd %.2f over %d episodes (mean length %.0f), %.1f s%n", task,
          row.mean(), row.sd(), count, eps.stream().mapToInt(Episode::length).average().orElse(0), (System.nanoTime() - t0) / 1e9);
    }
    RandomReturns.write(expected.resolve(RandomReturns.FILE), rows);
    Files.createDirectories(expected.resolve(EPISODES_FILE).toAbsolutePath().getParent());
    AtomicFiles.writeString(expected.resolve(EPISODES_FILE), perEpisode.toString());
    System.out.println("wrote " + expected.resolve(RandomReturns.FILE) + " and " + expected.resolve(EPISODES_FILE));
  }
}
