package org.gposuite.env;

/**
 * How an env step drives MuJoCo. For the rllab tasks every choice gives bit-identical states,
 * observations and rewards to {@link #NAIVE}, rllab's own sequence; a test checks that for every
 * task. Gym's tasks use {@link #STEP_ONLY}, Gym's own sequence.
 */
enum Stepping {
  /** rllab: mj_step frame_skip times, then mj_forward (then mj_rnePostConstraint if needed). */
  NAIVE,
  /**
   * The step ends with a full mj_forward (observations may need acceleration-stage values such
   * as qfrc_constraint, and the constraint solver's warmstart must match rllab's), so the next
   * step's first mj_step can skip the position and velocity stages it would recompute
   * unchanged: mj_forwardSkip(VEL), mj_checkAcc, then the integrator alone.
   */
  FORWARD_THEN_SKIP,
  /**
   * Each physics step is mj_step2 (acceleration + integration) followed by mj_step1 (checks,
   * position and velocity stages at the new state), which together are one mj_step of work;
   * the observation needs only the position/velocity stages mj_step1 leaves behind. Exact only
   * when nothing carries over from the skipped acceleration stage: Euler integrator and no
   * constraint-solver warmstart (Swimmer).
   */
  STEP2_STEP1,
  /**
   * Gym's do_simulation: mj_step frame_skip times and nothing after (no mj_forward), followed by
   * mj_checkPos/mj_checkVel, which leave a finite state untouched. Observations may read only
   * state (qpos, qvel): position-stage quantities such as xpos are those of the last substep's
   * start.
   */
  STEP_ONLY
}
