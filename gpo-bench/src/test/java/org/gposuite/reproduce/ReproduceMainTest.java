package org.gposuite.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line's --presets and --set, against the fake engine's presets and its one setting. */
class ReproduceMainTest {
  /** One cell per preset and seed: Table 1, Swimmer, GPO, on the smoke profile. */
  static final List<String> NARROW = List.of("--profile", "smoke", "--tables", "1", "--figures", "",
      "--tasks", "Swimmer", "--methods", "GPO");

  record Outcome(int exit, String out, String err) {
    String firstErrorLine() {
      return err.lines().findFirst().orElse("");
    }
  }

  static Outcome run(FakeRunner runner, List<String> args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReproduceMain.run(args.toArray(String[]::new), FakeRunner.registry(runner),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> args(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  static String hash(Budget budget, String preset, Map<String, String> overrides) {
    return new CellSpec(Algorithm.PPO, "Swimmer", "GPO", 1, budget, new Settings(preset, new TreeMap<>(overrides)),
        List.of()).configHash();
  }

  @Test
  void presetsAndSetReachThePlan() throws Exception {
    Outcome o = run(new FakeRunner(), args(NARROW, "--presets", "tuned,paper-calibrated", "--set", "fake.scale=2",
        "--dry-run"));
    assertEquals(Harness.OK, o.exit(), o.err());
    assertTrue(o.out().contains("PPO presets: tuned, paper-calibrated; settings: fake.scale=2\n"), o.out());
    Budget smoke = ProfileLoader.load("smoke").budget();
    String tuned = hash(smoke, "tuned", Map.of("fake.scale", "2"));
    String calibrated = hash(smoke, "paper-calibrated", Map.of("fake.scale", "2"));
    assertTrue(o.out().contains("  PPO/Swimmer/GPO/seed-1  config " + tuned + "  "), o.out());
    assertTrue(o.out().contains("  PPO-paper-calibrated/Swimmer/GPO/seed-1  config " + calibrated + "  "), o.out());
    assertFalse(o.out().contains(hash(smoke, "tuned", Map.of())), "the override is in the hash");
    // 2 presets x 2 seeds.
    assertEquals(4, o.out().lines().filter(l -> l.contains("/Swimmer/GPO/seed-")).count(), o.out());
  }

  @Test
  void withoutTheOptionsARunIsTunedWithoutSettings() throws Exception {
    Outcome o = run(new FakeRunner(), args(NARROW, "--dry-run"));
    assertEquals(Harness.OK, o.exit(), o.err());
    assertTrue(o.out().contains("PPO presets: tuned; settings: none\n"), o.out());
    assertTrue(o.out().contains("  PPO/Swimmer/GPO/seed-1  config "
        + hash(ProfileLoader.load("smoke").budget(), "tuned", Map.of()) + "  "), o.out());
    assertFalse(o.out().contains("paper-calibrated"), o.out());
  }

  @Test
  void setWinsOverTheProfilesSetLine(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("diag.profile");
    Files.writeString(file, TestFiles.profileText("Swimmer", "Swimmer", 40)
        + "presets = paper-calibrated\nset.fake.scale = 2\n");
    List<String> base = List.of("--profile", file.toString(), "--tables", "1", "--figures", "", "--methods", "GPO");
    Outcome fromProfile = run(new FakeRunner(), args(base, "--dry-run"));
    assertEquals(Harness.OK, fromProfile.exit(), fromProfile.err());
    assertTrue(fromProfile.out().contains("PPO presets: paper-calibrated; settings: fake.scale=2\n"), fromProfile.out());
    assertTrue(fromProfile.out().contains("  PPO-paper-calibrated/Swimmer/GPO/seed-1  "), fromProfile.out());

    Outcome overridden = run(new FakeRunner(), args(base, "--set", "fake.scale=3", "--presets", "tuned", "--dry-run"));
    assertEquals(Harness.OK, overridden.exit(), overridden.err());
    assertTrue(overridden.out().contains("PPO presets: tuned; settings: fake.scale=3\n"), overridden.out());
    assertTrue(overridden.out().contains("  PPO/Swimmer/GPO/seed-1  "), overridden.out());
    assertFalse(overridden.out().contains("paper-calibrated"), overridden.out());
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(List.of("--presets", "tuned,fancy"),
            "error: unknown preset \"fancy\"; the engine offers tuned, paper-calibrated"),
        Arguments.of(List.of("--presets", ","), "error: --presets needs at least one preset name"),
        Arguments.of(List.of("--presets"), "error: --presets needs a value"),
        Arguments.of(List.of("--set", "fake.scale"), "error: --set needs KEY=VALUE, got \"fake.scale\""),
        Arguments.of(List.of("--set", "=2"), "error: --set has an empty key in \"=2\""),
        Arguments.of(List.of("--set", " =2"), "error: --set has an empty key in \" =2\""),
        Arguments.of(List.of("--set", "fake.scale="), "error: setting fake.scale has no value"),
        Arguments.of(List.of("--set", "fake.scale=2", "--set", "fake.scale=3"), "error: --set fake.scale is given twice"),
        Arguments.of(List.of("--set", "fake.scal=2"),
            "error: unknown setting \"fake.scal\"; the fake engine knows fake.scale"),
        Arguments.of(List.of("--set", "fake.scale=big"), "error: setting fake.scale must be a number > 0, got \"big\""));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badPresetsAndSettingsAreOneLineAndExit2(List<String> bad, String message) throws Exception {
    // A dry run too: nothing is planned out loud before the input is known to be good.
    Outcome o = run(new FakeRunner(), args(args(NARROW, bad.toArray(String[]::new)), "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, o.exit(), o.err());
    assertEquals(message, o.firstErrorLine(), o.err());
    assertEquals("", o.out());
  }

  @Test
  void anUnknownPresetStopsARealRunBeforeAnyCell(@TempDir Path tmp) throws Exception {
    FakeRunner runner = new FakeRunner();
    Outcome o = run(runner, args(NARROW, "--presets", "paper-calibrated,fancy", "--no-compare",
        "--out", tmp.resolve("run").toString(), "--expected", TestFiles.scratchExpected(tmp).toString()));
    assertEquals(Harness.CANNOT_RUN, o.exit());
    assertEquals("error: unknown preset \"fancy\"; the engine offers tuned, paper-calibrated", o.firstErrorLine());
    assertEquals(0, runner.calls.get());
    assertFalse(Files.exists(tmp.resolve("run")));
  }

  @Test
  void withoutABindingOnlyTheDefaultPresetIsOffered() {
    RunnerRegistry bare = new RunnerRegistry().register("GPO", new FakeRunner());
    assertEquals(List.of("tuned"), bare.presets());
    bare.checkSettings(List.of("tuned"), Map.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> bare.checkSettings(List.of("paper-calibrated"), Map.of()));
    assertEquals("unknown preset \"paper-calibrated\"; the engine offers tuned", e.getMessage());
    assertTrue(ReproduceMain.USAGE.contains("--presets tuned,paper-calibrated"));
    assertTrue(ReproduceMain.USAGE.contains("--set KEY=VALUE"));
  }
}
