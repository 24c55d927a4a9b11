package org.gposuite.reproduce.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.gposuite.reproduce.io.AtomicFiles;
import org.gposuite.reproduce.io.InputError;
import org.gposuite.reproduce.io.TextInput;

/**
 * {@code final-policies.csv} of a cell: every policy the method ends with (GPO's final population,
 * Single's independent policies, Joint's one) and its return in the evaluation that picked the
 * best, the numbers of the paper's Fig. 6. They cost nothing extra: the final evaluation already
 * scores every policy to choose the one it reports. A cell computed before this file existed has
 * none, and Fig. 6 skips it.
 */
public final class FinalPolicies {
  public static final String FILE = "final-policies.csv";

  /** @param reported whether this policy is the one whose fresh evaluation is the table's value */
  public record Policy(int index, double selectionReturn, double standardError, boolean reported) {}

  private FinalPolicies() {}

  public static void write(Path cellDir, List<Policy> policies) throws IOException {
    Files.createDirectories(cellDir);
    AtomicFiles.write(cellDir.resolve(FILE), out -> {
      try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
          .setHeader("policy", "selection_return", "selection_se", "reported").setRecordSeparator('\n').get())) {
        for (Policy x : policies) {
          p.printRecord(x.index(), Double.toString(x.selectionReturn()), Double.toString(x.standardError()),
              x.reported() ? 1 : 0);
        }
      }
    });
  }

  /** The cell's final policies; empty when the cell has no such file. */
  public static List<Policy> read(Path cellDir) throws IOException {
    Path file = cellDir.resolve(FILE);
    if (!Files.isRegularFile(file)) return List.of();
    List<Policy> out = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(TextInput.read(file),
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      for (CSVRecord r : parser) {
        out.add(new Policy(Integer.parseInt(r.get("policy")), Double.parseDouble(r.get("selection_return")),
            Double.parseDouble(r.get("selection_se")), r.get("reported").equals("1")));
      }
    } catch (RuntimeException e) {
      throw new InputError(file.toString(), 0, null, "is not a readable final-policies file (" + e.getMessage() + ")");
    }
    return out;
  }
}
