// tools/ia64sim/tests/unimplemented.S - an instruction the simulator does
// not know yet must stop it with a report, never run as something else.
//
// expect-status: 125
// expect-stderr: cpu 0: instruction not implemented \(F unit\): ip 0x100010 slot 1
	.text
	.global _start
_start:
	{ .mii
	nop.m 0
	mov r8 = 3
	nop.i 0 ;; }
	{ .mfi
	nop.m 0
	fpma f6 = f7, f8, f9		// parallel FP: not implemented
	nop.i 0 ;; }
