/*
 * kernel/monitor.h - the monitor shell on the console (`tern> `).
 */
#ifndef TERN_KERNEL_MONITOR_H
#define TERN_KERNEL_MONITOR_H

#include "lib/compiler.h"

/* Read commands from the console and run them, forever. */
__noreturn void monitor_run(void);

/* Run one command line (also for tests); returns 0, or -1 if the command
 * was unknown or its arguments were wrong (it has said why). */
int monitor_exec(char *line);

#endif
