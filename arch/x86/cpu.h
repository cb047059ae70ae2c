/* arch/x86/cpu.h - per-CPU set-up steps shared by the boot CPU and the APs. */
#ifndef TERN_ARCH_X86_CPU_H
#define TERN_ARCH_X86_CPU_H

#include "lib/compiler.h"

/* Point this CPU's GS base at cpu_data[cpu]: this_cpu() works after it. */
void percpu_setup(unsigned cpu);
void tsc_calibrate(void);
void tsc_print_report(void); /* the console line about it */
u64 tsc_khz_by_pit(void); /* measured afresh, for ktests */
void pic_disable(void);
/* Install the handlers of the local APIC's vectors (timer, IPIs, ...). */
void irq_init(void);

#endif
