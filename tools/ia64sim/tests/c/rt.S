// tools/ia64sim/tests/c/rt.S - the start-up code for C test programs.
//
// _start: the backing store at 2 MiB, the memory stack below 8 MiB, gp
// (r1) from the linker's __gp, then main(); its return value becomes the
// exit status.  ssc() is in ssc.S.
	.text
	.global _start
	.proc _start
_start:
	mov ar.rsc = 0 ;;
	movl r9 = 0x200000 ;;
	mov ar.bspstore = r9
	movl r12 = 0x800000 - 16
	movl r1 = __gp
	alloc r2 = ar.pfs, 0, 0, 1, 0 ;;
	br.call.sptk.many b0 = main ;;
	mov r32 = r8
	mov r15 = 66 ;;
	break.i 0x80001 ;;
	.endp _start
