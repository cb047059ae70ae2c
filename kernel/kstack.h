/*
 * kernel/kstack.h - the size of a kernel thread's stack.
 *
 * Every kernel thread, idle tasks included, runs on a stack of this size
 * (kthread.c and the arch's start of an AP allocate it).  On x86 the boot
 * CPU's idle task keeps the stack that boot/entry.asm reserves before any
 * C runs, so assembly needs the number too: arch/x86/layout.h includes
 * this file, which therefore holds a plain #define and nothing C alone
 * could read.
 */
#ifndef TERN_KERNEL_KSTACK_H
#define TERN_KERNEL_KSTACK_H

#define KSTACK_SIZE 0x4000 /* 16 KiB */

#endif
