package org.gposuite.mujoco;

/** Small inline MJCF models shared by the binding tests. */
final class Models {
  private Models() {}

  /** Half-sizes of the free box's geom (metres) and its density (kg/m^3). */
  static final double BOX_HX = 0.1, BOX_HY = 0.2, BOX_HZ = 0.3, BOX_DENSITY = 1000;
  static final double BOX_Z0 = 2.0;

  /** A free-floating box with no ground: nothing to touch, so it falls freely. */
  static final String FREE_BOX = """
      <mujoco model="free_box">
        <option timestep="0.002" integrator="Euler" gravity="0 0 -9.81"/>
        <worldbody>
          <body name="box" pos="0 0 %s">
            <freejoint name="root"/>
            <geom name="box_geom" type="box" size="%s %s %s" density="%s"/>
            <site name="corner" pos="%s %s %s"/>
          </body>
        </worldbody>
      </mujoco>
      """.formatted(BOX_Z0, BOX_HX, BOX_HY, BOX_HZ, BOX_DENSITY, BOX_HX, BOX_HY, BOX_HZ);

  /** A 2-link pendulum on hinges, with a motor on each hinge and a custom numeric. */
  static String pendulum(String integrator) {
    return """
        <mujoco model="pendulum2">
          <option timestep="0.01" integrator="%s"/>
          <custom>
            <numeric name="init_qpos" data="0.3 -0.2"/>
          </custom>
          <worldbody>
            <body name="link1" pos="0 0 2">
              <joint name="hinge1" type="hinge" axis="0 1 0" damping="0.1"/>
              <geom name="rod1" type="capsule" fromto="0 0 0 0 0 -0.5" size="0.05"/>
              <body name="link2" pos="0 0 -0.5">
                <joint name="hinge2" type="hinge" axis="0 1 0" damping="0.1"/>
                <geom name="rod2" type="capsule" fromto="0 0 0 0 0 -0.5" size="0.05"/>
                <site name="tip" pos="0 0 -0.5"/>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="m1" joint="hinge1" gear="2" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="m2" joint="hinge2" gear="3"/>
          </actuator>
        </mujoco>
        """.formatted(integrator);
  }
}
