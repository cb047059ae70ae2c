# tools/test-museum.sh - sourced by tools/test.sh: the lock validator
# (kernel/lockcheck.c), the watchdog (kernel/watchdog.c) and the exhibits
# of the bug museum (kernel/museum.c, docs/museum.md).  Each is booted in
# each of its modes; the checks read the exact report lines and whether
# the machine stopped (status 1, after PANIC:) or went on.

LK=("${QEMU_COMMON[@]}" -smp 2 "${K[@]}")

# --- the lock validator -----------------------------------------------------
# A class taken in an interrupt handler and with interrupts on is reported
# once, in each mode as it says.
LC=(--expect "^LOCKCHECK: lock class 'museum_lock' is taken in interrupt handlers and with interrupts on" \
	--expect '^  in an interrupt handler, first at take_in_irq\+' \
	--expect '^  with interrupts on, first at ktest_fn_lockcheck_irq_unsafe_class\+')
boot_check lockcheck-on 0 30 "${LC[@]}" --expect 'PASS lockcheck_irq_unsafe_class' \
	-- "${LK[@]}" -append "ktest=lockcheck_irq_unsafe_class panic=-1"
boot_check lockcheck-panic 1 30 "${LC[@]}" \
	--expect "^PANIC: LOCKCHECK: lock class 'museum_lock' is irq-unsafe" \
	-- "${LK[@]}" -append "ktest=lockcheck_irq_unsafe_class lockcheck=panic panic=-1"
boot_check lockcheck-off 0 30 --expect 'PASS lockcheck_irq_unsafe_class' --refuse 'LOCKCHECK' \
	-- "${LK[@]}" -append "ktest=lockcheck_irq_unsafe_class lockcheck=off panic=-1"
boot_check lockcheck-bad 0 20 \
	--expect 'lockcheck=maybe is not a mode \(on, off or panic\); using on' \
	--expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "lockcheck=maybe poweroff"

# The rules of kernel/sched.c are the validator's rules for the class
# 'runqueue'.  Rule 1, the rule of 2002: one runqueue lock taken with
# interrupts on, after scheduler_tick() has taken one in the timer
# interrupt, is reported at once.  (hz=100: the lock is then held with
# interrupts on for a moment, and a tick in that moment would deadlock.)
boot_check lockcheck-rq-irqs-on 0 30 \
	--expect "^LOCKCHECK: lock class 'runqueue' is taken in interrupt handlers and with interrupts on" \
	--expect '^  in an interrupt handler, first at (scheduler_tick|try_to_wake_up|load_balance)\+' \
	--expect '^  with interrupts on, first at sched_test_rq_lock_as_is\+' \
	--expect 'PASS lockcheck_rq_lock_with_irqs_on' \
	-- "${LK[@]}" -append "ktest=lockcheck_rq_lock_with_irqs_on hz=100 panic=-1"
# Rule 2: two runqueue locks, higher CPU first.
boot_check lockcheck-rq-order 1 30 \
	--expect "^LOCKCHECK: 'runqueue' locks taken out of order \(the rule: lower CPU first\): cpu 0 holds #1, takes #0" \
	--expect '^  holding #1, taken at sched_test_rq_lock_pair\+' \
	--expect '^  taking #0 at sched_test_rq_lock_pair\+' \
	--expect "^PANIC: LOCKCHECK: lock class 'runqueue' is nested out of order" \
	-- "${LK[@]}" -append "ktest=lockcheck_rq_out_of_order lockcheck=panic panic=-1"
# Lock order: A then B, later B then A, on one CPU (nothing hangs) is a
# possible ABBA deadlock; so is a cycle of three.
AB=(--expect "^LOCKCHECK: possible ABBA deadlock: cpu 0 takes 'museum_a' while holding 'museum_b'" \
	--expect "^    holding 'museum_b' \(taken at b_then_a\+0x[0-9a-f]+/0x[0-9a-f]+\), takes 'museum_a' at b_then_a\+" \
	--expect "^    holding 'museum_a' \(taken at a_then_b\+0x[0-9a-f]+/0x[0-9a-f]+\), took 'museum_b' at a_then_b\+")
boot_check lockcheck-abba-on 0 30 "${AB[@]}" \
	--expect "^LOCKCHECK: possible ABBA deadlock: cpu 0 takes 'museum_a' while holding 'museum_c'" \
	--expect "^    holding 'museum_b' \(taken at b_then_c\+0x[0-9a-f]+/0x[0-9a-f]+\), took 'museum_c' at b_then_c\+" \
	--expect 'PASS lockcheck_abba' \
	-- "${LK[@]}" -append "ktest=lockcheck_abba panic=-1"
boot_check lockcheck-abba-panic 1 30 "${AB[@]}" \
	--expect "^PANIC: LOCKCHECK: lock class 'museum_a' closes a lock-order cycle" \
	-- "${LK[@]}" -append "ktest=lockcheck_abba lockcheck=panic panic=-1"
boot_check lockcheck-abba-off 0 30 --expect 'PASS lockcheck_abba' --refuse 'LOCKCHECK' \
	-- "${LK[@]}" -append "ktest=lockcheck_abba lockcheck=off panic=-1"

# --- the watchdog -------------------------------------------------------------
# Each kind of lockup, made for real at watchdog=2: reported once with the
# right kind and CPU, then the machine stops - or goes on with
# watchdog_panic=0, and the test ends the lockup itself.  The CPU that
# waits for the lock may report itself (it checks the time as it spins)
# or be asked by another CPU's NMI: either may come first.
W4=("${QEMU_COMMON[@]}" -smp 4 "${K[@]}")
# watchdog_check NAME KTEST PANIC-RE EXPECT-OPTIONS...: the lockup KTEST
# makes, twice - watchdog-NAME stops the machine with the report and a
# PANIC: line matching PANIC-RE; watchdog-NAME-goes-on, with
# watchdog_panic=0, reports it the same way and lets KTEST pass.
watchdog_check() {
	local name=$1 ktest=$2 panic=$3
	shift 3
	boot_check "watchdog-$name" 1 40 "$@" --expect "$panic" \
		-- "${W4[@]}" -append "ktest=$ktest watchdog=2 panic=-1"
	boot_check "watchdog-$name-goes-on" 0 40 "$@" --expect "PASS $ktest" --refuse PANIC \
		-- "${W4[@]}" -append "ktest=$ktest watchdog=2 watchdog_panic=0 panic=-1"
}
watchdog_check hard watchdog_hard_lockup '^PANIC: WATCHDOG: hard lockup on cpus 2,3' \
	--expect '^WATCHDOG: hard lockup on cpus 2,3 \(no timer tick for 2 s' \
	--expect '^  cpu 2 (at spin_wait\+|\(reporting\), running .wd-waiter.)' --expect '^  cpu 2 spins on .stuck_lock. for [0-9]+ s, wanted at want_irqs_off\+' \
	--expect '^    held by cpu 3, taken at hold_irqs_off\+' \
	--expect '^  cpu 3 at hold_irqs_off\+' --expect '^  cpu 3 holds 1 lock:' \
	--expect "^    'stuck_lock', taken at hold_irqs_off\+"
watchdog_check soft watchdog_soft_lockup '^PANIC: WATCHDOG: soft lockup on cpu 3' \
	--expect '^WATCHDOG: soft lockup on cpu 3 \(has not scheduled for 2 s\)' \
	--expect 'spin_preempt_off\+'
watchdog_check hung watchdog_hung_task "^PANIC: WATCHDOG: hung task 'wd-sleeper'" \
	--expect "^WATCHDOG: hung task 'wd-sleeper' \(pid [0-9]+\) asleep for ([4-9]|[1-9][0-9]+) s on cpu 3" \
	--expect '^  \[<[0-9a-f]+>\] wait_for_completion\+' --expect '^  \[<[0-9a-f]+>\] sleep_forever\+'
boot_check watchdog-bad 0 20 \
	--expect 'watchdog=soon' --expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "watchdog=soon poweroff"

# --- the bug museum -----------------------------------------------------------
boot_check museum-list 0 20 --expect '^bug:   migration-irq +Linux 2\.5\.8' \
	--expect '^bug:   migration-init-balancer ' --expect '^bug:   abba ' \
	--expect '^bug:   lost-wakeup ' --expect '^bug:   rq-order ' \
	--expect 'boot: ready in' -- "${S1[@]}" "${K[@]}" -append "bug=list poweroff"
boot_check museum-unknown 0 20 \
	--expect '^bug=no-such-bug: no such exhibit \(bug=list names them\); booting without one' \
	--expect 'migration: home 1/1' -- "${S1[@]}" "${K[@]}" -append "bug=no-such-bug poweroff"

# migration-irq: the 2002 deadlock.  The validator names it at boot (the
# migration threads go home through migrate_one() too) and boot goes on -
# into the storm, or into the deadlock itself, which spin_lock()'s
# recursion check stops; lockcheck=panic stops at the report; with
# lockcheck=off the CPU deadlocks against itself and the watchdog says so.
MI=(--expect "^LOCKCHECK: lock class 'runqueue' is taken in interrupt handlers and with interrupts on" \
	--expect '^  in an interrupt handler, first at scheduler_tick\+' \
	--expect '^  with interrupts on, first at (migrate_one|double_rq_lock)\+')
MW=(--expect '^WATCHDOG: hard lockup on cpus? [0-9,-]+ \(no timer tick for 2 s' \
	--expect "^  cpu ([0-9]+) spins on 'runqueue' #[0-9]+ for [0-9]+ s, wanted at (scheduler_tick|try_to_wake_up|load_balance|run_timers)" \
	--expect '^    held by cpu [0-9]+ - itself: the code this CPU interrupted took it at (migrate_one|double_rq_lock)\+' \
	--expect '^PANIC: WATCHDOG: hard lockup')
for n in 4 32; do
	M=("${QEMU_COMMON[@]}" -smp "$n" "${K[@]}")
	boot_check "museum-migration-irq-on-smp$n" 0 40 \
		--until 'bug: migration storm|PANIC: spinlock runqueue: recursion' "${MI[@]}" \
		-- "${M[@]}" -append "bug=migration-irq panic=-1"
	boot_check "museum-migration-irq-off-smp$n" 1 60 "${MW[@]}" \
		-- "${M[@]}" -append "bug=migration-irq lockcheck=off watchdog=2 panic=-1"
done
boot_check museum-migration-irq-panic 1 40 "${MI[@]}" \
	--expect "^PANIC: LOCKCHECK: lock class 'runqueue' is irq-unsafe" \
	-- "${W4[@]}" -append "bug=migration-irq lockcheck=panic panic=-1"

# migration-init-balancer: 2.5.8's start-up gets home only through the
# load balancer; without it (noloadbalance) boot waits for ever and the
# hung-task watchdog shows where everything is.  Erich Focht's start-up
# (no bug=) does not care.
for n in 4 32; do
	M=("${QEMU_COMMON[@]}" -smp "$n" "${K[@]}")
	boot_check "museum-migration-init-balancer-smp$n" 0 60 \
		--expect "^bug: exhibit 'migration-init-balancer' is on" --expect "migration: home $n/$n" \
		-- "${M[@]}" -append "bug=migration-init-balancer poweroff panic=-1"
	boot_check "museum-migration-init-balancer-noloadbalance-smp$n" 1 60 \
		--expect "^WATCHDOG: hung task 'init' \(pid 1\) asleep for ([4-9]|[1-9][0-9]+) s on cpu 0" \
		--expect '^  \[<[0-9a-f]+>\] migration_init\+' \
		--expect "^  runqueues now \(noloadbalance: nothing moves tasks between CPUs\):" \
		--expect "^    cpu 0: running 'migration/0', $((n - 1)) waiting: migration-1 .*; $((n - 1)) of them allowed on other CPUs" \
		--expect "^PANIC: WATCHDOG: hung task 'init'" --refuse 'migration: home' \
		-- "${M[@]}" -append "bug=migration-init-balancer noloadbalance watchdog=2 panic=-1"
	boot_check "noloadbalance-smp$n" 0 60 --expect "migration: home $n/$n" --refuse WATCHDOG \
		-- "${M[@]}" -append "noloadbalance watchdog=2 poweroff panic=-1"
done

# abba: with the validator on, the two orders run one after the other and
# nothing hangs, but the second is reported; with lockcheck=off they are
# made to collide, and the watchdog names both CPUs and both holders.
AA=(--expect "^LOCKCHECK: possible ABBA deadlock: cpu 2 takes 'exhibit_a' while holding 'exhibit_b'" \
	--expect "^    holding 'exhibit_b' \(taken at abba_right\+0x[0-9a-f]+/0x[0-9a-f]+\), takes 'exhibit_a' at abba_right\+" \
	--expect "^    holding 'exhibit_a' \(taken at abba_left\+0x[0-9a-f]+/0x[0-9a-f]+\), took 'exhibit_b' at abba_left\+")
boot_check museum-abba-on 0 40 --until 'nothing hung this time' "${AA[@]}" \
	-- "${W4[@]}" -append "bug=abba panic=-1"
boot_check museum-abba-panic 1 40 "${AA[@]}" \
	--expect "^PANIC: LOCKCHECK: lock class 'exhibit_a' closes a lock-order cycle" \
	-- "${W4[@]}" -append "bug=abba lockcheck=panic panic=-1"
AW=(--expect '^WATCHDOG: hard lockup on cpus 2,3 \(no timer tick for 2 s' \
	--expect "^  cpu 2 spins on 'exhibit_a' for [0-9]+ s, wanted at abba_right\+" \
	--expect '^    held by cpu 3, taken at abba_left\+' \
	--expect "^  cpu 3 spins on 'exhibit_b' for [0-9]+ s, wanted at abba_left\+" \
	--expect '^    held by cpu 2, taken at abba_right\+')
boot_check museum-abba-off 1 40 "${AW[@]}" --expect '^PANIC: WATCHDOG: hard lockup on cpus 2,3' \
	--refuse LOCKCHECK -- "${W4[@]}" -append "bug=abba lockcheck=off watchdog=2 panic=-1"
boot_check museum-abba-off-goes-on 0 40 --until 'watchdog: going on' "${AW[@]}" \
	-- "${W4[@]}" -append "bug=abba lockcheck=off watchdog=2 watchdog_panic=0 panic=-1"

# lost-wakeup: the wake-up comes between the test and the sleep; the
# hung-task watchdog finds the sleeper and where it sleeps.
LW=(--expect 'wake_up_process found it still running: the wake-up is lost' \
	--expect "^WATCHDOG: hung task 'lost-waiter' \(pid [0-9]+\) asleep for ([4-9]|[1-9][0-9]+) s on cpu 3" \
	--expect '^  \[<[0-9a-f]+>\] lost_wakeup_waiter\+')
boot_check museum-lost-wakeup 1 40 "${LW[@]}" --expect "^PANIC: WATCHDOG: hung task 'lost-waiter'" \
	-- "${W4[@]}" -append "bug=lost-wakeup watchdog=2 panic=-1"
boot_check museum-lost-wakeup-goes-on 0 40 --until 'watchdog: going on' "${LW[@]}" \
	-- "${W4[@]}" -append "bug=lost-wakeup watchdog=2 watchdog_panic=0 panic=-1"

# rq-order: two runqueue locks, own CPU first: reported as out of order at
# the first migration to a lower CPU; with lockcheck=off, two migration
# threads of a pair lock the same two runqueues in opposite orders.
RO=(--expect "^LOCKCHECK: 'runqueue' locks taken out of order \(the rule: lower CPU first\): cpu ([0-9]+) holds #[0-9]+, takes #[0-9]+" \
	--expect '^  holding #[0-9]+, taken at (migrate_one|double_rq_lock)\+' \
	--expect '^  taking #[0-9]+ at (migrate_one|double_rq_lock)\+')
boot_check museum-rq-order-on 0 40 --until 'another CPU taking the same two' "${RO[@]}" \
	-- "${W4[@]}" -append "bug=rq-order panic=-1"
boot_check museum-rq-order-panic 1 40 "${RO[@]}" \
	--expect "^PANIC: LOCKCHECK: lock class 'runqueue' is nested out of order" \
	-- "${W4[@]}" -append "bug=rq-order lockcheck=panic panic=-1"
boot_check museum-rq-order-off 1 60 --expect '^WATCHDOG: hard lockup on cpus [0-9,-]+ \(no timer tick for 2 s' \
	--expect "^  cpu [0-9]+ spins on 'runqueue' #[0-9]+ for [0-9]+ s, wanted at (migrate_one|double_rq_lock)\+" \
	--expect '^    held by cpu [0-9]+, taken at (migrate_one|double_rq_lock)\+' \
	--expect '^PANIC: WATCHDOG: hard lockup' --refuse LOCKCHECK \
	-- "${W4[@]}" -append "bug=rq-order lockcheck=off watchdog=2 panic=-1"
