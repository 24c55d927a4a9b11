package org.gposuite.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Stepping composed from the mujoco.h pieces must give bit-identical states to mj_step, because
 * the env layer composes them (e.g. to read positions between forward and integration).
 */
class ComposedSteppingTest {
  private static final int STEPS = 200;

  /** A pendulum with joint limits hit during the run and a box resting on a plane: constraints active. */
  static String contactModel(String integrator) {
    return contactModel(integrator, "enable");
  }

  static String contactModel(String integrator, String warmstart) {
    return """
        <mujoco model="contacts">
          <option timestep="0.005" integrator="%s">
            <flag warmstart="%s"/>
          </option>
          <worldbody>
            <geom name="floor" type="plane" size="5 5 0.1"/>
            <body name="box" pos="0 0 0.3">
              <freejoint/>
              <geom type="box" size="0.1 0.1 0.1"/>
            </body>
            <body name="arm" pos="1 0 1">
              <joint name="hinge" type="hinge" axis="0 1 0" limited="true" range="-30 30"/>
              <geom type="capsule" fromto="0 0 0 0.4 0 0" size="0.05"/>
            </body>
          </worldbody>
          <actuator>
            <motor joint="hinge" gear="5"/>
          </actuator>
        </mujoco>
        """.formatted(integrator, warmstart);
  }

  private static double control(int step, int actuator) {
    return Math.sin(0.05 * step + actuator);
  }

  /** Runs {@code STEPS} steps of {@code stepper} from the model's default state; returns qpos+qvel+time per step. */
  private static double[][] trajectory(String xml, Consumer<MjData> stepper) {
    try (MjModel m = MjModel.fromXml(xml); MjData d = m.makeData()) {
      double[][] states = new double[STEPS][m.nq() + m.nv() + 1];
      for (int k = 0; k < STEPS; k++) {
        for (int a = 0; a < m.nu(); a++) {
          d.ctrl().set(a, control(k, a));
        }
        stepper.accept(d);
        d.qpos().copyTo(states[k], 0);
        d.qvel().copyTo(states[k], m.nq());
        states[k][m.nq() + m.nv()] = d.time();
      }
      return states;
    }
  }

  private static void assertBitIdentical(double[][] expected, double[][] actual) {
    for (int k = 0; k < STEPS; k++) {
      for (int i = 0; i < expected[k].length; i++) {
        assertEquals(Double.doubleToRawLongBits(expected[k][i]), Double.doubleToRawLongBits(actual[k][i]),
            "step " + k + " element " + i + ": " + expected[k][i] + " vs " + actual[k][i]);
      }
    }
  }

  @Test
  void step1ThenStep2EqualsStepForEuler() {
    for (String xml : new String[] {Models.pendulum("Euler"), contactModel("Euler")}) {
      // ctrl is set before step1 here, as it is before mj_step.
      assertBitIdentical(trajectory(xml, MjData::step), trajectory(xml, d -> {
        d.step1();
        d.step2();
      }));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"Euler", "RK4"})
  void checkedForwardSkipThenIntegrateEqualsStepWithoutConstraints(String integrator) {
    String xml = Models.pendulum(integrator);
    assertBitIdentical(trajectory(xml, MjData::step), trajectory(xml, composed(integrator)));
  }

  static Consumer<MjData> composed(String integrator) {
    return d -> {
      d.forward();
      d.checkPos();
      d.checkVel();
      d.forwardSkip(MjStage.VEL, false);
      d.checkAcc();
      if (integrator.equals("RK4")) {
        d.rungeKutta(4);
      } else {
        d.euler();
      }
    };
  }

  /*
   * With constraints, the prior forward() runs the constraint solver once and (engine_forward.c,
   * mj_fwdConstraint) saves its result in qacc_warmstart; the solver in forwardSkip then starts
   * from that converged point instead of the previous step's, and the tolerance-terminated
   * iterations land a few ulps away. Measured on this model: first difference after 31 (Euler) /
   * 41 (RK4) steps, at most 1.5e-15 over 200 steps. Restoring qacc_warmstart, or disabling
   * warmstart, makes the composition bit-identical again.
   */

  @ParameterizedTest
  @ValueSource(strings = {"Euler", "RK4"})
  void composedEqualsStepWithContactsWhenWarmstartIsRestored(String integrator) {
    String xml = contactModel(integrator);
    double[][] warmstart = new double[1][];
    assertBitIdentical(trajectory(xml, MjData::step), trajectory(xml, d -> {
      if (warmstart[0] == null) {
        warmstart[0] = new double[d.qaccWarmstart().size()];
      }
      d.qaccWarmstart().copyTo(warmstart[0], 0);
      d.forward();
      d.checkPos();
      d.checkVel();
      d.qaccWarmstart().copyFrom(warmstart[0], 0);
      d.forwardSkip(MjStage.VEL, false);
      d.checkAcc();
      if (integrator.equals("RK4")) {
        d.rungeKutta(4);
      } else {
        d.euler();
      }
    }));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Euler", "RK4"})
  void composedEqualsStepWithContactsWhenWarmstartIsDisabled(String integrator) {
    String xml = contactModel(integrator, "disable");
    assertBitIdentical(trajectory(xml, MjData::step), trajectory(xml, composed(integrator)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Euler", "RK4"})
  void composedWithContactsAndWarmstartStaysWithinRoundoff(String integrator) {
    String xml = contactModel(integrator);
    double[][] a = trajectory(xml, MjData::step);
    double[][] b = trajectory(xml, composed(integrator));
    for (int k = 0; k < STEPS; k++) {
      assertArrayEquals(a[k], b[k], 1e-12, "step " + k);
    }
  }
}
