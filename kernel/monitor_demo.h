/*
 * kernel/monitor_demo.h - the monitor's `demo` command (monitor_demo.c):
 * sleepers, a ping-pong pair and a pinner, for trace and top to show.
 */
#ifndef TERN_KERNEL_MONITOR_DEMO_H
#define TERN_KERNEL_MONITOR_DEMO_H

/* demo [start|stop] */
int cmd_demo(int argc, char **argv);

#endif
