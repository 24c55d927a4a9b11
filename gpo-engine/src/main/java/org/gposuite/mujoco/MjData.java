package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Simulation state of one model (mjData): typed views over its arrays, and the mujoco.h physics
 * calls. Views are made once here and reused, and the physics calls pass two cached pointers, so
 * stepping allocates nothing. Confine an MjData to one thread at a time.
 */
public final class MjData implements AutoCloseable {
  private static final MjWarning[] WARNINGS = MjWarning.values();

  private final MjModel model;
  private final MemorySegment ptr;
  /** Shared so that the data may move between threads; closing it invalidates every view. */
  private final Arena arena;
  private final MemorySegment struct;
  private final MemorySegment modelPtr;
  private final MemorySegment velocity6;
  private boolean closed;

  private final MjDoubles qpos, qvel, qacc, qaccWarmstart, ctrl, act, qfrcConstraint, qfrcApplied, cfrcExt,
      xpos, xmat, xipos, subtreeCom, siteXpos, subtreeLinvel, cvel;

  MjData(MjModel model, MemorySegment address) {
    this.model = model;
    this.ptr = address;
    this.modelPtr = model.address();
    this.arena = Arena.ofShared();
    this.struct = address.reinterpret(MjLayout.SIZEOF_MJDATA, arena, null);
    this.velocity6 = arena.allocate(JAVA_DOUBLE, 6);
    MemorySegment m = model.struct();
    int nq = m.get(JAVA_INT, MjLayout.M_NQ);
    int nv = m.get(JAVA_INT, MjLayout.M_NV);
    int nu = m.get(JAVA_INT, MjLayout.M_NU);
    int na = m.get(JAVA_INT, MjLayout.M_NA);
    int nbody = m.get(JAVA_INT, MjLayout.M_NBODY);
    int nsite = m.get(JAVA_INT, MjLayout.M_NSITE);
    qpos = view("qpos", MjLayout.D_QPOS, nq);
    qvel = view("qvel", MjLayout.D_QVEL, nv);
    qacc = view("qacc", MjLayout.D_QACC, nv);
    qaccWarmstart = view("qacc_warmstart", MjLayout.D_QACC_WARMSTART, nv);
    ctrl = view("ctrl", MjLayout.D_CTRL, nu);
    act = view("act", MjLayout.D_ACT, na);
    qfrcConstraint = view("qfrc_constraint", MjLayout.D_QFRC_CONSTRAINT, nv);
    qfrcApplied = view("qfrc_applied", MjLayout.D_QFRC_APPLIED, nv);
    cfrcExt = view("cfrc_ext", MjLayout.D_CFRC_EXT, nbody * 6);
    xpos = view("xpos", MjLayout.D_XPOS, nbody * 3);
    xmat = view("xmat", MjLayout.D_XMAT, nbody * 9);
    xipos = view("xipos", MjLayout.D_XIPOS, nbody * 3);
    subtreeCom = view("subtree_com", MjLayout.D_SUBTREE_COM, nbody * 3);
    siteXpos = view("site_xpos", MjLayout.D_SITE_XPOS, nsite * 3);
    subtreeLinvel = view("subtree_linvel", MjLayout.D_SUBTREE_LINVEL, nbody * 3);
    cvel = view("cvel", MjLayout.D_CVEL, nbody * 6);
  }

  private MjDoubles view(String name, long pointerOffset, int size) {
    MemorySegment array = struct.get(ADDRESS, pointerOffset).reinterpret((long) size * Double.BYTES, arena, null);
    return new MjDoubles(name, array, size);
  }

  public MjModel model() {
    return model;
  }

  /** The mjData struct bytes (invalid once closed). */
  MemorySegment struct() {
    return struct;
  }

  // ---------------------------------------------------------------- views

  /** Generalized positions (nq). */
  public MjDoubles qpos() { return qpos; }

  /** Generalized velocities (nv). */
  public MjDoubles qvel() { return qvel; }

  /** Generalized accelerations (nv). */
  public MjDoubles qacc() { return qacc; }

  /**
   * Accelerations the constraint solver starts from (nv). Every mj_fwdConstraint overwrites it
   * with its result, so a second forward pass at the same state starts from a different point
   * than mj_step would: save and restore it to compose stepping bit-identically with contacts.
   */
  public MjDoubles qaccWarmstart() { return qaccWarmstart; }

  /** Controls (nu). */
  public MjDoubles ctrl() { return ctrl; }

  /** Actuator activations (na). */
  public MjDoubles act() { return act; }

  /** Constraint forces in joint space (nv). */
  public MjDoubles qfrcConstraint() { return qfrcConstraint; }

  /** Applied generalized forces (nv), an input. */
  public MjDoubles qfrcApplied() { return qfrcApplied; }

  /** External contact force per body, com-based (nbody x 6); filled by {@link #rnePostConstraint()}. */
  public MjDoubles cfrcExt() { return cfrcExt; }

  /** Body frame positions (nbody x 3). */
  public MjDoubles xpos() { return xpos; }

  /** Body frame orientations as row-major 3x3 matrices (nbody x 9). */
  public MjDoubles xmat() { return xmat; }

  /** Body centre-of-mass positions (nbody x 3). */
  public MjDoubles xipos() { return xipos; }

  /** Centre of mass of each body's subtree (nbody x 3). */
  public MjDoubles subtreeCom() { return subtreeCom; }

  /** Site positions (nsite x 3). */
  public MjDoubles siteXpos() { return siteXpos; }

  /** Linear velocity of each subtree's centre of mass (nbody x 3); filled by {@link #subtreeVel()}. */
  public MjDoubles subtreeLinvel() { return subtreeLinvel; }

  /** Com-based velocity [rot; lin] of each body (nbody x 6). */
  public MjDoubles cvel() { return cvel; }

  /** Simulation time in seconds. */
  public double time() {
    return struct.get(JAVA_DOUBLE, MjLayout.D_TIME);
  }

  /** Sets the simulation time (a checkpointed episode is rebuilt with the time it had). */
  public void setTime(double t) {
    struct.set(JAVA_DOUBLE, MjLayout.D_TIME, t);
  }

  // ---------------------------------------------------------------- physics (mujoco.h)

  /** mj_step: advance one timestep with the model's integrator. */
  public void step() {
    Native.step(modelPtr(), ptr());
  }

  /** mj_forward: compute everything at the current state without advancing time. */
  public void forward() {
    Native.forward(modelPtr(), ptr());
  }

  /** mj_step1: the position- and velocity-dependent half of a step (set ctrl after it). */
  public void step1() {
    Native.step1(modelPtr(), ptr());
  }

  /** mj_step2: the rest of the step, integrated with Euler (MuJoCo uses Euler here even for RK4). */
  public void step2() {
    Native.step2(modelPtr(), ptr());
  }

  /** mj_forwardSkip: forward dynamics, skipping the stages up to and including {@code skip}. */
  public void forwardSkip(MjStage skip, boolean skipSensor) {
    Native.forwardSkip(modelPtr(), ptr(), skip.value(), skipSensor ? 1 : 0);
  }

  /** mj_checkPos: on a bad qpos, warn BADQPOS and reset the data. */
  public void checkPos() {
    Native.checkPos(modelPtr(), ptr());
  }

  /** mj_checkVel: on a bad qvel, warn BADQVEL and reset the data. */
  public void checkVel() {
    Native.checkVel(modelPtr(), ptr());
  }

  /** mj_checkAcc: on a bad qacc, warn BADQACC, reset the data and run mj_forward. */
  public void checkAcc() {
    Native.checkAcc(modelPtr(), ptr());
  }

  /** mj_Euler: semi-implicit Euler integration from the current qacc. */
  public void euler() {
    Native.euler(modelPtr(), ptr());
  }

  /** mj_RungeKutta with {@code n} stages (MuJoCo supports 4). */
  public void rungeKutta(int n) {
    if (n != 4) {
      throw new IllegalArgumentException("rungeKutta(" + n + "): MuJoCo " + MjLayout.mjVERSION_HEADER
          + " only has a 4-stage Runge-Kutta; pass 4");
    }
    Native.rungeKutta(modelPtr(), ptr(), n);
  }

  /** mj_rnePostConstraint: fills cacc, cfrc_int and cfrc_ext. */
  public void rnePostConstraint() {
    Native.rnePostConstraint(modelPtr(), ptr());
  }

  /** mj_subtreeVel: fills subtree_linvel and subtree_angmom. */
  public void subtreeVel() {
    Native.subtreeVel(modelPtr(), ptr());
  }

  /** mj_resetData: back to qpos0, zero velocities, time 0, warnings cleared. */
  public void resetData() {
    Native.resetData(modelPtr(), ptr());
  }

  /**
   * mj_objectVelocity: 6D velocity [rot; lin] of a body (BODY: at its centre of mass, XBODY: at
   * its frame origin), GEOM, SITE or CAMERA, in world orientation or the object's local frame.
   */
  public void objectVelocity(MjObject type, int id, boolean local, double[] out6) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(out6, "out6");
    if (out6.length < 6) {
      throw new IllegalArgumentException("out6 needs 6 elements, has " + out6.length);
    }
    int count = switch (type) {
      case BODY, XBODY -> model.nbody();
      case GEOM -> model.ngeom();
      case SITE -> model.nsite();
      case CAMERA -> model.struct().get(JAVA_INT, MjLayout.M_NCAM);
      default -> throw new IllegalArgumentException("objectVelocity supports BODY, XBODY, GEOM, SITE and"
          + " CAMERA, not " + type);
    };
    Objects.checkIndex(id, count);
    Native.objectVelocity(modelPtr(), ptr(), type.value(), id, velocity6, local ? 1 : 0);
    MemorySegment.copy(velocity6, JAVA_DOUBLE, 0, out6, 0, 6);
  }

  // ---------------------------------------------------------------- warnings

  /** mjData.warning[w].number: how often MuJoCo raised {@code w} since the last reset. */
  public int warningCount(MjWarning w) {
    return struct.get(JAVA_INT, warningNumberOffset(w.value()));
  }

  /**
   * Bitmask ({@code 1 << ordinal}) of the warnings raised since the last call (or reset), then
   * zeroes their counters. MuJoCo prints a warning's text only when its counter is zero, so each
   * raise after a take reaches the (debug) log again.
   */
  public int takeWarnings() {
    ptr();
    int mask = 0;
    for (MjWarning w : WARNINGS) {
      long offset = warningNumberOffset(w.value());
      if (struct.get(JAVA_INT, offset) != 0) {
        mask |= 1 << w.ordinal();
        struct.set(JAVA_INT, offset, 0);
      }
    }
    return mask;
  }

  private static long warningNumberOffset(int warning) {
    return MjLayout.D_WARNING + warning * MjLayout.SIZEOF_MJWARNINGSTAT + MjLayout.WARNINGSTAT_NUMBER;
  }

  // ---------------------------------------------------------------- lifetime

  /** mj_deleteData. Idempotent; every view of this data is invalid afterwards. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    arena.close();
    Native.deleteData(ptr);
  }

  public boolean isClosed() {
    return closed;
  }

  private MemorySegment ptr() {
    if (closed) {
      throw new IllegalStateException("MjData is closed; make a new one with model.makeData()");
    }
    return ptr;
  }

  private MemorySegment modelPtr() {
    if (model.isClosed()) {
      throw new IllegalStateException("the MjModel of this MjData is closed; close the data before the model");
    }
    return modelPtr;
  }
}
