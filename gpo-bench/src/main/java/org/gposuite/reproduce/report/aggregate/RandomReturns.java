package org.gposuite.reproduce.report.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;

/**
 * The uniform-random policy's average return per task, measured by the suite
 * ({@code experiment.RandomPolicyReturns}) and stored in {@value #FILE} under expected-results/: the
 * low reference of the normalised scores ({@link Normalisation}).
 */
public record RandomReturns(Map<String, Row> byTask) {
  public static final String FILE = "paper/random-returns.csv";
  static final List<String> COLUMNS = List.of("task", "episodes", "mean", "sd", "horizon", "seed");

  /** One task's measurement: {@code episodes} episodes of at most {@code horizon} steps, seeded by {@code seed}. */
  public record Row(String task, int episodes, double mean, double sd, int horizon, long seed) {}

  public RandomReturns {
    byTask = Map.copyOf(byTask);
  }

  public Optional<Row> of(String task) {
    return Optional.ofNullable(byTask.get(task));
  }

  /** The stored measurements, or empty when expected-results has no such file (then there are no normalised scores). */
  public static Optional<RandomReturns> load(Path expectedResults) {
    Path file = expectedResults.resolve(FILE);
    if (!Files.isRegularFile(file)) return Optional.empty();
    try (CSVParser parser = CSVParser.parse(TextInput.read(file),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (String c : COLUMNS) {
        if (!parser.getHeaderNames().contains(c)) throw new InputError(file.toString(), 1, c, "column is missing; expected " + COLUMNS);
      }
      Map<String, Row> rows = new LinkedHashMap<>();
      for (CSVRecord r : parser) {
        int line = (int) r.getRecordNumber() + 1;
        try {
          Row row = new Row(r.get("task").strip(), Integer.parseInt(r.get("episodes").strip()), finite(r.get("mean")),
              finite(r.get("sd")), Integer.parseInt(r.get("horizon").strip()), Long.parseLong(r.get("seed").strip()));
          if (rows.put(row.task(), row) != null) throw new InputError(file.toString(), line, "task", row.task() + " appears twice");
        } catch (IllegalArgumentException | IllegalStateException e) {
          throw new InputError(file.toString(), line, null, "is not a valid row: " + e.getMessage());
        }
      }
      return Optional.of(new RandomReturns(rows));
    } catch (IOException e) {
      throw new InputError(file.toString(), 0, null, "cannot be read: " + e.getMessage());
    }
  }

  /** Writes {@code rows} as {@value #FILE}'s format: mean and sd to 4 decimals, more than their standard error needs. */
  public static void write(Path file, List<Row> rows) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%d,%d%n", r.task(), r.episodes(), r.mean(), r.sd(), r.horizon(), r.seed()));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeString(file, sb.toString());
  }

  private static double finite(String s) {
    double d = Double.parseDouble(s.strip());
    if (!Double.isFinite(d)) throw new IllegalArgumentException("\"" + s + "\" is not a finite number");
    return d;
  }
}
