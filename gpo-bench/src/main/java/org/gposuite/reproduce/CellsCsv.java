package org.gposuite.reproduce;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** Reads and writes {@link CellRecord} rows; reading checks every field and says where it failed. */
public final class CellsCsv {
  public static final List<String> COLUMNS = List.of("algorithm", "task", "method", "seed",
      "preset", "settings", "config_hash", "profile", "final_return", "steps_used", "wall_total_s",
      "wall_mutate_s", "wall_select_s", "wall_crossover_s", "git_commit", "mujoco", "jdk", "os",
      "cpu", "libraries", "finished_at");

  /**
   * Columns added after expected-results/ first held files; a file without them is from before
   * presets and reads as the default preset without overrides.
   */
  static final List<String> OPTIONAL = List.of("preset", "settings");

  private CellsCsv() {}

  public static void write(Writer out, List<CellRecord> rows) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new))
        .setRecordSeparator('\n').get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (CellRecord r : rows) {
        WallClock w = r.wallClock();
        Provenance p = r.provenance();
        // Double.toString is the shortest text that parses back to the same double, which is
        // what the exact comparison of deterministic reruns relies on.
        printer.printRecord(r.algorithm(), r.task(), r.method(), r.seed(), r.settings().preset(),
            r.settings().overridesText(), r.configHash(), r.profile(),
            Double.toString(r.finalReturn()), r.stepsUsed(),
            Double.toString(w.totalSeconds()), Double.toString(w.mutateSeconds()),
            Double.toString(w.selectSeconds()), Double.toString(w.crossoverSeconds()),
            p.gitCommit(), p.mujoco(), p.jdk(), p.os(), p.cpu(), p.libraries(), r.finishedAt());
      }
    }
  }

  public static void write(Path file, List<CellRecord> rows) throws IOException {
    AtomicFiles.write(file, out -> write(out, rows));
  }

  public static List<CellRecord> read(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), in);
    }
  }

  /** @param source the file's name in error messages */
  public static List<CellRecord> read(String source, Reader in) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<CellRecord> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = parser.getHeaderNames();
      for (String column : COLUMNS) {
        if (!header.contains(column) && !OPTIONAL.contains(column)) {
          throw new InputError(source, 1, column, "column is missing from the header; expected columns "
              + COLUMNS);
        }
      }
      for (CSVRecord rec : parser) {
        rows.add(parse(source, rec, header.size()));
      }
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      throw new InputError(source, 0, null, "is not readable CSV: " + e.getMessage());
    }
    return rows;
  }

  private static CellRecord parse(String source, CSVRecord rec, int columns) {
    // Records are one line each (no quoted newlines are written), after the header on line 1.
    int line = (int) rec.getRecordNumber() + 1;
    Field f = new Field(source, line, rec);
    if (!rec.isConsistent()) {
      throw new InputError(source, line, null, "has " + rec.size() + " fields, the header has "
          + columns);
    }
    Algorithm algorithm = f.get("algorithm", Algorithm::parse);
    String task = f.get("task", Tasks::requireKnown);
    String method = f.get("method", f::nonBlank);
    int seed = f.get("seed", Integer::parseInt);
    String preset = rec.isMapped("preset") ? f.get("preset", Settings::requirePresetName)
        : Settings.DEFAULT_PRESET;
    Settings settings = new Settings(preset,
        rec.isMapped("settings") ? f.get("settings", Settings::parseOverrides) : new TreeMap<>());
    String hash = f.get("config_hash", f::nonBlank);
    double finalReturn = f.get("final_return", f::finite);
    long steps = f.get("steps_used", Long::parseLong);
    WallClock wall = new WallClock(f.get("wall_total_s", f::finite), f.get("wall_mutate_s", f::finite),
        f.get("wall_select_s", f::finite), f.get("wall_crossover_s", f::finite));
    Provenance p = new Provenance(rec.get("git_commit"), rec.get("mujoco"), rec.get("jdk"),
        rec.get("os"), rec.get("cpu"), rec.get("libraries"));
    return new CellRecord(algorithm, task, method, seed, settings, hash, rec.get("profile"),
        finalReturn, steps, wall, p, rec.get("finished_at"));
  }

  private record Field(String source, int line, CSVRecord rec) {
    <T> T get(String column, Function<String, T> parse) {
      String text = rec.get(column);
      try {
        return parse.apply(text.strip());
      } catch (RuntimeException e) {
        throw new InputError(source, line, column, "\"" + text + "\" is not valid: " + e.getMessage());
      }
    }

    String nonBlank(String s) {
      if (s.isBlank()) throw new IllegalArgumentException("it is empty");
      return s;
    }

    double finite(String s) {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) throw new IllegalArgumentException("it is not a finite number");
      return v;
    }
  }
}
