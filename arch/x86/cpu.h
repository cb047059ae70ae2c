/* arch/x86/cpu.h - per-CPU set-up steps shared by the boot CPU and the APs. */
#ifndef TERN_ARCH_X86_CPU_H
#define TERN_ARCH_X86_CPU_H

/* Point this CPU's GS base at cpu_data[cpu]: this_cpu() works after it. */
void percpu_setup(unsigned cpu);
void tsc_calibrate(void);
void pic_disable(void);
/* Install the handlers of the local APIC's vectors (timer, IPIs, ...). */
void irq_init(void);

#endif
