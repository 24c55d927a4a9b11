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
import org.gposuite.reproduce.plan.Algorithm;
import org.gposuite.reproduce.plan.Budget;
import org.gposuite.reproduce.plan.Catalogue;
import org.gposuite.reproduce.plan.CellSpec;
import org.gposuite.reproduce.plan.ProfileLoader;
import org.gposuite.reproduce.plan.Settings;
import org.gposuite.reproduce.run.RunnerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line's --presets and --set, against the fake engine's presets and its one setting. */
class ReproduceMainTest {
  /** One cell per preset and seed: Table 1, Swimmer, GPO, on the smoke profile. */
  static final List<String> NARROW = List.of("--profile", "smoke", "--tables", "1", "--tasks", "Swimmer",
      "--methods", "GPO");

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
  void seedRangesExpandInOrder() throws Exception {
    Outcome o = run(new FakeRunner(), args(NARROW, "--seeds", "3-5,1", "--dry-run"));
    assertEquals(Harness.OK, o.exit(), o.err());
    assertEquals(List.of("seed-3", "seed-4", "seed-5", "seed-1"), o.out().lines().filter(l -> l.contains("/Swimmer/GPO/seed-"))
        .map(l -> l.strip().split(" ")[0].replaceAll(".*/", "")).toList(), o.out());
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
    List<String> base = List.of("--profile", file.toString(), "--tables", "1", "--methods", "GPO");
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

  static Stream<Arguments> badOptionValues() {
    return Stream.of(
        Arguments.of(List.of("--seeds", "abc"), "error: --seeds: seed \"abc\" is not a whole number"),
        Arguments.of(List.of("--seeds", "-1"), "error: --seeds: seed -1 is not allowed; seeds count from 1"),
        Arguments.of(List.of("--seeds", "0"), "error: --seeds: seed 0 is not allowed; seeds count from 1"),
        Arguments.of(List.of("--seeds", "1,,2"), "error: --seeds has an empty item in \"1,,2\""),
        Arguments.of(List.of("--seeds", "1,"), "error: --seeds has an empty item in \"1,\""),
        Arguments.of(List.of("--seeds", "5-2"), "error: --seeds: seed range \"5-2\" runs backwards; write 2-5"),
        Arguments.of(List.of("--seeds", "1-x"), "error: --seeds: seed \"x\" is not a whole number"),
        Arguments.of(List.of("--seeds", "0-3"), "error: --seeds: seed 0 is not allowed; seeds count from 1"),
        Arguments.of(List.of("--seeds", ""), "error: --seeds needs at least one seed"),
        Arguments.of(List.of("--tasks", ""), "error: --tasks needs at least one task"),
        Arguments.of(List.of("--tasks", " , "), "error: --tasks needs at least one task"),
        Arguments.of(List.of("--tasks", "Swimmer,,Hopper"), "error: --tasks has an empty item in \"Swimmer,,Hopper\""),
        Arguments.of(List.of("--tasks", "Swimer"), "error: --tasks: unknown task \"Swimer\"; the tasks are " + Catalogue.TASKS
            + " and Gym's " + Catalogue.GYM_TASKS),
        Arguments.of(List.of("--methods", ""), "error: --methods needs at least one method"),
        Arguments.of(List.of("--methods", "GPO,"), "error: --methods has an empty item in \"GPO,\""),
        Arguments.of(List.of("--methods", "GPO2"), "error: --methods: unknown method \"GPO2\"; the methods are "
            + Catalogue.TABLE_METHODS + ", " + Catalogue.ABLATION_METHODS + " and Crossover"),
        Arguments.of(List.of("--tables", "7"), "error: --tables: unknown table \"7\"; use 1, 2, 3"),
        Arguments.of(List.of("--tables", ""), "error: --tables needs at least one table"),
        Arguments.of(List.of("--figures", ""), "error: --figures needs at least one figure"),
        Arguments.of(List.of("--presets", "tuned,,paper-calibrated"),
            "error: --presets has an empty item in \"tuned,,paper-calibrated\""),
        Arguments.of(List.of("--profile", "huge"),
            "error: --profile: unknown profile \"huge\"; use one of [smoke, medium, paper] or a path to a .profile file"));
  }

  @ParameterizedTest
  @MethodSource("badOptionValues")
  void badOptionValuesAreOneLineNamingTheOption(List<String> bad, String message) throws Exception {
    for (boolean dry : new boolean[] {true, false}) {
      List<String> all = args(NARROW, bad.toArray(String[]::new));
      if (dry) all.add("--dry-run");
      Outcome o = run(new FakeRunner(), all);
      assertEquals(Harness.CANNOT_RUN, o.exit(), o.err());
      assertEquals(List.of(message), o.err().lines().toList(), "one line, no usage text");
      assertEquals("", o.out());
    }
  }

  @Test
  void aMalformedCommandLineShowsTheUsage() throws Exception {
    for (List<String> bad : List.of(List.of("--seed", "1"), List.of("--seeds"), List.of("--tasks", "--dry-run"))) {
      Outcome o = run(new FakeRunner(), args(NARROW, bad.toArray(String[]::new)));
      assertEquals(Harness.CANNOT_RUN, o.exit(), o.err());
      assertTrue(o.err().contains(ReproduceMain.USAGE), o.err());
    }
  }

  @Test
  void namesAreCaseInsensitiveForEveryOption() throws Exception {
    Outcome canonical = run(new FakeRunner(), List.of("--profile", "smoke", "--tables", "1", "--figures", "3a",
        "--tasks", "Swimmer", "--methods", "GPO,Joint,Crossover", "--presets", "tuned,paper-calibrated", "--dry-run"));
    assertEquals(Harness.OK, canonical.exit(), canonical.err());
    Outcome shouted = run(new FakeRunner(), List.of("--profile", "smoke", "--tables", "1", "--figures", "3A",
        "--tasks", "SWIMMER", "--methods", "gpo,joInt,CROSSOVER", "--presets", "Tuned,PAPER-Calibrated", "--dry-run"));
    assertEquals(Harness.OK, shouted.exit(), shouted.err());
    assertEquals(canonical.out(), shouted.out());
    assertTrue(shouted.out().contains("  PPO-paper-calibrated/Swimmer/Crossover/seed-2  "), shouted.out());
    assertTrue(shouted.out().contains("PPO presets: tuned, paper-calibrated; settings: none\n"), shouted.out());
  }

  @Test
  void aProfilesPresetsLineIsCaseInsensitiveToo(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("calibrated.profile");
    Files.writeString(file, TestFiles.profileText("Swimmer", "Swimmer", 40) + "presets = Paper-Calibrated\n");
    Outcome o = run(new FakeRunner(), List.of("--profile", file.toString(), "--tables", "1", "--methods", "GPO", "--dry-run"));
    assertEquals(Harness.OK, o.exit(), o.err());
    assertTrue(o.out().contains("  PPO-paper-calibrated/Swimmer/GPO/seed-1  "), o.out());
  }

  static Stream<Arguments> emptySelections() {
    return Stream.of(
        Arguments.of(List.of("--profile", "smoke", "--tasks", "Hopper"), "error: nothing to run: profile smoke"
            + " (profiles/smoke.profile) has no task Hopper: tasks = Swimmer, InvertedDoublePendulum;"
            + " fig3a_task = Swimmer; fig5_tasks = Swimmer; fig7_task = InvertedDoublePendulum; fig9_tasks = Hopper-v1"),
        Arguments.of(List.of("--profile", "smoke", "--figures", "5", "--tasks", "InvertedDoublePendulum"),
            "error: nothing to run: profile smoke (profiles/smoke.profile) has no task InvertedDoublePendulum:"
                + " fig5_tasks = Swimmer"),
        Arguments.of(List.of("--profile", "smoke", "--tables", "1", "--methods", "Base+C"),
            "error: nothing to run: Table 1 (PPO) has no method Base+C (its methods: GPO, Single, Joint)"));
  }

  @ParameterizedTest
  @MethodSource("emptySelections")
  void anEmptySelectionSaysWhichProfileLacksWhat(List<String> selection, String message, @TempDir Path tmp) throws Exception {
    FakeRunner runner = new FakeRunner();
    Outcome dry = run(runner, args(selection, "--dry-run"));
    assertEquals(Harness.CANNOT_RUN, dry.exit(), dry.out());
    assertEquals(List.of(message), dry.err().lines().toList());
    Outcome real = run(runner, args(selection, "--out", tmp.resolve("run").toString(), "--expected",
        TestFiles.scratchExpected(tmp).toString()));
    assertEquals(Harness.CANNOT_RUN, real.exit(), real.out());
    assertEquals(List.of(message), real.err().lines().toList());
    assertEquals(0, runner.calls.get());
    assertFalse(Files.exists(tmp.resolve("run")));
  }

  @Test
  void relativePathsAreTakenFromTheCallersDirectory(@TempDir Path tmp) throws Exception {
    Path caller = Files.createDirectories(tmp.resolve("caller"));
    Files.writeString(caller.resolve("mine.profile"), TestFiles.profileText("Swimmer", "Swimmer", 40));
    TestFiles.scratchExpected(caller);
    Path here = Path.of("").toAbsolutePath();
    assertFalse(Files.exists(here.resolve("my-run")), "the test needs " + here.resolve("my-run") + " absent");
    List<String> args = List.of("--profile", "mine.profile", "--tables", "1", "--methods", "GPO", "--out", "my-run",
        "--expected", "expected-results", "--rebaseline");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = ReproduceMain.run(args.toArray(String[]::new), caller, FakeRunner.registry(new FakeRunner()),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Harness.OK, exit, err.toString(StandardCharsets.UTF_8));
    assertTrue(Files.isRegularFile(caller.resolve("my-run/cells.csv")));
    assertTrue(Files.isRegularFile(caller.resolve("expected-results/mine/cells.csv")));
    assertFalse(Files.exists(here.resolve("my-run")));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains(caller.resolve("mine.profile").toString()),
        "the profile's source is the caller's file");
  }

  @Test
  void theCallersDirectoryComesFromTheScript() throws Exception {
    assertEquals(Path.of("/some/where"), ReproduceMain.callerDir(Map.of(ReproduceMain.CALLER_DIR, "/some/where")));
    assertEquals(Path.of("").toAbsolutePath(), ReproduceMain.callerDir(Map.of()));
    String script = Files.readString(Path.of("..", "reproduce"));
    int export = script.indexOf("export " + ReproduceMain.CALLER_DIR + "=\"$PWD\"\n");
    int cd = script.indexOf("cd \"$(dirname \"$0\")\"");
    assertTrue(export > 0 && cd > export, "./reproduce exports the caller's directory before its cd");
  }
}
