package org.gposuite.pg;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PpoPresetTest {
  @Test
  void tunedIsTodaysDefaultsBitForBit() {
    assertEquals(PpoConfig.defaults(2048), PpoPreset.of("tuned").config(2048));
    assertEquals(PpoConfig.defaults(16384), PpoPreset.TUNED.config(16384));
  }

  @Test
  void paperCalibratedDiffersFromTunedOnlyInObservationNormalisation() {
    PpoConfig t = PpoPreset.TUNED.config(2048), c = PpoPreset.of("paper-calibrated").config(2048);
    assertFalse(c.normalizeObservations());
    assertEquals(t, new PpoConfig(c.gamma(), c.gaeLambda(), c.batchSize(), c.numEnvs(), c.epochs(), c.policyLearningRate(), c.klTarget(),
        c.initialBeta(), c.betaFactor(), c.betaTolerance(), c.valueLearningRate(), c.valueEpochs(), c.valueMinibatch(), true,
        c.normalizeAdvantages(), c.initLogStd()));
  }

  @Test
  void aSpecChangesTheFieldsItNamesAndBadSpecsSayWhy() {
    PpoConfig c = PpoPreset.of("lr=3e-4/obs=raw/kl=0.003/lambda=1").config(2048);
    assertEquals(3e-4, c.policyLearningRate());
    assertFalse(c.normalizeObservations());
    assertTrue(c.normalizeAdvantages());
    assertEquals(0.003, c.klTarget());
    assertEquals(1.0, c.gaeLambda());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PpoPreset.of("strong")).getMessage().contains("tuned"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PpoPreset.of("lr=1/foo=2")).getMessage().contains("unknown key 'foo'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PpoPreset.of("obs=maybe")).getMessage().contains("norm or raw"));
  }

  @Test
  void theCriticControlChangesOnlyTheValueSteps() {
    PpoConfig t = PpoPreset.TUNED.config(2048), c = PpoPreset.of("vepochs=160").config(2048);
    assertEquals(c, PpoPreset.of("tuned-critic160").config(2048));
    assertEquals(160, c.valueEpochs());
    assertEquals(t.valueMinibatch(), c.valueMinibatch());
    assertEquals(t, new PpoConfig(c.gamma(), c.gaeLambda(), c.batchSize(), c.numEnvs(), c.epochs(), c.policyLearningRate(), c.klTarget(),
        c.initialBeta(), c.betaFactor(), c.betaTolerance(), c.valueLearningRate(), 20, c.valueMinibatch(), c.normalizeObservations(),
        c.normalizeAdvantages(), c.initLogStd()));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PpoPreset.of("vepochs=0")).getMessage().contains("vepochs"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> PpoPreset.of("vepochs=1.5")).getMessage().contains("whole number"));
  }
}
