/*
 * kernel/monitor_tasks.h - the monitor's task commands (monitor_tasks.c):
 * looking at tasks, and the experiments that change them.
 */
#ifndef TERN_KERNEL_MONITOR_TASKS_H
#define TERN_KERNEL_MONITOR_TASKS_H

#include "lib/compiler.h"

/* Each takes the command's words (argv[0] is its name); the monitor has
 * already checked how many there are.  0, or -1 after saying what was
 * wrong. */
int cmd_ps(int argc, char **argv);
int cmd_spin(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_nice(int argc, char **argv);
int cmd_pin(int argc, char **argv);

/* Ctrl-C on an empty line: end the hogs `spin` started, as a shell's
 * Ctrl-C ends the job in the foreground.  False if none were running. */
bool monitor_ctrl_c_stops_hogs(void);

#endif
