package org.gposuite.gpo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gposuite.checkpoint.Rows;

/**
 * A GPO run's {@code sharing.csv} ({@link SharingRow}s), kept beside the checkpoint rather than in it:
 * rewritten whole at every checkpoint, and on resume read back without the rows of rounds the
 * checkpoint does not hold (a crash between a round's mutation and its checkpoint), so a resumed run
 * ends with the same file as an uninterrupted one.
 */
final class SharingLog {
  static final String FILE = "sharing.csv";

  private final Path file;
  private final List<SharingRow> rows = new ArrayList<>();

  private SharingLog(Path file) { this.file = file; }

  /** The log of a run in {@code runDir} that has finished {@code roundsDone} rounds (0: a fresh run, any old file is replaced). */
  static SharingLog resume(Path runDir, int roundsDone) {
    SharingLog log = new SharingLog(runDir.resolve(FILE));
    if (roundsDone > 0 && Files.exists(log.file))
      for (SharingRow r : Rows.readCsv(log.file, SharingRow.class)) if (r.round() < roundsDone) log.rows.add(r);
    return log;
  }

  void add(List<SharingRow> round) { rows.addAll(round); }

  void write() { Rows.writeCsv(file, SharingRow.class, rows); }
}
