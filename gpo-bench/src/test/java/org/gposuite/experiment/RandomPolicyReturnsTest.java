package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gposuite.env.TaskConfig;
import org.gposuite.env.Tasks;
import org.gposuite.reproduce.report.aggregate.RandomReturns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored random-policy returns (expected-results/paper/random-returns*.csv) are what the
 * experiment computes: the first episodes of every task recompute to the stored returns, and the
 * summary is the mean and sd of the stored episodes.
 */
class RandomPolicyReturnsTest {
  static final Path EXPECTED = Path.of("..", "expected-results");
  /** Episodes recomputed per task: enough to catch a changed seed or protocol, cheap (under a second per task). */
  static final int RECOMPUTED = 3;

  @Test
  void theFirstEpisodesOfEveryTaskReproduce() throws Exception {
    Map<String, List<RandomPolicyReturns.Episode>> stored = storedEpisodes();
    RandomReturns summary = RandomReturns.load(EXPECTED).orElseThrow();
    assertEquals(Tasks.names(), List.copyOf(stored.keySet()), "every rllab task, in the paper's order");
    for (String task : Tasks.names()) {
      RandomReturns.Row row = summary.of(task).orElseThrow();
      assertEquals(TaskConfig.DEFAULT_HORIZON, row.horizon(), task + ": the paper's horizon");
      for (int i = 0; i < RECOMPUTED; i++) {
        RandomPolicyReturns.Episode again = RandomPolicyReturns.episode(TaskConfig.of(task), row.seed(), i);
        RandomPolicyReturns.Episode then = stored.get(task).get(i);
        assertEquals(then.length(), again.length(), task + " episode " + i + " length");
        // Same engine and seed: the same physics; the tolerance only allows another platform's last bits.
        assertEquals(then.totalReturn(), again.totalReturn(), 1e-6 * Math.max(1, Math.abs(then.totalReturn())),
            task + " episode " + i + " return");
        assertTrue(again.length() >= 1 && again.length() <= row.horizon(), task + " length " + again.length());
      }
    }
  }

  @Test
  void theSummaryIsTheStoredEpisodesMeanAndSd() throws Exception {
    Map<String, List<RandomPolicyReturns.Episode>> stored = storedEpisodes();
    RandomReturns summary = RandomReturns.load(EXPECTED).orElseThrow();
    for (String task : Tasks.names()) {
      RandomReturns.Row row = summary.of(task).orElseThrow();
      List<RandomPolicyReturns.Episode> eps = stored.get(task);
      assertEquals(row.episodes(), eps.size(), task);
      RandomReturns.Row recomputed = RandomPolicyReturns.summary(TaskConfig.of(task), row.seed(), eps);
      assertEquals(recomputed.mean(), row.mean(), 1e-4, task + " mean (stored to 4 decimals)");
      assertEquals(recomputed.sd(), row.sd(), 1e-4, task + " sd");
    }
  }

  @Test
  void episodesDependOnTheirSeedAndIndexOnly() {
    TaskConfig cfg = new TaskConfig("Hopper", 40, 1.0); // a short horizon keeps it cheap
    RandomPolicyReturns.Episode second = RandomPolicyReturns.episodes(cfg, 5, 3).get(1);
    assertEquals(second, RandomPolicyReturns.episode(cfg, 5, 1), "episode 1 alone equals episode 1 of a run");
    assertNotEquals(second, RandomPolicyReturns.episode(cfg, 6, 1), "another seed, another episode");
    assertNotEquals(RandomPolicyReturns.episode(cfg, 5, 0), second, "another index, another episode");
  }

  @Test
  void mainWritesBothFilesInTheStoredFormat(@TempDir Path tmp) throws Exception {
    RandomPolicyReturns.main(new String[] {tmp.toString(), "2", "7"});
    RandomReturns r = RandomReturns.load(tmp).orElseThrow();
    assertEquals(Tasks.names(), List.copyOf(r.byTask().keySet().stream().sorted((a, b) ->
        Tasks.names().indexOf(a) - Tasks.names().indexOf(b)).toList()));
    RandomReturns.Row swimmer = r.of("Swimmer").orElseThrow();
    assertEquals(2, swimmer.episodes());
    assertEquals(7, swimmer.seed());
    List<String> lines = Files.readAllLines(tmp.resolve(RandomPolicyReturns.EPISODES_FILE));
    assertEquals("task,episode,return,length", lines.get(0));
    assertEquals(1 + 2 * Tasks.names().size(), lines.size());
  }

  private static Map<String, List<RandomPolicyReturns.Episode>> storedEpisodes() throws Exception {
    Map<String, List<RandomPolicyReturns.Episode>> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(EXPECTED.resolve(RandomPolicyReturns.EPISODES_FILE));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      List<RandomPolicyReturns.Episode> eps = out.computeIfAbsent(f[0], k -> new ArrayList<>());
      assertEquals(eps.size(), Integer.parseInt(f[1]), "episodes in order");
      eps.add(new RandomPolicyReturns.Episode(Double.parseDouble(f[2]), Integer.parseInt(f[3])));
    }
    return out;
  }
}
