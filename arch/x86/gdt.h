/* arch/x86/gdt.h - segments and the task state segment, one set per CPU. */
#ifndef TERN_ARCH_X86_GDT_H
#define TERN_ARCH_X86_GDT_H

#include "lib/compiler.h"

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_TSS		0x18

/* TSS interrupt stack table slots (1-based, as the IDT gate names them). */
#define IST_DOUBLE_FAULT 1
#define IST_NMI		 2

/* Load CPU `cpu`'s GDT and TSS; `ist_top[i]` is the top of IST stack i+1. */
void gdt_init_cpu(unsigned cpu, u64 ist_df_top, u64 ist_nmi_top);

#endif
