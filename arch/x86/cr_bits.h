/*
 * arch/x86/cr_bits.h - the bits of CR0, CR4 and EFER, by name (Intel SDM
 * vol. 3, 2.5 "Control registers" and 2.2.1 "Extended feature enable
 * register"), and the one CR0 value every CPU runs the kernel with; and
 * the other architectural bits that C and the assembly code both set or
 * test: RFLAGS, page-table entries, the CPUID feature flags.
 *
 * Each bit is a plain hex number, not a shift, and the file holds nothing
 * but #defines: a hex number reads the same in C and in assembly, and
 * arch.mk turns this file (with layout.h) into the %defines the nasm code
 * includes ($(BUILD)/gen/x86_defs.inc).  cr_bits.c also hands CR0_KERNEL
 * to the assembler as the absolute symbol cr0_kernel.
 */
#ifndef TERN_ARCH_X86_CR_BITS_H
#define TERN_ARCH_X86_CR_BITS_H

#define CR0_PE 0x00000001 /* protected mode */
#define CR0_MP 0x00000002 /* WAIT obeys TS */
#define CR0_EM 0x00000004 /* no FPU: x87 instructions trap */
#define CR0_TS 0x00000008 /* task switched: the next FPU use traps */
#define CR0_ET 0x00000010 /* x87 present (always 1) */
#define CR0_NE 0x00000020 /* FPU errors as #MF, not the old IRQ 13 */
#define CR0_WP 0x00010000 /* the kernel, too, cannot write read-only pages */
#define CR0_AM 0x00040000 /* alignment checks (with EFLAGS.AC, ring 3) */
#define CR0_NW 0x20000000 /* not write-through (with CD) */
#define CR0_CD 0x40000000 /* caches off */
#define CR0_PG 0x80000000 /* paging */

/*
 * CR0 on every CPU, boot CPU and APs alike: written whole, never ORed into
 * what firmware or reset left (INIT leaves CD and NW set: caches off).
 * WP, so that read-only kernel pages are read-only for the kernel too.  MP
 * and NE are what an FPU wants; the kernel uses none, and EM stays clear
 * so that a stray FPU instruction is not mistaken for a missing FPU.  No
 * AM: nothing runs in ring 3.
 */
#define CR0_KERNEL (CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG)
/* The same with paging off: an AP's step from real to protected mode. */
#define CR0_KERNEL_NO_PAGING (CR0_KERNEL & ~CR0_PG)

#define CR4_VME	       0x00000001 /* virtual-8086 mode extensions */
#define CR4_PVI	       0x00000002 /* protected-mode virtual interrupts */
#define CR4_TSD	       0x00000004 /* RDTSC only in ring 0 */
#define CR4_DE	       0x00000008 /* debugging extensions */
#define CR4_PSE	       0x00000010 /* 4 MiB pages (32-bit paging) */
#define CR4_PAE	       0x00000020 /* physical address extension */
#define CR4_MCE	       0x00000040 /* machine-check exception */
#define CR4_PGE	       0x00000080 /* global pages */
#define CR4_PCE	       0x00000100 /* RDPMC in ring 3 */
#define CR4_OSFXSR     0x00000200 /* FXSAVE/FXRSTOR, SSE */
#define CR4_OSXMMEXCPT 0x00000400 /* SIMD exceptions as #XM */
#define CR4_UMIP       0x00000800 /* SGDT, SIDT, ... only in ring 0 */
#define CR4_LA57       0x00001000 /* 5-level paging */
#define CR4_VMXE       0x00002000 /* VMX */
#define CR4_SMXE       0x00004000 /* SMX */
#define CR4_FSGSBASE   0x00010000 /* RDFSBASE and friends */
#define CR4_PCIDE      0x00020000 /* process-context identifiers */
#define CR4_OSXSAVE    0x00040000 /* XSAVE */
#define CR4_SMEP       0x00100000 /* no executing user pages in ring 0 */
#define CR4_SMAP       0x00200000 /* no reading user pages in ring 0 */
#define CR4_PKE	       0x00400000 /* protection keys, user pages */

/* RFLAGS (SDM vol. 1, 3.4.3) */
#define RFLAGS_IF 0x00000200 /* maskable interrupts are delivered */
#define RFLAGS_ID 0x00200000 /* writable exactly when CPUID exists */

#define MSR_EFER   0xc0000080
#define EFER_SCE   0x00000001 /* SYSCALL/SYSRET */
#define EFER_LME   0x00000100 /* long mode enable */
#define EFER_LMA   0x00000400 /* long mode active (set by the CPU) */
#define EFER_NXE   0x00000800 /* no-execute page bit */
#define EFER_SVME  0x00001000 /* SVM */
#define EFER_FFXSR 0x00004000 /* fast FXSAVE/FXRSTOR */

/* Page-table entries, every level (SDM vol. 3, 4.5) */
#define PTE_PRESENT 0x001
#define PTE_WRITE   0x002
#define PTE_USER    0x004 /* ring 3 may use it (SMEP/SMAP guard the kernel) */
#define PTE_PWT	    0x008 /* write-through */
#define PTE_PCD	    0x010 /* cache disabled */
#define PTE_HUGE    0x080 /* in a PDPT or PD entry: a 1 GiB / 2 MiB page */
#define PTE_GLOBAL  0x100 /* kept in the TLB across CR3 writes (CR4.PGE) */
#define PTE_NX	    0x8000000000000000 /* no instruction fetch (EFER.NXE) */
#define PTE_ADDR    0x000ffffffffff000 /* the physical address it holds */

/* CPUID feature flags this code asks for (SDM vol. 2, CPUID) */
#define CPUID1_ECX_X2APIC     0x00200000 /* leaf 1: x2APIC mode */
#define CPUID1_ECX_RDRAND     0x40000000 /* leaf 1: RDRAND */
#define CPUID1_ECX_HYPERVISOR 0x80000000 /* leaf 1: under a hypervisor */
#define CPUID7_EBX_SMEP	      0x00000080 /* leaf 7 subleaf 0: SMEP */
#define CPUID7_EBX_SMAP	      0x00100000 /* leaf 7 subleaf 0: SMAP */
#define CPUIDX1_EDX_NX	      0x00100000 /* leaf 0x80000001: NX */
#define CPUIDX1_EDX_LM	      0x20000000 /* leaf 0x80000001: long mode */

#endif
