# tools/ia64sim/tests/gdb/end.gdb - still there after an error; then run to
# the end: gdb must see the exit status.
printf "alive at %#x\n", $pc
delete
continue
