package org.gposuite.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Streams learning-curve rows to a CSV file (flushed per row, so partial runs leave a usable file). */
public final class CurveWriter implements AutoCloseable {
  private final CSVPrinter printer;

  public CurveWriter(Path file) {
    try {
      if (file.getParent() != null) Files.createDirectories(file.getParent());
      printer = new CSVPrinter(Files.newBufferedWriter(file), CSVFormat.DEFAULT.builder().setHeader(CurveRow.HEADER).get());
    } catch (IOException e) {
      throw new UncheckedIOException("CurveWriter: cannot open " + file + " for writing", e);
    }
  }

  public void write(CurveRow row) {
    try {
      printer.printRecord(row.values());
      printer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("CurveWriter: write failed", e);
    }
  }

  @Override
  public void close() {
    try {
      printer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("CurveWriter: close failed", e);
    }
  }
}
