; boot/entry.asm - where the boot loader hands over, and the road to 64 bits.
;
; Both multiboot protocols enter here in 32-bit protected mode, paging off,
; with a magic number in EAX and the physical address of the boot
; information in EBX.  This file:
;   1. checks that a multiboot loader really started us, and that the CPU can
;      run 64-bit code at all (if not, says so on serial and VGA, then halts);
;   2. notes the time stamp counter, so `boot: ready in T ms` counts from here;
;   3. builds early page tables that map the first 4 GiB three times:
;      identity (we are still running at physical addresses), the direct map
;      at DIRECT_MAP_BASE, and the kernel image at KERNEL_VMA;
;   4. turns on PAE + long mode + paging, loads a 64-bit GDT, far-jumps into
;      64-bit code, and finally jumps to the higher half and calls C.
;
; Why the multiboot1 header uses the "address fields" (flag bit 16):
; QEMU's `-kernel` refuses to load a 64-bit ELF through multiboot1 ("Cannot
; load x86-64 image").  With the address fields set it ignores the ELF
; headers and copies the file from the header's offset on, linearly, to
; load_addr..load_end_addr, then zeroes up to bss_end_addr.  linker.ld lays
; the image out so that file offsets and physical addresses move in step,
; and the Makefile checks that this stays true.  GRUB boots the very same
; file through multiboot2, which reads the ELF program headers instead.

bits 32

; KERNEL_PHYS, KERNEL_VMA, BOOT_STACK_SIZE (arch/x86/layout.h) and the
; CR4, EFER, RFLAGS, CPUID and page-table bits (arch/x86/cr_bits.h), made
; into %defines by the build (arch/x86/arch.mk).
%include "x86_defs.inc"

MB1_MAGIC       equ 0x1badb002
MB1_FLAGS       equ (1 << 0) | (1 << 1) | (1 << 16) ; align modules, memory map, address fields
MB1_BOOT_MAGIC  equ 0x2badb002
MB2_MAGIC       equ 0xe85250d6
MB2_BOOT_MAGIC  equ 0x36d76289

COM1            equ 0x3f8

extern _load_start_phys, _load_end_phys, _bss_end_phys
extern arch_main
extern cr0_kernel                       ; an absolute symbol: cr_bits.c
global _start, boot_tsc, boot_magic, boot_info_phys
global boot_pml4, boot_stack_guard, boot_stack_bottom, boot_stack_top

; ---------------------------------------------------------------------------
section .multiboot
align 4
mb1_header:
	dd MB1_MAGIC
	dd MB1_FLAGS
	dd -(MB1_MAGIC + MB1_FLAGS)
	dd mb1_header           ; header_addr
	dd _load_start_phys     ; load_addr
	dd _load_end_phys       ; load_end_addr
	dd _bss_end_phys        ; bss_end_addr
	dd _start               ; entry_addr

align 8
mb2_header:
	dd MB2_MAGIC
	dd 0                    ; architecture: i386 protected mode
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + 0 + (mb2_header_end - mb2_header))
	; end tag: GRUB gives the tags we read (command line, memory map,
	; ACPI RSDP, boot loader name, framebuffer) without being asked.
	dw 0, 0
	dd 8
mb2_header_end:

; ---------------------------------------------------------------------------
section .boot.text
_start:
	cli
	cld
	mov edi, eax                    ; keep the magic ...
	mov esi, ebx                    ; ... and the info pointer
	; A small stack inside the loaded image: .bss, where the real one
	; lives, may lie beyond the end of RAM (check_memory finds out).
	mov esp, early_stack_top

	call serial_init32

	cmp edi, MB1_BOOT_MAGIC
	je .magic_ok
	cmp edi, MB2_BOOT_MAGIC
	je .magic_ok
	mov eax, msg_no_multiboot
	jmp die32
.magic_ok:
	call check_memory               ; returns only if .bss is in RAM
	mov esp, boot_stack_top - KERNEL_VMA
	mov [boot_magic - KERNEL_VMA], edi
	mov [boot_info_phys - KERNEL_VMA], esi

	; Long mode needs CPUID leaf 0x80000001 with the LM bit.
	pushfd                          ; first: is CPUID there at all (ID flag)?
	pop eax
	mov ecx, eax
	xor eax, RFLAGS_ID
	push eax
	popfd
	pushfd
	pop eax
	push ecx
	popfd
	xor eax, ecx
	jz .no_long_mode
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, CPUIDX1_EDX_LM
	jz .no_long_mode

	rdtsc                           ; time zero for `boot: ready in T ms`
	mov [boot_tsc - KERNEL_VMA], eax
	mov [boot_tsc - KERNEL_VMA + 4], edx

	call build_page_tables

	mov eax, cr4
	or eax, CR4_PAE
	mov cr4, eax
	mov eax, boot_pml4 - KERNEL_VMA
	mov cr3, eax
	mov ecx, MSR_EFER
	rdmsr
	or eax, EFER_LME
	wrmsr
	; CR0 whole (cr_bits.h's CR0_KERNEL, through cr_bits.c): PE, PG, WP,
	; ..., and CD and NW clear whatever the boot loader left; the APs'
	; trampoline writes the same value.
	mov eax, cr0_kernel
	mov cr0, eax

	lgdt [boot_gdt_ptr]
	jmp 0x08:long_mode_entry

.no_long_mode:
	mov eax, msg_no_long_mode
	jmp die32

; Map the first 4 GiB with 2 MiB pages.  One page directory set serves the
; identity map (PML4[0]) and the direct map (PML4[256]); the kernel's last
; 2 GiB (PML4[511], PDPT[510..511]) reuse the first two of those directories.
build_page_tables:
	; The loaders zero .bss, but do not rely on it for page tables.
	mov edi, boot_pml4 - KERNEL_VMA
	mov ecx, (4096 * 7) / 4
	xor eax, eax
	rep stosd

	mov edi, boot_pd - KERNEL_VMA
	mov eax, PTE_PRESENT | PTE_WRITE | PTE_HUGE ; a 2 MiB page
	xor ebx, ebx                    ; high half of the entry
	mov ecx, 2048                   ; 4 directories x 512 entries
.pd_loop:
	mov [edi], eax
	mov [edi + 4], ebx
	add eax, 0x200000
	adc ebx, 0
	add edi, 8
	loop .pd_loop

	mov edi, boot_pdpt_low - KERNEL_VMA
	mov eax, boot_pd - KERNEL_VMA + PTE_PRESENT + PTE_WRITE
	mov ecx, 4
.pdpt_loop:
	mov [edi], eax
	add eax, 4096
	add edi, 8
	loop .pdpt_loop

	mov edi, boot_pdpt_high - KERNEL_VMA
	mov eax, boot_pd - KERNEL_VMA + PTE_PRESENT + PTE_WRITE
	mov [edi + 510 * 8], eax
	add eax, 4096
	mov [edi + 511 * 8], eax

	mov edi, boot_pml4 - KERNEL_VMA
	mov eax, boot_pdpt_low - KERNEL_VMA + PTE_PRESENT + PTE_WRITE
	mov [edi], eax
	mov [edi + 256 * 8], eax
	mov eax, boot_pdpt_high - KERNEL_VMA + PTE_PRESENT + PTE_WRITE
	mov [edi + 511 * 8], eax
	ret

; Is there RAM under the whole image, .bss included?  The loader copied the
; file and zeroed .bss without asking (QEMU's multiboot1 loader writes past
; the end of RAM into nothing), and the first push onto the real stack would
; then triple-fault the machine without a word.  The boot information's
; "upper memory" (KiB of RAM from 1 MiB up to the first hole) says how far
; RAM goes; when the loader gives no such figure, there is nothing to check.
; In: EDI = magic, ESI = boot information.  Clobbers EAX, EBX, ECX, EDX.
check_memory:
	call upper_memory_kib
	jc .unknown
	mov ebx, eax                    ; KiB the loader reports
	mov eax, _bss_end_phys - KERNEL_PHYS + 1023
	shr eax, 10                     ; KiB the image needs, .bss included
	cmp ebx, eax
	jae .ok
	mov edx, eax                    ; build the message in msg_memory_buf
	push edi
	mov edi, msg_memory_buf
	mov eax, msg_memory_1
	call put_str
	mov eax, edx
	call put_dec
	mov eax, msg_memory_2
	call put_str
	mov eax, ebx
	call put_dec
	mov eax, msg_memory_3
	call put_str
	mov eax, edx
	add eax, 1024 + 1023            ; RAM below 1 MiB, rounded up to MiB
	shr eax, 10
	add eax, 2                      ; and room for page tables and a heap
	push eax
	call put_dec
	mov eax, msg_memory_4
	call put_str
	pop eax
	call put_dec
	mov eax, msg_memory_5
	call put_str
	mov byte [edi], 0
	pop edi
	mov eax, msg_memory_buf
	jmp die32
.unknown:
.ok:
	ret

; upper_memory_kib: EAX = the boot loader's upper-memory figure (KiB), or
; CF set if it gave none.  Multiboot1: flags bit 0, then mem_upper at +8.
; Multiboot2: the basic memory information tag (type 4), mem_upper at +12.
upper_memory_kib:
	cmp edi, MB1_BOOT_MAGIC
	jne .mb2
	test dword [esi], 1
	jz .none
	mov eax, [esi + 8]
	clc
	ret
.mb2:
	lea ecx, [esi + 8]              ; the first tag, after total_size, reserved
.tag:
	mov eax, [ecx]                  ; type
	test eax, eax                   ; the end tag
	jz .none
	cmp eax, 4
	je .found
	mov eax, [ecx + 4]              ; size, then padded to 8 bytes
	add eax, 7
	and eax, ~7
	jz .none                        ; a tag of size 0 would loop forever
	add ecx, eax
	jmp .tag
.found:
	mov eax, [ecx + 12]
	clc
	ret
.none:
	stc
	ret

; put_str: copy the NUL-terminated string at EAX to EDI (advanced).
put_str:
	push esi
	mov esi, eax
.copy:
	lodsb
	test al, al
	jz .done
	stosb
	jmp .copy
.done:
	pop esi
	ret

; put_dec: write EAX in decimal at EDI (advanced).
put_dec:
	push ebx
	push edx
	mov ebx, 10
	xor ecx, ecx
.div:
	xor edx, edx
	div ebx
	push edx                        ; the digits come out last first
	inc ecx
	test eax, eax
	jnz .div
.out:
	pop eax
	add al, '0'
	stosb
	loop .out
	pop edx
	pop ebx
	ret

; --- plain-words failure path: COM1 and the VGA text screen, then halt. ---
serial_init32:
	mov dx, COM1 + 1
	xor al, al
	out dx, al                      ; no interrupts
	mov dx, COM1 + 3
	mov al, 0x80
	out dx, al                      ; DLAB on
	mov dx, COM1
	mov al, 1
	out dx, al                      ; divisor 1: 115200 baud
	mov dx, COM1 + 1
	xor al, al
	out dx, al
	mov dx, COM1 + 3
	mov al, 3
	out dx, al                      ; 8N1, DLAB off
	ret

; die32: EAX = message (NUL-terminated).  Never returns.
die32:
	mov esi, eax
	mov edi, 0xb8000
.next:
	lodsb
	test al, al
	jz .halt
	mov dx, COM1 + 5
	mov ah, al
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov al, ah
	mov dx, COM1
	out dx, al
	cmp al, 10
	je .next
	mov byte [edi], al
	mov byte [edi + 1], 0x4f        ; white on red
	add edi, 2
	jmp .next
.halt:
	cli
	hlt
	jmp .halt

bits 64
long_mode_entry:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor ax, ax
	mov fs, ax
	mov gs, ax
	mov rsp, boot_stack_top         ; the stack, now at its higher-half address
	mov rax, higher_half
	jmp rax

section .text
higher_half:
	xor ebp, ebp                    ; the end of every backtrace
	push 0                          ; ... and of gdb's: a return address of 0
	push 0                          ; (twice: calls need RSP 16-byte aligned)
	mov edi, [rel boot_magic]
	mov esi, [rel boot_info_phys]
	call arch_main
.hang:
	cli
	hlt
	jmp .hang

; ---------------------------------------------------------------------------
section .boot.data
align 8
boot_gdt:
	dq 0
	dq 0x00af9a000000ffff           ; 0x08: 64-bit code, ring 0
	dq 0x00cf92000000ffff           ; 0x10: data, ring 0
boot_gdt_end:
boot_gdt_ptr:
	dw boot_gdt_end - boot_gdt - 1
	dd boot_gdt


; What the 32-bit code learnt, for C.  These live in the higher half, so
; the code above writes them through their physical addresses.
section .data
align 8
boot_tsc:       dq 0
boot_magic:     dd 0
boot_info_phys: dd 0

section .boot.data
msg_no_multiboot:
	db "Tern: not started by a multiboot boot loader (bad magic in EAX).", 10
	db "Tern: boot it with GRUB (multiboot2) or qemu -kernel (multiboot1).", 10, 0
msg_memory_1:
	db "Tern: not enough memory: the kernel image needs ", 0
msg_memory_2:
	db " KiB of RAM above 1 MiB, the boot loader reports ", 0
msg_memory_3:
	db " KiB; give the machine ", 0
msg_memory_4:
	db " MiB or more (qemu: -m ", 0
msg_memory_5:
	db "M).", 10, 0
msg_memory_buf:
	times 256 db 0
; The stack of the 32-bit code until check_memory has found .bss in RAM.
align 16
	times 256 db 0
early_stack_top:
msg_no_long_mode:
	db "Tern: this CPU cannot run 64-bit code (no long mode).", 10
	db "Tern: Tern is an x86_64 kernel; try qemu-system-x86_64 with -cpu qemu64.", 10, 0

; ---------------------------------------------------------------------------
; Early page tables (7 pages, contiguous: build_page_tables clears them in
; one sweep) and the boot stack.  The page under the stack is a guard: the
; final page tables leave it unmapped, so an overflow faults at once instead
; of silently eating whatever lies below.
section .bss.page_aligned nobits alloc write align=4096
boot_pml4:         resb 4096
boot_pdpt_low:     resb 4096
boot_pdpt_high:    resb 4096
boot_pd:           resb 4096 * 4
boot_stack_guard:  resb 4096
boot_stack_bottom: resb BOOT_STACK_SIZE
boot_stack_top:
