package org.gposuite.reproduce.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;
import org.gposuite.reproduce.plan.BudgetVariant;
import org.gposuite.reproduce.plan.CellSpec;

/**
 * The per-cell folders of a run: {@code cells/PPO/Ant/GPO/seed-1/} (under a preset other than
 * the default: {@code cells/PPO-paper-calibrated/Ant/GPO/seed-1/}; of a budget variant:
 * {@code cells/PPO/Walker2d@pop16/GPO/seed-1/}) holds {@code curve.csv},
 * {@code crossovers.csv}, the runner's own files (e.g. {@code final-policies.csv}) and, written last,
 * {@code result.csv}. Every file is written
 * atomically and {@code result.csv} is the commit mark: a cell is finished exactly when its
 * {@code result.csv} exists with the cell's config hash, so a killed run resumes at the first
 * unfinished cell and a changed profile recomputes instead of reusing stale numbers.
 */
public final class CellStore {
  public static final String RESULT = "result.csv";
  public static final String CURVE = "curve.csv";
  static final String CROSSOVERS = "crossovers.csv";

  private final Path root;

  public CellStore(Path runDir) {
    this.root = runDir.resolve("cells");
  }

  public Path dirOf(CellSpec spec) {
    return root.resolve(spec.algorithmLabel()).resolve(spec.taskLabel()).resolve(spec.method())
        .resolve("seed-" + spec.seed());
  }

  /** The folder of a stored cell (as {@link #dirOf(CellSpec)} for the spec it was computed from). */
  public Path dirOf(CellRecord r) {
    return root.resolve(CellSpec.algorithmLabel(r.algorithm(), r.settings().preset())).resolve(r.task() + BudgetVariant.suffix(r.variant()))
        .resolve(r.method()).resolve("seed-" + r.seed());
  }

  /**
   * The finished cell, if this run folder has it for the same configuration.
   *
   * @throws InputError naming the file when a cell file is damaged (cut short, fields that do not parse)
   */
  public Optional<StoredCell> load(CellSpec spec) throws IOException {
    try {
      return loadFiles(spec);
    } catch (InputError e) {
      throw e;
    } catch (RuntimeException e) {
      // A number that does not parse in curve.csv or crossovers.csv: the cell's files as a whole.
      throw new InputError(dirOf(spec).toString(), 0, null, "holds a cell file that does not parse (" + e + ")");
    }
  }

  private Optional<StoredCell> loadFiles(CellSpec spec) throws IOException {
    Path dir = dirOf(spec);
    Path result = dir.resolve(RESULT);
    if (!Files.isRegularFile(result)) return Optional.empty();
    List<CellRecord> rows = CellsCsv.read(result);
    if (rows.size() != 1) {
      throw new InputError(result.toString(), 0, null, "holds " + rows.size()
          + " rows, a cell result holds 1");
    }
    CellRecord row = rows.get(0);
    if (!row.configHash().equals(spec.configHash())) return Optional.empty();
    return Optional.of(new StoredCell(row, readCurve(dir.resolve(CURVE)),
        readCrossovers(dir.resolve(CROSSOVERS)), FinalPolicies.read(dir)));
  }

  /**
   * The row a cell's {@code result.csv} holds, whatever configuration it was computed under; empty
   * when the cell has none.
   */
  public Optional<CellRecord> storedRow(CellSpec spec) throws IOException {
    Path result = dirOf(spec).resolve(RESULT);
    if (!Files.isRegularFile(result)) return Optional.empty();
    List<CellRecord> rows = CellsCsv.read(result);
    return rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty();
  }

  /**
   * Removes a cell's folder: a cell finished under another configuration (a changed budget) is
   * recomputed from scratch, never resumed from the other configuration's checkpoint.
   */
  public void clear(CellSpec spec) throws IOException {
    Path dir = dirOf(spec);
    if (!Files.isDirectory(dir)) return;
    try (var files = Files.walk(dir)) {
      for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  public void save(CellSpec spec, CellRecord row, CellResult result) throws IOException {
    Path dir = dirOf(spec);
    Files.createDirectories(dir);
    AtomicFiles.write(dir.resolve(CURVE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header("steps", "average_return"))) {
        for (CurvePoint c : result.curve()) p.printRecord(c.steps(), Double.toString(c.averageReturn()));
      }
    });
    AtomicFiles.write(dir.resolve(CROSSOVERS), out -> {
      try (CSVPrinter p = new CSVPrinter(out, header("pair", "parent_a", "parent_b",
          "state_space_child", "parameter_space_child"))) {
        for (CrossoverTrial t : result.crossovers()) {
          p.printRecord(t.pair(), Double.toString(t.parentA()), Double.toString(t.parentB()),
              Double.toString(t.stateSpaceChild()), Double.toString(t.parameterSpaceChild()));
        }
      }
    });
    CellsCsv.write(dir.resolve(RESULT), List.of(row));
  }

  private static CSVFormat header(String... columns) {
    return CSVFormat.DEFAULT.builder().setHeader(columns).setRecordSeparator('\n').get();
  }

  public static List<CurvePoint> readCurve(Path file) throws IOException {
    List<CurvePoint> out = new ArrayList<>();
    for (CSVRecord r : records(file)) {
      out.add(new CurvePoint(Long.parseLong(r.get("steps")), Double.parseDouble(r.get("average_return"))));
    }
    return out;
  }

  private static List<CrossoverTrial> readCrossovers(Path file) throws IOException {
    List<CrossoverTrial> out = new ArrayList<>();
    for (CSVRecord r : records(file)) {
      out.add(new CrossoverTrial(Integer.parseInt(r.get("pair")), Double.parseDouble(r.get("parent_a")),
          Double.parseDouble(r.get("parent_b")), Double.parseDouble(r.get("state_space_child")),
          Double.parseDouble(r.get("parameter_space_child"))));
    }
    return out;
  }

  private static List<CSVRecord> records(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return List.of();
    try (CSVParser parser = CSVParser.parse(TextInput.read(file),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return parser.getRecords();
    } catch (InputError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InputError(file.toString(), 0, null, "is not a readable cell file (" + e.getMessage() + ")");
    }
  }
}
