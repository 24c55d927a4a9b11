package org.gposuite.gpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gposuite.nn.NetworkBackend;
import org.junit.jupiter.api.Test;

/**
 * A run's identity (config.txt, rounds.csv's hash, the checkpoint's check) on our networks is what
 * it was before DL4J's networks could be chosen, so earlier runs' hashes stand and their
 * checkpoints still resume; a DL4J run's identity says so, so neither resumes the other's checkpoint.
 */
class GpoConfigIdentityTest {
  @Test
  void oursKeepsItsHashesAndDl4jHasItsOwn() {
    // hashes of the same configs as computed before GpoConfig had a networks field
    assertEquals("2c842389f6f85353", GpoConfig.paperPpo(1).hash());
    assertEquals("8011106fd7e99b8f", GpoConfig.paperA2c(7).withScale(2, 2, 20000).hash());
    GpoConfig ours = GpoConfig.paperPpo(1), dl4j = ours.withNetworks(NetworkBackend.DL4J);
    assertFalse(ours.identity().contains("networks"), ours.identity());
    assertTrue(dl4j.identity().endsWith(", networks=DL4J]"), dl4j.identity());
    assertNotEquals(ours.hash(), dl4j.hash());
    assertEquals(ours, dl4j.withNetworks(NetworkBackend.OURS));
  }
}
