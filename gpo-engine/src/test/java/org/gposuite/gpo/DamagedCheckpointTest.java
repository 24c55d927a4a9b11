package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 21, item 3: a length field of a checkpoint damaged into a huge number must fail as a
 * message naming the file and saying to delete it, never as an OutOfMemoryError (which the
 * harness cannot catch as a cell failure, so no error.txt is written and nothing names the file).
 */
class DamagedCheckpointTest {
  @TempDir Path tmp;

  /** Where the first member's fields start: after the magic, the identity, the round, the steps, the clock and the population size. */
  static int firstMemberOffset(GpoConfig cfg) {
    int magic = 2 + "gpo-suite checkpoint v2".getBytes(StandardCharsets.UTF_8).length;
    int identity = 4 + cfg.identity().getBytes(StandardCharsets.UTF_8).length;
    return magic + identity + Integer.BYTES + Long.BYTES + 5 * Double.BYTES + Integer.BYTES;
  }

  /** A checkpoint after round 0 of the tiny GPO run. */
  Path checkpoint(GpoConfig cfg) {
    return checkpoint(cfg, tmp.resolve("run"));
  }

  /** A checkpoint after round 0 of the tiny GPO run, in {@code dir}. */
  static Path checkpoint(GpoConfig cfg, Path dir) {
    ProgressListener stop = new ProgressListener() {
      @Override
      public void roundDone(RoundRow row) {
        throw new IllegalStateException("stop");
      }
    };
    assertThrows(IllegalStateException.class, () -> GpoRunTest.run(cfg, dir, stop));
    assertEquals(1, RunState.load(dir, cfg).roundsDone, "an intact checkpoint loads");
    return dir;
  }

  /**
   * @param field offset of a 4-byte field within the first member: 4 = its observation dimension
   *     (sizes the networks Member.blank allocates), 13 = the length of its policy parameters
   */
  @ParameterizedTest
  @ValueSource(ints = {4, 13})
  void aHugeLengthIsAMessageNamingTheFileNotAnOutOfMemoryError(int field) throws IOException {
    GpoConfig cfg = GpoRunTest.tiny();
    Path dir = checkpoint(cfg);
    Path file = dir.resolve(RunState.FILE);
    byte[] bytes = Files.readAllBytes(file);
    java.nio.ByteBuffer.wrap(bytes).putInt(firstMemberOffset(cfg) + field, Integer.MAX_VALUE - 16);
    Files.write(file, bytes);

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunState.load(dir, cfg));
    assertTrue(e.getMessage().startsWith("Checkpoint: " + file + " is damaged ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; delete it to start the run afresh"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), "one line");
  }

  /** Issue 21, item 4: one line naming the file and the first setting that differs, not two whole configurations. */
  @org.junit.jupiter.api.Test
  void aCheckpointOfAnotherConfigurationIsOneLineNamingTheDifference() {
    Path dir = checkpoint(GpoRunTest.tiny());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunState.load(dir, GpoRunTest.tiny().withSeed(18)));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Checkpoint: " + dir.resolve(RunState.FILE) + " belongs to a run with a different"
        + " configuration (stored "), e.getMessage());
    assertTrue(e.getMessage().contains("seed=17, given seed=18"), e.getMessage());
    assertTrue(e.getMessage().endsWith("delete it to start afresh"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 1 << 30})
  void aDamagedRowCountIsAMessageNamingTheFile(int rows) throws IOException {
    GpoConfig cfg = GpoRunTest.tiny();
    Path dir = checkpoint(cfg);
    Path file = dir.resolve(RunState.FILE);
    // The round rows are the file's last section: rewrite their count, dropping the rows.
    RunState c = RunState.load(dir, cfg);
    c.rounds.clear();
    c.save(dir, cfg);
    byte[] bytes = Files.readAllBytes(file);
    java.nio.ByteBuffer.wrap(bytes).putInt(bytes.length - Integer.BYTES, rows);
    try (OutputStream out = Files.newOutputStream(file); DataOutputStream d = new DataOutputStream(out)) {
      d.write(bytes);
    }
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunState.load(dir, cfg));
    assertTrue(e.getMessage().startsWith("Checkpoint: " + file + " is damaged ("), e.getMessage());
  }
}
