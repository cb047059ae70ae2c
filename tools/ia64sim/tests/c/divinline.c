/*
 * tools/ia64sim/tests/c/divinline.c - divide.c again, with gcc's inline
 * division sequences in place of libgcc's calls (tuned for throughput):
 * frcpa, fma, fnma, fmpy, fnorm.s0 and the conversions inside each
 * function.  The cross compiler's flags come from the line below.
 *
 * ia64-cflags: -minline-int-divide-max-throughput
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "divide.c"
