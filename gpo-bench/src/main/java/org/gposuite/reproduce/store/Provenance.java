package org.gposuite.reproduce.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a run's numbers come from, written into every result row: the commit, the JDK, the
 * machine, MuJoCo and library versions. {@link #platform()} is the part that must match for
 * two runs to be expected bit-identical: what decides the arithmetic (MuJoCo, the JDK, the
 * architecture, the numeric libraries' versions and OpenBLAS's pinned kernel, see
 * nn.kernel.NativeArithmetic), not the kernel build or the CPU's model string, which do not (the
 * engine's results have the same bits on every x86-64 CPU with AVX2 and FMA: CrossCpuBitsTest).
 *
 * @param gitCommit HEAD, with "-dirty" when the worktree had uncommitted changes
 * @param mujoco MuJoCo version from the engine binding, or "unknown"
 * @param jdk vendor and version of the running JDK
 * @param os os name, version and arch
 * @param cpu CPU model
 * @param libraries artifact=version of the numerics and I/O libraries on the class path, and the
 *     engine's {@code openblas-core} when it reports one
 */
public record Provenance(String gitCommit, String mujoco, String jdk, String os, String cpu,
    String libraries) {

  /** The libraries whose versions are recorded, as Maven groupId/artifactId. */
  static final List<String> LIBRARIES = List.of("org.nd4j/nd4j-native",
      "org.nd4j/nd4j-api", "org.bytedeco/openblas", "org.apache.commons/commons-csv", "org.apache.commons/commons-math3",
      "org.knowm.xchart/xchart");

  /**
   * What decides whether two runs can be bit-identical: MuJoCo, the JDK, the architecture (the
   * last word of {@link #os}) and the libraries with OpenBLAS's core. Not the commit, the kernel
   * build or the CPU model.
   */
  public String platform() {
    return String.join(" | ", mujoco, jdk, arch(os), libraries);
  }

  static String arch(String os) {
    String s = os.strip();
    return s.substring(s.lastIndexOf(' ') + 1);
  }

  /** The provenance of this JVM, with the engine's versions from the registry. */
  public static Provenance current(Path repoRoot, Map<String, String> engineVersions) {
    return new Provenance(gitCommit(repoRoot), engineVersions.getOrDefault("mujoco", "unknown"),
        System.getProperty("java.vendor") + " " + Runtime.version(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        cpuModel(), libraryVersions() + (engineVersions.containsKey("openblas-core")
            ? " openblas-core=" + engineVersions.get("openblas-core") : ""));
  }

  static String gitCommit(Path repoRoot) {
    String head = git(repoRoot, "rev-parse", "HEAD");
    if (head == null || head.isBlank()) return "unknown";
    String status = git(repoRoot, "status", "--porcelain", "--untracked-files=no");
    return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  private static String git(Path dir, String... args) {
    try {
      List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
      cmd.addAll(List.of(args));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
      return out;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip();
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: the arch in os is all we know.
    }
    return "unknown";
  }

  /** Versions from the pom.properties Maven puts in every jar; "absent" when not on the path. */
  static String libraryVersions() {
    Map<String, String> found = new TreeMap<>();
    for (String lib : LIBRARIES) {
      String resource = "/META-INF/maven/" + lib + "/pom.properties";
      String version = "absent";
      try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
        if (in != null) {
          Properties p = new Properties();
          p.load(in);
          version = p.getProperty("version", "unknown");
        }
      } catch (IOException e) {
        version = "unreadable";
      }
      found.put(lib.substring(lib.indexOf('/') + 1), version);
    }
    StringBuilder sb = new StringBuilder();
    found.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
    return sb.toString();
  }
}
