# tools/ia64sim/tests/gdb/backtrace.gdb - rse.S's sum(n) at the bottom of
# its recursion: in0 (r32) of frame k is k, and frames below ar.bspstore
# come from what the RSE spilled, the others from the stub's copy.
set pagination off
set confirm off
break done
continue
info registers bsp bspstore cfm
printf "in0 of frame 0: %d\n", $r32
bt -3
frame 10
printf "in0 of frame 10: %d\n", $r32
frame 150
printf "in0 of frame 150: %d\n", $r32
frame 300
printf "in0 of frame 300: %d\n", $r32
kill
