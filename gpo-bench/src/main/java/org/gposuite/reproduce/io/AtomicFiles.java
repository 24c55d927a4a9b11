package org.gposuite.reproduce.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see the old content or the whole new content, never a torn
 * one: write a sibling temporary file, then rename it over the target. A failed write removes
 * its temporary file and reports the target, not the temporary name, with the cause in words;
 * only a run killed mid-write leaves a stray temporary file, which the resume logic ignores.
 * Every file is left readable by others ({@code rw-r--r--}): a temporary file is created owner-only,
 * and a report or a baseline is meant to be read by whoever shares the machine or the checkout.
 */
public final class AtomicFiles {
  /** The mode of every file the harness writes: owner read/write, everyone else read. */
  public static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * Makes a file the harness wrote readable by others (0644), whatever the umask or the writer
   * (temporary files and some libraries create files owner-only). No-op off POSIX file systems.
   */
  public static void makeReadable(Path file) throws IOException {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
      Files.setPosixFilePermissions(file, READABLE);
    }
  }

  @FunctionalInterface
  public interface Body {
    void writeTo(Writer out) throws IOException;
  }

  public static void write(Path target, Body body) throws IOException {
    if (Files.isDirectory(target)) {
      throw new FileSystemException(target.toString(), null, "is a folder, where a file is to be written");
    }
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(out);
      }
      makeReadable(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      // A failure that names a folder on the way is clear as it is; one that names the
      // temporary file, or nothing, is the target's.
      if (e instanceof FileSystemException f && f.getFile() != null && !isTemporary(f.getFile(), target)) throw e;
      FileSystemException named = new FileSystemException(target.toString(), null, Faults.reason(e));
      named.initCause(e);
      throw named;
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // The write's own outcome is what the caller needs; a leftover .tmp is ignored on resume.
        }
      }
    }
  }

  /** Whether {@code file} is one of {@code target}'s temporary files (its name is not known before it exists). */
  private static boolean isTemporary(String file, Path target) {
    String name = Path.of(file).getFileName().toString();
    return name.startsWith("." + target.getFileName()) && name.endsWith(".tmp");
  }

  public static void writeString(Path target, String text) throws IOException {
    write(target, out -> out.write(text));
  }
}
