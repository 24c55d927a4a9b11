package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A compiled MuJoCo model (mjModel), read-only except for height-field data. Sizes are read once
 * at load; arrays are read through the pointers in the struct at the offsets in {@code MjLayout}.
 * Not thread-safe to close while in use; sharing an open model between threads for reading and
 * for stepping separate {@link MjData} is fine (MuJoCo treats the model as const while stepping).
 */
public final class MjModel implements AutoCloseable {
  private static final int ERROR_SIZE = 1000;
  private static final String VFS_NAME = "model.xml";
  /**
   * mj_loadXML swaps process-wide state (the error/warning handler pointers, the "last model"
   * kept for mj_saveLastXML), so loads run one at a time.
   */
  private static final Object LOAD_LOCK = new Object();

  private final MemorySegment ptr;
  private final Arena arena;
  private final MemorySegment struct;
  private final int nq, nv, nu, na, nbody, njnt, ngeom, nsite, nhfield, nnumeric;
  private volatile boolean closed;

  private MjModel(MemorySegment address) {
    this.ptr = address;
    this.arena = Arena.ofShared();
    this.struct = address.reinterpret(MjLayout.SIZEOF_MJMODEL, arena, null);
    nq = intAt(MjLayout.M_NQ);
    nv = intAt(MjLayout.M_NV);
    nu = intAt(MjLayout.M_NU);
    na = intAt(MjLayout.M_NA);
    nbody = intAt(MjLayout.M_NBODY);
    njnt = intAt(MjLayout.M_NJNT);
    ngeom = intAt(MjLayout.M_NGEOM);
    nsite = intAt(MjLayout.M_NSITE);
    nhfield = intAt(MjLayout.M_NHFIELD);
    nnumeric = intAt(MjLayout.M_NNUMERIC);
  }

  // ---------------------------------------------------------------- loading

  /** Compiles an MJCF (or URDF) document given as a string, through MuJoCo's in-memory VFS. */
  public static MjModel fromXml(String xml) {
    Objects.requireNonNull(xml, "xml");
    if (xml.isBlank()) {
      throw new IllegalArgumentException("the MJCF XML string is empty; pass the model's XML text");
    }
    MuJoCo.library();
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    synchronized (LOAD_LOCK) {
      try (Arena scratch = Arena.ofConfined()) {
        MemorySegment vfs = scratch.allocate(MjLayout.SIZEOF_MJVFS, 8);
        MemorySegment name = scratch.allocateFrom(VFS_NAME);
        Native.defaultVFS(vfs);
        int rc = Native.makeEmptyFileVFS(vfs, name, bytes.length);
        try {
          if (rc != 0) {
            throw new IllegalStateException("mj_makeEmptyFileVFS returned " + rc + " for an empty VFS");
          }
          int index = Native.findFileVFS(vfs, name);
          MemorySegment file = vfs.get(ADDRESS, MjLayout.VFS_FILEDATA + index * ADDRESS.byteSize())
              .reinterpret(bytes.length);
          MemorySegment.copy(bytes, 0, file, JAVA_BYTE, 0, bytes.length);
          return load(scratch, name, vfs, "the XML string starting " + preview(xml));
        } finally {
          Native.deleteVFS(vfs);
        }
      }
    }
  }

  /** Compiles an MJCF file; relative asset paths resolve against the file's directory. */
  public static MjModel fromFile(Path file) {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("MJCF file " + file.toAbsolutePath() + " does not exist or is not a file");
    }
    MuJoCo.library();
    synchronized (LOAD_LOCK) {
      try (Arena scratch = Arena.ofConfined()) {
        MemorySegment name = scratch.allocateFrom(file.toAbsolutePath().toString());
        return load(scratch, name, MemorySegment.NULL, file.toString());
      }
    }
  }

  /** Compiles an MJCF document from the classpath (e.g. "/org/gposuite/env/hopper.xml"). */
  public static MjModel fromResource(String classpathPath) {
    Objects.requireNonNull(classpathPath, "classpathPath");
    String absolute = classpathPath.startsWith("/") ? classpathPath : "/" + classpathPath;
    try (InputStream in = MjModel.class.getResourceAsStream(absolute)) {
      if (in == null) {
        throw new IllegalArgumentException("classpath resource " + absolute + " not found; check the path"
            + " and that the file is under src/main/resources");
      }
      return fromXml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("reading classpath resource " + absolute, e);
    }
  }

  private static MjModel load(Arena scratch, MemorySegment name, MemorySegment vfs, String source) {
    MemorySegment error = scratch.allocate(ERROR_SIZE);
    MemorySegment model = Native.loadXML(name, vfs, error, ERROR_SIZE);
    // The parser keeps the last model for mj_saveLastXML; we never save, so free it now.
    Native.freeLastXML();
    if (model.equals(MemorySegment.NULL)) {
      String message = error.getString(0).strip();
      throw new MjLoadException(source, message.isEmpty() ? "(MuJoCo gave no message)" : message);
    }
    return new MjModel(model);
  }

  private static String preview(String xml) {
    String oneLine = xml.strip().replaceAll("\\s+", " ");
    return "\"" + (oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine) + "\"";
  }

  // ---------------------------------------------------------------- sizes and options

  public int nq() { return nq; }

  public int nv() { return nv; }

  public int nu() { return nu; }

  public int na() { return na; }

  public int nbody() { return nbody; }

  public int njnt() { return njnt; }

  public int ngeom() { return ngeom; }

  public int nsite() { return nsite; }

  public int nhfield() { return nhfield; }

  /** opt.timestep in seconds. */
  public double timestep() {
    return struct.get(JAVA_DOUBLE, MjLayout.M_OPT_TIMESTEP);
  }

  /** opt.integrator. */
  public MjIntegrator integrator() {
    return MjIntegrator.of(struct.get(JAVA_INT, MjLayout.M_OPT_INTEGRATOR));
  }

  /** opt.gravity, copied into {@code out3}. */
  public void gravity(double[] out3) {
    checkLength(out3, 3, "out3");
    MemorySegment.copy(struct, JAVA_DOUBLE, MjLayout.M_OPT_GRAVITY, out3, 0, 3);
  }

  // ---------------------------------------------------------------- names

  /** mj_name2id; an unknown name is an error that names it. */
  public int id(MjObject type, String name) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    int id;
    try (Arena scratch = Arena.ofConfined()) {
      id = Native.name2id(address(), type.value(), scratch.allocateFrom(name));
    }
    if (id < 0) {
      throw new IllegalArgumentException("the model has no " + type.name().toLowerCase() + " named '" + name
          + "'; check the name in the MJCF");
    }
    return id;
  }

  /** mj_id2name; null when the object has no name. */
  public String name(MjObject type, int id) {
    Objects.requireNonNull(type, "type");
    MemorySegment m = address();
    if (id < 0) {
      throw new IndexOutOfBoundsException(type + " id " + id + " is negative");
    }
    return Native.id2name(m, type.value(), id);
  }

  // ---------------------------------------------------------------- bodies, joints, actuators

  public double bodyMass(int body) {
    return doubleArray(MjLayout.M_BODY_MASS, nbody, 1, body, "body").get(JAVA_DOUBLE, 0);
  }

  /** Diagonal inertia in the body's inertial frame (body_inertia). */
  public void bodyInertia(int body, double[] out3) {
    checkLength(out3, 3, "out3");
    MemorySegment.copy(doubleArray(MjLayout.M_BODY_INERTIA, nbody, 3, body, "body"), JAVA_DOUBLE, 0, out3, 0, 3);
  }

  /** Mass of the subtree rooted at this body (body_subtreemass). */
  public double bodySubtreeMass(int body) {
    return doubleArray(MjLayout.M_BODY_SUBTREEMASS, nbody, 1, body, "body").get(JAVA_DOUBLE, 0);
  }

  public int bodyParent(int body) {
    return intArray(MjLayout.M_BODY_PARENTID, nbody, 1, body, "body").get(JAVA_INT, 0);
  }

  /** A copy of qpos0, the default generalized coordinates. */
  public double[] qpos0() {
    double[] out = new double[nq];
    MemorySegment.copy(pointer(MjLayout.M_QPOS0, (long) nq * Double.BYTES), JAVA_DOUBLE, 0, out, 0, nq);
    return out;
  }

  public double actuatorCtrlLow(int a) {
    return doubleArray(MjLayout.M_ACTUATOR_CTRLRANGE, nu, 2, a, "actuator").get(JAVA_DOUBLE, 0);
  }

  public double actuatorCtrlHigh(int a) {
    return doubleArray(MjLayout.M_ACTUATOR_CTRLRANGE, nu, 2, a, "actuator").get(JAVA_DOUBLE, Double.BYTES);
  }

  public boolean actuatorCtrlLimited(int a) {
    checkIndex(a, nu, "actuator");
    return pointer(MjLayout.M_ACTUATOR_CTRLLIMITED, nu).get(JAVA_BYTE, a) != 0;
  }

  /** gear[0] of the actuator (the scale from ctrl to joint force for a joint transmission). */
  public double actuatorGear(int a) {
    return doubleArray(MjLayout.M_ACTUATOR_GEAR, nu, 6, a, "actuator").get(JAVA_DOUBLE, 0);
  }

  /** jnt_type: mjJNT_FREE 0, BALL 1, SLIDE 2, HINGE 3. */
  public int jointType(int j) {
    return intArray(MjLayout.M_JNT_TYPE, njnt, 1, j, "joint").get(JAVA_INT, 0);
  }

  /** jnt_qposadr: the joint's first index in qpos. */
  public int jointQposAdr(int j) {
    return intArray(MjLayout.M_JNT_QPOSADR, njnt, 1, j, "joint").get(JAVA_INT, 0);
  }

  /** numeric_data of the custom numeric with this name, or null when the model has none. */
  public double[] customNumeric(String name) {
    Objects.requireNonNull(name, "name");
    int id;
    try (Arena scratch = Arena.ofConfined()) {
      id = Native.name2id(address(), MjObject.NUMERIC.value(), scratch.allocateFrom(name));
    }
    if (id < 0) {
      return null;
    }
    int adr = intArray(MjLayout.M_NUMERIC_ADR, nnumeric, 1, id, "numeric").get(JAVA_INT, 0);
    int size = intArray(MjLayout.M_NUMERIC_SIZE, nnumeric, 1, id, "numeric").get(JAVA_INT, 0);
    double[] out = new double[size];
    int total = intAt(MjLayout.M_NNUMERICDATA);
    MemorySegment.copy(pointer(MjLayout.M_NUMERIC_DATA, (long) total * Double.BYTES), JAVA_DOUBLE,
        (long) adr * Double.BYTES, out, 0, size);
    return out;
  }

  // ---------------------------------------------------------------- height fields

  public int hfieldNrow(int id) {
    return intArray(MjLayout.M_HFIELD_NROW, nhfield, 1, id, "height field").get(JAVA_INT, 0);
  }

  public int hfieldNcol(int id) {
    return intArray(MjLayout.M_HFIELD_NCOL, nhfield, 1, id, "height field").get(JAVA_INT, 0);
  }

  /**
   * Writes hfield_data of one height field: row-major, nrow*ncol values in [0, 1] (MuJoCo scales
   * them by the field's size). Data made after this call sees the new terrain; contacts of an
   * existing MjData change from its next step.
   */
  public void setHeightField(int id, float[] data) {
    Objects.requireNonNull(data, "data");
    MemorySegment field = heightFieldSegment(id, data.length);
    for (int i = 0; i < data.length; i++) {
      float v = data[i];
      if (!(v >= 0f && v <= 1f)) {
        throw new IllegalArgumentException("height field " + id + " value " + v + " at index " + i
            + " is outside [0, 1]; normalize the terrain before setting it");
      }
    }
    MemorySegment.copy(data, 0, field, JAVA_FLOAT, 0, data.length);
  }

  /** Reads hfield_data of one height field into {@code out} (row-major, nrow*ncol). */
  public void heightField(int id, float[] out) {
    Objects.requireNonNull(out, "out");
    MemorySegment field = heightFieldSegment(id, out.length);
    MemorySegment.copy(field, JAVA_FLOAT, 0, out, 0, out.length);
  }

  private MemorySegment heightFieldSegment(int id, int length) {
    int nrow = hfieldNrow(id);
    int ncol = hfieldNcol(id);
    if (length != nrow * ncol) {
      throw new IllegalArgumentException("height field " + id + " has " + nrow + " x " + ncol + " = "
          + (nrow * ncol) + " samples but the array has " + length);
    }
    int adr = intArray(MjLayout.M_HFIELD_ADR, nhfield, 1, id, "height field").get(JAVA_INT, 0);
    int total = intAt(MjLayout.M_NHFIELDDATA);
    return pointer(MjLayout.M_HFIELD_DATA, (long) total * Float.BYTES)
        .asSlice((long) adr * Float.BYTES, (long) length * Float.BYTES);
  }

  // ---------------------------------------------------------------- data and lifetime

  /** mj_makeData: a fresh simulation state for this model (close it, or use try-with-resources). */
  public MjData makeData() {
    MemorySegment d = Native.makeData(address());
    if (d.equals(MemorySegment.NULL)) {
      throw new IllegalStateException("mj_makeData returned NULL (out of memory?)");
    }
    return new MjData(this, d);
  }

  /** mj_deleteModel. Idempotent. MjData made from this model cannot step after this. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    arena.close();
    Native.deleteModel(ptr);
  }

  public boolean isClosed() {
    return closed;
  }

  /** The raw mjModel* for downcalls; throws once closed. */
  MemorySegment address() {
    if (closed) {
      throw new IllegalStateException("MjModel is closed; load the model again to keep using it");
    }
    return ptr;
  }

  /** The mjModel struct bytes (invalid once closed). */
  MemorySegment struct() {
    return struct;
  }

  private int intAt(long offset) {
    return struct.get(JAVA_INT, offset);
  }

  /** The array a pointer field points to, bounded to {@code bytes} and to this model's lifetime. */
  MemorySegment pointer(long offset, long bytes) {
    return struct.get(ADDRESS, offset).reinterpret(bytes, arena, null);
  }

  private MemorySegment doubleArray(long offset, int rows, int cols, int row, String what) {
    checkIndex(row, rows, what);
    return pointer(offset, (long) rows * cols * Double.BYTES)
        .asSlice((long) row * cols * Double.BYTES, (long) cols * Double.BYTES);
  }

  private MemorySegment intArray(long offset, int rows, int cols, int row, String what) {
    checkIndex(row, rows, what);
    return pointer(offset, (long) rows * cols * Integer.BYTES)
        .asSlice((long) row * cols * Integer.BYTES, (long) cols * Integer.BYTES);
  }

  private void checkIndex(int index, int size, String what) {
    if (closed) {
      throw new IllegalStateException("MjModel is closed; load the model again to keep using it");
    }
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException(what + " id " + index + " is out of range: the model has " + size);
    }
  }

  private static void checkLength(double[] out, int length, String what) {
    Objects.requireNonNull(out, what);
    if (out.length < length) {
      throw new IllegalArgumentException(what + " needs at least " + length + " elements, has " + out.length);
    }
  }
}
