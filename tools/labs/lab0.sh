#!/usr/bin/env bash
# tools/labs/lab0.sh - grades lab 0 (docs/labs/lab0.md): the answer sheet
# labs/lab0-answers.txt, one check per question.
#
# The right answers are not written down anywhere here.  They are read
# off the kernel you built, booted on 4 CPUs under gdb, the way the
# student is asked to find them (tools/labs/lab0.py: breakpoints that
# record and go on, and a watchpoint).  A sheet with every answer blank is
# graded without booting.
set -u
. tools/labs/common.sh

sheet=labs/lab0-answers.txt
glog=$logs/lab0-gdb.log

# The answers, one line per question: in each region between the LAB 0
# markers, the first line that is neither blank nor the "your code here"
# line (an empty line when there is none).
answers=()
if [ -f "$sheet" ]; then
	mapfile -t answers < <(awk '
		$0 ~ "/\\* LAB 0 BEGIN " { on = 1; a = ""; next }
		$0 ~ "/\\* LAB 0 END \\*/" { on = 0; print a; next }
		on && a == "" && $0 !~ "^[ \t]*/\\* LAB 0: " && $0 !~ "^[ \t]*$" { a = $0 }' "$sheet")
fi

# Tolerant forms, so that only the fact is compared.
trim() { sed 's/^[[:space:]]*//; s/[[:space:]]*$//' <<< "$1"; }
# A function: "migrate_one()", "migrate_one ( );" -> migrate_one
norm_func() {
	local v
	v=$(trim "$1" | tr '[:upper:]' '[:lower:]' | sed 's/(.*//; s/[[:space:];.,]*$//')
	echo "$v"
}
# An address or vector, hex: 0x8000, 8000, 8000h, 0X8000 -> 32768
norm_hex() {
	local v
	v=$(trim "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' _' | sed 's/^0x//; s/h$//')
	[[ $v =~ ^[0-9a-f]{1,15}$ ]] && echo $((16#$v))
}
# A CPU or a count: 0, cpu 0, CPU0, #0 -> 0 (0x.. is read as hex)
norm_num() {
	local v
	v=$(trim "$1" | tr '[:upper:]' '[:lower:]' | tr -d ' #' | sed 's/^cpu//')
	if [[ $v =~ ^0x[0-9a-f]{1,15}$ ]]; then
		echo $((16#${v#0x}))
	elif [[ $v =~ ^[0-9]{1,9}$ ]]; then
		echo $((10#$v))
	fi
}

# The boot under gdb, only if there is something to grade.
any=
for a in "${answers[@]}"; do
	[ -n "$(trim "$a")" ] && any=1
done
truths=
if [ -n "$any" ]; then
	dir=$(mktemp -d /tmp/tern-lab0.XXXXXX)
	. tools/gdb/qemu-gdb.sh
	qemu=
	trap 'qemu_gdb_stop; rm -rf "$dir"' EXIT
	if qemu_gdb_start "$dir" build/tern.elf "poweroff panic=-1" \
		-accel tcg,thread=multi -smp 4 -m 512M -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-serial "file:$logs/lab0-serial.log" 2> "$glog"; then
		qemu_gdb_fail_fast "$logs/lab0-serial.log"
		timeout 40 gdb -q -batch -nx build/tern.elf \
			-x tools/gdb/tern.gdb \
			-ex "source tools/gdb/tern.py" \
			-ex "source tools/labs/lab0.py" \
			-ex "target remote $dir/gdb.sock" \
			-ex "python lab0_run()" \
			-ex "kill" >> "$glog" 2>&1 < /dev/null
	fi
	qemu_gdb_stop
	truths=$(grep -a '^lab0-truth ' "$glog")
fi
truth() { sed -n "s/^lab0-truth $1 //p" <<< "$truths" | head -1; }
# Why a fact is missing, for a message.
problem() {
	local p
	p=$(sed -n 's/^lab0-problem //p' "$glog" 2> /dev/null | head -1)
	if [ -n "$p" ]; then
		echo "$p"
	elif grep -qa 'migration_report_home ()' "$glog" 2> /dev/null; then
		echo "it had not happened when the kernel was about to report 'migration: home' (migration_report_home())"
	else
		echo "the boot did not get as far as migration_report_home()$(qemu_gdb_stopped_why "$logs/lab0-serial.log" 2> /dev/null)"
	fi
}

# question N KEY KIND WHAT WHERE: one check.  KIND is func, hex or num.
question() {
	local n=$1 key=$2 kind=$3 what=$4 where=$5 name="lab0/q$1-$2"
	local given=${answers[$(($1 - 1))]:-} t mine theirs
	given=$(trim "$given")
	if [ -z "$given" ]; then
		fail "$name" "question $n of $sheet answered: $what" \
			"the answer line under question $n is empty" "$where"
		return
	fi
	t=$(truth "$key")
	if [ -z "$t" ]; then
		fail "$name" "question $n: $what, as the boot shows it" \
			"the grader's boot under gdb did not show it ($(problem); see $glog and $logs/lab0-serial.log)" \
			"whether the kernel boots to 'migration: home 4/4' (make run SMP=4; is a lab other than 0 in its start state?), then $where"
		return
	fi
	mine=$("norm_$kind" "$given")
	theirs=$("norm_$kind" "$t")
	if [ -n "$mine" ] && [ "$mine" = "$theirs" ]; then
		pass "$name"
	elif [ -z "$mine" ]; then
		fail "$name" "question $n: $what" \
			"the answer '$given' is not $(case $kind in func) echo "a function name" ;; hex) echo "a hex number" ;; num) echo "a number" ;; esac)" \
			"$where"
	else
		fail "$name" "question $n: $what" \
			"your answer is '$given'; the kernel you built, booted on 4 CPUs under gdb, shows something else" \
			"$where"
	fi
}

if [ ${#answers[@]} -ne 8 ]; then
	fail "lab0/sheet" "$sheet with its 8 questions, each between a pair of LAB 0 lines" \
		"the grader found ${#answers[@]} answer places" \
		"make lab-0-reset gives the sheet back (with the reference answers), git diff $sheet shows what changed"
fi
question 1 boot-c func "the first C function the boot CPU runs" \
	"the end of boot/entry.asm, docs/boot.md sections 2-3; in gdb (make gdb SMP=4), 'c' to kernel_main, then bt"
question 2 ap-start hex "the physical address where an AP executes its first instruction after STARTUP" \
	"docs/smp.md section 3 and the top of arch/x86/trampoline.asm; trampoline_install() in arch/x86/smpboot.c"
question 3 startup-vector hex "the vector in the STARTUP IPI" \
	"hal_smp_boot() and ap_send_startup() in arch/x86/smpboot.c; in gdb, 'hbreak lapic_send_ipi' and 'info args' (mode 0x600 is STARTUP)"
question 4 ap-c func "the first C function every AP runs" \
	"ap_entry64 in arch/x86/trampoline.asm, docs/smp.md section 4; in gdb, 'hbreak gdt_init_cpu', 'c' until a thread other than 1 stops, then bt"
question 5 migration-init-cpu num "the CPU that runs migration_init()" \
	"kernel/main.c (who calls it), docs/boot.md section 4; in gdb, 'hbreak migration_init', 'c', then 'tern cpus' or 'info threads' (thread N is CPU N-1)"
question 6 started-on-cpu0 num "on 4 CPUs, how many migration threads enter migration_thread() on CPU 0" \
	"migration_init() in kernel/sched.c (cpus_allowed of each thread it creates); in gdb, 'tern migrations' then 'c' (docs/gdb.md, 'In two minutes')"
question 7 asks func "the function migration/1 calls to ask to be moved to CPU 1" \
	"migration_thread() in kernel/sched.c; docs/gdb.md, 'In two minutes'"
question 8 mover func "the function, run by migration/0, in which migration/1's cpu field changes from 0 to 1" \
	"the comment at the top of kernel/sched.c and docs/gdb.md, 'In two minutes'; in gdb: 'watch -l' on a task's cpu field"

verdict 0
