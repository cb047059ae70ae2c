// tools/ia64sim/tests/fwbelow.S - the firmware goes where no segment is:
// this program's data reaches the top of its 2 MiB of RAM, so the
// firmware's 128 KiB go just below the program (0xf0000), and r28 (the
// boot parameters) points there; the command line is read through it.
//
// ia64sim-args: -m 2 -- fw
// expect-status: 0
//
// Expected: r28 below 0xf0000 and at least 0xc0000, the command line
// "fw"; prints "fwbelow ok".
	.include "check.inc"
	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r31 = 0
	movl r8 = 0xf0000 ;;		// the text segment starts there
	cmp.ltu p6, p7 = r28, r8 ;;
(p6)	mov r9 = 1
(p7)	mov r9 = 0 ;;
	check r9, 1, 0
	movl r8 = 0xc0000 ;;
	cmp.geu p6, p7 = r28, r8 ;;
(p6)	mov r9 = 1
(p7)	mov r9 = 0 ;;
	check r9, 1, 1
	ld8 r10 = [r28] ;;		// the command line
	ld1 r11 = [r10], 1 ;;
	check r11, 'f', 2
	ld1 r11 = [r10], 1 ;;
	check r11, 'w', 3
	ld1 r11 = [r10] ;;
	check r11, 0, 4
	finish msg, r31
	.endp _start

	.data
msg:	.asciz "fwbelow ok\n"
	.skip 0x70000			// to 0x1f0000 and more: above the top 128 KiB
