/*
 * arch/ia64/cpu.h - what the IA-64 files ask of each other.
 */
#ifndef TERN_ARCH_IA64_CPU_H
#define TERN_ARCH_IA64_CPU_H

#include "lib/compiler.h"

/* Point this CPU's ar.k3 at its cpu_data (setup.c). */
void percpu_setup(unsigned cpu);

/* A CPU's hardware id in Tern: the SAPIC id and eid that its cr.lid and
 * the MADT give, in one number. */
#define IA64_HW_ID(id, eid)  ((u32)(id) << 8 | (u32)(eid))
#define IA64_HW_ID_SAPIC(hw) ((hw) >> 8)
#define IA64_HW_ID_EID(hw)   ((hw)&0xff)

/* An IPI through the processor interrupt block (smp.c): delivery mode
 * and vector, to the CPU with hardware id hw (IA64_HW_ID). */
void ia64_send_ipi(u32 hw, unsigned mode, unsigned vector);

#endif
