package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.List;
import org.gposuite.nn.NetworkBackend;
import org.gposuite.pg.A2cConfig;
import org.gposuite.pg.PpoConfig;
import org.gposuite.pg.SharingRule;
import org.junit.jupiter.api.Test;

/**
 * A run's identity (config.txt, rounds.csv's hash, the checkpoint's check) is what it was when the
 * config was one flat record: run folders and checkpoints written before the config was split into
 * sections keep their hash and still resume. The texts and hashes below were computed by the flat
 * record's code (commit 3130f4a) and must not change; 38d9c59d2866a468 is also the hash in the
 * config.txt of the sharing screen's run folders (rule off, seed 3).
 */
class GpoConfigIdentityTest {
  private static final String PPO_2048 = "PpoConfig[gamma=0.99, gaeLambda=0.95, batchSize=2048, numEnvs=8, epochs=10, "
      + "policyLearningRate=0.001, klTarget=0.01, initialBeta=1.0, betaFactor=2.0, betaTolerance=1.5, valueLearningRate=0.002, "
      + "valueEpochs=20, valueMinibatch=2048, normalizeObservations=true, normalizeAdvantages=true, initLogStd=0.0]";

  @Test
  void gpoAsWrittenKeepsTheFormerDefaultsIdentity() {
    // the defaults until issue 19 moved PPO's sharing: every cell stored before keeps its hash under AS_WRITTEN
    GpoConfig asWritten = GpoConfig.paperPpo(1).withSharing(s -> SharingSection.AS_WRITTEN);
    assertEquals("GpoConfig[mutation=" + PPO_2048 + ", populationSize=8, rounds=12, totalSteps=8000000, crossover=true, "
        + "selection=true, dataSharing=true, sharingKlThreshold=0.5, diversityWeightFirst=0.0, diversityWeightLast=0.0, "
        + "allowSelfPairs=true, windowBatches=5, topFraction=0.6, pisEpochs=100, pisMinibatch=64, pisLearningRate=5.0E-4, "
        + "expertSteps=5000, daggerIterations=10, studentSteps=500, daggerEpochs=10, daggerMinibatch=64, daggerLearningRate=5.0E-4, "
        + "daggerEnvs=4, parentChoice=ARGMAX, childInit=STRONGER_PARENT, fitness=TRAINING, fitnessEpisodes=5, criticData=OWN, "
        + "evalEpisodes=5, parameterCrossover=false, finalEvalEpisodes=10, seed=1, threads=0]", asWritten.identity());
    assertEquals("2c842389f6f85353", asWritten.hash());
    // A2C's moved too: its cells stored before keep their hashes under AS_WRITTEN
    assertEquals("091b14b351028ac6", asWritten(GpoConfig.paperA2c(7)).hash());
    assertEquals("8011106fd7e99b8f", asWritten(GpoConfig.paperA2c(7)).withScale(2, 2, 20000).hash());
    assertNotEquals("091b14b351028ac6", GpoConfig.paperA2c(7).hash());
  }

  @Test
  void bothDefaultsAreClippedSharingWithTheSharedCritic() {
    for (GpoConfig cfg : List.of(GpoConfig.paperPpo(1), GpoConfig.paperA2c(1))) {
      assertEquals(SharingRule.of(SharingRule.Mode.CLIPPED), cfg.sharing().rule());
      assertEquals(SharingSection.CriticData.SHARED, cfg.sharing().criticData());
      // the same identity as the clipped + shared-critic cells computed before the switch, set by hand
      assertEquals(cfg.withSharing(s -> SharingSection.AS_WRITTEN.withRule(SharingRule.of(SharingRule.Mode.CLIPPED))
          .withCriticData(SharingSection.CriticData.SHARED)).identity(), cfg.identity());
    }
  }

  @Test
  void aConfigOffItsDefaultsInEverySectionKeepsTheFlatRecordsIdentity() {
    GpoConfig cfg = asWritten(GpoConfig.defaults(PpoConfig.defaults(512).withBatch(512, 4), 17)).withScale(3, 2, 20000)
        .withMutation(m -> m.withWindowBatches(7))
        .withSharing(s -> s.withKlThreshold(0.25).withRule(SharingRule.of(SharingRule.Mode.PENALISED)))
        .withSelection(s -> s.withFitness(SelectionSection.FitnessSource.EVALUATION, 3).withSelfPairs(false))
        .withCrossover(c -> c.withSizes(20, 1000, 3, 200, 4, 2).withChildInit(CrossoverSection.ChildInit.FRESH))
        .withEvaluation(new DiagnosticsSection(2, true), 3);
    assertEquals("GpoConfig[mutation=PpoConfig[gamma=0.99, gaeLambda=0.95, batchSize=512, numEnvs=4, epochs=10, "
        + "policyLearningRate=0.001, klTarget=0.01, initialBeta=1.0, betaFactor=2.0, betaTolerance=1.5, valueLearningRate=0.002, "
        + "valueEpochs=20, valueMinibatch=2048, normalizeObservations=true, normalizeAdvantages=true, initLogStd=0.0], "
        + "populationSize=3, rounds=2, totalSteps=20000, crossover=true, selection=true, dataSharing=true, sharingKlThreshold=0.25, "
        + "sharing=SharingRule[mode=PENALISED, truncation=1.0], diversityWeightFirst=0.0, diversityWeightLast=0.0, "
        + "allowSelfPairs=false, windowBatches=7, topFraction=0.6, pisEpochs=20, pisMinibatch=64, pisLearningRate=5.0E-4, "
        + "expertSteps=1000, daggerIterations=3, studentSteps=200, daggerEpochs=4, daggerMinibatch=64, daggerLearningRate=5.0E-4, "
        + "daggerEnvs=2, parentChoice=ARGMAX, childInit=FRESH, fitness=EVALUATION, fitnessEpisodes=3, criticData=OWN, "
        + "evalEpisodes=2, parameterCrossover=true, finalEvalEpisodes=3, seed=17, threads=0]", cfg.identity());
    assertEquals("5e87b20561ddc66f", cfg.hash());
  }

  @Test
  void everyFieldOffItsDefaultKeepsTheFlatRecordsIdentity() {
    GpoConfig cfg = new GpoConfig(new MutationSection(A2cConfig.defaults(1024), 4), 5, 6, 900_000L,
        new SharingSection(true, 0.125, SharingRule.of(SharingRule.Mode.RECHECKED), SharingSection.CriticData.OWN),
        new SelectionSection(false, 0.3, 0.1, false, SelectionSection.FitnessSource.EVALUATION, 2),
        new CrossoverSection(false, CrossoverSection.ChildInit.FIRST_PARENT, new CrossoverSection.PisTraining(0.5, 50, 32, 1e-3),
            new CrossoverSection.DaggerTraining(4000, 8, 400, 7, 128, 2.5e-4, 8, CrossoverSection.ParentChoice.SAMPLE)),
        new DiagnosticsSection(0, true), 4, 99, 3, NetworkBackend.DL4J);
    assertEquals("GpoConfig[mutation=A2cConfig[gamma=0.99, gaeLambda=0.95, batchSize=1024, numEnvs=8, policyLearningRate=0.003, "
        + "valueLearningRate=0.001, valueEpochs=10, valueMinibatch=256, normalizeObservations=true, normalizeAdvantages=true, "
        + "initLogStd=0.0], populationSize=5, rounds=6, totalSteps=900000, crossover=false, selection=false, dataSharing=true, "
        + "sharingKlThreshold=0.125, sharing=SharingRule[mode=RECHECKED, truncation=1.0], diversityWeightFirst=0.3, "
        + "diversityWeightLast=0.1, allowSelfPairs=false, windowBatches=4, topFraction=0.5, pisEpochs=50, pisMinibatch=32, "
        + "pisLearningRate=0.001, expertSteps=4000, daggerIterations=8, studentSteps=400, daggerEpochs=7, daggerMinibatch=128, "
        + "daggerLearningRate=2.5E-4, daggerEnvs=8, parentChoice=SAMPLE, childInit=FIRST_PARENT, fitness=EVALUATION, "
        + "fitnessEpisodes=2, criticData=OWN, evalEpisodes=0, parameterCrossover=true, finalEvalEpisodes=4, seed=99, threads=0, "
        + "networks=DL4J]", cfg.identity());
    assertEquals("a735d6ca6a40e8e0", cfg.hash());
  }

  @Test
  void sharingRulesCriticDataAndAblationsKeepTheirHashes() {
    GpoConfig screen = asWritten(GpoConfig.paperPpo(3)).withScale(8, 4, 2666667).withEvaluation(new DiagnosticsSection(0, false), 10);
    assertEquals("38d9c59d2866a468", screen.withSharing(s -> s.withRule(SharingRule.of(SharingRule.Mode.OFF))).hash());
    assertEquals("56b64c4f82c3c987", GpoConfig.paperPpo(2).withEvaluation(new DiagnosticsSection(0, false), 10)
        .withSharing(s -> s.withRule(SharingRule.of(SharingRule.Mode.CLIPPED)).withCriticData(SharingSection.CriticData.SHARED)).hash());
    assertEquals("56b64c4f82c3c987", GpoConfig.paperPpo(2).withEvaluation(new DiagnosticsSection(0, false), 10).hash(),
        "today's PPO defaults are the clipped + shared-critic cells computed before the switch");
    assertEquals("e95883f812049b0b", asWritten(GpoConfig.paperPpo(1)).withSharing(s -> s.withRule(SharingRule.truncated(0.5))).hash());
    assertEquals("6c6e6cd4a3a1f131", asWritten(GpoConfig.paperPpo(1)).variant("Base+M+S").hash());
    assertEquals("9a5c38df844a39a2", asWritten(GpoConfig.paperA2c(4)).variant("Base+C").hash());
  }

  @Test
  void theIdentityIsTheOrderedFieldListAndLeavesOutWhatNeverChangesResults() {
    GpoConfig cfg = asWritten(GpoConfig.paperPpo(1));
    assertEquals(List.of("mutation", "populationSize", "rounds", "totalSteps", "crossover", "selection", "dataSharing",
        "sharingKlThreshold", "diversityWeightFirst", "diversityWeightLast", "allowSelfPairs", "windowBatches", "topFraction",
        "pisEpochs", "pisMinibatch", "pisLearningRate", "expertSteps", "daggerIterations", "studentSteps", "daggerEpochs",
        "daggerMinibatch", "daggerLearningRate", "daggerEnvs", "parentChoice", "childInit", "fitness", "fitnessEpisodes",
        "criticData", "evalEpisodes", "parameterCrossover", "finalEvalEpisodes", "seed", "threads"),
        List.copyOf(cfg.identityFields().fields().sequencedKeySet()));
    assertEquals(cfg.identity(), cfg.withThreads(8).identity(), "the thread count never changes results");
    GpoConfig clipped = cfg.withSharing(s -> s.withRule(SharingRule.of(SharingRule.Mode.CLIPPED)));
    assertEquals("SharingRule[mode=CLIPPED, truncation=1.0]", clipped.identityFields().fields().get("sharing"));
    assertEquals(List.of("sharingKlThreshold", "sharing", "diversityWeightFirst"),
        clipped.identityFields().fields().sequencedKeySet().stream().skip(7).limit(3).toList(), "the rule sits after epsilon");
  }

  /**
   * The identity is written out field by field, so a field added to a section without a line in
   * {@link GpoConfig#identityFields()} would leave configs that differ in it with one hash. Every
   * component of every section (the algorithm and the sharing rule counting once) is an entry of
   * the identity of a config whose optional entries are all present.
   */
  @Test
  void everyFieldOfEverySectionIsInTheIdentity() {
    GpoConfig all = GpoConfig.paperPpo(1).withSharing(s -> s.withRule(SharingRule.of(SharingRule.Mode.CLIPPED)))
        .withNetworks(NetworkBackend.DL4J);
    assertEquals(components(GpoConfig.class), all.identityFields().fields().size());
    assertEquals(PpoConfig.class.getRecordComponents().length, PpoConfig.defaults(2048).identityFields().fields().size());
    assertEquals(A2cConfig.class.getRecordComponents().length, A2cConfig.defaults(2048).identityFields().fields().size());
    assertEquals(SharingRule.class.getRecordComponents().length, SharingRule.LITERAL.identityFields().fields().size());
  }

  /** Record components, counting those of the sections (records of this package) one by one. */
  private static int components(Class<?> record) {
    int n = 0;
    for (RecordComponent c : record.getRecordComponents())
      n += c.getType().isRecord() && c.getType().getPackage() == GpoConfig.class.getPackage() ? components(c.getType()) : 1;
    return n;
  }

  @Test
  void oursKeepsItsHashesAndDl4jHasItsOwn() {
    GpoConfig ours = asWritten(GpoConfig.paperPpo(1)), dl4j = ours.withNetworks(NetworkBackend.DL4J);
    assertFalse(ours.identity().contains("networks"), ours.identity());
    assertTrue(dl4j.identity().endsWith(", networks=DL4J]"), dl4j.identity());
    assertEquals("2c9c3ae3edc4ef2c", dl4j.hash());
    assertNotEquals(ours.hash(), dl4j.hash());
    assertEquals(ours, dl4j.withNetworks(NetworkBackend.OURS));
  }

  /** {@code cfg} under the sharing defaults the pinned hashes were made with (PPO's until issue 19). */
  private static GpoConfig asWritten(GpoConfig cfg) {
    return cfg.withSharing(s -> SharingSection.AS_WRITTEN);
  }
}
