/*
 * kernel/params.h - every kernel command-line option, declared once.
 *
 * PARAM_LIST is the one table of options.  Each row gives the type, the
 * name (also the field in `struct params` and the word on the command line),
 * the default, the range for numbers, and the help text that `help` prints.
 * The macro is expanded twice in params.c: once to build struct params with
 * its defaults, once to build the table the parser walks.  So adding an
 * option is adding one row here, and nothing can disagree with it.
 *
 * Read the values anywhere as params.NAME (also from gdb: `p params`).
 */
#ifndef TERN_KERNEL_PARAMS_H
#define TERN_KERNEL_PARAMS_H

#include "kernel/cmdline.h"
#include "lib/cpumask.h"

/* The tick rate unless hz= says otherwise: 1000, and 1024 on IA-64 as
 * Linux/ia64 had it (arch/ia64/arch.mk). */
#ifndef TERN_DEFAULT_HZ
#define TERN_DEFAULT_HZ 1000
#endif

/*    type  name      default  min  max    help */
#define PARAM_LIST(X)                                                          \
	X(INT, hz, TERN_DEFAULT_HZ, 100, 10000, "timer interrupts per second") \
	X(INT, maxcpus, NR_CPUS, 0, NR_CPUS,                                   \
	  "bring up at most N CPUs (0 or 1: the boot CPU alone)")              \
	X(INT, ap_stall, -1, -1, NR_CPUS - 1,                                  \
	  "labs: CPU N hangs while starting, as a broken CPU would (-1 none)") \
	X(INT, idle_rebalance, 1, 1, 1000,                                     \
	  "an idle CPU looks for work to pull every N ms")                     \
	X(INT, busy_rebalance, 200, 1, 10000,                                  \
	  "a busy CPU rebalances every N ms")                                  \
	X(STR, lockcheck, "on", 0, 0,                                          \
	  "the lock validator: on (report once each), panic, or off")          \
	X(STR, ubsan, "warn", 0, 0,                                            \
	  "UBSan build (make UBSAN=1): after a report warn (go on) or panic")  \
	X(INT, watchdog, 10, 0, 3600,                                          \
	  "lockup watchdog: report a CPU or task stuck this many s (0 off)")   \
	X(INT, watchdog_panic, 1, 0, 1,                                        \
	  "after a WATCHDOG: report, 1 stop the machine, 0 go on (for gdb)")   \
	X(STR, bug, "", 0, 0,                                                  \
	  "switch on one exhibit of the bug museum (bug=list names them)")     \
	X(BOOL, smp_serial, false, 0, 0,                                       \
	  "x86: start the CPUs one after another, as xv6 does (make bench)")  \
	X(BOOL, nohz, true, 0, 0,                                              \
	  "an idle CPU with nothing to wait for stops its tick (off: never)") \
	X(BOOL, noloadbalance, false, 0, 0,                                    \
	  "never move tasks between CPUs to balance the load")                 \
	X(STR, balance, "mean", 0, 0,                                          \
	  "pull up to the mean load (Linux 2.6.7) or halves (2.5's rule)")     \
	X(STR, sched_yield_mode, "expired", 0, 0,                              \
	  "yield(): expired (Linux 2.6: behind everyone) or prio (2.5.8)")     \
	X(INT, loglevel, 7, 0, 8,                                              \
	  "print messages more urgent than this (0 quiet .. 8 everything)")    \
	X(STR, ktest, "", 0, 0,                                                \
	  "run in-kernel tests (all, or NAME[,NAME]), then power off")         \
	X(INT, soak, 20, 1, 86400,                                             \
	  "ktest=soak: run the scheduler stress test for N seconds")           \
	X(INT, soak_seed, 1, 0, 2147483647,                                    \
	  "ktest=soak: seed of its random choices")                            \
	X(INT, soak_threads, 64, 1, 1024,                                      \
	  "ktest=soak: worker threads per CPU (1,024 in all at most)")         \
	X(BOOL, poweroff, false, 0, 0, "power off once boot is complete")      \
	X(INT, panic, 0, -1, 3600,                                             \
	  "after a panic: 0 halt for the debugger, N>0 power off after N s, "  \
	  "-1 power off at once")                                              \
	X(INT, ktest_threads, 10000, 1, 10000000,                              \
	  "threads the ktest kthread_reap_many creates and reaps")             \
	X(INT, trace, 32, 0, 65536,                                            \
	  "trace buffer: KiB of events per CPU (0: no tracing; "               \
	  "docs/trace.md)")                                                    \
	X(BOOL, trace_ticks, false, 0, 0, "trace every timer tick as well")    \
	X(INT, trace_lock_us, 10, 0, 1000000,                                  \
	  "trace a spinlock wait of this many microseconds or more")           \
	X(STR, fwtest, "", 0, 0,                                               \
	  "tests, x86: read a crafted ACPI table set, not the firmware's "     \
	  "(all, or NAME: docs/firmware.md)")                                  \
	X(BOOL, help, false, 0, 0, "list these options and go on booting")

#define PARAM_CTYPE_INT	 int
#define PARAM_CTYPE_BOOL bool
#define PARAM_CTYPE_STR	 const char *

struct params {
#define PARAM_FIELD(type, name, def, min, max, help) PARAM_CTYPE_##type name;
	PARAM_LIST(PARAM_FIELD)
#undef PARAM_FIELD
};

extern struct params params;
extern const struct params param_defaults;
extern const struct param_desc param_table[];
extern const size_t param_count;

/* Parse the boot command line into `params`; problems are printed. */
void params_parse(const char *cmdline);
/* For an option that names one of a few modes: the index of `value` in
 * `words` (NULL-terminated), or `def` after saying on the console that
 * NAME=VALUE is none of them. */
int param_word(const char *name, const char *value, const char *const words[],
	       int def);
/* Print the table: name, range, default, help. */
void params_print_help(void);

#endif
