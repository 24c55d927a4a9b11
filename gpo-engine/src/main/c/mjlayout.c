// Prints org.gposuite.mujoco.MjLayout: the byte offsets and sizes of MuJoCo's structs and the
// values of its enums, read by the C compiler from the installed headers (offsetof/sizeof), so
// the Java binding never guesses a layout. Run at build time by src/build/gen-mujoco-layout.sh.
// The field lists come from MuJoCo's own mjxmacro.h, so every field it lists is available.
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <mujoco/mujoco.h>
#include <mujoco/mjxmacro.h>

static void constant(const char* prefix, const char* name, long value, const char* comment) {
  char upper[256];
  size_t i = 0;
  for (; name[i] && i < sizeof(upper) - 1; i++) upper[i] = (char) toupper((unsigned char) name[i]);
  upper[i] = 0;
  printf("  public static final long %s%s = %ldL;", prefix, upper, value);
  if (comment) printf(" // %s", comment);
  printf("\n");
}

static void enumValue(const char* name, int value) {
  printf("  public static final int %s = %d;\n", name, value);
}

int main(void) {
  // The binding reads mjtNum as a Java double and pointers as 64-bit addresses.
  if (sizeof(mjtNum) != 8 || sizeof(void*) != 8 || sizeof(int) != 4) {
    fprintf(stderr, "gen-mujoco-layout: MuJoCo was built with sizeof(mjtNum)=%zu, sizeof(void*)=%zu;"
            " gpo-engine needs a 64-bit, double-precision MuJoCo\n", sizeof(mjtNum), sizeof(void*));
    return 1;
  }
  printf("// GENERATED at build time by gpo-engine/src/main/c/mjlayout.c from the installed MuJoCo\n"
         "// headers (offsetof/sizeof). Do not edit; rebuild instead.\n"
         "package org.gposuite.mujoco;\n\n"
         "/** Byte offsets, sizes and enum values of MuJoCo %d's structs, as the C compiler sees them. */\n"
         "final class MjLayout {\n  private MjLayout() {}\n\n", mjVERSION_HEADER);
  printf("  /** mjVERSION_HEADER of the headers this layout was read from. */\n");
  enumValue("mjVERSION_HEADER", mjVERSION_HEADER);

  printf("\n  // ---- sizes of structs\n");
  constant("SIZEOF_", "mjModel", (long) sizeof(mjModel), NULL);
  constant("SIZEOF_", "mjData", (long) sizeof(mjData), NULL);
  constant("SIZEOF_", "mjVFS", (long) sizeof(mjVFS), NULL);
  constant("SIZEOF_", "mjWarningStat", (long) sizeof(mjWarningStat), NULL);

  printf("\n  // ---- mjWarningStat\n");
  constant("WARNINGSTAT_", "lastinfo", (long) offsetof(mjWarningStat, lastinfo), "int");
  constant("WARNINGSTAT_", "number", (long) offsetof(mjWarningStat, number), "int");

  printf("\n  // ---- mjVFS\n");
  constant("VFS_", "nfile", (long) offsetof(mjVFS, nfile), "int");
  constant("VFS_", "filename", (long) offsetof(mjVFS, filename), "char[mjMAXVFS][mjMAXVFSNAME]");
  constant("VFS_", "filesize", (long) offsetof(mjVFS, filesize), "int[mjMAXVFS]");
  constant("VFS_", "filedata", (long) offsetof(mjVFS, filedata), "void*[mjMAXVFS]");
  enumValue("mjMAXVFS", mjMAXVFS);
  enumValue("mjMAXVFSNAME", mjMAXVFSNAME);

  printf("\n  // ---- mjModel: int sizes\n");
#define X(name) constant("M_", #name, (long) offsetof(mjModel, name), "int");
  MJMODEL_INTS
#undef X
  printf("\n  // ---- mjModel.opt (mjOption), offsets from the start of mjModel\n");
#define X(type, name) constant("M_OPT_", #name, (long) (offsetof(mjModel, opt) + offsetof(mjOption, name)), #type);
  MJOPTION_SCALARS
#undef X
#define X(name, n) constant("M_OPT_", #name, (long) (offsetof(mjModel, opt) + offsetof(mjOption, name)), "mjtNum[" #n "]");
  MJOPTION_VECTORS
#undef X
  printf("\n  // ---- mjModel: pointer fields (each holds a 64-bit address)\n");
#define X(type, name, nr, nc) constant("M_", #name, (long) offsetof(mjModel, name), #type "* (" #nr " x " #nc ")");
  MJMODEL_POINTERS
#undef X

  printf("\n  // ---- mjData: scalars and fixed arrays\n");
#define X(type, name) constant("D_", #name, (long) offsetof(mjData, name), #type);
  MJDATA_SCALAR
#undef X
#define X(type, name, nr, nc) constant("D_", #name, (long) offsetof(mjData, name), #type "[" #nr "]");
  MJDATA_VECTOR
#undef X
  printf("\n  // ---- mjData: pointer fields (each holds a 64-bit address)\n");
#define X(type, name, nr, nc) constant("D_", #name, (long) offsetof(mjData, name), #type "* (" #nr " x " #nc ")");
  MJDATA_POINTERS
#undef X

  printf("\n  // ---- enums\n");
  enumValue("mjNWARNING", mjNWARNING);
  enumValue("mjWARN_INERTIA", mjWARN_INERTIA);
  enumValue("mjWARN_CONTACTFULL", mjWARN_CONTACTFULL);
  enumValue("mjWARN_CNSTRFULL", mjWARN_CNSTRFULL);
  enumValue("mjWARN_VGEOMFULL", mjWARN_VGEOMFULL);
  enumValue("mjWARN_BADQPOS", mjWARN_BADQPOS);
  enumValue("mjWARN_BADQVEL", mjWARN_BADQVEL);
  enumValue("mjWARN_BADQACC", mjWARN_BADQACC);
  enumValue("mjWARN_BADCTRL", mjWARN_BADCTRL);
  enumValue("mjINT_EULER", mjINT_EULER);
  enumValue("mjINT_RK4", mjINT_RK4);
  enumValue("mjINT_IMPLICIT", mjINT_IMPLICIT);
  enumValue("mjSTAGE_NONE", mjSTAGE_NONE);
  enumValue("mjSTAGE_POS", mjSTAGE_POS);
  enumValue("mjSTAGE_VEL", mjSTAGE_VEL);
  enumValue("mjSTAGE_ACC", mjSTAGE_ACC);
  enumValue("mjJNT_FREE", mjJNT_FREE);
  enumValue("mjJNT_BALL", mjJNT_BALL);
  enumValue("mjJNT_SLIDE", mjJNT_SLIDE);
  enumValue("mjJNT_HINGE", mjJNT_HINGE);
  enumValue("mjOBJ_UNKNOWN", mjOBJ_UNKNOWN);
  enumValue("mjOBJ_BODY", mjOBJ_BODY);
  enumValue("mjOBJ_XBODY", mjOBJ_XBODY);
  enumValue("mjOBJ_JOINT", mjOBJ_JOINT);
  enumValue("mjOBJ_DOF", mjOBJ_DOF);
  enumValue("mjOBJ_GEOM", mjOBJ_GEOM);
  enumValue("mjOBJ_SITE", mjOBJ_SITE);
  enumValue("mjOBJ_CAMERA", mjOBJ_CAMERA);
  enumValue("mjOBJ_LIGHT", mjOBJ_LIGHT);
  enumValue("mjOBJ_MESH", mjOBJ_MESH);
  enumValue("mjOBJ_SKIN", mjOBJ_SKIN);
  enumValue("mjOBJ_HFIELD", mjOBJ_HFIELD);
  enumValue("mjOBJ_TEXTURE", mjOBJ_TEXTURE);
  enumValue("mjOBJ_MATERIAL", mjOBJ_MATERIAL);
  enumValue("mjOBJ_PAIR", mjOBJ_PAIR);
  enumValue("mjOBJ_EXCLUDE", mjOBJ_EXCLUDE);
  enumValue("mjOBJ_EQUALITY", mjOBJ_EQUALITY);
  enumValue("mjOBJ_TENDON", mjOBJ_TENDON);
  enumValue("mjOBJ_ACTUATOR", mjOBJ_ACTUATOR);
  enumValue("mjOBJ_SENSOR", mjOBJ_SENSOR);
  enumValue("mjOBJ_NUMERIC", mjOBJ_NUMERIC);
  enumValue("mjOBJ_TEXT", mjOBJ_TEXT);
  enumValue("mjOBJ_TUPLE", mjOBJ_TUPLE);
  enumValue("mjOBJ_KEY", mjOBJ_KEY);
  printf("}\n");
  return 0;
}
