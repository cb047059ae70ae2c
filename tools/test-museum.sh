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
# watchdog_panic=0, and the test ends the lockup itself.
W4=("${QEMU_COMMON[@]}" -smp 4 "${K[@]}")
WH=(--expect '^WATCHDOG: hard lockup on cpus 2,3 \(no timer tick for 2 s' \
	--expect '^  cpu 2 at spin_wait\+' --expect '^  cpu 2 spins on .stuck_lock. for [0-9]+ s, wanted at want_irqs_off\+' \
	--expect '^    held by cpu 3, taken at hold_irqs_off\+' \
	--expect '^  cpu 3 at hold_irqs_off\+' --expect '^  cpu 3 holds 1 lock:' \
	--expect "^    'stuck_lock', taken at hold_irqs_off\+")
boot_check watchdog-hard 1 40 "${WH[@]}" --expect '^PANIC: WATCHDOG: hard lockup on cpus 2,3' \
	-- "${W4[@]}" -append "ktest=watchdog_hard_lockup watchdog=2 panic=-1"
boot_check watchdog-hard-goes-on 0 40 "${WH[@]}" --expect 'PASS watchdog_hard_lockup' --refuse PANIC \
	-- "${W4[@]}" -append "ktest=watchdog_hard_lockup watchdog=2 watchdog_panic=0 panic=-1"
WS=(--expect '^WATCHDOG: soft lockup on cpu 3 \(has not scheduled for 2 s\)' \
	--expect 'spin_preempt_off\+')
boot_check watchdog-soft 1 40 "${WS[@]}" --expect '^PANIC: WATCHDOG: soft lockup on cpu 3' \
	-- "${W4[@]}" -append "ktest=watchdog_soft_lockup watchdog=2 panic=-1"
boot_check watchdog-soft-goes-on 0 40 "${WS[@]}" --expect 'PASS watchdog_soft_lockup' --refuse PANIC \
	-- "${W4[@]}" -append "ktest=watchdog_soft_lockup watchdog=2 watchdog_panic=0 panic=-1"
WT=(--expect "^WATCHDOG: hung task 'wd-sleeper' \(pid [0-9]+\) asleep for [4-9] s on cpu 3" \
	--expect '^  \[<[0-9a-f]+>\] wait_for_completion\+' --expect '^  \[<[0-9a-f]+>\] sleep_forever\+')
boot_check watchdog-hung 1 40 "${WT[@]}" --expect "^PANIC: WATCHDOG: hung task 'wd-sleeper'" \
	-- "${W4[@]}" -append "ktest=watchdog_hung_task watchdog=2 panic=-1"
boot_check watchdog-hung-goes-on 0 40 "${WT[@]}" --expect 'PASS watchdog_hung_task' --refuse PANIC \
	-- "${W4[@]}" -append "ktest=watchdog_hung_task watchdog=2 watchdog_panic=0 panic=-1"
boot_check watchdog-bad 0 20 \
	--expect 'watchdog=soon' --expect 'boot: ready in [0-9]+ ms' \
	-- "${S1[@]}" "${K[@]}" -append "watchdog=soon poweroff"
