; arch/x86/probe.asm - memory accesses that may fault, and survive it.
;
; Each access instruction has an entry in the exception table (.ex_table):
; "if the instruction at A faults, continue at B instead".  The page-fault
; and general-protection handlers look the faulting RIP up there before
; declaring an oops (trap.c).  The same idea lets Linux's copy_from_user()
; survive a bad user pointer.  Each returns 0, or -EFAULT (-14) in EAX.

bits 64
default rel
section .text

global hal_probe_write, hal_probe_read, probe_read_u64

%macro EXTABLE 2
	section .ex_table
	align 8
	dq %1, %2
	section .text
%endmacro

; int hal_probe_write(void *addr, u8 val)
hal_probe_write:
	xor eax, eax
.access:
	mov [rdi], sil
	ret
.fault:
	mov eax, -14
	ret
	EXTABLE .access, .fault

; int hal_probe_read(const void *addr, u8 *val)
hal_probe_read:
	xor eax, eax
.access:
	movzx ecx, byte [rdi]
	mov [rsi], cl
	ret
.fault:
	mov eax, -14
	ret
	EXTABLE .access, .fault

; int probe_read_u64(const void *addr, u64 *val)  - for backtraces
probe_read_u64:
	xor eax, eax
.access:
	mov rcx, [rdi]
	mov [rsi], rcx
	ret
.fault:
	mov eax, -14
	ret
	EXTABLE .access, .fault
