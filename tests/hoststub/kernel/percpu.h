/* tests/hoststub/kernel/percpu.h - `current` is what the test says. */
#ifndef TERN_KERNEL_PERCPU_H
#define TERN_KERNEL_PERCPU_H
struct task;
extern struct task *host_current;
#define current host_current
static inline int in_interrupt(void)
{
	return 0;
}
#endif
