// tools/ia64sim/tests/hello.S - the simulator's first program.
//
// expect-status: 7
//
// Expected: prints "hello, ia64" and a newline (through a called
// function: br.call, the frame switch, br.ret), then
// "sum 0+1+...+9 = 45" computed with br.cloop, then the movl and cmp4
// checks' verdict "ok", and exits with status 7.  Uses ski's simulator calls: break 0x80001
// with r15 = 31 (putchar r32) or 66 (exit r32).

	.section .rodata
msg:	.asciz "hello, ia64\n"
sum:	.asciz "sum 0+1+...+9 = "

	.text
	.global _start
	.proc _start
_start:
	alloc r2 = ar.pfs, 0, 0, 1, 0	// a frame of one output: r32
	movl r14 = msg ;;
	br.call.sptk.few b0 = puts_r14
back1:
	movl r14 = sum ;;
	br.call.sptk.few b0 = puts_r14
back2:
	// r20 = 0 + 1 + ... + 9 with a counted loop: ar.lc = 9 runs 10 times
	mov r20 = 0
	mov r21 = 0
	mov r22 = 9 ;;
	mov.i ar.lc = r22 ;;
loop:
	add r20 = r20, r21
	adds r21 = 1, r21
	br.cloop.sptk.few loop ;;
	// print r20 as two digits
	mov r23 = 10
	mov r24 = 0 ;;
tens:
	cmp.ltu p6, p7 = r20, r23 ;;
(p7)	sub r20 = r20, r23
(p7)	adds r24 = 1, r24
(p7)	br.cond.sptk.few tens ;;
	adds r32 = '0', r24
	mov r15 = 31 ;;
	break.i 0x80001 ;;
	adds r32 = '0', r20 ;;
	break.i 0x80001 ;;
	mov r32 = '\n' ;;
	break.i 0x80001
	// movl of a full 64-bit constant, and cmp4 on its low half
	movl r25 = 0x8000000180000002 ;;
	movl r26 = 0x0000000080000002 ;;
	cmp.eq p8, p9 = r25, r26
	cmp4.eq p10, p11 = r25, r26 ;;
(p8)	br.cond.sptk.few bad
(p11)	br.cond.sptk.few bad ;;
	mov r32 = 'o' ;;
	break.i 0x80001 ;;
	mov r32 = 'k' ;;
	break.i 0x80001 ;;
	mov r32 = '\n' ;;
	break.i 0x80001 ;;
	mov r32 = 7
	mov r15 = 66 ;;
	break.i 0x80001 ;;
bad:
	mov r32 = 1
	mov r15 = 66 ;;
	break.i 0x80001 ;;
	.endp _start

// Print the NUL-terminated string at r14 (ld1 with post-increment);
// returns through b0.  Uses r15, r32, p6, p7.
	.proc puts_r14
puts_r14:
	mov r15 = 31 ;;
next:
	ld1 r32 = [r14], 1 ;;
	cmp.eq p6, p7 = 0, r32 ;;
(p6)	br.ret.sptk.few b0
(p7)	break.i 0x80001
(p7)	br.cond.sptk.few next ;;
	.endp puts_r14
