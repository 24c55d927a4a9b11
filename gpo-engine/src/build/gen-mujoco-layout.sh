#!/usr/bin/env bash
# Generates target/generated-sources/mujoco/org/gposuite/mujoco/MjLayout.java from the installed
# MuJoCo headers by compiling and running src/main/c/mjlayout.c. Called by Maven in
# generate-sources (see gpo-engine/pom.xml). Usage: gen-mujoco-layout.sh <module basedir> <build dir>
# MUJOCO_INCLUDE may point at the directory that holds mujoco/mujoco.h (default /usr/include).
set -euo pipefail
base=$1; build=$2
include=${MUJOCO_INCLUDE:-/usr/include}
fail() { echo "gen-mujoco-layout: $*" >&2; exit 1; }
command -v "${CC:-gcc}" >/dev/null 2>&1 ||
  fail "no C compiler (${CC:-gcc}) found; it reads MuJoCo's struct layout at build time. Install it: apt-get install gcc"
[ -f "$include/mujoco/mujoco.h" ] && [ -f "$include/mujoco/mjxmacro.h" ] ||
  fail "MuJoCo headers not found under $include/mujoco. Install them: apt-get install libmujoco-dev (or set MUJOCO_INCLUDE to the directory holding mujoco/mujoco.h)"
out=$build/generated-sources/mujoco/org/gposuite/mujoco
tools=$build/mujoco-layout
mkdir -p "$out" "$tools"
"${CC:-gcc}" -std=c11 -Wall -Werror -I"$include" -o "$tools/mjlayout" "$base/src/main/c/mjlayout.c" ||
  fail "could not compile src/main/c/mjlayout.c against $include/mujoco"
"$tools/mjlayout" > "$tools/MjLayout.java.tmp" || fail "mjlayout failed"
mv "$tools/MjLayout.java.tmp" "$out/MjLayout.java"
