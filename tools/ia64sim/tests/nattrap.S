// tools/ia64sim/tests/nattrap.S - storing a NaT register is a Register
// NaT Consumption fault; with no vector table, the run stops and says so.
//
// expect-status: 125
// expect-stderr: cpu 0: register NaT consumption: r8 is NaT at ip 0x[0-9a-f]+ slot [0-2], and no vector table
	.text
	.global _start
_start:
	movl r9 = buf
	mov r10 = 1 ;;
	mov ar.unat = r10 ;;
	ld8.fill r8 = [r9] ;;		// unat bit 0: NaT
	st8 [r9] = r8 ;;
	break.i 0 ;;

	.data
	.align 512
buf:	data8 0
