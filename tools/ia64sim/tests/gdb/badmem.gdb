# tools/ia64sim/tests/gdb/badmem.gdb - where nothing is: an error, and the
# simulator goes on (end.gdb).
x/2gx 0x7000000000
