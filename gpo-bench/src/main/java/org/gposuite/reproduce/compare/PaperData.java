package org.gposuite.reproduce.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Catalogue;

/**
 * The paper's numbers, read from {@code expected-results/paper/} (Tables 1-3) and
 * {@code expected-results/paper-figures/} (Fig. 5's normalized scores from its caption).
 */
public record PaperData(Map<String, MeanSe> tables, Map<String, PaperWallClock> wallClock,
    Map<String, Double> ablations) {

  /** A paper cell: mean and standard error over 8 seeds. */
  public record MeanSe(double mean, double stderr) {}

  /** Table 3 row, minutes on the authors' 12-core machine. */
  public record PaperWallClock(double gpoTotal, double gpoMutate, double gpoCrossover,
      double gpoSelect, double jointTotal) {}

  public static final String TABLES = "paper/tables-1-2.csv";
  public static final String WALLCLOCK = "paper/table-3-wallclock.csv";
  public static final String ABLATIONS = "paper-figures/figure-5-ablations.csv";

  /** Key of a Table 1/2 cell. */
  public static String key(Algorithm algorithm, String task, String method) {
    return algorithm + "/" + task + "/" + method;
  }

  public Optional<MeanSe> table(Algorithm algorithm, String task, String method) {
    return Optional.ofNullable(tables.get(key(algorithm, task, method)));
  }

  public static PaperData load(Path expectedResults) throws IOException {
    Map<String, MeanSe> tables = new LinkedHashMap<>();
    for (Row r : rows(expectedResults.resolve(TABLES),
        List.of("table", "algorithm", "env", "method", "mean", "stderr"))) {
      Algorithm a = r.get("algorithm", Algorithm::parse);
      int table = r.get("table", Integer::parseInt);
      if (table != (a == Algorithm.PPO ? 1 : 2)) {
        throw r.error("table", "table " + table + " does not hold " + a + " (Table 1 is PPO, Table 2 A2C)");
      }
      String key = key(a, r.get("env", Catalogue::requireTask), r.get("method", Row::text));
      if (tables.put(key, new MeanSe(r.number("mean"), r.number("stderr"))) != null) {
        throw r.error("method", key + " appears twice");
      }
    }
    Map<String, PaperWallClock> wall = new LinkedHashMap<>();
    for (Row r : rows(expectedResults.resolve(WALLCLOCK), List.of("env", "gpo_total_min",
        "gpo_mutate_min", "gpo_crossover_min", "gpo_select_min", "joint_total_min"))) {
      wall.put(r.get("env", Catalogue::requireTask), new PaperWallClock(r.number("gpo_total_min"),
          r.number("gpo_mutate_min"), r.number("gpo_crossover_min"), r.number("gpo_select_min"),
          r.number("joint_total_min")));
    }
    Map<String, Double> ablations = new LinkedHashMap<>();
    for (Row r : rows(expectedResults.resolve(ABLATIONS), List.of("method", "normalized_return"))) {
      String m = r.get("method", Row::text);
      if (!Catalogue.ABLATION_METHODS.contains(m)) {
        throw r.error("method", "\"" + m + "\" is not a Fig. 5 variant " + Catalogue.ABLATION_METHODS);
      }
      ablations.put(m, r.number("normalized_return"));
    }
    return new PaperData(Map.copyOf(tables), Map.copyOf(wall), Map.copyOf(ablations));
  }

  private record Row(String file, int line, CSVRecord rec) {
    static String text(String s) {
      if (s.isBlank()) throw new IllegalArgumentException("it is empty");
      return s;
    }

    <T> T get(String column, java.util.function.Function<String, T> parse) {
      String v = rec.get(column);
      try {
        return parse.apply(v.strip());
      } catch (RuntimeException e) {
        throw error(column, "\"" + v + "\" is not valid: " + e.getMessage());
      }
    }

    double number(String column) {
      return get(column, s -> {
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) throw new IllegalArgumentException("not a finite number");
        return d;
      });
    }

    InputError error(String column, String problem) {
      return new InputError(file, line, column, problem);
    }
  }

  private static List<Row> rows(Path file, List<String> columns) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputError(file.toString(), 0, null, "is missing; it holds the paper's numbers");
    }
    try (CSVParser parser = CSVParser.parse(TextInput.read(file),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (String c : columns) {
        if (!parser.getHeaderNames().contains(c)) {
          throw new InputError(file.toString(), 1, c, "column is missing; expected " + columns);
        }
      }
      List<Row> out = new java.util.ArrayList<>();
      for (CSVRecord rec : parser) {
        int line = (int) rec.getRecordNumber() + 1;
        if (!rec.isConsistent()) {
          throw new InputError(file.toString(), line, null, "has " + rec.size()
              + " fields, the header has " + parser.getHeaderNames().size());
        }
        out.add(new Row(file.toString(), line, rec));
      }
      return out;
    }
  }
}
