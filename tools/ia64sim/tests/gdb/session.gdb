# tools/ia64sim/tests/gdb/session.gdb - one CPU, stopped at the entry:
# registers, a breakpoint on a function, its stacked arguments (read and
# written: gdb does both through the backing store), memory, stepi, bt.
# check.sh runs it against build/ia64sim-tests/c/gdbtarget.elf.
set pagination off
set confirm off
info registers ip psr cfm pr bsp bspstore
break weigh
continue
printf "r32=%d r33=%d r34=%d sof=%d\n", $r32, $r33, $r34, $cfm & 0x7f
set var $r32 = 12
printf "r32 now %d\n", $r32
x/2gx &spin_limit
printf "pc0=%#x\n", $pc
stepi
printf "pc1=%#x\n", $pc
stepi
printf "pc2=%#x\n", $pc
stepi
printf "pc3=%#x\n", $pc
bt
