/*
 * kernel/hog.c - CPU hogs for the monitor's `spin` and the ktests
 * (hog.h).
 */
#include "kernel/hog.h"
#include "kernel/hal.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"

void hog_crowd_begin(struct hog_crowd *c)
{
	c->stop = false;
	init_completion(&c->done);
}

void hog_crowd_end(struct hog_crowd *c, unsigned n)
{
	BUG_ON(in_interrupt());
	WRITE_ONCE(c->stop, true);
	for (unsigned i = 0; i < n; i++)
		wait_for_completion(&c->done);
}

void cpu_hog(void *crowd)
{
	struct hog_crowd *c = crowd;
	BUG_ON(!c);
	while (!READ_ONCE(c->stop))
		hal_cpu_relax();
	complete(&c->done);
}
