/*
 * tools/ia64sim/tests/c/divlatency.c - divide.c again, with gcc's inline
 * division sequences tuned for latency (a longer chain of fma steps than
 * divinline.c's).  The cross compiler's flags come from the line below.
 *
 * ia64-cflags: -minline-int-divide-min-latency
 *
 * Expected: the same output as the host build of this file, exit 0.
 */
#include "divide.c"
