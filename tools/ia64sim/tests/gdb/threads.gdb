# tools/ia64sim/tests/gdb/threads.gdb - -smp 4: a thread per CPU, the APs
# parked in the firmware; switching threads; kill.
set pagination off
set confirm off
info threads
thread 3
printf "thread 3 pc=%#x\n", $pc
thread 1
printf "thread 1 pc=%#x\n", $pc
kill
