/*
 * arch/x86/trap.c - what happens after an interrupt or exception enters.
 *
 * trap_dispatch() is called by vectors.S with the saved registers.  In
 * order it tries:
 *   1. a handler registered for the vector (timer, IPIs, tests' #BP...);
 *   2. for page faults and general protection faults, the exception table:
 *      a few instructions (probe.asm) are allowed to fault, and resume at a
 *      fix-up address;
 *   3. otherwise an exception is a kernel bug: print everything a person
 *      needs to find it (name, error code, RIP with its function, CR2 for
 *      page faults, the registers, a backtrace) and panic.
 */
#include "arch/x86/trap.h"
#include "arch/x86/io.h"
#include "arch/x86/stacktrace.h"
#include "kernel/ksyms.h"
#include "kernel/panic.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "lib/vsnprintf.h"

static trap_handler_t handlers[256];

static const char *const exception_names[32] = {
    "#DE divide error",
    "#DB debug",
    "NMI non-maskable interrupt",
    "#BP breakpoint",
    "#OF overflow",
    "#BR bound range exceeded",
    "#UD invalid opcode",
    "#NM device not available",
    "#DF double fault",
    "coprocessor segment overrun",
    "#TS invalid TSS",
    "#NP segment not present",
    "#SS stack-segment fault",
    "#GP general protection fault",
    "#PF page fault",
    "reserved (15)",
    "#MF x87 floating-point error",
    "#AC alignment check",
    "#MC machine check",
    "#XM SIMD floating-point error",
    "#VE virtualization exception",
    "#CP control protection",
    "reserved (22)",
    "reserved (23)",
    "reserved (24)",
    "reserved (25)",
    "reserved (26)",
    "reserved (27)",
    "#HV hypervisor injection",
    "#VC VMM communication",
    "#SX security exception",
    "reserved (31)",
};

const char *trap_name(unsigned vec)
{
	return vec < 32 ? exception_names[vec] : "interrupt";
}

trap_handler_t trap_set_handler(unsigned vec, trap_handler_t fn)
{
	trap_handler_t old = handlers[vec];
	__atomic_store_n(&handlers[vec], fn, __ATOMIC_RELEASE);
	return old;
}

struct ex_entry {
	u64 insn;
	u64 fixup;
};
extern const struct ex_entry __ex_table_start[], __ex_table_end[];

static bool fixup_exception(struct trap_frame *f)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end;
	     e++) {
		if (e->insn == f->rip) {
			f->rip = e->fixup;
			return true;
		}
	}
	return false;
}

/* The page-fault error code, bit by bit (SDM vol. 3, figure 4-12). */
#define PF_ERR_PRESENT	0x01 /* a protection violation, not a missing page */
#define PF_ERR_WRITE	0x02
#define PF_ERR_RESERVED 0x08 /* a reserved bit set in an entry */
#define PF_ERR_FETCH	0x10 /* an instruction fetch */

static void describe_pf_error(u64 err, char *buf, size_t size)
{
	snprintf(buf, size, "%s, %s%s%s",
		 err & PF_ERR_PRESENT ? "protection violation"
				      : "page not present",
		 err & PF_ERR_WRITE ? "write" : "read",
		 err & PF_ERR_FETCH ? ", instruction fetch" : "",
		 err & PF_ERR_RESERVED ? ", reserved bit set" : "");
}

static void dump_registers(const struct trap_frame *f)
{
	pr_emerg("RAX %016llx RBX %016llx RCX %016llx\n", f->rax, f->rbx,
		 f->rcx);
	pr_emerg("RDX %016llx RSI %016llx RDI %016llx\n", f->rdx, f->rsi,
		 f->rdi);
	pr_emerg("RBP %016llx RSP %016llx R8  %016llx\n", f->rbp, f->rsp,
		 f->r8);
	pr_emerg("R9  %016llx R10 %016llx R11 %016llx\n", f->r9, f->r10,
		 f->r11);
	pr_emerg("R12 %016llx R13 %016llx R14 %016llx\n", f->r12, f->r13,
		 f->r14);
	pr_emerg("R15 %016llx RFLAGS %016llx CS %04llx SS %04llx\n", f->r15,
		 f->rflags, f->cs, f->ss);
}

static __noreturn void oops(struct trap_frame *f)
{
	char where[96], detail[96];
	unsigned vec = (unsigned)f->vector;

	ksym_format(f->rip, where, sizeof(where));
	printk_bust_locks();
	pr_emerg("\nexception %s (vector %u) on cpu %u, error code %#llx\n",
		 trap_name(vec), vec, cpu_id(), f->error);
	pr_emerg("RIP %016llx %s\n", f->rip, where);
	if (vec == VEC_PAGE_FAULT) {
		describe_pf_error(f->error, detail, sizeof(detail));
		pr_emerg("CR2 %016llx (the address touched: %s)\n", read_cr2(),
			 detail);
	}
	dump_registers(f);
	pr_emerg("Call trace:\n");
	stacktrace_print(f->rip, f->rbp);
	panic_nodump("%s in %s", trap_name(vec), where);
}

/* Each CPU's innermost trap frame, for hal_irq_frame(). */
static const struct trap_frame *irq_frames[NR_CPUS];

const struct trap_frame *hal_irq_frame(void)
{
	return irq_frames[cpu_id()];
}

/*
 * Called by trap_common (vectors.S) alone, on the stack the interrupt came
 * in on, with f the registers it saved.  Interrupts are off - every IDT
 * gate is an interrupt gate - and stay off here: handlers run with them
 * off.  irq_depth counts the nesting (an NMI or exception can come inside
 * an interrupt) and is back where it was on return.  Returns to
 * trap_return, which restores f and IRETQs to f->rip - a handler may have
 * changed it (the exception table's fix-ups) - after sched_irq_exit() has
 * had its chance to switch tasks, for an interrupt (vector >= 32) only.
 */
void trap_dispatch(struct trap_frame *f)
{
	unsigned vec = (unsigned)f->vector;
	trap_handler_t fn = __atomic_load_n(&handlers[vec], __ATOMIC_ACQUIRE);
	const struct trap_frame *outer = irq_frames[cpu_id()];
	int depth = this_cpu()->irq_depth;

	BUG_ON(hal_irqs_enabled() || vec > 255 || depth < 0);
	irq_frames[cpu_id()] = f;
	this_cpu()->irq_depth++;
	if (fn)
		fn(f);
	else if ((vec == VEC_PAGE_FAULT || vec == VEC_GP) && fixup_exception(f))
		;
	else if (vec < 32)
		oops(f);
	else
		pr_warn("trap: unexpected interrupt, vector %u on cpu %u\n",
			vec, cpu_id());
	this_cpu()->irq_depth--;
	BUG_ON(this_cpu()->irq_depth != depth);
	irq_frames[cpu_id()] = outer;
	/* Leaving an interrupt (not an exception or NMI) is a preemption
	 * point: a tick or wake-up may have asked for a better task. */
	if (vec >= 32)
		sched_irq_exit(f->rflags & RFLAGS_IF);
}
