# tools/gdb/test_step.py - the stepping test, run inside gdb by test-step.sh.
#
# What a student does in `make gdb`, many times over: stop in the
# scheduler's hot functions and in the timer interrupt's entry code on
# several CPUs, with the other CPUs running CPU hogs, and step around with
# `step`, `next`, `stepi` and `finish`; then let the kernel run and ask it
# whether it is still healthy.  Also Ctrl-C during `continue`, three times.
#
# gdb has sourced tools/gdb/tern.gdb, tern.py and testlib.py (run, cont_for,
# type_line, out) and is connected.  The environment gives TERN_SERIAL_IN
# (a FIFO: bytes written there are typed at the monitor shell) and
# TERN_STEPS (commands per stopping place).  The results go to stdout as
# lines the shell script checks:
#   @@ stop NAME thread N            where gdb stopped
#   @@ steps NAME ok=K errors=E waited=W
#   @@ signal SIG                     a stop gdb reported as a signal
#   @@ done                           the end was reached
import os

import gdb

STEPS = int(os.environ.get("TERN_STEPS", "50"))
# A command that takes longer than this is interrupted (SIGINT to gdb, as
# Ctrl-C would): a `next` over a sleep can wait for a long time.
PATIENCE = float(os.environ.get("TERN_PATIENCE", "5"))


def stop_at(name, where, thread):
    """Break at `where` on gdb thread `thread` (or any CPU when None),
    continue until it hits, and remove the breakpoint."""
    run("delete", 10)
    run("hbreak %s%s" % (where, " thread %d" % thread if thread else ""), 10)
    ok, waited = run("continue", 120)
    run("delete", 10)
    t = gdb.selected_thread()
    frame = gdb.selected_frame()
    out("@@ stop %s thread %d in %s" % (name, t.num, frame.name() or "??"))
    return ok and not waited


# The mix a student uses: mostly next and step, some stepi, now and then
# finish to get out of a function.
MIX = ["next", "step", "next", "stepi", "step", "next", "stepi", "finish"]
# Functions that never return: a student does not `finish` out of them,
# and `next` in a hog's one-line busy loop never reaches another line.
FOREVER = {"cpu_hog", "cpu_idle", "migration_thread", "kthread_entry", "init_thread", "monitor_run", "smp_secondary_start"}


def adapt(cmd):
    """What a sensible student would type instead of cmd, here."""
    f = gdb.selected_frame()
    name = f.name()
    if name == "cpu_hog" and cmd in ("next", "step"):
        return "stepi"
    if cmd == "finish" and (name in FOREVER or f.type() == gdb.SIGTRAMP_FRAME or f.older() is None):
        return "next"
    return cmd


def step_around(name):
    ok = errors = waited = 0
    for i in range(STEPS):
        good, w = run(adapt(MIX[i % len(MIX)]), PATIENCE)
        ok += good
        errors += not good and not w
        waited += w
    out("@@ steps %s ok=%d errors=%d waited=%d" % (name, ok, errors, waited))


def ticking_thread(prefer, avoid=()):
    """(cpu, gdb thread number) of a busy CPU whose tick runs now, for a
    breakpoint in the tick: an idle CPU stops its tick (nohz,
    kernel/nohz.c) and would never get there, or stop ticking while
    stepped.  CPU `prefer` if it ticks, else another one not
    in `avoid`, else CPU 0, which always ticks."""
    threads = cpu_threads()  # noqa: F821 - from tern.py

    def ticks(c):  # and will go on ticking: busy, not idling
        busy = "runqueues[%d].curr != runqueues[%d].idle" % (c, c)
        stopped = "cpu_data[%d].tick_stopped" % c
        return bool(gdb.parse_and_eval(busy)) and not int(gdb.parse_and_eval(stopped))

    order = [prefer] + sorted(c for c in threads if c not in (prefer, 0))
    for c in order:
        if c in threads and c not in avoid and ticks(c):
            return c, threads[c].num
    return 0, threads[0].num if 0 in threads else 1


def main():
    gdb.execute("hbreak monitor_run", to_string=True)
    run("continue", 120)
    gdb.execute("delete")
    cpus = len(online_cpus())  # noqa: F821 - from tern.py
    out("@@ booted %d cpus" % cpus)
    # Work for every CPU: hogs (the load balancer spreads them), then a
    # stream of pin requests that keeps the migration threads busy.
    hogs = max(2, cpus if cpus <= 4 else cpus // 2)
    type_line("spin %d" % hogs)
    cont_for(2)
    # (name, where to break, on which gdb thread: None = whichever CPU
    # gets there first).  The periodic ones on a chosen CPU, as in
    # docs/gdb.md; the others on any CPU, so that no CPU has to be
    # stepped over a breakpoint meant for another one again and again.
    # The tick's places are chosen among the CPUs that tick when we get
    # there (ticking_thread()), CPU 2, 1 and 3 preferred.
    places = [
        ("scheduler_tick", "scheduler_tick", ("tick", 2)),
        ("schedule", "schedule", None),
        ("try_to_wake_up", "try_to_wake_up", None),
        ("load_balance", "load_balance", None),
        ("migration_thread", "migrate_one", None),
        ("timer_entry", "isr_stub_239", ("tick", 1)),  # VEC_TIMER, 0xef (lapic.h)
        ("scheduler_tick_again", "scheduler_tick", ("tick", 3)),
    ]
    used = set()
    for name, where, thread in places:
        if thread is not None:
            cpu = min(thread[1], cpus - 1)
            cpu, thread = ticking_thread(cpu, used)
            used.add(cpu)
        if name == "try_to_wake_up":
            # a wake-up: the shell sleeps until a key arrives
            type_line("uptime")
        if name == "migration_thread":
            # requests for the migration threads to serve: hog/0 pinned
            # to one CPU after another (the monitor's pin)
            for i in range(10):
                type_line("pin hog/0 %d" % ((i % (cpus - 1)) + 1))
        if stop_at(name, where, thread):
            step_around(name)
        else:
            out("@@ nostop %s" % name)
    gdb.execute("delete")
    out("@@ check")
    gdb.execute("tern check")
    # The kernel, running again, checks itself and answers the shell.
    type_line("check")
    type_line("ps")
    got = cont_for(3)
    out("@@ ctrl-c 1 %s" % ",".join(got))
    got = cont_for(1)
    out("@@ ctrl-c 2 %s" % ",".join(got))
    type_line("stop")
    type_line("check")
    got = cont_for(3)
    out("@@ ctrl-c 3 %s" % ",".join(got))
    out("@@ done")


main()
