# tools/ia64sim/tests/gdb/determinism.gdb - stops of every kind (a
# breakpoint at a function, one in the middle of a bundle, stepi, a
# register and memory read) and then detach: the run must end in the same
# state as without gdb (check.sh compares --hash).
set pagination off
set confirm off
break weigh
break spin
continue
tbreak *($pc + 2)
continue
printf "mid-bundle at %#x\n", $pc
stepi
stepi
stepi
info registers r32 bsp
bt
continue
stepi
stepi
x/4gx $sp
detach
