# tools/gdb/replay-migration-irq.gdb - the 2002 deadlock, stopped just
# before it happens (docs/ia64.md, "The 2002 bug on its home architecture").
#
# For a kernel booted with `bug=migration-irq lockcheck=off`: stop at the
# moment a timer interrupt's scheduler_tick() calls rq_lock() for the
# runqueue whose lock the code it interrupted - migrate_one(), which took
# it with interrupts on - already holds on this same CPU.  The next few
# bundles (rq_lock -> spin_lock_at) take a ticket and spin on it for ever.
# On the IA-64 simulator one seed gives the same stop every time: the same
# CPU, the same ITC, the same jiffies.
#
#   make gdb ARCH=ia64 SMP=4 CMDLINE="bug=migration-irq lockcheck=off"
#   (gdb) source tools/gdb/replay-migration-irq.gdb
#
# $_thread is gdb's thread number, CPU number + 1 on Tern's targets.
break rq_lock if $_caller_is("scheduler_tick") && rq->lock.holder_cpu == $_thread - 1
continue
echo \n--- stopped: the CPU, its cycle counter, and the tick count\n
printf "cpu %d, itc %llu, jiffies %llu\n", $_thread - 1, $itc, jiffies
echo \n--- where: the timer interrupt's scheduler_tick, about to lock\n
bt 4
x/3i $pc
echo \n--- who holds that lock: this CPU, in the code it interrupted\n
tern locks
echo \n--- what each CPU did last (kernel/trace.c's rings, docs/trace.md)\n
tern trace 6
