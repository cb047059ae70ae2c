#!/usr/bin/env bash
# tools/gdb/test-gdb.sh ELF LOG - the gdb session test.
#
# What a student does in `make gdb`, scripted: stop at kernel_main, look at
# a backtrace and at boot_info, use a Tern helper, let the boot finish.
# Prints the reason and exits 1 when something is not as expected.
set -u
elf=$1
log=$2
port=$(( 20000 + RANDOM % 20000 ))
here=$(dirname "$0")

qemu-system-x86_64 -accel tcg,thread=multi -smp 1 -m 256M -display none \
	-no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-serial "file:$log.serial" -kernel "$elf" -append "poweroff" \
	-gdb "tcp:127.0.0.1:$port" -S < /dev/null 2>/dev/null &
qemu=$!
trap 'kill $qemu 2>/dev/null; wait $qemu 2>/dev/null' EXIT
sleep 0.3

timeout 60 gdb -q -batch -nx "$elf" \
	-ex "set pagination off" \
	-ex "source $here/tern.py" \
	-ex "target remote 127.0.0.1:$port" \
	-ex "hbreak kernel_main" \
	-ex "continue" \
	-ex "bt" \
	-ex "print boot_info.protocol" \
	-ex "hbreak page_alloc_init" \
	-ex "continue" \
	-ex "tern dmesg" \
	-ex "continue" > "$log" 2>&1 < /dev/null

check() {
	grep -qE -- "$1" "$log" || { echo "$2"; exit 1; }
}
check 'kernel_main \(\) at kernel/main.c' "gdb did not stop at the kernel_main breakpoint"
check '#1 .* arch_main' "the backtrace at kernel_main does not show arch_main as its caller"
check '^\$1 = 1$' "print boot_info.protocol did not say 1 (multiboot1 under qemu -kernel)"
check 'page_alloc_init \(\) at kernel/page_alloc.c' "gdb did not stop at page_alloc_init"
check 'boot: loaded by qemu' "'tern dmesg' did not show the kernel log"
wait $qemu
status=$?
[ "$status" = 33 ] || { echo "after 'continue' the kernel did not power off cleanly (QEMU status $status)"; exit 1; }
exit 0
