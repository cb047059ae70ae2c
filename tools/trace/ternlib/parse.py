# tools/trace/ternlib/parse.py - read a trace dump out of a console log.
#
# The format is fixed in docs/trace.md.  The input may be a whole serial
# log: anything that is not a dump line (console noise, `tern> ` prompts,
# carriage returns) is skipped.  A log may hold several dumps; the last
# complete one (`trace: begin` ... `trace: end`) is the one returned,
# because it is the newest thing the kernel said.
import re
from dataclasses import dataclass, field
from typing import NamedTuple


class TraceError(Exception):
    """The input holds no dump that can be used; the message says why."""


class Task(NamedTuple):
    pid: int
    name: str

    def __str__(self):
        return "%d:%s" % (self.pid, self.name)


class Event(NamedTuple):
    line: int  # line number in the input, from 1, for messages
    ns: int  # nanoseconds since boot
    cpu: int  # the CPU that recorded it
    kind: str  # "switch", "wakeup", ...
    args: dict  # key -> int, str or Task, in the kernel's key order


@dataclass
class CpuLine:
    """One `trace: cpu C switches=S recorded=R lost=L` line."""
    line: int
    switches: int
    recorded: int
    lost: int


@dataclass
class Dump:
    begin_line: int
    cpus: int  # from the begin line
    declared_events: int  # E of the begin line
    lost: int  # L of the begin line
    events: list = field(default_factory=list)
    cpu_lines: dict = field(default_factory=dict)  # CPU -> CpuLine
    malformed: list = field(default_factory=list)  # (line, text) of bad event lines
    end_line: int = 0
    dumps_seen: int = 0  # complete dumps in the whole input
    cut_off: int = 0  # begin line of an unfinished dump after this one

    # min and max, not first and last: a broken dump may go back in time.
    def start(self):
        return min((e.ns for e in self.events), default=0)

    def end(self):
        return max((e.ns for e in self.events), default=0)


# How each value is read.  A value that does not fit makes the line
# malformed, so a kernel that drifts from docs/trace.md is noticed.
TASK_RE = re.compile(r"(\d+):([^\s=]+)$")
NUM_RE = re.compile(r"-?\d+$")


def read_task(text):
    m = TASK_RE.match(text)
    return Task(int(m.group(1)), m.group(2)) if m else None


def read_num(text):
    return int(text) if NUM_RE.match(text) else None


def one_of(*words):
    return lambda text: text if text in words else None


def read_flag(text):
    return int(text) if text in ("0", "1") else None


def read_name(text):
    return text if text and "=" not in text else None


# The keys of each event, in the order the kernel writes them.
EVENT_KEYS = {
    "switch": [("prev", read_task), ("prev_state", one_of("R", "S", "D", "X")),
               ("next", read_task)],
    "wakeup": [("task", read_task), ("target", read_num), ("from", read_num),
               ("preempt", read_flag)],
    "migrate": [("task", read_task), ("from", read_num), ("to", read_num),
                ("reason", one_of("balance", "affinity", "wakeup"))],
    "balance": [("busiest", read_num), ("imbalance", read_num),
                ("pulled", read_num), ("idle", read_flag)],
    "tick": [("task", read_task)],
    "ipi_send": [("to", read_num), ("kind", one_of("resched", "call", "stop"))],
    "ipi_recv": [("kind", one_of("resched", "call", "stop"))],
    "lock_wait": [("class", read_name), ("wait_ns", read_num)],
    "migq_queue": [("task", read_task), ("rq", read_num)],
    "migq_serve": [("task", read_task)],
    "create": [("task", read_task)],
    "exit": [("task", read_task)],
}

EVENT_RE = re.compile(r"\s*(\d+) +(\d+) +([a-z_]+)(?: +(.*))?$")
BEGIN_RE = re.compile(r"trace: begin cpus=(\d+) events=(\d+) lost=(\d+)\s*$")
CPU_RE = re.compile(r"trace: cpu (\d+) switches=(\d+) recorded=(\d+) lost=(\d+)\s*$")
END_RE = re.compile(r"trace: end\s*$")
# Carriage returns, printk's level marks (\001 and a digit, harmless before
# the `trace:` lines, which are searched for) and the line's own newline.
CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def parse_args(kind, rest):
    """The key=value part of an event line as a dict, or None if it does
    not match what docs/trace.md says this event carries."""
    if kind == "print":
        # The text runs to the end of the line, spaces and '=' included.
        return {"text": rest[5:]} if rest.startswith("text=") else None
    keys = EVENT_KEYS.get(kind)
    words = rest.split()
    if keys is None or len(words) != len(keys):
        return None
    args = {}
    for (key, read), word in zip(keys, words):
        name, eq, text = word.partition("=")
        value = read(text) if eq and name == key else None
        if value is None:
            return None
        args[key] = value
    return args


def parse_event(lineno, text):
    """An Event, None if the line is not an event line at all (noise), or
    False if it looks like one but does not parse (malformed)."""
    m = EVENT_RE.match(text)
    if not m:
        return None
    args = parse_args(m.group(3), m.group(4) or "")
    if args is None:
        return False
    return Event(lineno, int(m.group(1)), int(m.group(2)), m.group(3), args)


def parse(lines):
    """The last complete dump in an iterable of lines (a file, a list)."""
    dump, last, seen, broken = None, None, 0, None
    for lineno, raw in enumerate(lines, 1):
        text = CONTROL_RE.sub("", raw)
        m = BEGIN_RE.search(text)  # search: a prompt may precede it
        if m:
            if dump is not None:
                broken = dump.begin_line  # a dump that never ended
            dump = Dump(lineno, int(m.group(1)), int(m.group(2)), int(m.group(3)))
            continue
        if dump is None:
            continue
        if END_RE.search(text):
            dump.end_line = lineno
            last, dump, seen = dump, None, seen + 1
            continue
        m = CPU_RE.search(text)
        if m:
            cpu, s, r, lost = (int(g) for g in m.groups())
            dump.cpu_lines[cpu] = CpuLine(lineno, s, r, lost)
            continue
        ev = parse_event(lineno, text)
        if ev:
            dump.events.append(ev)
        elif ev is False:
            dump.malformed.append((lineno, text.strip()))
    if dump is not None:
        broken = dump.begin_line
        if last is not None:
            last.cut_off = broken
    if last is None:
        why = "no complete trace dump: expected a line `trace: begin cpus=N events=E lost=L`, the events, then `trace: end`"
        if broken:
            why += "; the dump that starts at line %d never reaches `trace: end` (cut off?)" % broken
        raise TraceError(why)
    last.dumps_seen = seen
    return last


def parse_file(path):
    """parse() on a file name; "-" is standard input."""
    if path == "-":
        import sys
        return parse(sys.stdin)
    with open(path, encoding="ascii", errors="replace") as f:
        return parse(f)
