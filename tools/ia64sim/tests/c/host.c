/*
 * tools/ia64sim/tests/c/host.c - ssc() for the host build of a test
 * program: the oracle the simulator's run is compared with.
 */
#include <stdio.h>
#include <stdlib.h>

void ssc(long arg, long nr)
{
	if (nr == 31)
		putchar((int)arg);
	else if (nr == 66)
		exit((int)arg);
}
