# Sourced by ./reproduce and ./run-tests: makes a fresh Debian machine ready, or stops with one
# clear line saying what is missing. Idempotent and quiet when everything is already there.

die() { echo "gpo-suite setup: $*" >&2; exit 1; }

# apt-get install, quietly; on a fresh machine whose package lists are empty, update them and retry.
apt_install() {
  apt-get install -y -q "$@" >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$@" >/dev/null; }
}

# MuJoCo 2.2.2 from Debian (libmujoco-dev: headers + libmujoco.so; libmujoco-samples: the C
# reference tool mujoco-testspeed used by the speed benchmarks).
if ! [ -e /usr/include/mujoco/mujoco.h ] || ! command -v mujoco-testspeed >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "gpo-suite setup: installing MuJoCo 2.2.2 (apt-get install libmujoco-dev libmujoco-samples) ..." >&2
    apt_install libmujoco-dev libmujoco-samples ||
      die "could not install MuJoCo; run: apt-get install libmujoco-dev libmujoco-samples"
  else
    die "MuJoCo 2.2.2 is missing; run as root: apt-get install libmujoco-dev libmujoco-samples (or set MUJOCO_LIB to your libmujoco.so)"
  fi
fi
# The report's PNG plots (XChart, headless AWT) need fontconfig and at least one font.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -n 1)" ]; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "gpo-suite setup: installing fonts for the plots (apt-get install fontconfig fonts-dejavu-core) ..." >&2
    apt_install fontconfig fonts-dejavu-core ||
      die "could not install fonts; run: apt-get install fontconfig fonts-dejavu-core"
  else
    die "no fonts for the plots; run as root: apt-get install fontconfig fonts-dejavu-core"
  fi
fi
command -v gcc >/dev/null 2>&1 || die "gcc is missing (needed to read MuJoCo's struct layout at build time); run: apt-get install gcc"
command -v mvn >/dev/null 2>&1 || die "Maven is missing; run: apt-get install maven"

# JDK 25: honour a JAVA_HOME that already is 25+, else take the newest JDK >= 25 under /usr/lib/jvm.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p'; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME" 2>/dev/null || echo 0)" -lt 25 ] 2>/dev/null; then
  JAVA_HOME=""
  for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/javac" ] || continue
    v=$(java_major "$jdk" 2>/dev/null); [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null && JAVA_HOME=$jdk
  done
  [ -n "$JAVA_HOME" ] || die "no JDK 25 found under /usr/lib/jvm; install one (e.g. apt-get install temurin-25-jdk) or set JAVA_HOME"
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# Plain `mvn` (e.g. `mvn -pl gpo-bench jmh:benchmark`) must also run on JDK 25: Maven's launcher
# sources ~/.mavenrc, so record the JDK there once, unless the user already chose one (with one
# OpenMP thread, so that forked benchmark JVMs measure what the suite runs).
if ! grep -qs '^ *\(export \)\?JAVA_HOME=' "$HOME/.mavenrc"; then
  printf '# added by gpo-suite scripts/setup.sh: Maven runs on JDK 25 (the suite needs it)\nJAVA_HOME=%s\nexport OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}\n' "$JAVA_HOME" >> "$HOME/.mavenrc"
  echo "gpo-suite setup: Maven now runs on $JAVA_HOME (written to ~/.mavenrc)" >&2
fi
# Small matrices: parallelism comes from our own threads, not from OpenMP inside each op.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
# One thread, whatever the caller's shell says: nd4j's and OpenBLAS's sums depend on the count.
export OMP_NUM_THREADS=1
# OpenBLAS's gemm kernels, pinned rather than picked from the CPU, so results have the same bits on
# every x86-64 machine with AVX2 + FMA (nn.kernel.NativeArithmetic; it also pins a JVM started without this).
export OPENBLAS_CORETYPE=Haswell
