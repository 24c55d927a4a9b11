package org.gposuite.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.gposuite.reproduce.plan.Profile;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.junit.jupiter.api.Assumptions;

/** The repository's expected-results/ (the tests run in gpo-bench/), copied where tests may write. */
public final class TestFiles {
  public static final Path REPO_EXPECTED = Path.of("..", "expected-results");

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
  public static String profileText(String tasks, String fig5Tasks, long totalSteps) {
    return """
        description = unit-test profile
        tasks = %s
        seeds = 1, 2
        tables = 1, 2, 3
        figures = 3a, 4, 5, 6, 8
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

  /**
   * Makes a folder read-only for this process until the returned handle is closed. Permission
   * bits do not bind root, as which tests may run, so for root the folder is made immutable
   * (chattr +i); where neither works the test is skipped rather than passing vacuously.
   */
  static AutoCloseable readOnly(Path dir) throws IOException, InterruptedException {
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (!canCreateIn(dir)) return () -> Files.setPosixFilePermissions(dir, before);
    boolean immutable;
    try {
      immutable = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start().waitFor() == 0
          && !canCreateIn(dir);
    } catch (IOException e) {
      immutable = false;
    }
    if (!immutable) {
      Files.setPosixFilePermissions(dir, before);
      Assumptions.abort("cannot make a folder read-only here (root, and chattr +i does not work)");
    }
    return () -> {
      new ProcessBuilder("chattr", "-i", dir.toString()).redirectErrorStream(true).start().waitFor();
      Files.setPosixFilePermissions(dir, before);
    };
  }

  private static boolean canCreateIn(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The temporary files under a folder: an atomic write that failed must leave none. */
  static List<Path> temporaryFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
