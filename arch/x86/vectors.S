/*
 * arch/x86/vectors.S - the 256 interrupt entry points and the common path.
 *
 * The CPU pushes SS, RSP, RFLAGS, CS, RIP (and, for some exceptions, an
 * error code) and jumps to the IDT's entry for the vector.  Each stub here
 * makes the stack look the same for every vector - a dummy error code where
 * the CPU pushed none, then the vector number - and jumps to trap_common,
 * which saves the general registers as a struct trap_frame (trap_frame.h)
 * and calls trap_dispatch(frame).  Returning restores everything and
 * IRETQs: a handler may change the frame (RIP, RAX) to resume somewhere
 * else.
 *
 * Unwind information (the .cfi_ lines).  The CPU needs none of it; gdb
 * does.  It tells a debugger, for every instruction here, where the frame
 * is and where the interrupted code's registers were saved, so that
 *  - `bt` in a handler goes on through the interrupt into the code that was
 *    interrupted (scheduler_tick <- ... <- trap_common <- cpu_idle), and
 *  - `next` and `finish` see one stable frame while trap_common pushes
 *    and pops, instead of a "new function" at every push.  Without it, gdb
 *    stepping here fell back to "run to the return address", a breakpoint
 *    at a made-up address with every CPU running: the way into a QEMU
 *    bug that corrupted this very frame (docs/gdb.md, "Why stepping is
 *    safe").
 * The CFA (the frame's reference address, in unwind terms) is the top of
 * the trap frame, just above SS, so every saved register is at a fixed
 * distance below it (TF_SIZE - TF_x), and the interrupted code's RIP and
 * RSP are where the CPU pushed them.  To gdb the interrupted code is
 * trap_common's "caller".  The frame is marked as a signal frame: the
 * "return address" is the interrupted instruction itself, not the one
 * after a call, so gdb must not look at the byte before it to name the
 * function (an interrupt that arrives at a function's first instruction,
 * common right after a breakpoint, would be blamed on the function before
 * it).  gdb shows such a frame as `<signal handler called>`.
 *
 * This file is GNU assembler (AT&T syntax: source first, destination last,
 * `$` for constants, `%` for registers), run through the C preprocessor so
 * that it shares trap_frame.h with C.  NASM, which the other .asm files
 * use, cannot write unwind information.
 */
#include "arch/x86/trap_frame.h"

/* "Register REG of the interrupted code is saved at frame offset OFF." */
#define SAVED_AT(reg, off) .cfi_offset reg, (off) - TF_SIZE
/* "The stack pointer now points at frame offset OFF." */
#define SP_AT(off) .cfi_def_cfa_offset TF_SIZE - (off)

	.cfi_sections .debug_frame
	.text
	.altmacro

/* What every entry point knows: the CPU's part of the frame. */
.macro hw_frame_saved
	.cfi_signal_frame
	SAVED_AT(%rip, TF_RIP)
	SAVED_AT(%rsp, TF_RSP)
.endm

/* The stub of vector \v: push a dummy error code if the CPU did not, then
 * the vector number. */
.macro stub v
	.balign 16
isr_stub_\v:
	.cfi_startproc simple
	hw_frame_saved
	.if TRAP_HAS_ERROR(\v)
	.cfi_def_cfa %rsp, TF_SIZE - TF_ERROR
	.else
	.cfi_def_cfa %rsp, TF_SIZE - TF_RIP
	pushq $0
	SP_AT(TF_ERROR)
	.endif
	pushq $\v
	SP_AT(TF_VECTOR)
	jmp trap_common
	.cfi_endproc
.endm

	.set vec, 0
	.rept 256
	stub %vec
	.set vec, vec + 1
	.endr

/* push/pop one register and say so in the unwind information. */
.macro save reg, off
	pushq %\reg
	SP_AT(\off)
	SAVED_AT(%\reg, \off)
.endm
.macro restore reg, off
	popq %\reg
	SP_AT(\off + 8)
	.cfi_restore %\reg
.endm

	.balign 16
	.type trap_common, @function
trap_common:
	.cfi_startproc simple
	hw_frame_saved
	.cfi_def_cfa %rsp, TF_SIZE - TF_VECTOR
	save rax, TF_RAX
	save rbx, TF_RBX
	save rcx, TF_RCX
	save rdx, TF_RDX
	save rsi, TF_RSI
	save rdi, TF_RDI
	save rbp, TF_RBP
	save r8, TF_R8
	save r9, TF_R9
	save r10, TF_R10
	save r11, TF_R11
	save r12, TF_R12
	save r13, TF_R13
	save r14, TF_R14
	save r15, TF_R15
	cld
	movq %rsp, %rdi			/* struct trap_frame *f */
	call trap_dispatch
	.globl trap_return
trap_return:
	restore r15, TF_R15
	restore r14, TF_R14
	restore r13, TF_R13
	restore r12, TF_R12
	restore r11, TF_R11
	restore r10, TF_R10
	restore r9, TF_R9
	restore r8, TF_R8
	restore rbp, TF_RBP
	restore rdi, TF_RDI
	restore rsi, TF_RSI
	restore rdx, TF_RDX
	restore rcx, TF_RCX
	restore rbx, TF_RBX
	restore rax, TF_RAX
	addq $(TF_RIP - TF_VECTOR), %rsp	/* vector and error code */
	SP_AT(TF_RIP)
	iretq
	.cfi_endproc
	.size trap_common, . - trap_common

/* The IDT's 256 entry points, in vector order, for idt.c. */
.macro stub_address v
	.quad isr_stub_\v
.endm
	.section .rodata
	.balign 8
	.globl isr_stub_table
isr_stub_table:
	.set vec, 0
	.rept 256
	stub_address %vec
	.set vec, vec + 1
	.endr
