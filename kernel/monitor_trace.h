/*
 * kernel/monitor_trace.h - the monitor's `trace` and `top` commands
 * (monitor_trace.c); the monitor's command table calls them.
 */
#ifndef TERN_KERNEL_MONITOR_TRACE_H
#define TERN_KERNEL_MONITOR_TRACE_H

/* trace on|off|clear|dump [CPU] */
int cmd_trace(int argc, char **argv);
/* top [SECONDS]: per-CPU load once a second, until a key (or SECONDS). */
int cmd_top(int argc, char **argv);

#endif
