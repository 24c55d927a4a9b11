package org.gposuite.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's expected-results/ (the tests run in gpo-bench/), copied where tests may write. */
final class TestFiles {
  static final Path REPO_EXPECTED = Path.of("..", "expected-results");

  private TestFiles() {}

  /** A scratch expected-results folder holding the paper's numbers and nothing else. */
  static Path scratchExpected(Path tmp) throws IOException {
    Path dir = tmp.resolve("expected-results");
    for (String sub : new String[] {"paper", "paper-figures"}) {
      Files.createDirectories(dir.resolve(sub));
      try (Stream<Path> files = Files.list(REPO_EXPECTED.resolve(sub))) {
        for (Path f : files.toList()) Files.copy(f, dir.resolve(sub).resolve(f.getFileName()));
      }
    }
    return dir;
  }

  /** A small profile over the given tasks, every experiment, 2 seeds. */
  static Profile profile(String tasks, String fig5Tasks, long totalSteps) {
    return ProfileLoader.parse("unit", "unit.profile", profileText(tasks, fig5Tasks, totalSteps));
  }

  /** The text of {@link #profile}, for tests that add lines to it. */
  static String profileText(String tasks, String fig5Tasks, long totalSteps) {
    return """
        description = unit-test profile
        tasks = %s
        seeds = 1, 2
        tables = 1, 2, 3
        figures = 3a, 4, 5
        fig3a_task = Swimmer
        fig5_tasks = %s
        assumed_steps_per_second = 1000
        total_steps = %d
        population = 2
        rounds = 2
        horizon = 10
        batch_per_policy = 10
        joint_batch = 20
        eval_episodes = 1
        pi_s_epochs = 1
        dagger_initial = 10
        dagger_iterations = 1
        dagger_per_iteration = 10
        dagger_epochs = 1
        """.formatted(tasks, fig5Tasks, totalSteps);
  }
}
