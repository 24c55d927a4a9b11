package org.gposuite.experiment;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumableCsvTest {
  @Test
  void aRerunSeesTheFinishedRowsAndKeepsTheHeaderOnce(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("sweep.csv");
    ResumableCsv first = new ResumableCsv(f, "variant,task,seed,value\n");
    first.append("GPO,Walker2d,1,0.5\n");
    assertTrue(first.has("GPO,Walker2d,1"));
    assertFalse(first.has("GPO,Walker2d,2"));

    ResumableCsv again = new ResumableCsv(f, "variant,task,seed,value\n");
    assertTrue(again.has("GPO,Walker2d,1"));
    assertFalse(again.has("GPO,Walker2d,11"), "seed 11 is not seed 1");
    again.append("GPO,Walker2d,11,0.7\n");
    assertEquals(List.of("variant,task,seed,value", "GPO,Walker2d,1,0.5", "GPO,Walker2d,11,0.7"), Files.readAllLines(f));
  }

  @Test
  void rowsFromManyThreadsStayWhole(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("calibration.csv");
    ResumableCsv csv = new ResumableCsv(f, "candidate,policy,text\n");
    String text = "x".repeat(5000);
    IntStream.range(0, 64).parallel().forEach(p -> csv.append("tuned," + p + "," + text + "\n"));
    List<String> lines = Files.readAllLines(f);
    assertEquals(65, lines.size());
    for (int p = 0; p < 64; p++) assertTrue(csv.has("tuned," + p), "row " + p);
    assertTrue(lines.stream().skip(1).allMatch(l -> l.endsWith(text) && l.split(",").length == 3), "no interleaved rows");
  }
}
