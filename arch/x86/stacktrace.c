/*
 * arch/x86/stacktrace.c - backtraces with function names.
 *
 * The kernel is built with frame pointers: every function starts with
 * `push rbp; mov rbp, rsp`, so RBP points at [saved RBP][return address],
 * a linked list through the stack.  boot/entry.asm and new threads start
 * with RBP = 0, which ends the list.  Each read goes through
 * probe_read_u64(), so a corrupt chain ends the trace instead of faulting
 * inside the fault handler.
 */
#include "arch/x86/stacktrace.h"
#include "arch/x86/trap.h"
#include "kernel/hal.h"
#include "kernel/ksyms.h"
#include "kernel/printk.h"

int probe_read_u64(const void *addr, u64 *val);

#define MAX_FRAMES     64
#define MAX_FRAME_SIZE (64 * 1024)

static void print_frame(u64 addr)
{
	char name[96];
	ksym_format(addr, name, sizeof(name));
	pr_emerg("  [<%016llx>] %s\n", addr, name);
}

/* A runaway recursion would fill the screen with one line: print a run of
 * identical frames once, with a count. */
static void flush_repeats(int repeats)
{
	if (repeats > 0)
		pr_emerg("  ... the frame above %d more time%s\n", repeats,
			 repeats > 1 ? "s" : "");
}

void stacktrace_print(u64 rip, u64 rbp)
{
	u64 last = 0;
	int repeats = 0;

	if (rip)
		print_frame(rip);
	for (int i = 0; i < MAX_FRAMES && rbp; i++) {
		u64 next, ret;
		if ((rbp & 7) || probe_read_u64((void *)rbp, &next) ||
		    probe_read_u64((void *)(rbp + 8), &ret))
			break;
		if (!ret)
			break;
		/* return addresses point after the call: show the call */
		if (ret == last) {
			repeats++;
		} else {
			flush_repeats(repeats);
			repeats = 0;
			print_frame(ret - 1);
			last = ret;
		}
		/* stacks grow down, so callers' frames are at higher addresses
		 */
		if (next <= rbp || next - rbp > MAX_FRAME_SIZE)
			break;
		rbp = next;
	}
	flush_repeats(repeats);
}

void hal_dump_stack(void)
{
	stacktrace_print(0, (u64)__builtin_frame_address(0));
}

u64 hal_frame_ip(const struct trap_frame *f)
{
	return f->rip;
}

void hal_dump_frame_stack(const struct trap_frame *f)
{
	stacktrace_print(f->rip, f->rbp);
}

BUILD_BUG_ON(sizeof(struct x86_switch_frame) != (SWITCH_SAVED_REGS + 1) * 8);

void hal_dump_switched_stack(u64 saved_sp)
{
	const struct x86_switch_frame *f = (const void *)saved_sp;
	u64 rbp, ret;
	if (probe_read_u64(&f->rbp, &rbp) || probe_read_u64(&f->ret, &ret))
		return;
	stacktrace_print(ret - 1, rbp);
}
