package org.gposuite.reproduce.store;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.BudgetVariant;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.Settings;

/** Reads and writes {@link CellRecord} rows; reading checks every field and says where it failed. */
public final class CellsCsv {
  public static final List<String> COLUMNS = List.of("algorithm", "task", "method", "seed",
      "preset", "settings", "config_hash", "profile", "final_return", "steps_used", "wall_total_s",
      "wall_mutate_s", "wall_select_s", "wall_crossover_s", "git_commit", "mujoco", "jdk", "os",
      "cpu", "libraries", "finished_at", "variant");

  /**
   * Columns added after expected-results/ first held files; a file without them is from before
   * presets and reads as the default preset without overrides; one without {@code variant} is from
   * before budget variants and reads as the profile's budget (empty label).
   */
  static final List<String> OPTIONAL = List.of("preset", "settings", "variant");

  private CellsCsv() {}

  public static void write(Writer out, List<CellRecord> rows) throws IOException {
    write(out, rows, null);
  }

  /**
   * With {@code times} (cell id -> the {@link CellTimes#COLUMNS} values), the file also gets those
   * columns, empty for a cell without them; reading ignores them.
   */
  public static void write(Writer out, List<CellRecord> rows, Map<String, List<String>> times) throws IOException {
    List<String> header = new ArrayList<>(COLUMNS);
    if (times != null) header.addAll(CellTimes.COLUMNS);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new))
        .setRecordSeparator('\n').get();
    try (CSVPrinter printer = new CSVPrinter(out, format)) {
      for (CellRecord r : rows) {
        WallClock w = r.wallClock();
        Provenance p = r.provenance();
        // Double.toString is the shortest text that parses back to the same double, which is
        // what the exact comparison of deterministic reruns relies on.
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(r.algorithm(), r.task(), r.method(), r.seed(), r.settings().preset(),
            r.settings().storedText(), r.configHash(), r.profile(),
            Double.toString(r.finalReturn()), r.stepsUsed(),
            Double.toString(w.totalSeconds()), Double.toString(w.mutateSeconds()),
            Double.toString(w.selectSeconds()), Double.toString(w.crossoverSeconds()),
            p.gitCommit(), p.mujoco(), p.jdk(), p.os(), p.cpu(), p.libraries(), r.finishedAt(), r.variant()));
        if (times != null) values.addAll(times.getOrDefault(r.id(), List.of("", "", "", "")));
        printer.printRecord(values);
      }
    }
  }

  public static void write(Path file, List<CellRecord> rows) throws IOException {
    AtomicFiles.write(file, out -> write(out, rows));
  }

  public static void write(Path file, List<CellRecord> rows, Map<String, List<String>> times) throws IOException {
    AtomicFiles.write(file, out -> write(out, rows, times));
  }

  /**
   * Reads a cells file and checks it as a whole as well as row by row: a row cut short (fewer
   * fields, or a file that ends without its last line break: the harness always writes one)
   * and a cell that appears twice are errors naming the line, so that a damaged baseline stops
   * the comparison instead of passing with the rows it lost.
   */
  public static List<CellRecord> read(Path file) {
    return read(file.toString(), TextInput.read(file));
  }

  /** @param source the file's name in error messages */
  public static List<CellRecord> read(String source, Reader in) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = in.read(buf)) > 0; ) text.append(buf, 0, n);
    return read(source, text.toString());
  }

  public static List<CellRecord> read(String source, String text) {
    if (text.isBlank()) {
      throw new InputError(source, 0, null, "is empty; a cells file starts with the header " + String.join(",", COLUMNS));
    }
    Lines lines = new Lines(text);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    List<CellRecord> rows = new ArrayList<>();
    Map<String, Integer> lineOfId = new HashMap<>();
    int lastLine = 1;
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<String> header = parser.getHeaderNames();
      for (String column : COLUMNS) {
        if (!header.contains(column) && !OPTIONAL.contains(column)) {
          throw new InputError(source, 1, column, "column is missing from the header; expected columns "
              + COLUMNS);
        }
      }
      for (CSVRecord rec : parser) {
        int line = lines.at(rec.getCharacterPosition());
        lastLine = line;
        if (!rec.isConsistent()) {
          throw new InputError(source, line, null, "has " + rec.size() + " fields, the header has " + header.size()
              + (lines.isUnterminated(line) ? "; the file ends inside this row: it was cut short" : ""));
        }
        CellRecord row = parse(source, line, rec);
        Integer first = lineOfId.putIfAbsent(row.id(), line);
        if (first != null) {
          throw new InputError(source, line, null, "repeats cell " + row.id() + " of line " + first
              + "; a cells file holds each cell once (re-baseline, or delete one of the rows)");
        }
        rows.add(row);
      }
    } catch (IllegalStateException | java.io.UncheckedIOException | IOException e) {
      throw new InputError(source, lastLine + 1, null, "is not readable CSV: " + e.getMessage());
    }
    if (lines.isUnterminated(lines.count())) {
      throw new InputError(source, lines.count(), null, "ends without a line break: the file was cut short"
          + " (a cells file written by the harness ends with one); re-baseline or restore the file");
    }
    return rows;
  }

  /** Line numbers of character positions, for messages (a row is one line: no quoted newlines are written). */
  private record Lines(String text, int[] starts) {
    Lines(String text) {
      this(text, starts(text));
    }

    private static int[] starts(String text) {
      List<Integer> out = new ArrayList<>(List.of(0));
      for (int i = 0; i < text.length() - 1; i++) {
        if (text.charAt(i) == '\n') out.add(i + 1);
      }
      return out.stream().mapToInt(Integer::intValue).toArray();
    }

    int at(long position) {
      // The parser puts a record after blank lines at the first of them.
      int p = (int) position;
      while (p < text.length() - 1 && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) p++;
      int i = java.util.Arrays.binarySearch(starts, p);
      return (i >= 0 ? i : -i - 2) + 1;
    }

    int count() {
      return starts.length;
    }

    /** True when {@code line} is the last one and no line break ends it. */
    boolean isUnterminated(int line) {
      return line == count() && !text.endsWith("\n");
    }
  }

  private static CellRecord parse(String source, int line, CSVRecord rec) {
    Field f = new Field(source, line, rec);
    Algorithm algorithm = f.get("algorithm", Algorithm::parse);
    String task = f.get("task", Catalogue::requireTask);
    String method = f.get("method", f::nonBlank);
    int seed = f.get("seed", Integer::parseInt);
    String preset = rec.isMapped("preset") ? f.get("preset", Settings::requirePresetName)
        : Settings.DEFAULT_PRESET;
    Settings settings = rec.isMapped("settings") ? f.get("settings", text -> Settings.parseStored(preset, text))
        : new Settings(preset, new TreeMap<>());
    String variant = rec.isMapped("variant") ? f.get("variant", BudgetVariant::requireLabel) : "";
    String hash = f.get("config_hash", f::nonBlank);
    double finalReturn = f.get("final_return", f::finite);
    long steps = f.get("steps_used", Long::parseLong);
    WallClock wall = new WallClock(f.get("wall_total_s", f::finite), f.get("wall_mutate_s", f::finite),
        f.get("wall_select_s", f::finite), f.get("wall_crossover_s", f::finite));
    Provenance p = new Provenance(rec.get("git_commit"), rec.get("mujoco"), rec.get("jdk"),
        rec.get("os"), rec.get("cpu"), rec.get("libraries"));
    return new CellRecord(algorithm, task, method, seed, settings, hash, rec.get("profile"),
        finalReturn, steps, wall, p, rec.get("finished_at"), variant);
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
