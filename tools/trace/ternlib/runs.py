# tools/trace/ternlib/runs.py - who ran on which CPU, from when to when.
#
# A run is the time between a `switch` that gives a CPU to a task and the
# next `switch` on that CPU, which takes it away.  Two runs per CPU are
# cut by the dump's edges:
#  - before the CPU's first switch, its prev was running: that run is
#    known to have started no later than the CPU's first event (its ring
#    may have lost older ones), so it starts there;
#  - after the CPU's last switch, its next keeps running: that run ends
#    at the dump's last event, so every lane reaches the end.
from typing import NamedTuple


class Run(NamedTuple):
    cpu: int
    task: object  # parse.Task
    start: int  # ns
    end: int  # ns
    start_line: int  # the switch that began it; 0: running when the CPU's record starts
    end_line: int  # the switch that ended it; 0: still running when the dump ends
    end_state: str  # that switch's prev_state; "" when still running

    def idle(self):
        return self.task.pid == 0


def by_cpu(events):
    """CPU -> that CPU's events, in dump order."""
    cpus = {}
    for ev in events:
        cpus.setdefault(ev.cpu, []).append(ev)
    return cpus


def first_task(events):
    """The task running when this CPU's record starts: the prev of its
    first switch or, on a CPU that never switched, its first tick's task."""
    for kind, key in (("switch", "prev"), ("tick", "task")):
        for ev in events:
            if ev.kind == kind:
                return ev.args[key]
    return None


def cpu_runs(cpu, events, dump_end):
    """The runs of one CPU, given its events in order."""
    runs = []
    task, start, start_line = first_task(events), events[0].ns, 0
    for ev in events:
        if ev.kind != "switch":
            continue
        if task is not None:
            runs.append(Run(cpu, task, start, max(start, ev.ns), start_line, ev.line,
                            ev.args["prev_state"]))
        task, start, start_line = ev.args["next"], ev.ns, ev.line
    if task is not None:
        runs.append(Run(cpu, task, start, max(dump_end, start), start_line, 0, ""))
    return runs


def all_runs(dump):
    """CPU -> list of Run, for every CPU that recorded an event."""
    return {cpu: cpu_runs(cpu, evs, dump.end())
            for cpu, evs in sorted(by_cpu(dump.events).items())}
