# tools/trace/ternlib/rqlen.py - each CPU's runqueue length over time.
#
# The kernel does not record nr_running; it is rebuilt from the events
# that change it, in time order over all CPUs:
#  - `wakeup task target`: the task is runnable, on CPU target;
#  - `migrate task from to`: a runnable task moves to CPU to;
#  - `switch prev prev_state next`: next runs, so it is runnable on this
#    CPU; prev stays runnable only if prev_state is R (preempted or
#    yielding), otherwise (S, D: asleep; X: dead) it leaves the runqueue;
#  - `tick task` (trace_ticks=1): the task runs here, so it is runnable;
#  - `exit task`: the task is gone.
# A CPU's length counts its running task and its queued ones, as
# rq->nr_running does; idle tasks (pid 0) are not counted.  A task that
# was runnable before the dump starts and never appears is missed, so the
# lengths are a lower bound until each task's first event.
#
# The output is a table for gnuplot: one row per event that changed a
# length, `MS CPU0 CPU1 ...`, MS the milliseconds since the dump's first
# event.

def lengths(dump):
    """[(ns, [length of CPU 0, CPU 1, ...]), ...]: the lengths after each
    event that changed one, in time order."""
    where = {}  # pid -> the CPU whose runqueue holds it
    ncpus = max([dump.cpus] + [ev.cpu + 1 for ev in dump.events])
    count = [0] * ncpus
    rows = []

    def put(pid, cpu):
        """pid is runnable on cpu (None: not runnable)."""
        old = where.pop(pid, None)
        if old is not None:
            count[old] -= 1
        if cpu is not None and 0 <= cpu < ncpus:
            where[pid] = cpu
            count[cpu] += 1

    # sorted() is stable: events at the same ns keep their dump order.
    for ev in sorted(dump.events, key=lambda e: e.ns):
        a = ev.args
        before = list(count)
        if ev.kind == "wakeup":
            put(a["task"].pid, a["target"])
        elif ev.kind == "migrate" and a["task"].pid in where:
            put(a["task"].pid, a["to"])
        elif ev.kind == "switch":
            if a["prev"].pid and a["prev_state"] != "R":
                put(a["prev"].pid, None)
            elif a["prev"].pid:
                put(a["prev"].pid, ev.cpu)
            if a["next"].pid:
                put(a["next"].pid, ev.cpu)
        elif ev.kind == "tick" and a["task"].pid:
            put(a["task"].pid, ev.cpu)
        elif ev.kind == "exit":
            put(a["task"].pid, None)
        if count != before:
            rows.append((ev.ns, list(count)))
    return rows


def to_rqlen(dump, out):
    """Write the lengths as a gnuplot table (see the top of the file)."""
    start = dump.start()
    ncpus = max([dump.cpus] + [ev.cpu + 1 for ev in dump.events])
    out.write("# ms %s\n" % " ".join("cpu%d" % c for c in range(ncpus)))
    for ns, count in lengths(dump):
        out.write("%.3f %s\n" % ((ns - start) / 1e6, " ".join(map(str, count))))
