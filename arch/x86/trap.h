/*
 * arch/x86/trap.h - interrupts and exceptions: the saved state and handlers.
 */
#ifndef TERN_ARCH_X86_TRAP_H
#define TERN_ARCH_X86_TRAP_H

#include "arch/x86/trap_frame.h"
#include "lib/compiler.h"

/* The stack as trap_common (vectors.S) leaves it, lowest address first. */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error; /* pushed by the stub (error: or by the CPU) */
	u64 rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* The entry code's pushes and unwind information follow trap_frame.h. */
BUILD_BUG_ON(offsetof(struct trap_frame, r15) != TF_R15);
BUILD_BUG_ON(offsetof(struct trap_frame, rbp) != TF_RBP);
BUILD_BUG_ON(offsetof(struct trap_frame, rax) != TF_RAX);
BUILD_BUG_ON(offsetof(struct trap_frame, vector) != TF_VECTOR);
BUILD_BUG_ON(offsetof(struct trap_frame, error) != TF_ERROR);
BUILD_BUG_ON(offsetof(struct trap_frame, rip) != TF_RIP);
BUILD_BUG_ON(offsetof(struct trap_frame, rsp) != TF_RSP);
BUILD_BUG_ON(sizeof(struct trap_frame) != TF_SIZE);

typedef void (*trap_handler_t)(struct trap_frame *f);

/* Exception vectors (Intel SDM vol. 3, table 6-1) that code refers to. */
enum {
	VEC_DIVIDE = 0,
	VEC_NMI = 2,
	VEC_BREAKPOINT = 3,
	VEC_INVALID_OPCODE = 6,
	VEC_DOUBLE_FAULT = 8,
	VEC_GP = 13,
	VEC_PAGE_FAULT = 14,
};

/* Route vector `vec` to `fn` (NULL: back to the default, an oops for
 * exceptions).  Returns the handler that was there. */
trap_handler_t trap_set_handler(unsigned vec, trap_handler_t fn);

void idt_init(void);
void idt_load(void);

/* Name of an exception vector, "#PF page fault" style. */
const char *trap_name(unsigned vec);

#endif
