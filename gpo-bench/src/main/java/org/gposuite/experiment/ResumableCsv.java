package org.gposuite.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The results file of a long sweep (Diagnosis, PresetCalibration) that a rerun resumes: each row
 * starts with its key fields, a key already in the file is done and skipped, and every finished
 * row is appended (and echoed) at once, so a stopped sweep loses at most the rows in flight.
 */
final class ResumableCsv {
  private final Path file;

  /** Opens {@code file}, writing {@code header} (with its line break) when the file does not exist yet. */
  ResumableCsv(Path file, String header) throws IOException {
    this.file = file;
    if (!Files.exists(file)) Files.writeString(file, header);
  }

  /** Whether a row with these leading fields (e.g. {@code "GPO,Walker2d,3"}) is already in the file. */
  boolean has(String key) throws IOException {
    String prefix = key + ",";
    return Files.readString(file).lines().anyMatch(l -> l.startsWith(prefix));
  }

  /** Appends a finished row (ending with its line break) and prints it; safe from several threads. */
  synchronized void append(String row) {
    try {
      Files.writeString(file, row, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
    System.out.print(row);
  }
}
