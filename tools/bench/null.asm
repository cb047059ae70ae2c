; tools/bench/null.asm - a multiboot kernel that leaves QEMU at once.
;
; `make bench` times it next to Tern: whatever this costs is QEMU's own
; start-up (firmware, the multiboot loader) and not Tern's.
bits 32
section .text
align 4
	dd 0x1badb002           ; multiboot1 magic
	dd 0                    ; flags
	dd -0x1badb002          ; checksum
global _start
_start:
	mov al, 0x10            ; isa-debug-exit: status 33, "success" (power.c)
	out 0xf4, al
.hang:
	cli
	hlt
	jmp .hang
