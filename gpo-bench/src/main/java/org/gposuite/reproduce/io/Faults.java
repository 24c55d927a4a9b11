package org.gposuite.reproduce.io;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * I/O failures as the one line a user reads: the path and the cause in words. The JDK's own
 * messages are the bare path (AccessDeniedException) or the bare cause ("Input length = 1"),
 * each useless alone.
 */
public final class Faults {
  private Faults() {}

  /** "path: cause", or the cause alone when the exception names no path. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return f.getFile() + (f.getOtherFile() != null ? " (to " + f.getOtherFile() + ")" : "") + ": " + reason(e);
    }
    return reason(e);
  }

  /** The cause in words, without the path. */
  public static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException _ -> "permission denied";
      case NoSuchFileException _ -> "no such file or folder";
      case NotDirectoryException _ -> "not a folder";
      case FileAlreadyExistsException _ -> "is a file where a folder is needed";
      case DirectoryNotEmptyException _ -> "is a folder that is not empty";
      case CharacterCodingException _ -> "is not UTF-8 text";
      case FileSystemException x when x.getReason() != null -> x.getReason();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
