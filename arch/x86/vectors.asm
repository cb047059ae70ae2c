; arch/x86/vectors.asm - the 256 interrupt entry points and the common path.
;
; The CPU pushes SS, RSP, RFLAGS, CS, RIP (and, for some exceptions, an
; error code) and jumps to the IDT's entry for the vector.  Each stub here
; makes the stack look the same for every vector - a dummy error code where
; the CPU pushed none, then the vector number - and jumps to trap_common,
; which saves the general registers as a struct trap_frame (trap.h) and
; calls trap_dispatch(frame).  Returning restores everything and IRETQs:
; a handler may change the frame (RIP, RAX) to resume somewhere else.

bits 64
default rel
section .text

extern trap_dispatch
global isr_stub_table
global trap_return

; Vectors for which the CPU pushes an error code (Intel SDM vol. 3, 6.13).
%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

%assign v 0
%rep 256
isr_stub_ %+ v:
%if !HAS_ERROR(v)
	push 0
%endif
	push v
	jmp trap_common
	align 16
%assign v v + 1
%endrep

trap_common:
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
	cld
	mov rdi, rsp
	call trap_dispatch
trap_return:
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
	add rsp, 16                     ; vector and error code
	iretq

section .rodata
align 8
isr_stub_table:
%assign v 0
%rep 256
	dq isr_stub_ %+ v
%assign v v + 1
%endrep
