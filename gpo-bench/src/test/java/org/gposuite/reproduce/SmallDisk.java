package org.gposuite.reproduce;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A real 1 MiB tmpfs for disk-full tests: writes fail with the kernel's own ENOSPC ("No space
 * left on device"), as on a full disk, rather than with an exception a test made up. Mounting
 * needs root; elsewhere the test is skipped with the reason, never passed vacuously.
 */
final class SmallDisk implements AutoCloseable {
  private final Path dir;
  private final Path filler;

  private SmallDisk(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler");
  }

  /** Mounts a 1 MiB tmpfs on {@code dir} (created when missing); skips the test when that is not possible. */
  static SmallDisk mount(Path dir) throws IOException, InterruptedException {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a small tmpfs for a real disk-full needs root; this test runs as " + System.getProperty("user.name"));
    Files.createDirectories(dir);
    int rc = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir.toString())
        .redirectErrorStream(true).start().waitFor();
    Assumptions.assumeTrue(rc == 0, "mount -t tmpfs failed (exit " + rc + "): no real disk-full to test with here");
    return new SmallDisk(dir);
  }

  Path dir() {
    return dir;
  }

  /** Fills the disk: every later write of a byte fails with ENOSPC. */
  void fill() throws IOException {
    byte[] page = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) out.write(page);
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) throw full;
    }
  }

  /** Frees the space {@link #fill} took. */
  void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    int rc = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start().waitFor();
    if (rc != 0) new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true).start().waitFor();
  }
}
