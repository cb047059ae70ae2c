# tools/ia64sim/tests/gdb/ctrl-c.gdb - the program spins until gdb
# interrupts it (check.sh sends gdb a SIGINT once the program has printed
# its first line); then the loop is ended by a memory write and the
# program runs to its exit.
set pagination off
set confirm off
set var *(long *)&spin_limit = 0x7fffffffffffffff
continue
printf "interrupted at %#x\n", $pc
set var *(long *)&spin_limit = 0
continue
