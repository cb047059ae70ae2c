// arch/ia64/pal.S - calling PAL and SAL.
//
// struct ia64_fw_ret ia64_pal_call(index, a1, a2, a3, entry): PAL's static
// convention - r28 the index, r29-r31 the arguments, the return address in
// b0, a plain branch to PAL_PROC and back, the register frame unchanged.
// The results come in r8-r11, which is where C takes a 32-byte struct
// from.  Interrupts stay as they are; PAL_HALT_LIGHT relies on that.
	.text
	.global ia64_pal_call
	.proc ia64_pal_call
ia64_pal_call:
	alloc r3 = ar.pfs, 5, 2, 0, 0 ;;
	mov r28 = in0
	mov r29 = in1
	mov r30 = in2
	mov r31 = in3
	mov loc0 = b0
	mov loc1 = r3
	mov b6 = in4
	movl r10 = 1f ;;
	mov b0 = r10
	br.cond.sptk.few b6 ;;
	.align 16
1:	mov b0 = loc0
	mov ar.pfs = loc1 ;;
	br.ret.sptk.many b0 ;;
	.endp ia64_pal_call
