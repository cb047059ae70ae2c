# tools/gdb/tern.gdb - the gdb settings of `make gdb`, and of the gdb tests.
#
# Sourced by tools/gdb/run-gdb.sh before it connects to QEMU, so the tests
# (tools/gdb/test-*.sh) debug with exactly what a student gets.
# docs/gdb.md ("Why stepping is safe") tells the story behind the two
# settings in the middle.

# Ask no questions (`delete`, `quit`, `kill`, and the `handle` below), and
# never page output.
set confirm off
set pagination off

# Never let gdb move a CPU's instruction pointer after a stop.  gdb's x86
# code assumes a breakpoint stop reports the address *after* the int3
# instruction and, when a software breakpoint sits one byte before the
# reported address, moves RIP back by one.  QEMU reports the breakpoint's
# own address, so gdb's correction is never needed - and when QEMU stops a
# CPU one instruction late (next paragraph), it moves RIP back into the
# instruction just executed, which then runs twice: a `push` twice in
# the interrupt entry code shifts the trap frame by 8 bytes and crashes
# the kernel.  Claiming the "swbreak" feature tells gdb that QEMU reports
# breakpoint addresses itself.
set remote swbreak-feature-packet on

# A stop that no breakpoint and no step explains is, under QEMU, always
# this: QEMU 7.2 leaves single-step mode on for a CPU whose step was cut
# short because another CPU stopped first, so that CPU stops again one
# instruction after it is next told to continue.  Nothing happened that a
# person needs to see: let it go on, silently.
handle SIGTRAP nostop noprint nopass

# `step` on the idle loop's hal_cpu_idle() goes over it, as `next` does:
# inside it is `hlt`, which only an interrupt ends, and QEMU holds
# interrupts off while it executes one stepped instruction.
skip function hal_cpu_idle
