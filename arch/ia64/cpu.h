/*
 * arch/ia64/cpu.h - what the IA-64 files ask of each other.
 */
#ifndef TERN_ARCH_IA64_CPU_H
#define TERN_ARCH_IA64_CPU_H

#include "lib/compiler.h"

/* Point this CPU's ar.k3 at its cpu_data (setup.c). */
void percpu_setup(unsigned cpu);

/* An IPI through the processor interrupt block (smp.c): delivery mode
 * and vector, to the CPU with hardware id hw (SAPIC id << 8 | eid). */
void ia64_send_ipi(u32 hw, unsigned mode, unsigned vector);

#endif
