// tools/ia64sim/tests/frame.S - a stacked register outside the current
// frame is an illegal operation, reported as such.
//
// expect-status: 125
// expect-stderr: cpu 0: r40 named at ip 0x100000 slot 1 is outside the current frame \(4 registers\)
	.text
	.global _start
_start:
	{ .mii
	alloc r2 = ar.pfs, 0, 0, 4, 0
	mov r40 = 1
	nop.i 0 ;; }
