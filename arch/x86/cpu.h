/* arch/x86/cpu.h - per-CPU set-up steps shared by the boot CPU and the APs. */
#ifndef TERN_ARCH_X86_CPU_H
#define TERN_ARCH_X86_CPU_H

#include "arch/x86/cr_bits.h" /* the CPUID feature flags, too */
#include "lib/compiler.h"

/* Point this CPU's GS base at cpu_data[cpu]: this_cpu() works after it. */
void percpu_setup(unsigned cpu);
void tsc_calibrate(void);
void tsc_print_report(void); /* the console line about it */
u64 tsc_khz_by_pit(void);    /* measured afresh, for ktests */
void pic_disable(void);

/* Draw this boot's stack-protector canary (canary.c): boot CPU, once, as
 * early as arch_main() can. */
void stack_protector_init(void);
void stack_protector_report(void); /* its console line */
/* The CR4 protection bits (SMEP, SMAP) this CPU has, and turning them on:
 * every CPU, boot CPU and APs (cr_bits.c). */
u64 cr4_protect_bits(void);
void cr4_protect_init(void);
void cr4_protect_report(void); /* the boot CPU's console line */

#endif
