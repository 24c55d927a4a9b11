package org.gposuite.mujoco;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point to the native MuJoCo library: finds and loads it once per JVM.
 *
 * <p>Lookup order: the environment variable {@code MUJOCO_LIB} (a path) if set, else
 * {@code libmujoco.so.2.2.2}, then {@code libmujoco.so} through the system loader. The library must
 * report the same version as the headers the struct layout ({@code MjLayout}) was generated from,
 * because every offset the binding uses comes from those headers.
 */
public final class MuJoCo {
  static final String NOT_FOUND = "libmujoco not found: install it with `apt-get install libmujoco-dev`"
      + " (Debian) or set MUJOCO_LIB=/path/to/libmujoco.so";
  private static final String[] SYSTEM_NAMES = {"libmujoco.so.2.2.2", "libmujoco.so"};

  private static SymbolLookup library;
  private static MuJoCoUnavailableException failure;

  private MuJoCo() {}

  /** MuJoCo's version string (mj_versionString), e.g. "2.2.2". */
  public static String version() {
    library();
    return Native.versionString();
  }

  /**
   * The loaded library, loading it on first use. Every public entry point calls this before it
   * touches {@link Native}, so a missing library surfaces as {@link MuJoCoUnavailableException}
   * rather than as an ExceptionInInitializerError.
   */
  static synchronized SymbolLookup library() {
    if (library == null && failure == null) {
      try {
        SymbolLookup found = open(System.getenv("MUJOCO_LIB"));
        checkVersion(found);
        library = found;
      } catch (MuJoCoUnavailableException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new MuJoCoUnavailableException(failure.getMessage(), failure);
    }
    return library;
  }

  /** Opens libmujoco from {@code mujocoLib} (the value of MUJOCO_LIB, may be null); testable without the environment. */
  static SymbolLookup open(String mujocoLib) {
    if (mujocoLib != null && !mujocoLib.isBlank()) {
      Path path = Path.of(mujocoLib);
      if (!Files.isRegularFile(path)) {
        throw new MuJoCoUnavailableException(NOT_FOUND);
      }
      try {
        return SymbolLookup.libraryLookup(path, Arena.global());
      } catch (IllegalArgumentException e) {
        throw new MuJoCoUnavailableException(NOT_FOUND, e);
      }
    }
    IllegalArgumentException last = null;
    for (String name : SYSTEM_NAMES) {
      try {
        return SymbolLookup.libraryLookup(name, Arena.global());
      } catch (IllegalArgumentException e) {
        last = e;
      }
    }
    throw new MuJoCoUnavailableException(NOT_FOUND, last);
  }

  private static void checkVersion(SymbolLookup lib) {
    MethodHandle version = Linker.nativeLinker().downcallHandle(
        lib.find("mj_version").orElseThrow(() -> new MuJoCoUnavailableException(
            "the library found as libmujoco has no mj_version symbol; set MUJOCO_LIB=/path/to/libmujoco.so")),
        FunctionDescriptor.of(ValueLayout.JAVA_INT));
    int found;
    try {
      found = (int) version.invokeExact();
    } catch (Throwable t) {
      throw new MuJoCoUnavailableException("calling mj_version failed: " + t, t);
    }
    if (found != MjLayout.mjVERSION_HEADER) {
      throw new MuJoCoUnavailableException("libmujoco reports version " + found + " but gpo-engine was built"
          + " against MuJoCo headers " + MjLayout.mjVERSION_HEADER + "; rebuild gpo-engine against the"
          + " installed headers or set MUJOCO_LIB to the matching libmujoco.so");
    }
  }
}
