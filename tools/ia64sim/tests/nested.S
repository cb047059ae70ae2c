// tools/ia64sim/tests/nested.S - an interruption with psr.ic off (as in
// the first instructions of a handler) cannot save where it came from.
// The simulator must stop with a report, not branch to the vector.
//
// expect-status: 125
// expect-stderr: cpu 0: interruption \(vector 0x2c00\) at ip 0x[0-9a-f]+ slot [0-2] with psr.ic = 0
	.text
	.global _start
	.proc _start
_start:
	movl r8 = ivt ;;
	mov cr.iva = r8
	rsm psr.ic ;;
	srlz.d ;;
	break.m 7 ;;
	mov r15 = 66
	mov r32 = 0 ;;
	break.i 0x80001 ;;
	.endp _start
	.align 32768
ivt:	.skip 0x8000
