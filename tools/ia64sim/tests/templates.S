// tools/ia64sim/tests/templates.S - one bundle of each of the 24 templates.
//
// expect-status: 0
//
// Expected: every bundle runs (nops in every unit), and then the exit call
// with status 0; the checker also compares the simulator's idea of each
// bundle's template (--list-bundles) with ia64-linux-gnu-objdump's.
	.text
	.global _start
	.proc _start
_start:
	{ .mii
	nop.m 0
	nop.i 0
	nop.i 0 }
	{ .mii
	nop.m 0
	nop.i 0
	nop.i 0 ;; }
	{ .mii
	nop.m 0
	nop.i 0 ;;
	nop.i 0 }
	{ .mii
	nop.m 0
	nop.i 0 ;;
	nop.i 0 ;; }
	{ .mlx
	nop.m 0
	nop.x 0 }
	{ .mlx
	nop.m 0
	movl r8 = 0 ;; }
	{ .mmi
	nop.m 0
	nop.m 0
	nop.i 0 }
	{ .mmi
	nop.m 0
	nop.m 0
	nop.i 0 ;; }
	{ .mmi
	nop.m 0 ;;
	nop.m 0
	nop.i 0 }
	{ .mmi
	nop.m 0 ;;
	nop.m 0
	nop.i 0 ;; }
	{ .mfi
	nop.m 0
	nop.f 0
	nop.i 0 }
	{ .mfi
	nop.m 0
	nop.f 0
	nop.i 0 ;; }
	{ .mmf
	nop.m 0
	nop.m 0
	nop.f 0 }
	{ .mmf
	nop.m 0
	nop.m 0
	nop.f 0 ;; }
	{ .mib
	nop.m 0
	nop.i 0
	nop.b 0 }
	{ .mib
	nop.m 0
	nop.i 0
	nop.b 0 ;; }
	{ .mbb
	nop.m 0
	nop.b 0
	nop.b 0 }
	{ .mbb
	nop.m 0
	nop.b 0
	nop.b 0 ;; }
	{ .bbb
	nop.b 0
	nop.b 0
	nop.b 0 }
	{ .bbb
	nop.b 0
	nop.b 0
	nop.b 0 ;; }
	{ .mmb
	nop.m 0
	nop.m 0
	nop.b 0 }
	{ .mmb
	nop.m 0
	nop.m 0
	nop.b 0 ;; }
	{ .mfb
	nop.m 0
	nop.f 0
	nop.b 0 }
	{ .mfb
	nop.m 0
	nop.f 0
	nop.b 0 ;; }
	{ .mii
	alloc r2 = ar.pfs, 0, 0, 1, 0
	mov r15 = 66
	mov r32 = 0 ;; }
	{ .mii
	break.m 0x80001
	nop.i 0
	nop.i 0 ;; }
	.endp _start
