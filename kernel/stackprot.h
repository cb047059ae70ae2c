/*
 * kernel/stackprot.h - the stack protector's canary and its failure report
 * (kernel/stackprot.c; the canary is drawn by the architecture at boot,
 * arch/x86/canary.c; docs/protection.md).
 */
#ifndef TERN_KERNEL_STACKPROT_H
#define TERN_KERNEL_STACKPROT_H

#include "lib/compiler.h"

/* The word every protected function copies into its frame and checks on
 * its way out (gcc's -mstack-protector-guard=global names it). */
extern unsigned long __stack_chk_guard;
/* Where this boot's canary came from ("RDRAND", ...), or NULL while it is
 * still the build's 0. */
extern const char *stack_protector_source;

/* Called by gcc's check when a frame's copy differs: panics naming the
 * function whose canary was overwritten. */
__noreturn void __stack_chk_fail(void);

#endif
