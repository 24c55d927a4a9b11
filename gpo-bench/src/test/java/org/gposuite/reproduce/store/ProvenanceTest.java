package org.gposuite.reproduce.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The platform key holds what decides the bits and nothing else. */
class ProvenanceTest {
  static final Provenance HERE = new Provenance("c1", "2.2.2", "Eclipse Adoptium 25.0.3+9-LTS",
      "Linux 6.18.44-fc-v782 amd64", "AMD EPYC", "nd4j-native=1.0.0-M2.1 openblas=0.3.19-1.5.7 openblas-core=Haswell");

  static Provenance with(String commit, String mujoco, String jdk, String os, String cpu, String libraries) {
    return new Provenance(commit, mujoco, jdk, os, cpu, libraries);
  }

  @Test
  void kernelBuildCpuModelAndCommitDoNotDecideTheBits() {
    assertEquals(HERE.platform(), with("c2", "2.2.2", HERE.jdk(), "Linux 6.1.0-28-cloud-amd64 amd64", "Intel Xeon",
        HERE.libraries()).platform());
  }

  @Test
  void jdkMujocoArchLibrariesAndOpenblasCoreDo() {
    String libs = HERE.libraries();
    for (Provenance other : new Provenance[] {
        with("c1", "3.1.0", HERE.jdk(), HERE.os(), HERE.cpu(), libs),
        with("c1", "2.2.2", "Eclipse Adoptium 25.0.4+7-LTS", HERE.os(), HERE.cpu(), libs),
        with("c1", "2.2.2", HERE.jdk(), "Linux 6.18.44-fc-v782 aarch64", HERE.cpu(), libs),
        with("c1", "2.2.2", HERE.jdk(), HERE.os(), HERE.cpu(), libs.replace("openblas=0.3.19-1.5.7", "openblas=0.3.21-1.5.8")),
        with("c1", "2.2.2", HERE.jdk(), HERE.os(), HERE.cpu(), libs.replace("Haswell", "SkylakeX"))})
      assertNotEquals(HERE.platform(), other.platform(), other.toString());
  }

  @Test
  void currentRecordsOpenblasAndTheEnginesCore() {
    Provenance p = Provenance.current(Path.of("."), Map.of("mujoco", "2.2.2", "openblas-core", "Haswell"));
    assertTrue(p.libraries().contains("openblas=0.3.19"), p.libraries());
    assertTrue(p.libraries().endsWith(" openblas-core=Haswell"), p.libraries());
    assertTrue(p.platform().contains(System.getProperty("os.arch")), p.platform());
  }
}
