/* tools/ia64sim/tests/smp/vectors.h - the numbers rt.S and the C code
   share (included by both). */
#define TIMER_VECTOR 0xe0
#define IPI_VECTOR 0xd0
#define PAL_HALT_LIGHT 29
