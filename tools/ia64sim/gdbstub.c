/*
 * tools/ia64sim/gdbstub.c - gdb's remote protocol (--gdb PORT).
 *
 * Not written yet: --gdb is refused with a message.
 */
#include <stdio.h>

#include "sim.h"

bool gdb_open(struct machine *m, int port)
{
	(void)m;
	fprintf(stderr, "ia64sim: --gdb %d: the gdb stub is not written yet\n",
		port);
	return false;
}

void gdb_before_bundle(struct machine *m, struct cpu *c)
{
	(void)m;
	(void)c;
}

void gdb_halted(struct machine *m)
{
	(void)m;
}
