# tools/trace/ternlib/summary.py - a small table of what each CPU did.
#
# Busy % is the share of the CPU's known time (from its first event to the
# end of the dump) that a task other than its idle task ran.
from .runs import all_runs

TOP = 3  # tasks named per CPU


def pct(part, whole):
    return "%5.1f%%" % (100.0 * part / whole) if whole else "    -"


def counts(dump):
    """(CPU, what) -> how many: switches, migrations in and out."""
    n = {}
    for ev in dump.events:
        keys = []
        if ev.kind == "switch":
            keys = [(ev.cpu, "switch")]
        elif ev.kind == "migrate" and ev.args["from"] != ev.args["to"]:
            keys = [(ev.args["to"], "in"), (ev.args["from"], "out")]
        for k in keys:
            n[k] = n.get(k, 0) + 1
    return n


def cpu_row(cpu, runs, n):
    span = sum(r.end - r.start for r in runs)
    per_task = {}
    for r in runs:
        if not r.idle():
            per_task[r.task] = per_task.get(r.task, 0) + r.end - r.start
    busy = sum(per_task.values())
    top = sorted(per_task.items(), key=lambda kv: -kv[1])[:TOP]
    tops = ", ".join("%s %s" % (t, pct(ns, span).strip()) for t, ns in top) or ("(idle)" if runs else "(not known)")
    return "%4d  %s  %8d  %6d  %7d  %s" % (cpu, pct(busy, span), n.get((cpu, "switch"), 0),
                                          n.get((cpu, "in"), 0), n.get((cpu, "out"), 0), tops)


def overall(runs_by_cpu):
    """The tasks that ran longest, on all CPUs together."""
    per_task = {}
    for runs in runs_by_cpu.values():
        for r in runs:
            if not r.idle():
                ns, cpus = per_task.get(r.task, (0, set()))
                per_task[r.task] = (ns + r.end - r.start, cpus | {r.cpu})
    top = sorted(per_task.items(), key=lambda kv: -kv[1][0])[:2 * TOP]
    return ["  %-24s %10.3f ms on CPU %s" % (t, ns / 1e6, ",".join(map(str, sorted(cpus))))
            for t, (ns, cpus) in top]


def summary(dump, out):
    runs_by_cpu = all_runs(dump)
    out.write("dump: lines %d-%d, %d CPUs, %d events over %.3f ms, %d lost\n"
              % (dump.begin_line, dump.end_line, dump.cpus, len(dump.events),
                 (dump.end() - dump.start()) / 1e6, dump.lost))
    out.write(" CPU   busy  switches  mig in  mig out  top tasks by run time (% of the CPU)\n")
    n = counts(dump)
    for cpu in range(max([dump.cpus - 1] + list(runs_by_cpu)) + 1):
        out.write(cpu_row(cpu, runs_by_cpu.get(cpu, []), n) + "\n")
    out.write("longest running tasks:\n")
    for line in overall(runs_by_cpu) or ["  (none but idle)"]:
        out.write(line + "\n")
