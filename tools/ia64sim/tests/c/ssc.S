// tools/ia64sim/tests/c/ssc.S - ssc(arg, nr): ski's simulator call
// (break 0x80001 with r15 = nr and the argument in r32 - which, in ssc's
// own frame, is in0), for the C and SMP test programs.
	.text
	.global ssc
	.proc ssc
ssc:
	alloc r9 = ar.pfs, 2, 0, 0, 0
	mov r15 = r33 ;;
	break.i 0x80001 ;;
	mov ar.pfs = r9
	br.ret.sptk.many b0 ;;
	.endp ssc
