#!/usr/bin/env bash
# tools/bench/linux.sh - the Linux side of `make bench`: Debian's own
# kernel, booted under QEMU like Tern, with a tiny initramfs
# (docs/bench-linux.md).
#
#   tools/bench/linux.sh prepare [DIR]   fetch the kernel, build the initramfs
#   tools/bench/linux.sh boot SMP [DIR]  wall ms, QEMU start to exit
#   tools/bench/linux.sh switch [DIR]    guest instructions, one line:
#       linux_switch_insns=N linux_yield_alone_insns=N linux_syscall_insns=N
#   tools/bench/linux.sh version [DIR]   the kernel package and its version
#
# DIR defaults to $BUILD/bench/linux (BUILD=build).  prepare is cached: the
# kernel is fetched once (`apt-get download`, then only boot/vmlinuz-* and
# boot/config-* are kept, and the ELF inside the bzImage is unpacked to
# vmlinux), the initramfs is rebuilt when one of its inputs changes.  boot,
# switch and version run prepare first (quick when DIR is ready).
# Only the number (or the line) goes to stdout; everything else to stderr.
#
# boot runs `-accel tcg,thread=multi -m $LINUX_MEM -smp SMP` through
# tools/qemu-run; the guest's /init mounts /proc and /sys, and lxbench
# prints `linux: online N/M` and leaves QEMU through isa-debug-exit.  The
# run fails (status 1, why on stderr) unless QEMU exited with success and
# the guest printed `linux: online SMP/SMP`.  switch boots at
# `-accel tcg -icount shift=0 -smp 1`, where the guest's TSC counts
# instructions.
#
# Environment:
#   LINUX_BOOT=pvh      pvh: QEMU loads the kernel's ELF (vmlinux, taken out
#                       of the bzImage at prepare) and enters it through its
#                       PVH entry; bzimage: QEMU boots the bzImage, whose
#                       decompressor first unpacks the kernel (seconds under
#                       TCG)
#   LINUX_MEM=1G        guest memory (Tern's boot bench uses -m 1G)
#   LINUX_TIMEOUT=S     seconds before QEMU is stopped (default 120 + 6 * SMP)
#   LINUX_APPEND=...    more kernel command line
#   LINUX_EXIT=port     how the guest leaves QEMU: port (isa-debug-exit) or
#                       poweroff (the kernel's power-off, through ACPI)
#   LINUX_MAX_SMP=64    boot refuses a larger SMP (status 3): Linux then
#                       takes minutes (5 at 128, 14 at 255); raise it to run one
#   LINUX_PKG=NAME      the kernel package (default: what linux-image-amd64
#                       depends on)
set -u
die() { echo "linux.sh: $*" >&2; exit 1; }

cmd=${1:-}
[ $# -gt 0 ] && shift
smp=""
if [ "$cmd" = boot ]; then
	smp=${1:-}
	[ $# -gt 0 ] && shift
	case $smp in
	'' | *[!0-9]* | 0*) die "boot: SMP must be a CPU count, got '$smp'" ;;
	esac
fi
# DIR is taken relative to the caller's directory, before the cd below.
dir=$(realpath -m "${1:-${BUILD:-build}/bench/linux}")
cd "$(dirname "$0")/../.." || exit 2
src=tools/bench/linux

mem=${LINUX_MEM:-1G}
case ${LINUX_BOOT:-pvh} in
pvh) kernel=vmlinux ;;
bzimage) kernel=vmlinuz ;;
*) die "LINUX_BOOT must be pvh or bzimage, got '${LINUX_BOOT:-}'" ;;
esac
append="console=ttyS0 quiet panic=-1 ${LINUX_APPEND:-}"
exit_how=${LINUX_EXIT:-port}
case $exit_how in
port) exit_args=() ;;
poweroff) exit_args=(--acpi-off-only); append="$append lxexit=poweroff" ;;
*) die "LINUX_EXIT must be port or poweroff, got '$exit_how'" ;;
esac

# The kernel: the package linux-image-amd64 points at, fetched once.
fetch_kernel() {
	[ -s "$dir/vmlinuz" ] && [ -s "$dir/version" ] && return 0
	command -v apt-get > /dev/null || die "no apt-get: the kernel comes from Debian's archive"
	local pkg=${LINUX_PKG:-} dl deb
	if [ -z "$pkg" ]; then
		pkg=$(apt-cache depends linux-image-amd64 2> /dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
		[ -n "$pkg" ] || die "apt-cache knows no linux-image-amd64 (apt-get update?); set LINUX_PKG"
	fi
	dl=$dir/download
	rm -rf "$dl" "$dir/vmlinux"
	mkdir -p "$dl" || die "cannot create $dl"
	echo "linux.sh: fetching $pkg" >&2
	# (apt-get download as root warns that its sandbox user cannot write
	# here; the download works all the same)
	(cd "$dl" && apt-get download -q "$pkg" 2>&1 | grep -v 'unsandboxed' >&2)
	deb=$(find "$dl" -maxdepth 1 -name "${pkg}_*.deb" | head -n 1)
	[ -n "$deb" ] || die "apt-get download $pkg failed"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dl" --wildcards './boot/*' ||
		die "cannot unpack $deb"
	local vmlinuz config
	vmlinuz=$(find "$dl/boot" -name 'vmlinuz-*' | head -n 1)
	config=$(find "$dl/boot" -name 'config-*' | head -n 1)
	[ -n "$vmlinuz" ] || die "$deb holds no boot/vmlinuz-*"
	cp "$vmlinuz" "$dir/vmlinuz" || die "cannot write $dir/vmlinuz"
	[ -n "$config" ] && cp "$config" "$dir/config"
	dpkg-deb -f "$deb" Package Version | awk '{ printf "%s%s", (NR > 1 ? " " : ""), $2 } END { print "" }' \
		> "$dir/version.tmp" && mv "$dir/version.tmp" "$dir/version"
	rm -rf "$dl"
}

# The kernel's ELF, for the PVH entry: unpacked once from the bzImage.
unpack_vmlinux() {
	[ -s "$dir/vmlinux" ] && return 0
	if python3 "$src/vmlinux.py" "$dir/vmlinuz" "$dir/vmlinux.tmp"; then
		mv "$dir/vmlinux.tmp" "$dir/vmlinux"
	else
		rm -f "$dir/vmlinux.tmp"
		echo "linux.sh: no vmlinux; only LINUX_BOOT=bzimage can boot" >&2
		[ "$kernel" = vmlinux ] && exit 1
	fi
	return 0
}

# The initramfs: /init (busybox sh), busybox, lxbench, /dev/console.
build_initrd() {
	local stamp
	stamp=$(cat "$src/lxbench.c" "$src/init" "$src/mkinitramfs.py" /bin/busybox 2> /dev/null |
		sha256sum | cut -d' ' -f1)
	[ -s "$dir/initrd.gz" ] && [ "$(cat "$dir/initrd.stamp" 2> /dev/null)" = "$stamp" ] && return 0
	[ -x /bin/busybox ] || die "/bin/busybox is missing: run tools/deps.sh bench (busybox-static)"
	[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || die "no static libc: run tools/deps.sh bench (libc6-dev)"
	gcc -static -O2 -Wall -Wextra -Werror -pthread "$src/lxbench.c" -o "$dir/lxbench" ||
		die "cannot build lxbench"
	cat > "$dir/initrd.list" << EOF
dir /bin 0755
dir /dev 0755
dir /proc 0755
dir /sys 0755
nod /dev/console 0600 c 5 1
file /init 0755 $src/init
file /bin/busybox 0755 /bin/busybox
file /bin/lxbench 0755 $dir/lxbench
EOF
	python3 "$src/mkinitramfs.py" "$dir/initrd.list" > "$dir/initrd.cpio" ||
		die "mkinitramfs.py failed"
	if ! gzip -n -9 -c "$dir/initrd.cpio" > "$dir/initrd.gz.tmp" ||
		! mv "$dir/initrd.gz.tmp" "$dir/initrd.gz"; then
		die "cannot write $dir/initrd.gz"
	fi
	echo "$stamp" > "$dir/initrd.stamp"
}

prepare() {
	mkdir -p "$dir" || die "cannot create $dir"
	fetch_kernel
	unpack_vmlinux
	build_initrd
}

# run_guest LOG TIMEOUT MODE QEMU-ARGS...: boot the kernel; qemu-run's status
run_guest() {
	local log=$1 timeout=$2 mode=$3
	shift 3
	tools/qemu-run --timeout "$timeout" --log "$log" "${exit_args[@]}" "$@" -m "$mem" \
		-kernel "$dir/$kernel" -initrd "$dir/initrd.gz" -append "$append lxbench=$mode" > /dev/null
}

# fail LOG WHY: the reason and the end of the console log, on stderr
fail() {
	{
		echo "linux.sh: $2 (console log: $1)"
		tr -d '\r' < "$1" | tail -n 15 | sed 's/^/  | /'
	} >&2
	exit 1
}

case $cmd in
prepare)
	prepare
	;;
boot)
	max=${LINUX_MAX_SMP:-64}
	if [ "$smp" -gt "$max" ]; then
		echo "linux.sh: boot $smp skipped: above LINUX_MAX_SMP=$max (Linux takes minutes there); set LINUX_MAX_SMP=$smp to run it" >&2
		exit 3
	fi
	prepare
	log=$dir/boot-$smp.log
	t0=$(date +%s%N)
	run_guest "$log" "${LINUX_TIMEOUT:-$((120 + 6 * smp))}" boot -accel tcg,thread=multi -smp "$smp"
	status=$?
	t1=$(date +%s%N)
	online=$(tr -d '\r' < "$log" | sed -n 's/^linux: online \([0-9]*\/[0-9]*\)$/\1/p' | tail -n 1)
	[ "$status" = 0 ] || fail "$log" "QEMU at -smp $smp: tools/qemu-run status $status"
	[ "$online" = "$smp/$smp" ] || fail "$log" "-smp $smp: the guest said online '${online:-nothing}', not $smp/$smp"
	echo $(((t1 - t0) / 1000000))
	;;
switch)
	prepare
	log=$dir/switch.log
	run_guest "$log" "${LINUX_TIMEOUT:-600}" switch -accel tcg -icount shift=0 -smp 1
	status=$?
	line=$(tr -d '\r' < "$log" | sed -n 's/^lxbench: \(linux_switch_insns=.*\)$/\1/p' | tail -n 1)
	[ "$status" = 0 ] || fail "$log" "QEMU: tools/qemu-run status $status"
	[ -n "$line" ] || fail "$log" "the guest printed no counts"
	echo "$line"
	;;
version)
	prepare
	cat "$dir/version"
	;;
*)
	echo "usage: tools/bench/linux.sh prepare [DIR] | boot SMP [DIR] | switch [DIR] | version [DIR]" >&2
	exit 2
	;;
esac
