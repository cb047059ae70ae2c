/*
 * arch/x86/trap_frame.h - the layout of an interrupt's saved state, shared
 * by C (trap.h's struct trap_frame) and the entry code (vectors.S).
 *
 * Offsets are from the stack pointer trap_common passes to trap_dispatch(),
 * lowest address first.  The entry code builds the frame with pushes, so it
 * cannot use these numbers directly; it uses them for the unwind
 * information it gives gdb (TF_CFA and the TF_* offsets below it), and
 * trap.h checks that the C struct agrees.
 */
#ifndef TERN_ARCH_X86_TRAP_FRAME_H
#define TERN_ARCH_X86_TRAP_FRAME_H

/* Pushed by trap_common, last one first. */
#define TF_R15 0
#define TF_R14 8
#define TF_R13 16
#define TF_R12 24
#define TF_R11 32
#define TF_R10 40
#define TF_R9  48
#define TF_R8  56
#define TF_RBP 64
#define TF_RDI 72
#define TF_RSI 80
#define TF_RDX 88
#define TF_RCX 96
#define TF_RBX 104
#define TF_RAX 112
/* Pushed by the vector's stub (the error code: or by the CPU). */
#define TF_VECTOR 120
#define TF_ERROR  128
/* Pushed by the CPU when it took the interrupt (Intel SDM vol. 3, 6.14). */
#define TF_RIP	  136
#define TF_CS	  144
#define TF_RFLAGS 152
#define TF_RSP	  160
#define TF_SS	  168
#define TF_SIZE	  176

/* Vectors for which the CPU pushes an error code (SDM vol. 3, 6.13): #DF,
 * #TS, #NP, #SS, #GP, #PF, #AC, #CP, #VC, #SX. */
#define TRAP_HAS_ERROR(v)                                                      \
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 ||     \
	 (v) == 29 || (v) == 30)

#endif
