# tools/ia64sim/tests/gdb/ap-threads.gdb - -smp 4 with the APs woken
# (tests/smp/fetchadd.c): a breakpoint in ap_main is hit by two different
# CPUs, each showing its own id as ap_main's argument; then the program
# runs to its end.
set pagination off
set confirm off
break ap_main
continue
info threads
printf "thread %d r32=%d\n", $_thread, $r32
continue
printf "thread %d r32=%d\n", $_thread, $r32
delete
continue
