package org.gposuite.mujoco;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Downcall handles to mujoco.h, created once. Only reached after {@link MuJoCo#library()} succeeded.
 *
 * <p>{@code Linker.Option.critical(false)} (no thread-state transition) is used only for calls that
 * are short and can never reach mju_error/mju_warning, because those call back into Java through
 * the handlers installed below and upcalls are not allowed from critical calls.
 */
final class Native {
  private Native() {}

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIB = MuJoCo.library();
  private static final Linker.Option[] NONE = {};
  private static final Linker.Option[] CRITICAL = {Linker.Option.critical(false)};
  private static final System.Logger LOG = System.getLogger("org.gposuite.mujoco");

  private static final FunctionDescriptor MD = FunctionDescriptor.ofVoid(ADDRESS, ADDRESS);

  private static final MethodHandle VERSION_STRING = down("mj_versionString", FunctionDescriptor.of(ADDRESS), CRITICAL);
  private static final MethodHandle DEFAULT_VFS = down("mj_defaultVFS", FunctionDescriptor.ofVoid(ADDRESS), NONE);
  private static final MethodHandle MAKE_EMPTY_FILE_VFS = down("mj_makeEmptyFileVFS",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT), NONE);
  private static final MethodHandle FIND_FILE_VFS = down("mj_findFileVFS",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS), NONE);
  private static final MethodHandle DELETE_VFS = down("mj_deleteVFS", FunctionDescriptor.ofVoid(ADDRESS), NONE);
  private static final MethodHandle LOAD_XML = down("mj_loadXML",
      FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), NONE);
  private static final MethodHandle FREE_LAST_XML = down("mj_freeLastXML", FunctionDescriptor.ofVoid(), NONE);
  private static final MethodHandle DELETE_MODEL = down("mj_deleteModel", FunctionDescriptor.ofVoid(ADDRESS), NONE);
  private static final MethodHandle MAKE_DATA = down("mj_makeData", FunctionDescriptor.of(ADDRESS, ADDRESS), NONE);
  private static final MethodHandle DELETE_DATA = down("mj_deleteData", FunctionDescriptor.ofVoid(ADDRESS), NONE);
  private static final MethodHandle RESET_DATA = down("mj_resetData", MD, CRITICAL);
  private static final MethodHandle STEP = down("mj_step", MD, NONE);
  private static final MethodHandle STEP1 = down("mj_step1", MD, NONE);
  private static final MethodHandle STEP2 = down("mj_step2", MD, NONE);
  private static final MethodHandle FORWARD = down("mj_forward", MD, NONE);
  private static final MethodHandle FORWARD_SKIP = down("mj_forwardSkip",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT), NONE);
  private static final MethodHandle CHECK_POS = down("mj_checkPos", MD, NONE);
  private static final MethodHandle CHECK_VEL = down("mj_checkVel", MD, NONE);
  private static final MethodHandle CHECK_ACC = down("mj_checkAcc", MD, NONE);
  private static final MethodHandle EULER = down("mj_Euler", MD, NONE);
  private static final MethodHandle RUNGE_KUTTA = down("mj_RungeKutta",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT), NONE);
  private static final MethodHandle RNE_POST_CONSTRAINT = down("mj_rnePostConstraint", MD, NONE);
  private static final MethodHandle SUBTREE_VEL = down("mj_subtreeVel", MD, NONE);
  // Callers validate the object type first: mj_objectVelocity only errors on an unsupported type.
  private static final MethodHandle OBJECT_VELOCITY = down("mj_objectVelocity",
      FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), CRITICAL);
  private static final MethodHandle NAME2ID = down("mj_name2id",
      FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), CRITICAL);
  private static final MethodHandle ID2NAME = down("mj_id2name",
      FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT), CRITICAL);

  static {
    installHandlers();
  }

  private static MethodHandle down(String name, FunctionDescriptor fd, Linker.Option[] options) {
    MemorySegment symbol = LIB.find(name).orElseThrow(() -> new MuJoCoUnavailableException(
        "libmujoco has no symbol " + name + "; set MUJOCO_LIB to a MuJoCo " + MjLayout.mjVERSION_HEADER + " library"));
    return LINKER.downcallHandle(symbol, fd, options);
  }

  /**
   * Replaces MuJoCo's default handlers. The default error handler prints, waits for Enter on stdin
   * and exits: under a build tool with a piped stdin that hangs forever. An upcall must not throw,
   * and MuJoCo cannot continue after mju_error, so ours prints the message and halts the JVM.
   * Model loading is unaffected: mj_loadXML swaps in its own handler while compiling and reports
   * through its error buffer. The default warning handler prints to stdout and appends to
   * MUJOCO_LOG.TXT in the working directory; ours logs at DEBUG, since warnings are counted in
   * mjData.warning and reported by {@link MjData#takeWarnings()}.
   */
  private static void installHandlers() {
    try {
      MethodType type = MethodType.methodType(void.class, MemorySegment.class);
      MemorySegment onError = LINKER.upcallStub(
          MethodHandles.lookup().findStatic(Native.class, "onError", type),
          FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
      MemorySegment onWarning = LINKER.upcallStub(
          MethodHandles.lookup().findStatic(Native.class, "onWarning", type),
          FunctionDescriptor.ofVoid(ADDRESS), Arena.global());
      global("mju_user_error").set(ADDRESS, 0, onError);
      global("mju_user_warning").set(ADDRESS, 0, onWarning);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MemorySegment global(String name) {
    return LIB.find(name).orElseThrow(() -> new MuJoCoUnavailableException("libmujoco has no " + name))
        .reinterpret(ADDRESS.byteSize());
  }

  private static void onError(MemorySegment message) {
    try {
      System.out.flush();
      System.err.println("MuJoCo fatal error: " + cString(message)
          + " -- MuJoCo cannot continue after mju_error, stopping the JVM with exit code 1");
      System.err.flush();
    } finally {
      Runtime.getRuntime().halt(1);
    }
  }

  private static void onWarning(MemorySegment message) {
    try {
      LOG.log(System.Logger.Level.DEBUG, () -> "MuJoCo warning: " + cString(message));
    } catch (Throwable ignored) {
      // An upcall must never throw; a lost debug line is harmless.
    }
  }

  static String cString(MemorySegment pointer) {
    return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
  }

  private static RuntimeException fail(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  static String versionString() {
    try {
      return cString((MemorySegment) VERSION_STRING.invokeExact());
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void defaultVFS(MemorySegment vfs) {
    try {
      DEFAULT_VFS.invokeExact(vfs);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static int makeEmptyFileVFS(MemorySegment vfs, MemorySegment filename, int size) {
    try {
      return (int) MAKE_EMPTY_FILE_VFS.invokeExact(vfs, filename, size);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static int findFileVFS(MemorySegment vfs, MemorySegment filename) {
    try {
      return (int) FIND_FILE_VFS.invokeExact(vfs, filename);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void deleteVFS(MemorySegment vfs) {
    try {
      DELETE_VFS.invokeExact(vfs);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static MemorySegment loadXML(MemorySegment filename, MemorySegment vfs, MemorySegment error, int errorSize) {
    try {
      return (MemorySegment) LOAD_XML.invokeExact(filename, vfs, error, errorSize);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void freeLastXML() {
    try {
      FREE_LAST_XML.invokeExact();
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void deleteModel(MemorySegment m) {
    try {
      DELETE_MODEL.invokeExact(m);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static MemorySegment makeData(MemorySegment m) {
    try {
      return (MemorySegment) MAKE_DATA.invokeExact(m);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void deleteData(MemorySegment d) {
    try {
      DELETE_DATA.invokeExact(d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void resetData(MemorySegment m, MemorySegment d) {
    try {
      RESET_DATA.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void step(MemorySegment m, MemorySegment d) {
    try {
      STEP.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void step1(MemorySegment m, MemorySegment d) {
    try {
      STEP1.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void step2(MemorySegment m, MemorySegment d) {
    try {
      STEP2.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void forward(MemorySegment m, MemorySegment d) {
    try {
      FORWARD.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void forwardSkip(MemorySegment m, MemorySegment d, int skipStage, int skipSensor) {
    try {
      FORWARD_SKIP.invokeExact(m, d, skipStage, skipSensor);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void checkPos(MemorySegment m, MemorySegment d) {
    try {
      CHECK_POS.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void checkVel(MemorySegment m, MemorySegment d) {
    try {
      CHECK_VEL.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void checkAcc(MemorySegment m, MemorySegment d) {
    try {
      CHECK_ACC.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void euler(MemorySegment m, MemorySegment d) {
    try {
      EULER.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void rungeKutta(MemorySegment m, MemorySegment d, int n) {
    try {
      RUNGE_KUTTA.invokeExact(m, d, n);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void rnePostConstraint(MemorySegment m, MemorySegment d) {
    try {
      RNE_POST_CONSTRAINT.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void subtreeVel(MemorySegment m, MemorySegment d) {
    try {
      SUBTREE_VEL.invokeExact(m, d);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static void objectVelocity(MemorySegment m, MemorySegment d, int type, int id, MemorySegment res, int local) {
    try {
      OBJECT_VELOCITY.invokeExact(m, d, type, id, res, local);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static int name2id(MemorySegment m, int type, MemorySegment name) {
    try {
      return (int) NAME2ID.invokeExact(m, type, name);
    } catch (Throwable t) {
      throw fail(t);
    }
  }

  static String id2name(MemorySegment m, int type, int id) {
    try {
      return cString((MemorySegment) ID2NAME.invokeExact(m, type, id));
    } catch (Throwable t) {
      throw fail(t);
    }
  }
}
