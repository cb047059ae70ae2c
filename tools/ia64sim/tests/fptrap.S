// tools/ia64sim/tests/fptrap.S - an FP exception whose trap ar.fpsr
// enables would interrupt, which the simulator cannot do yet: it must stop
// with a report, not carry on as if the trap were disabled.  Here the
// inexact trap is enabled (ar.fpsr bit 5 clear) and 2^64 - 1 rounded to
// single precision is inexact.
//
// expect-status: 125
// expect-stderr: cpu 0: FP exception \(flags 0x20: .*\) at ip 0x100040, with its trap enabled
	.text
	.global _start
_start:
	movl r9 = 0x0009804c0270031f		// Linux's, but the id trap on
	mov r8 = -1 ;;
	mov ar.fpsr = r9
	setf.sig f6 = r8 ;;
	fnorm.s1 f7 = f6 ;;			// 2^64 - 1 (sf1: traps off)
	fnorm.s.s0 f8 = f7 ;;			// inexact: stops here
	mov r32 = 0
	mov r15 = 66 ;;
	break.i 0x80001 ;;
