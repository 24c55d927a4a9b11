package org.gposuite.reproduce;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see the old content or the whole new content, never a torn
 * one: write a sibling temporary file, then rename it over the target. A run killed mid-write
 * leaves at most a stray temporary file, which the resume logic ignores.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  public static void write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text));
  }
}
