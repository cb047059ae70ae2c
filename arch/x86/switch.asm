; arch/x86/switch.asm - switching from one kernel thread to another.
;
; struct task *hal_context_switch(struct task *prev, struct task *next)
;
; The C calling convention lets a called function destroy RAX, RCX, RDX,
; RSI, RDI, R8-R11; the caller saved them if it needed them.  So to stop a
; thread in the middle of a call we only keep what the callee must
; preserve - RBX, RBP, R12-R15 - on the thread's own stack, and the stack
; pointer in prev->saved_sp (offset TASK_SAVED_SP of struct task:
; layout.h, checked by setup.c).  Then we load next's
; stack pointer and pop next's registers: `ret` returns into wherever next
; called hal_context_switch from, long ago.
;
; The value returned (RAX) is the `prev` of the switch that resumed us: the
; task that ran on this CPU just before.  schedule() needs it to finish that
; switch (the runqueue lock, a dead task's stack).
;
; A new thread has never called hal_context_switch; hal_stack_init() builds
; its stack so that the `ret` lands on task_first_run, which calls
; kthread_entry(prev) in C.
;
; The contract (kernel/hal.h): called by schedule() alone, with this CPU's
; runqueue lock held and interrupts off, both still so when it returns (in
; the thread resumed); next is not prev, and has a saved stack pointer
; (switched out before, or made by hal_stack_init).  The first lines check
; those three, as BUG_ON would; a broken one goes to
; switch_contract_broken() (switch_check.c), which names it and panics.

%include "x86_defs.inc"

bits 64
default rel
section .text
global hal_context_switch, hal_stack_init
extern kthread_entry, switch_contract_broken

hal_context_switch:
	pushfq
	pop rdx                         ; RFLAGS (RDX is ours to clobber)
	test edx, RFLAGS_IF
	jnz .broken
	cmp rdi, rsi
	je .broken
	cmp qword [rsi + TASK_SAVED_SP], 0
	je .broken
	push rbp
	push rbx
	push r12
	push r13
	push r14
	push r15
	mov [rdi + TASK_SAVED_SP], rsp  ; prev->saved_sp
	mov rsp, [rsi + TASK_SAVED_SP]  ; next->saved_sp
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	mov rax, rdi                    ; "the task we came from"
	ret
.broken:
	call switch_contract_broken     ; (prev, next, rflags): never returns
	ud2

task_first_run:
	mov rdi, rax
	xor ebp, ebp                    ; the end of this thread's backtraces
	call kthread_entry              ; never returns
	ud2

; u64 hal_stack_init(void *stack_top): the saved_sp of a thread that has
; not run yet.  From the top down: 16 bytes of zeros (RSP 16-byte aligned
; at the call in task_first_run, and a 0 return address that ends gdb's
; backtrace), task_first_run for `ret`, SWITCH_SAVED_REGS zeroed registers
; (the shape of struct x86_switch_frame, arch/x86/stacktrace.h).
hal_stack_init:
	mov rax, rdi
	sub rax, 16
	mov qword [rax], 0
	mov qword [rax + 8], 0
	sub rax, 8
	lea rcx, [task_first_run]
	mov [rax], rcx
	mov ecx, SWITCH_SAVED_REGS
.zero:
	sub rax, 8
	mov qword [rax], 0
	dec ecx
	jnz .zero
	ret
