# tools/trace/ternlib/to_json.py - a dump as Chrome trace-event JSON.
#
# https://ui.perfetto.dev and chrome://tracing load this format.  The
# mapping (tools/trace/README.md has it as a table):
#   one process "Tern" (pid 0), one thread per CPU (tid = CPU number);
#   a complete slice (ph X) per run of a task, named PID:NAME, or "idle";
#   an instant (ph i) per event other than switch, named by the event;
#   a flow arrow (ph s -> ph f) from each wakeup to the task's next run,
#   and from each migrate to the task's next run on the target CPU.
# Times are microseconds (the format's unit), with ns precision.
import bisect
import json

from .parse import Task
from .runs import all_runs

PID = 0  # the one process all CPU tracks belong to


def us(ns):
    return round(ns / 1000.0, 3)


def plain(args):
    """Event args with tasks written PID:NAME, as in the dump."""
    return {k: str(v) if isinstance(v, Task) else v for k, v in args.items()}


def metadata(cpus):
    out = [{"ph": "M", "name": "process_name", "pid": PID, "args": {"name": "Tern"}}]
    for cpu in cpus:
        out.append({"ph": "M", "name": "thread_name", "pid": PID, "tid": cpu,
                    "args": {"name": "CPU %d" % cpu}})
        out.append({"ph": "M", "name": "thread_sort_index", "pid": PID, "tid": cpu,
                    "args": {"sort_index": cpu}})
    return out


def slice_of(run):
    args = {"pid": run.task.pid, "task": str(run.task)}
    if run.end_state:
        args["prev_state"] = run.end_state
    else:
        args["still_running"] = True  # at the end of the dump
    return {"ph": "X", "name": "idle" if run.idle() else str(run.task),
            "cat": "idle" if run.idle() else "task", "pid": PID, "tid": run.cpu,
            "ts": us(run.start), "dur": us(run.end - run.start), "args": args}


def instant_of(ev):
    return {"ph": "i", "s": "t", "name": ev.kind, "cat": "sched", "pid": PID,
            "tid": ev.cpu, "ts": us(ev.ns), "args": plain(ev.args)}


class RunIndex:
    """Finds a task's first run that a switch after a given line began."""

    def __init__(self, runs):
        self.starts = {}  # key -> ([start_line], [Run])
        for run in sorted(runs, key=lambda r: r.start_line):
            for key in (run.task, (run.task, run.cpu)):
                lines, found = self.starts.setdefault(key, ([], []))
                lines.append(run.start_line)
                found.append(run)

    def next_run(self, key, after_line):
        lines, found = self.starts.get(key, ([], []))
        i = bisect.bisect_right(lines, after_line)
        return found[i] if i < len(found) else None


def flows(dump, index):
    """Arrow pairs: wakeup -> next run, migrate -> next run on `to`."""
    out = []
    for ev in dump.events:
        if ev.kind == "wakeup":
            run = index.next_run(ev.args["task"], ev.line)
        elif ev.kind == "migrate" and ev.args["from"] != ev.args["to"]:
            run = index.next_run((ev.args["task"], ev.args["to"]), ev.line)
        else:
            continue
        if run is None:
            continue  # the dump ended first
        fid = len(out) // 2 + 1
        common = {"name": ev.kind, "cat": "flow", "id": fid, "pid": PID}
        out.append(dict(common, ph="s", tid=ev.cpu, ts=us(ev.ns)))
        out.append(dict(common, ph="f", bp="e", tid=run.cpu, ts=us(run.start)))
    return out


def trace_events(dump):
    runs = [r for rs in all_runs(dump).values() for r in rs]
    cpus = sorted(set(range(dump.cpus)) | {ev.cpu for ev in dump.events})
    out = metadata(cpus)
    out += [slice_of(r) for r in runs]
    out += [instant_of(ev) for ev in dump.events if ev.kind != "switch"]
    out += flows(dump, RunIndex(r for r in runs if r.start_line))
    return out


def to_json(dump, f):
    """Write the JSON document to an open text file."""
    other = {"source": "Tern trace dump (docs/trace.md)", "cpus": dump.cpus,
             "events": len(dump.events), "lost": dump.lost,
             "begin_line": dump.begin_line, "end_line": dump.end_line}
    # One event per line: big traces stay greppable and diffable.
    f.write('{"displayTimeUnit": "ns", "otherData": %s,\n"traceEvents": [\n'
            % json.dumps(other))
    f.write(",\n".join(json.dumps(e, separators=(",", ":")) for e in trace_events(dump)))
    f.write("\n]}\n")
