#!/usr/bin/env bash
# tools/labs/lab8.sh - grades lab 8 (docs/labs/lab8.md): the 2002 deadlock,
# hunted with gdb, written on the answer sheet labs/lab8-answers.txt.
#
# The truth is not written here: the grader makes the deadlock itself -
# the museum's exhibit, bug=migration-irq, with the lock validator off, so
# that the CPUs really hang - and reads the watchdog's report of it
# (docs/museum.md reads one line by line).  From the CPU that waits for a
# lock it holds itself it takes the lock's class, the function that took
# the lock and the one that asks for it (with the functions inlined at
# those places, from the kernel's debug information), and that the holder
# is the code the interrupt interrupted.  The student's numbers come from
# another run, so they are checked for agreement with each other only;
# names are compared with the grader's run, words loosely.
set -u
. tools/labs/common.sh

sheet=labs/lab8-answers.txt
elf=build/tern.elf
keys="cpu thread seen lock holder taken-at interrupts spinner context why fix"

# answer KEY: the sheet's answer to KEY, on one line, lower case ("" when
# blank).  An answer goes on over the lines below it up to the next key;
# lines starting with # (the questions) or /* (the markers) are skipped.
answer() {
	awk -v want="$1" -v keys="$keys" '
		BEGIN { n = split(keys, k, " "); for (i = 1; i <= n; i++) is_key[k[i]] = 1 }
		/^[ \t]*#/ || /^[ \t]*\/\*/ { next }
		{
			line = $0
			if (match(line, /^[ \t]*[a-z-]+:/)) {
				key = substr(line, RSTART, RLENGTH)
				gsub(/[ \t:]/, "", key)
				if (key in is_key) {
					cur = key
					sub(/^[^:]*:/, "", line)
				}
			}
			if (cur == want)
				v = v " " line
		}
		END { gsub(/[ \t]+/, " ", v); sub(/^ /, "", v); sub(/ $/, "", v); print tolower(v) }' "$sheet" 2> /dev/null
}

# quote TEXT: an answer as a FAIL line shows it.
quote() {
	if [ -z "$1" ]; then
		echo "the answer is blank"
	else
		echo "your sheet says '$(echo "$1" | cut -c 1-120)'"
	fi
}

# names TEXT: the identifiers in TEXT, one a line.
names() { echo "$1" | grep -oE '[a-z_][a-z0-9_]*' | sort -u; }

# chain FUNC+0xOFF: FUNC, and the functions the compiler inlined at that
# return address (addr2line), one a line - the holder's site is
# double_rq_lock(), inlined into migrate_one(), say.
chain() {
	local func=${1%%+*} off=${1#*+} base
	echo "$func"
	base=$(nm "$elf" 2> /dev/null | awk -v f="$func" '$3 == f { print $1; exit }')
	[ -n "$base" ] && [ "$off" != "$1" ] || return 0
	addr2line -f -i -e "$elf" "$(printf '0x%x' $((0x$base + off - 1)))" 2> /dev/null |
		awk 'NR % 2 == 1 && /^[A-Za-z_][A-Za-z0-9_.]*$/ { sub(/\..*/, ""); print }'
}

# one_of TEXT LIST: TEXT names one of the functions in LIST.
one_of() {
	local n
	for n in $(names "$1"); do
		echo "$2" | grep -qx "$n" && return 0
	done
	return 1
}

# --- The truth: a real hang, and the watchdog's report of it ---------------
# Each self-deadlocked CPU of the report gives a line "CPU CLASS WANTED
# TAKEN HANDLER": from
#   cpu 0 spins on 'runqueue' #0 for 2 s, wanted at scheduler_tick+0x85/0x2f0
#     held by cpu 0 - itself: the code this CPU interrupted took it at migrate_one+0x234/0x2f0
# and the interrupt handler in that CPU's backtrace (timer_interrupt).
truth=
for try in 1 2; do
	log=$logs/lab8-hang-$try.log
	boot "$log" 30 4 "bug=migration-irq lockcheck=off watchdog=2 panic=-1"
	status=$?
	truth=$(tr -d '\r' < "$log" | awk '
		/^  cpu [0-9]+ (at|\(reporting\))/ { part = $2; handler = "" }
		/^  \[<[0-9a-f]+>\] [a-z_]*_interrupt[+]/ && handler == "" { handler = $2; sub(/[+].*/, "", handler) }
		/^  cpu [0-9]+ spins on / {
			cpu = $2; class = $0; sub(/^[^\047]*\047/, "", class); sub(/\047.*/, "", class)
			want = $0; sub(/.* wanted at /, "", want); sub(/[\/ ].*/, "", want)
			pending = 1; next
		}
		pending && /^    held by cpu [0-9]+ - itself: the code this CPU interrupted took it at / {
			took = $0; sub(/.* took it at /, "", took); sub(/[\/ ].*/, "", took)
			print cpu, class, want, took, (part == cpu && handler != "" ? handler : "-")
		}
		{ pending = 0 }')
	[ -n "$truth" ] && break
done
if [ -n "$truth" ]; then
	pass "lab8/hang"
else
	fail "lab8/hang" \
		"the museum's exhibit (bug=migration-irq lockcheck=off watchdog=2, 4 CPUs) to hang, and the watchdog to report a CPU 'held by cpu N - itself'" \
		"two boots ended with status $status and no such report; the last line was '$(last_line "$log")' (the whole console: $log)" \
		"migrate_one() in kernel/sched.c, where bug=migration-irq leaves interrupts on; the WATCHDOG report in docs/museum.md"
	verdict 8
	exit 1
fi

# What the report says, over every CPU that waits for itself.
classes=$(echo "$truth" | awk '{ print $2 }' | sort -u)
spinners=$(for w in $(echo "$truth" | awk '{ print $3 }' | sort -u); do chain "$w"; done | sort -u)
takers=$(for t in $(echo "$truth" | awk '{ print $4 }' | sort -u); do chain "$t"; done | sort -u)
handlers=$(echo "$truth" | awk '$5 != "-" { print $5 }' | sort -u)

# --- A1-A3: the CPU ------------------------------------------------------
cpu=$(answer cpu)
thread=$(answer thread)
seen=$(answer seen)
n=$(echo "$cpu" | grep -oE '[0-9]+' | head -1)
t=$(echo "$thread" | grep -oE '[0-9]+' | head -1)
if [ -z "$n" ]; then
	fail "lab8/which-cpu" \
		"A1: the number of the CPU that waits for a lock it holds itself, from your gdb session" \
		"$(quote "$cpu")" \
		"docs/labs/lab8.md, steps 2 and 3: Ctrl-C once the kernel hangs, then tern locks"
elif [ -z "$t" ] || [ "$t" != $((n + 1)) ]; then
	fail "lab8/which-cpu" \
		"A2: the gdb thread that is CPU $n (tern cpus shows it in its thr column)" \
		"$(quote "$thread")" \
		"tern cpus, and 'Each gdb thread is a CPU' in docs/gdb.md"
elif ! echo "$seen" | grep -qE "cpu $n waits for .*itself"; then
	fail "lab8/which-cpu" \
		"A3: the line of tern locks that says cpu $n waits for a lock it holds itself" \
		"$(quote "$seen")" \
		"the lines under 'by CPU' at the end of tern locks's output, in your own session"
else
	pass "lab8/which-cpu"
fi

# --- A4-A5: the lock and its holder --------------------------------------
lock=$(answer lock)
holder=$(answer holder)
h=$(echo "$holder" | grep -oE '[0-9]+' | head -1)
class_ok=
for c in $classes; do
	echo "$lock" | grep -qF "$c" && class_ok=1
done
if [ -z "$class_ok" ]; then
	fail "lab8/lock" \
		"A4: the lock the CPU spins on, by its class (the name in quotes that tern locks gives it) and number" \
		"$(quote "$lock")" \
		"tern locks, the line 'cpu N waits for ...'; docs/gdb.md, 'tern locks'"
elif ! echo "$holder" | grep -qE 'itself|same|own' && { [ -z "$h" ] || [ -z "$n" ] || [ "$h" != "$n" ]; }; then
	fail "lab8/lock" \
		"A5: the CPU that holds that lock, as tern locks says it ('held by cpu N')" \
		"$(quote "$holder")$([ -n "$n" ] && echo ", and A1 says cpu $n waits for it")" \
		"tern locks: the lock's line says who holds it; compare with A1"
else
	pass "lab8/lock"
fi

# --- A6-A7: who took it, and how ------------------------------------------
# Interrupts were on: the report's "itself: the code this CPU interrupted
# took it" says an interrupt came while the lock was held.  A7's first
# on/off word counts.
taken=$(answer taken-at)
irqs=$(answer interrupts)
if ! one_of "$taken" "$takers"; then
	fail "lab8/taken" \
		"A6: the function that took the lock - the 'taken at' of tern locks; the grader's own run of the exhibit names it too" \
		"$(quote "$taken")" \
		"tern locks, 'taken at'; then thread N and bt, below <signal handler called>"
elif ! echo "$irqs" | grep -owE 'on|off|enabled|disabled' | head -1 | grep -qxE 'on|enabled'; then
	fail "lab8/taken" \
		"A7: on or off - the state of interrupts on that CPU while the function of A6 held the lock" \
		"$(quote "$irqs")" \
		"bt: what does <signal handler called> between the two halves tell you? The rule 1 comment at the top of kernel/sched.c"
else
	pass "lab8/taken"
fi

# --- A8-A9: who spins ------------------------------------------------------
spinner=$(answer spinner)
context=$(answer context)
words='interrupt|irq|handler'
[ -n "$handlers" ] && words="$words|timer|tick"
if ! one_of "$spinner" "$spinners"; then
	fail "lab8/spinner" \
		"A8: the function that asked for the lock and spins on it - the 'wanted at' of tern locks, not the spinlock's own functions; the grader's own run of the exhibit names it too" \
		"$(quote "$spinner")" \
		"tern locks, 'wanted at'; then thread N and bt: the frame just after spin_wait, spin_lock_at and rq_lock (their caller)"
elif ! echo "$context" | grep -qE "$words"; then
	fail "lab8/spinner" \
		"A9: what the function of A8 runs in - bt's frames between it and <signal handler called> say" \
		"$(quote "$context")" \
		"bt on the CPU of A1, and 'Backtraces go through interrupts' in docs/gdb.md"
else
	pass "lab8/spinner"
fi

# --- B1-B2: why, and the fix -----------------------------------------------
why=$(answer why)
if [ "$(echo "$why" | wc -w)" -lt 12 ] || ! echo "$why" | grep -qE 'interrupt|irq|tick' ||
	! echo "$why" | grep -qE 'itself|same (cpu|processor)|own cpu|interrupted|underneath|beneath|below|return|cannot|can.t|never'; then
	fail "lab8/why" \
		"B1: a few sentences on why the CPU never gets out of its wait: what holds the lock, what wants it, and why neither can go on" \
		"$(quote "$why")" \
		"docs/story.md, section 6 ('The deadlock, step by step'); your bt, above and below <signal handler called>"
else
	pass "lab8/why"
fi

fix=$(answer fix)
if [ "$(echo "$fix" | wc -w)" -lt 6 ] || ! echo "$fix" | grep -qE 'interrupt|irq' ||
	! echo "$fix" | grep -qE 'off|disabl|cli|mask|save' ||
	! echo "$fix" | grep -qE 'lock|migrat'; then
	fail "lab8/fix" \
		"B2: the change the 2002 thread chose against this deadlock, and where Tern's code has it" \
		"$(quote "$fix")" \
		"docs/story.md, section 4 (fix #1); migrate_one() and the LOCKING RULES at the top of kernel/sched.c"
else
	pass "lab8/fix"
fi

verdict 8
