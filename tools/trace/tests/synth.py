# tools/trace/tests/synth.py - trace dumps made up in code for the tests.
#
# GOOD is a small correct story on 4 CPUs: init wakes ping on CPU 0, ping
# and pong wake each other across CPUs 0 and 1 (with resched IPIs), a hog
# runs on CPU 2 and creates a worker that idle CPU 3's load balancer pulls
# over, the worker prints, waits on a lock and exits, and the hog is sent
# to CPU 1 by the migration thread of CPU 2.  Each broken dump of the
# tests is GOOD with one thing changed.
B = 1000000  # ns: the story starts 1 ms after boot

GOOD = [
    (0, 0, "wakeup task=2:ping target=0 from=0 preempt=1"),
    (50, 2, "tick task=4:hog"),
    (100, 0, "switch prev=1:init prev_state=S next=2:ping"),
    (200, 0, "wakeup task=3:pong target=1 from=0 preempt=1"),
    (205, 0, "ipi_send to=1 kind=resched"),
    (210, 1, "ipi_recv kind=resched"),
    (220, 1, "switch prev=0:idle/1 prev_state=R next=3:pong"),
    (300, 0, "switch prev=2:ping prev_state=S next=0:idle/0"),
    (400, 1, "wakeup task=2:ping target=0 from=1 preempt=1"),
    (410, 1, "ipi_send to=0 kind=resched"),
    (420, 0, "ipi_recv kind=resched"),
    (430, 0, "switch prev=0:idle/0 prev_state=R next=2:ping"),
    (500, 1, "switch prev=3:pong prev_state=S next=0:idle/1"),
    (600, 2, "create task=7:worker"),
    (610, 2, "wakeup task=7:worker target=2 from=2 preempt=0"),
    (1000, 2, "tick task=4:hog"),
    (1100, 3, "balance busiest=2 imbalance=1 pulled=1 idle=1"),
    (1100, 3, "migrate task=7:worker from=2 to=3 reason=balance"),
    (1150, 3, "switch prev=0:idle/3 prev_state=R next=7:worker"),
    (1200, 3, "print text=worker started, pid=7 (x=y)"),
    (1300, 3, "lock_wait class=rq_lock wait_ns=1500"),
    (1500, 3, "exit task=7:worker"),
    (1510, 3, "switch prev=7:worker prev_state=X next=0:idle/3"),
    (1590, 0, "wakeup task=1:init target=0 from=0 preempt=1"),
    (1600, 0, "switch prev=2:ping prev_state=R next=1:init"),
    (1700, 0, "migq_queue task=4:hog rq=2"),
    (1720, 2, "switch prev=4:hog prev_state=R next=5:migration/2"),
    (1730, 2, "migq_serve task=4:hog"),
    (1740, 2, "migrate task=4:hog from=2 to=1 reason=affinity"),
    (1745, 2, "ipi_send to=1 kind=resched"),
    (1750, 2, "switch prev=5:migration/2 prev_state=S next=0:idle/2"),
    (1760, 1, "ipi_recv kind=resched"),
    (1770, 1, "switch prev=0:idle/1 prev_state=R next=4:hog"),
    (2000, 1, "tick task=4:hog"),
]

# What GOOD must turn into (counted by hand from the story above).
GOOD_CPUS = 4
GOOD_RUNS = 15  # 5 on CPU 0, 4 on CPU 1, 3 on CPU 2, 3 on CPU 3, idle ones included
GOOD_FLOWS = 7  # 5 wakeups and 2 migrations, each followed by a run
GOOD_TASKS = ["1:init", "2:ping", "3:pong", "4:hog", "5:migration/2", "7:worker"]


def dump_text(events, cpus=GOOD_CPUS, switches=None, declared=None, base=B):
    """The dump as the kernel prints it.  The per-CPU switch counts and
    the event count are right unless switches ({cpu: n}) or declared say
    otherwise.  Events stay in the order given."""
    counted = {cpu: 0 for cpu in range(cpus)}
    for _, cpu, text in events:
        if text.startswith("switch "):
            counted[cpu] = counted.get(cpu, 0) + 1
    lines = ["trace: begin cpus=%d events=%d lost=0"
             % (cpus, len(events) if declared is None else declared)]
    lines += ["%12d %d %s" % (base + ns, cpu, text) for ns, cpu, text in events]
    for cpu, n in sorted(counted.items()):
        s = (switches or {}).get(cpu, n)
        lines.append("trace: cpu %d switches=%d recorded=%d lost=0" % (cpu, s, n))
    lines.append("trace: end")
    return "\n".join(lines) + "\n"


def edited(events, old, new):
    """events with the one that is `old` (its text, or (ns, cpu, text))
    changed to `new` (the same); new None drops it."""
    out, hits = [], 0
    for ev in events:
        if old in (ev, ev[2]):
            hits += 1
            if new is not None:
                out.append(new if isinstance(new, tuple) else (ev[0], ev[1], new))
        else:
            out.append(ev)
    assert hits == 1, "synth.edited: %r matches %d events" % (old, hits)
    return out


def ping_pong(n_events, cpus=4):
    """A long, correct dump: pairs of tasks switching on each CPU."""
    events, t, seed = [], 0, 1
    cur = {cpu: "0:idle/%d" % cpu for cpu in range(cpus)}
    while len(events) < n_events:
        for cpu in range(cpus):
            nxt = "%d:ping%d" % (10 + cpu, cpu) if cur[cpu] != "%d:ping%d" % (10 + cpu, cpu) \
                else "%d:pong%d" % (20 + cpu, cpu)
            events.append((t, cpu, "switch prev=%s prev_state=S next=%s" % (cur[cpu], nxt)))
            cur[cpu] = nxt
            seed = (seed * 1103515245 + 12345) % 2 ** 31
            t += 1 + seed % 20000  # uneven run lengths, most far below a pixel
    return events
