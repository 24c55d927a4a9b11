package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gposuite.checkpoint.Rows;
import org.gposuite.pg.SharingRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sharing.csv ({@link SharingRow}) in a whole GPO run: one row per policy, iteration and member of
 * its round's sharing set; the rechecked rule uses exactly the batches still within epsilon; the off
 * rule is epsilon = 0 under another name; and a killed run resumes to the same file.
 */
class SharingDiagnosticsTest {
  @TempDir Path tmp;

  private static List<SharingRow> rows(Path dir) {
    return Rows.readCsv(dir.resolve(SharingLog.FILE), SharingRow.class);
  }

  @Test
  void literalRecordsEveryMemberOfEverySetAtEveryIterationAndUsesThemAll() {
    GpoResult r = GpoRunTest.run(GpoRunTest.tiny(), tmp.resolve("literal"), null);
    List<SharingRow> rows = rows(tmp.resolve("literal"));
    int m = GpoRunTest.tiny().populationSize();
    int expected = 0;
    for (PolicyRow p : r.policies()) {
      int shared = p.sharingSet().split(" ").length - 1;
      RoundRow round = r.rounds().get(p.round());
      expected += shared * round.mutationIterations();
      List<Integer> sources = rows.stream().filter(x -> x.round() == p.round() && x.policy() == p.policy()).map(SharingRow::source).distinct().toList();
      List<Integer> set = new ArrayList<>(Arrays.stream(p.sharingSet().split(" ")).map(Integer::parseInt).toList());
      set.remove(Integer.valueOf(p.policy()));
      assertEquals(set, sources, "round " + p.round() + " policy " + p.policy());
    }
    assertTrue(expected > 0, "the tiny run shares (epsilon 10)");
    assertEquals(expected, rows.size());
    for (SharingRow x : rows) {
      assertTrue(x.used(), "literal uses every batch of the set: " + x);
      assertNotEquals(x.policy(), x.source());
      assertTrue(x.kl() >= 0 && x.essFraction() > 0 && x.essFraction() <= 1 + 1e-12 && x.maxWeight() > 0, x.toString());
      assertTrue(x.round() < m + 1);
    }
  }

  @Test
  void recheckedUsesABatchExactlyWhileItsKlIsBelowEpsilon() {
    double eps = 0.004; // the tiny run's KLs at use spread over ~1e-5 .. 0.015
    GpoConfig cfg = GpoRunTest.tiny().withSharing(s -> s.withKlThreshold(eps).withRule(SharingRule.of(SharingRule.Mode.RECHECKED)));
    GpoRunTest.run(cfg, tmp.resolve("rechecked"), null);
    List<SharingRow> rows = rows(tmp.resolve("rechecked"));
    for (SharingRow x : rows) assertEquals(x.kl() < eps, x.used(), x.toString());
    assertTrue(rows.stream().anyMatch(SharingRow::used), "some batch should be used");
    assertTrue(rows.stream().anyMatch(x -> !x.used()), "some batch should have drifted past epsilon");
  }

  @Test
  void offSharesNothingAndIsEpsilonZeroUnderAnotherName() {
    GpoResult off = GpoRunTest.run(GpoRunTest.tiny().withSharing(s -> s.withRule(SharingRule.of(SharingRule.Mode.OFF))), tmp.resolve("off"), null);
    GpoResult zero = GpoRunTest.run(GpoRunTest.tiny().withSharing(s -> s.withKlThreshold(0)), tmp.resolve("zero"), null);
    assertTrue(rows(tmp.resolve("off")).isEmpty());
    for (PolicyRow p : off.policies()) assertEquals(String.valueOf(p.policy()), p.sharingSet());
    for (int i = 0; i < off.population().size(); i++)
      assertArrayEquals(zero.population().get(i).params().toFloatVector(), off.population().get(i).params().toFloatVector(), "policy " + i);
  }

  @Test
  void aKilledRunResumesToTheSameFileAndDropsRowsItsCheckpointLacks() throws Exception {
    GpoRunTest.run(GpoRunTest.tiny(), tmp.resolve("whole"), null);
    Path dir = tmp.resolve("killed");
    ProgressListener killer = new ProgressListener() {
      @Override
      public void iteration(int round, int iteration, long stepsUsed, double[] r) {
        if (round == 1 && iteration == 1) throw new IllegalStateException("simulated kill");
      }
    };
    assertThrows(IllegalStateException.class, () -> GpoRunTest.run(GpoRunTest.tiny(), dir, killer));
    // as if killed after writing round 1's rows but before its checkpoint: a row of a round the checkpoint lacks
    Path file = dir.resolve(SharingLog.FILE);
    Files.writeString(file, Files.readString(file) + "1,3,0,1,true,0.5,0.5,2.0,1.0\n");
    GpoRunTest.run(GpoRunTest.tiny(), dir, null);
    assertEquals(Files.readString(tmp.resolve("whole").resolve(SharingLog.FILE)), Files.readString(file));
  }
}
