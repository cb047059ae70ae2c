/*
 * kernel/debug_consts.c - the kernel's numbers, as objects a debugger can
 * read by name.
 *
 * A #define leaves nothing in the debug information (the kernel is built
 * with -g, not -g3), so gdb cannot evaluate MAX_PRIO or NICE_TO_PRIO(0); a
 * gdb script would have to copy 140 and 120, and would go on showing wrong
 * priority lists and nice values the day the header changed.
 * tools/gdb/tern.py reads these objects instead (its kconst()).  Each is
 * initialised from its header's macro, so the header stays the one
 * definition.  Enumerators need nothing here: enum task_state, enum
 * sched_policy and the like are in the debug information already.
 *
 * Nothing in the kernel reads these.  They are global (not static), so
 * the compiler keeps them, and the linker keeps every object it is given.
 */
#include "kernel/task.h"
#include "kernel/trace.h"

const int gdb_max_prio = MAX_PRIO; /* priority lists; the sentinel bit */
const int gdb_nice_0_prio = NICE_TO_PRIO(0);	/* nice = prio - this */
const unsigned gdb_trace_no_cpu = TRACE_NO_CPU; /* a trace record's "none" */
