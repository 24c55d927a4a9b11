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

  /**
   * Any failure in one line: an I/O failure as {@link #describe}, anything else as the exception,
   * followed by the OS's reason when an I/O exception among its causes carries one the message
   * lacks ("CurveWriter: write failed" alone does not say the disk is full).
   */
  public static String oneLine(Exception e) {
    if (e instanceof IOException io) return describe(io);
    String text = e.toString();
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        String why = describe(io);
        return text.contains(why) ? text : text + ": " + why;
      }
    }
    return text;
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
