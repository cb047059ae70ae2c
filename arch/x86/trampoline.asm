; arch/x86/trampoline.asm - where an application processor starts.
;
; A started-up AP (INIT, then STARTUP with vector VV) begins in 16-bit real
; mode at physical address VV * 0x1000, with CS = VV * 0x100 and IP = 0.
; That must be below 1 MiB, so smpboot.c copies this code to
; TRAMPOLINE_PHYS before sending any STARTUP, and fills in the variables at
; its end.  Then, like boot/entry.asm for the boot CPU, the code climbs:
;   real mode -> 32-bit protected mode -> long mode (paging on) -> the
;   kernel's higher half, at ap_entry64 (below).
; All APs run this at the same time (they are started in parallel), so it
; writes nothing but registers: no shared stack, no shared variables.
; Each AP finds its own stack in ap_entry64 by looking up its APIC ID.
;
; The code is assembled at some address in the kernel image but runs at
; TRAMPOLINE_PHYS, so every absolute address is written as
; TRAMPOLINE_PHYS + (label - trampoline_start).

bits 16

; TRAMPOLINE_PHYS, the AP_BOOT_* offsets (arch/x86/layout.h) and the
; CR4 and EFER bits (cr_bits.h), as %defines (arch/x86/arch.mk).
%include "x86_defs.inc"

%define ABS(x) (TRAMPOLINE_PHYS + (x) - trampoline_start)

global trampoline_start, trampoline_end
global trampoline_cr3, trampoline_efer, trampoline_target
global ap_entry64
extern ap_boot_table, ap_boot_count, ap_main
extern kernel_cr3
extern cr0_kernel, cr0_kernel_no_paging ; absolute: cr_bits.c

section .rodata
align 16
trampoline_start:
	cli
	cld
	mov ax, cs                      ; = TRAMPOLINE_PHYS >> 4
	mov ds, ax
	lgdt [tr_gdt_ptr - trampoline_start]
	; CR0 is written whole, never ORed into: INIT left CD and NW set
	; (caches off), and an AP would keep them (cr_bits.h, cr_bits.c).
	mov eax, cr0_kernel_no_paging   ; PE, and the rest of CR0_KERNEL but PG
	mov cr0, eax
	jmp dword 0x08:ABS(tr_protected)

bits 32
tr_protected:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov eax, cr4
	or eax, CR4_PAE | CR4_PGE
	mov cr4, eax
	mov eax, [ABS(trampoline_cr3)]
	mov cr3, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, [ABS(trampoline_efer)]  ; LME, and NXE when the BSP has it
	wrmsr
	mov eax, cr0_kernel             ; CR0_KERNEL: now PG too
	mov cr0, eax
	jmp 0x18:ABS(tr_long)

bits 64
tr_long:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	mov rax, [ABS(trampoline_target)]
	jmp rax                         ; to ap_entry64, in the higher half

; The descriptors come with their "accessed" bit (type bit 0: 0x9b, 0x93)
; already set.  Otherwise loading a selector makes the CPU write that bit
; into this GDT, and after paging is on this page is mapped read-only
; (paging_trampoline_root), so with CR0.WP the far jump to 0x18 raises a
; page fault, and with no IDT yet, a triple fault.  QEMU's TCG skips that
; write; Bochs and real CPUs do not.
align 8
tr_gdt:
	dq 0
	dq 0x00cf9b000000ffff           ; 0x08: 32-bit code
	dq 0x00cf93000000ffff           ; 0x10: data
	dq 0x00af9b000000ffff           ; 0x18: 64-bit code
tr_gdt_ptr:
	dw tr_gdt_ptr - tr_gdt - 1
	dd ABS(tr_gdt)

; Filled in by smpboot.c in the copy below 1 MiB.
align 8
trampoline_cr3:    dd 0
trampoline_efer:   dd 0
trampoline_target: dq 0
trampoline_end:

; ---------------------------------------------------------------------------
; ap_entry64: first instruction in the higher half, still on no stack.
; Find this CPU's entry in ap_boot_table by APIC ID, take its stack, switch
; to the kernel's own page tables, and call ap_main(cpu).
;
; struct ap_boot_entry { u32 apic_id; u32 cpu; u64 stack_top; }, its
; offsets and size in layout.h (AP_BOOT_*), checked by smpboot.c.
section .text
ap_entry64:
	; The APIC ID: CPUID leaf 0xB gives the full x2APIC ID (EDX) where it
	; exists, leaf 1 gives the 8-bit xAPIC ID (EBX bits 31-24).
	xor eax, eax
	cpuid
	cmp eax, 0xb
	jb .legacy_id
	mov eax, 0xb
	xor ecx, ecx
	cpuid
	test ebx, ebx                   ; leaf 0xB not really implemented?
	jz .legacy_id
	mov r8d, edx
	jmp .find
.legacy_id:
	mov eax, 1
	cpuid
	shr ebx, 24
	mov r8d, ebx
.find:
	lea rsi, [rel ap_boot_table]
	mov ecx, [rel ap_boot_count]
.next:
	test ecx, ecx
	jz .lost
	cmp [rsi + AP_BOOT_APIC_ID], r8d
	je .found
	add rsi, AP_BOOT_ENTRY_SIZE
	dec ecx
	jmp .next
.found:
	mov rsp, [rsi + AP_BOOT_STACK_TOP]
	mov edi, [rsi + AP_BOOT_CPU]
	mov rax, [rel kernel_cr3]
	mov cr3, rax                    ; leave the trampoline's tables
	xor ebp, ebp
	push 0                          ; end of backtraces (see entry.asm)
	push 0
	call ap_main
.lost:                                  ; an AP nobody asked for: stay quiet
	cli
	hlt
	jmp .lost
