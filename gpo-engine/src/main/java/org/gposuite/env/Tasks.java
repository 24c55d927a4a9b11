package org.gposuite.env;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gposuite.mujoco.MjModel;
import org.gposuite.mujoco.MjObject;
import org.gposuite.random.SplitMix64;

/**
 * The GPO paper's tasks and the factory that builds them: rllab's nine (Tables 1-3, Figs. 3-8 and
 * 10) and Gym's three -v1 tasks of Fig. 9 (Appendix 6.2).
 */
public final class Tasks {
  static final String HILLY_SUFFIX = "-hilly";
  private static final String MODEL_DIR = "org/gposuite/env/";

  /** In the order of the paper's Table 1. */
  private static final List<String> NAMES = List.of(
      "Walker2d", "HalfCheetah", "HalfCheetah-hilly", "Hopper-hilly", "InvertedDoublePendulum",
      "Ant", "Walker2d-hilly", "Swimmer", "Hopper");

  /** Gym's versions of three of the robots (gym-v1-envs.md), in the order of the paper's Fig. 9. */
  private static final List<String> GYM_NAMES = List.of("HalfCheetah-v1", "Hopper-v1", "Walker2d-v1");

  private static final List<String> ALL_NAMES =
      java.util.stream.Stream.concat(NAMES.stream(), GYM_NAMES.stream()).toList();

  /** The floor every flat model declares; the hilly variants replace exactly this element. */
  static final String FLAT_FLOOR =
      "<geom name=\"floor\" type=\"plane\" pos=\"0 0 0\" size=\"40 40 40\" conaffinity=\"1\" condim=\"3\"/>";

  private Tasks() {}

  /** The nine rllab task names, in paper order (the tasks of Tables 1-3). */
  public static List<String> names() {
    return NAMES;
  }

  /** Gym's three -v1 task names (Fig. 9): HalfCheetah-v1, Hopper-v1, Walker2d-v1. */
  public static List<String> gymNames() {
    return GYM_NAMES;
  }

  /** Every name {@link #make} accepts: the nine rllab tasks, then Gym's three. */
  public static List<String> allNames() {
    return ALL_NAMES;
  }

  /** Builds one copy; {@code seed} drives its reset noise and, for hilly tasks, its terrain. */
  public static Env make(TaskConfig cfg, long seed) {
    return make(cfg, seed, null);
  }

  /** As {@link #make(TaskConfig, long)}, with the physics sequence chosen (tests; null = fastest). */
  static MujocoEnv make(TaskConfig cfg, long seed, Stepping stepping) {
    if (cfg == null) {
      throw new IllegalArgumentException("task config is null: use TaskConfig.of(one of " + ALL_NAMES + ")");
    }
    Robot robot = Robot.of(cfg.name());
    RandomGenerator seeds = new SplitMix64(seed);
    long resetSeed = seeds.nextLong();
    long terrainSeed = seeds.nextLong();
    String xml = modelXml(robot.resource);
    MjModel model;
    if (cfg.hilly()) {
      model = MjModel.fromXml(hillyXml(xml, cfg.hillDifficulty()));
      int hfield = model.id(MjObject.HFIELD, "hill");
      model.setHeightField(hfield, HillTerrain.heightField(terrainSeed, robot.patch));
    } else {
      model = MjModel.fromXml(xml);
    }
    try {
      return new MujocoEnv(cfg.name(), model, robot.factory,
          stepping != null ? stepping : robot.fastest, resetSeed);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** The robots behind the twelve tasks: model file, task rules, fastest exact stepping. */
  enum Robot {
    WALKER2D("walker2d.xml", Walker2dTask::new, Stepping.FORWARD_THEN_SKIP, HillTerrain.Patch.WALKER2D),
    HALF_CHEETAH("half_cheetah.xml", HalfCheetahTask::new, Stepping.FORWARD_THEN_SKIP,
        HillTerrain.Patch.HALF_CHEETAH),
    HOPPER("hopper.xml", HopperTask::new, Stepping.FORWARD_THEN_SKIP, HillTerrain.Patch.HOPPER),
    INVERTED_DOUBLE_PENDULUM("inverted_double_pendulum.xml", InvertedDoublePendulumTask::new,
        Stepping.FORWARD_THEN_SKIP, null),
    ANT("ant.xml", AntTask::new, Stepping.FORWARD_THEN_SKIP, null),
    SWIMMER("swimmer.xml", SwimmerTask::new, Stepping.STEP2_STEP1, null),
    // Gym's -v1 tasks: Gym's own sequence (mj_step x frame_skip) is also the cheapest exact one.
    // Gym's half_cheetah.xml has the same physical figures as rllab's (ModelFiguresTest checks
    // both against our half_cheetah.xml), so the two HalfCheetahs share one model file.
    HALF_CHEETAH_V1("half_cheetah.xml", HalfCheetahV1Task::new, Stepping.STEP_ONLY, null),
    HOPPER_V1("gym_hopper.xml", HopperV1Task::new, Stepping.STEP_ONLY, null),
    WALKER2D_V1("gym_walker2d.xml", Walker2dV1Task::new, Stepping.STEP_ONLY, null);

    final String resource;
    final MujocoEnv.TaskFactory factory;
    final Stepping fastest;
    final HillTerrain.Patch patch;

    Robot(String resource, MujocoEnv.TaskFactory factory, Stepping fastest, HillTerrain.Patch patch) {
      this.resource = resource;
      this.factory = factory;
      this.fastest = fastest;
      this.patch = patch;
    }

    static Robot of(String taskName) {
      String base = taskName.endsWith(HILLY_SUFFIX)
          ? taskName.substring(0, taskName.length() - HILLY_SUFFIX.length()) : taskName;
      return switch (base) {
        case "Walker2d" -> WALKER2D;
        case "HalfCheetah" -> HALF_CHEETAH;
        case "Hopper" -> HOPPER;
        case "InvertedDoublePendulum" -> INVERTED_DOUBLE_PENDULUM;
        case "Ant" -> ANT;
        case "Swimmer" -> SWIMMER;
        case "HalfCheetah-v1" -> HALF_CHEETAH_V1;
        case "Hopper-v1" -> HOPPER_V1;
        case "Walker2d-v1" -> WALKER2D_V1;
        default -> throw new IllegalArgumentException(
            "unknown task '" + taskName + "': choose one of " + ALL_NAMES);
      };
    }
  }

  /** The MJCF text of a flat model shipped in this package (a file name such as "gym_hopper.xml"). */
  static String modelXml(String resource) {
    String path = MODEL_DIR + resource;
    try (InputStream in = Tasks.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("model resource " + path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read model resource " + path, e);
    }
  }

  /**
   * The MJCF text {@link #make} loads for this task (for hilly tasks the height field is all
   * zero in the text; make writes the terrain after loading). For tools such as benchmarks.
   */
  public static String modelXml(TaskConfig cfg) {
    String xml = modelXml(Robot.of(cfg.name()).resource);
    return cfg.hilly() ? hillyXml(xml, cfg.hillDifficulty()) : xml;
  }

  /**
   * rllab's hill_*_env.xml.mako: the floor plane becomes a 400 x 400 height field of half-size
   * 40 m, maximum elevation {@code difficulty}, base 0.1, placed at z = -0.1. The heights are
   * written after loading (MjModel.setHeightField), so no image file is involved.
   */
  static String hillyXml(String flatXml, double difficulty) {
    int at = flatXml.indexOf(FLAT_FLOOR);
    if (at < 0 || flatXml.indexOf(FLAT_FLOOR, at + 1) >= 0 || !flatXml.contains("<worldbody>")) {
      throw new IllegalStateException("model has no single flat floor element to replace: " + FLAT_FLOOR);
    }
    String hfield = "<geom name=\"floor\" type=\"hfield\" hfield=\"hill\" pos=\"0 0 -0.1\" conaffinity=\"1\" condim=\"3\"/>";
    String asset = "<asset>\n    <hfield name=\"hill\" nrow=\"" + HillTerrain.SIZE + "\" ncol=\"" + HillTerrain.SIZE
        + "\" size=\"40 40 " + difficulty + " 0.1\"/>\n  </asset>\n  <worldbody>";
    return flatXml.replace(FLAT_FLOOR, hfield).replace("<worldbody>", asset);
  }
}
