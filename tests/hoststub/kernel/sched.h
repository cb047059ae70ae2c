/* tests/hoststub/kernel/sched.h - the scheduler calls wait.c makes,
 * answered by the test (tests/test_wait.c). */
#ifndef TERN_KERNEL_SCHED_H
#define TERN_KERNEL_SCHED_H
#include "kernel/task.h"
bool wake_up_process(struct task *p);
void schedule(void);
#define might_sleep() ((void)0)
#endif
