package org.gposuite.reproduce.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.gposuite.reproduce.compare.PaperData;
import org.gposuite.reproduce.store.CellRecord;
import org.junit.jupiter.api.Test;

/** The critic control's section, on a hand-worked case. */
class CriticControlTest {
  @Test
  void theControlIsJudgedAgainstGpoAndJointTaskByTask() throws Exception {
    List<CellRecord> rows = new ArrayList<>();
    PaperData paper = PaperData.load(FindingsTest.EXPECTED);
    assertEquals("", CriticControl.section(rows, paper), "no control cell: no section");
    for (int s = 0; s < 3; s++) {
      double off = 10 * (s - 1);
      rows.add(FindingsTest.cell("tuned", "HalfCheetah", "Single", s + 1, 1000 + off));
      rows.add(FindingsTest.cell(CriticControl.PRESET, "HalfCheetah", "Single", s + 1, 1500 + off));
      rows.add(FindingsTest.cell("tuned", "HalfCheetah", "GPO", s + 1, 2000 + off));
      rows.add(FindingsTest.cell("tuned", "HalfCheetah", "Joint", s + 1, 1400 + off));
      rows.add(FindingsTest.cell("tuned", "Walker2d", "GPO", s + 1, 3000 + off)); // no control there: no row
    }
    String section = CriticControl.section(rows, paper);
    // means 1,000, 1,500 (1.50x), 2,000 and 1,400; GPO clearly above the control, Joint clearly below
    assertTrue(section.contains("| HalfCheetah | 1,000 (3) | 1,500 (3) | 1.50 | 2,000 (3) | 1,400 (3) | **holds** (Welch p = "), section);
    assertTrue(section.contains(" | **contradicted** (Welch p = "), section);
    assertTrue(!section.contains("| Walker2d |"), section);
    assertTrue(Findings.block(rows, paper).contains(section), "in FINDINGS' generated block");
  }
}
