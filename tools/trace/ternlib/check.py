# tools/trace/ternlib/check.py - the truths every correct dump holds.
#
# Each check is a function that returns a list of problems: (line, text),
# where text says, for a student, what was expected and what was seen.
# `line` is the input line to look at (0 if there is none).  Notes are
# things worth knowing that are not wrong.
from .runs import all_runs, by_cpu

SHOW = 5  # problems shown per check; the rest are counted


def ms(ns):
    return "%.6f ms" % (ns / 1e6)


def check_cpu_count(dump, want, notes):
    if want is None or dump.cpus == want:
        return []
    return [(dump.begin_line, "expected a dump of %d CPUs (--cpus %d), but the begin line says cpus=%d."
             % (want, want, dump.cpus))]


def check_lanes(dump, want, notes):
    seen, out = set(), []
    for ev in dump.events:
        if ev.cpu >= dump.cpus and ev.cpu not in seen:
            out.append((ev.line, "an event on CPU %d, but the begin line (line %d) says there are %d CPUs (0-%d)."
                        % (ev.cpu, dump.begin_line, dump.cpus, dump.cpus - 1)))
        seen.add(ev.cpu)
    for cpu in range(dump.cpus):
        if cpu not in seen:
            out.append((dump.begin_line, "CPU %d recorded no event at all: expected each of the %d CPUs to "
                        "have a lane (did it come online? was tracing on there?)." % (cpu, dump.cpus)))
    return out


def check_time_order(dump, want, notes):
    out = []
    for cpu, evs in by_cpu(dump.events).items():
        for before, ev in zip(evs, evs[1:]):
            if ev.ns < before.ns:
                out.append((ev.line, "time goes backwards on CPU %d: this event is at %d ns, but the one "
                            "before it on that CPU (line %d) is at %d ns; a CPU's clock only moves forward."
                            % (cpu, ev.ns, before.line, before.ns)))
    return out


def check_switch_chain(dump, want, notes):
    out = []
    for cpu, evs in by_cpu(dump.events).items():
        last = None
        for ev in (e for e in evs if e.kind == "switch"):
            if last and ev.args["prev"] != last.args["next"]:
                out.append((ev.line, "CPU %d switches away from %s (prev=), but its switch before (line %d) "
                            "gave the CPU to %s (next=): expected prev to be the task that was running."
                            % (cpu, ev.args["prev"], last.line, last.args["next"])))
            last = ev
    return out


def where_it_starts(run):
    if run.start_line:
        return "CPU %d switched to it at line %d (%s)" % (run.cpu, run.start_line, ms(run.start))
    return "it was running on CPU %d when that CPU's record starts (%s)" % (run.cpu, ms(run.start))


def where_it_ends(run):
    if run.end_line:
        return "CPU %d did not switch away from it until line %d (%s)" % (run.cpu, run.end_line, ms(run.end))
    return "it was still running there at CPU %d's last event (%s)" % (run.cpu, ms(run.end))


def check_one_cpu_at_a_time(dump, want, notes):
    """No task but the idle tasks (PID 0) runs on two CPUs at once.  A run
    still going at the end counts only up to its CPU's own last event:
    CPUs stop tracing one by one, so later than that nothing is known."""
    last_ns = {cpu: evs[-1].ns for cpu, evs in by_cpu(dump.events).items()}
    per_task = {}
    for runs in all_runs(dump).values():
        for r in runs:
            if not r.idle():
                r = r._replace(end=r.end if r.end_line else max(r.start, last_ns[r.cpu]))
                per_task.setdefault(r.task, []).append(r)
    out = []
    for task, runs in per_task.items():
        runs.sort(key=lambda r: (r.start, r.start_line))
        longest = runs[0]  # the run seen so far that ends last
        for r in runs[1:]:
            if r.start < longest.end and r.cpu != longest.cpu:
                out.append((r.start_line or longest.start_line,
                            "task %s runs on two CPUs at once: %s and %s, but meanwhile %s; a task "
                            "can run on only one CPU at a time."
                            % (task, where_it_starts(longest), where_it_ends(longest), where_it_starts(r))))
            if r.end > longest.end:
                longest = r
    return out


def task_story(dump):
    """Task -> its switch-ins, migrates and exit, in dump order."""
    story = {}
    for ev in dump.events:
        if ev.kind == "switch":
            story.setdefault(ev.args["next"], []).append(ev)
        elif ev.kind in ("migrate", "exit"):
            story.setdefault(ev.args["task"], []).append(ev)
    return story


def check_migrations(dump, want, notes):
    out, unfinished = [], {"the dump ended": 0, "it migrated again": 0, "it exited": 0}
    for task, story in task_story(dump).items():
        for ev, after in zip(story, story[1:] + [None]):
            if ev.kind != "migrate" or ev.args["from"] == ev.args["to"]:
                continue
            to = ev.args["to"]
            if after is None:
                unfinished["the dump ended"] += 1
            elif after.kind != "switch":
                unfinished["it migrated again" if after.kind == "migrate" else "it exited"] += 1
            elif after.cpu != to:
                out.append((ev.line, "%s was migrated from CPU %d to CPU %d (reason=%s), so it should next "
                            "run on CPU %d, but the next time it ran was on CPU %d (line %d)."
                            % (task, ev.args["from"], to, ev.args["reason"], to, after.cpu, after.line)))
    why = ", ".join("%d because %s" % (n, w) for w, n in unfinished.items() if n)
    if why:
        notes.append("%d migrations were not followed by a run on the target CPU, which is fine: %s."
                     % (sum(unfinished.values()), why))
    return out


def check_switch_counts(dump, want, notes):
    counted, out = {}, []
    for ev in dump.events:
        if ev.kind == "switch":
            counted[ev.cpu] = counted.get(ev.cpu, 0) + 1
    for cpu in range(dump.cpus):
        if cpu not in dump.cpu_lines:
            out.append((dump.end_line, "there is no `trace: cpu %d ...` line before `trace: end`: expected "
                        "one per CPU." % cpu))
    for cpu, c in sorted(dump.cpu_lines.items()):
        n = counted.get(cpu, 0)
        if c.recorded != n:
            out.append((c.line, "CPU %d says recorded=%d, but the dump holds %d switch events of CPU %d."
                        % (cpu, c.recorded, n, cpu)))
        if c.lost == 0 and c.switches != n:
            out.append((c.line, "the kernel counted %d context switches on CPU %d while tracing was on, but "
                        "the dump holds %d switch events of it and lost none (lost=0): expected every "
                        "switch recorded exactly once." % (c.switches, cpu, n)))
    return out


def check_event_count(dump, want, notes):
    out = [(line, "this line looks like an event but does not follow docs/trace.md: `%s`." % text)
           for line, text in dump.malformed]
    if dump.declared_events != len(dump.events):
        out.append((dump.begin_line, "the begin line says events=%d, but %d event lines follow it before "
                    "`trace: end` (line %d)." % (dump.declared_events, len(dump.events), dump.end_line)))
    return out


CHECKS = [
    ("cpu-count", check_cpu_count),
    ("lanes", check_lanes),
    ("time-order", check_time_order),
    ("switch-chain", check_switch_chain),
    ("one-cpu-at-a-time", check_one_cpu_at_a_time),
    ("migrations", check_migrations),
    ("switch-counts", check_switch_counts),
    ("event-count", check_event_count),
]


def run_checks(dump, want_cpus=None):
    """(name -> list of problems, notes) for every check."""
    notes, found = [], {}
    for name, fn in CHECKS:
        found[name] = fn(dump, want_cpus, notes)
    if dump.lost:
        notes.append("the kernel lost %d events (a ring was full): each CPU's record starts later." % dump.lost)
    if dump.dumps_seen > 1:
        notes.append("the input holds %d complete dumps; this is the last (lines %d-%d)."
                     % (dump.dumps_seen, dump.begin_line, dump.end_line))
    if dump.cut_off:
        notes.append("a dump starting at line %d never ends (cut off?); ignored." % dump.cut_off)
    return found, notes


def report(dump, want_cpus, out):
    """Print the verdict to `out`; return the exit status (0: all hold)."""
    found, notes = run_checks(dump, want_cpus)
    for name, problems in found.items():
        for line, text in problems[:SHOW]:
            out.write("FAIL %s: %s%s\n" % (name, "line %d: " % line if line else "", text))
        if len(problems) > SHOW:
            out.write("FAIL %s: ... and %d more like these\n" % (name, len(problems) - SHOW))
    for note in notes:
        out.write("note: %s\n" % note)
    bad = [name for name, problems in found.items() if problems]
    if bad:
        out.write("check: %d of %d checks failed (%s)\n" % (len(bad), len(found), ", ".join(bad)))
        return 1
    switches = sum(1 for ev in dump.events if ev.kind == "switch")
    migrates = sum(1 for ev in dump.events if ev.kind == "migrate")
    out.write("check: all %d checks hold: %d CPUs, %d events, %d switches, %d migrations (lines %d-%d)\n"
              % (len(found), dump.cpus, len(dump.events), switches, migrates, dump.begin_line, dump.end_line))
    return 0
