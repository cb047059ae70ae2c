# tools/gdb/tern.py - Tern's gdb helpers: `tern <command>`.
#
# Loaded by `make gdb` (tools/gdb/run-gdb.sh); docs/gdb.md is the manual.
# Each command reads kernel data structures through gdb's Python API, so it
# works on a stopped or hung kernel alike - it never calls kernel code and
# never writes memory.
#
#   tern help          list the commands
#   tern dmesg         the kernel log buffer (everything printk said)
#   tern cpus          every online CPU: APIC id, current task, ticks, IPIs
#   tern ps            every task, the idle tasks too
#   tern rq [CPU]      one runqueue: lock, counters, both priority arrays
#   tern migq [CPU]    migration requests waiting, and the migration threads
#   tern locks [all]   the spinlocks that are held (all: every one gdb knows),
#                      then each CPU's held locks and the one it waits for
#   tern bt PID|NAME   the backtrace of a task, running or switched out
#   tern check         the scheduler's invariants, checked in memory
#   tern trace [N]     the trace rings (kernel/trace.c), the last N events of
#                      each CPU, in the text format of docs/trace.md
#
# Under QEMU, gdb's threads are the CPUs; a CPU is matched to its thread
# through the GS base register, which points at the CPU's struct cpu_data.
#
# The kernel structures this file reads, and where they are defined:
#   struct task (kernel/task.h), task_list (kernel/kthread.c),
#   struct runqueue / runqueues[] (kernel/sched.h), idle_tasks[] and
#   struct migration_req (kernel/sched.c), struct prio_array
#   (kernel/sched_prio.h), struct cpu_data / cpu_data[] (kernel/percpu.h),
#   spinlock_t and spin_held[] (kernel/spinlock.h), tsc_per_ms
#   (arch/x86/tsc.c), cpu_online_mask (kernel/smp.h),
#   log_buf / log_pos (kernel/printk.c), hal_context_switch
#   (arch/x86/switch.asm: what a switched-out stack looks like), the trace
#   rings and their names for IPIs and migrations (kernel/trace.c).
# Its numbers come from the kernel too, never copied: the enums (task
# states, policies) from the debug information, and what the kernel has
# only as a #define from kernel/debug_consts.c (see kconst()).
import re
import struct

import gdb

# How each task state (enum task_state, kernel/task.h) is shown: by the
# enumerator's name; its number comes from the debug information.
STATE_LETTERS = {"TASK_RUNNING": "R", "TASK_INTERRUPTIBLE": "S", "TASK_UNINTERRUPTIBLE": "D", "TASK_DEAD": "X"}
STATE_WORDS = {
    "TASK_RUNNING": "runnable",
    "TASK_INTERRUPTIBLE": "asleep",
    "TASK_UNINTERRUPTIBLE": "asleep (uninterruptible)",
    "TASK_DEAD": "dead (ended, not yet reaped)",
}
LIST_LIMIT = 100000  # longer than this, a list is taken to be a loop
BT_LIMIT = 64  # frames

# Locks that `tern locks` cannot find by itself.  It finds, on its own,
# every spinlock_t inside a global or file-static variable (runqueues[],
# cpu_data[], the timer bases, console_lock, heap_lock, ...); what it cannot
# see is a static variable inside a function, or a lock that is only
# reachable through a pointer.  Add a gdb expression for those here.
EXTRA_LOCKS = [
    "smp_call_function::broadcast_lock",
]


class TernError(Exception):
    """A problem to report to the user in one line (not a Python bug)."""


# --------------------------------------------------------------------------
# Reading memory


def val(expr):
    try:
        return gdb.parse_and_eval(expr)
    except gdb.error as e:
        raise TernError("cannot read %s: %s (is this Tern's tern.elf?)" % (expr, e))


def ttype(name):
    try:
        return gdb.lookup_type(name)
    except gdb.error:
        raise TernError("the kernel's debug info has no type %s" % name)


def addr_of(v):
    return int(v.address)


# --------------------------------------------------------------------------
# The kernel's constants, read from its debug information, never copied
# here: a #define leaves no trace there, so kernel/debug_consts.c keeps
# the ones needed as const objects (gdb_max_prio, ...); enumerators
# (TASK_DEAD, SCHED_FIFO, ...) gdb knows by themselves.  Read once per
# loaded kernel.

_consts = {}


def kconst(name):
    """The value of a kernel constant object or enumerator, as an int."""
    if name not in _consts:
        _consts[name] = int(val(name))
    return _consts[name]


def kenum(type_name, strip=""):
    """{value: name} of a kernel enum, each name without the prefix strip."""
    key = "enum " + type_name
    if key not in _consts:
        _consts[key] = {f.enumval: f.name[len(strip) :] if f.name.startswith(strip) else f.name for f in ttype(key).fields()}
    return _consts[key]


def kstrings(name, filename):
    """A file-static array of strings of the kernel (e.g. trace.c's names
    for the IPI kinds), as a Python list."""
    key = filename + "::" + name
    if key not in _consts:
        for sym in gdb.lookup_static_symbols(name):
            if sym.symtab and sym.symtab.filename.endswith(filename):
                arr = sym.value()
                lo, hi = arr.type.strip_typedefs().range()
                _consts[key] = [arr[i].string() for i in range(lo, hi + 1)]
                break
        else:
            raise TernError("the kernel's debug info has no %s in %s" % (name, filename))
    return _consts[key]


def state_letter(state, unknown=None):
    """A task state's letter in ps; `unknown` (default ?N) for a number that
    is no state."""
    return STATE_LETTERS.get(kenum("task_state").get(state), "?%d" % state if unknown is None else unknown)


def state_words(state):
    return STATE_WORDS.get(kenum("task_state").get(state), "in state %d" % state)


def policy_name(policy):
    return kenum("sched_policy", "SCHED_").get(policy, str(policy))


def _clear_consts(event=None):
    _consts.clear()


gdb.events.new_objfile.connect(_clear_consts)


def field_offset(type_, name):
    for f in type_.strip_typedefs().fields():
        if f.name == name:
            return f.bitpos // 8
    raise TernError("%s has no field %s" % (type_, name))


def read_u64(addr):
    mem = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(mem.tobytes(), "little")


def deref(ptr_int, type_):
    """The object of type_ at ptr_int, read from memory in one go."""
    v = gdb.Value(ptr_int).cast(type_.pointer()).dereference()
    v.fetch_lazy()
    return v


def nr_cpus():
    return int(val("sizeof(cpu_data)/sizeof(cpu_data[0])"))


def bits_of(words, nbits=None):
    """Set bits of a bitmap given as a gdb array of unsigned longs."""
    lo, hi = words.type.strip_typedefs().range()
    out = []
    for i in range(lo, hi + 1):
        w = int(words[i]) & 0xFFFFFFFFFFFFFFFF
        b = 0
        while w:
            if w & 1:
                n = (i - lo) * 64 + b
                if nbits is None or n < nbits:
                    out.append(n)
            w >>= 1
            b += 1
    return out


def cpulist(nums):
    """[0,1,2,3,8] -> "0-3,8" (Linux's cpulist form); "" when empty."""
    nums = sorted(nums)
    parts = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else "%d-%d" % (nums[i], nums[j]))
        i = j + 1
    return ",".join(parts)


def online_cpus():
    """CPU numbers in cpu_online_mask; before smp_boot_cpu_online()
    marks the boot CPU (kernel_main), the CPUs whose cpu_data has been
    filled in."""
    cpus = bits_of(val("cpu_online_mask")["bits"])
    if cpus:
        return cpus
    data = val("cpu_data")
    return [i for i in range(nr_cpus()) if int(data[i]["self"]) != 0]


def need_scheduler():
    """Refuse, in words, to read runqueues that sched_init() has not set
    up yet (before it, every list head is zero)."""
    if not bool(val("sched_running")):
        raise TernError("the scheduler is not initialised yet (sched_init() has not run): continue a little further")


def parse_cpu(arg, what):
    arg = arg.strip()
    if not arg:
        cpu = thread_cpu()
        return 0 if cpu is None else cpu
    try:
        cpu = int(arg, 0)
    except ValueError:
        raise TernError("usage: tern %s [CPU]  (CPU is a number, not '%s')" % (what, arg))
    if cpu < 0 or cpu >= nr_cpus():
        raise TernError("there is no cpu %d (NR_CPUS is %d)" % (cpu, nr_cpus()))
    if cpu not in online_cpus():
        gdb.write("note: cpu %d is not online\n" % cpu)
    return cpu


# --------------------------------------------------------------------------
# Symbols


def _function_blocks(pc):
    """The functions whose code holds pc, innermost (inlined) first."""
    try:
        b = gdb.block_for_pc(pc)
    except RuntimeError:
        return []
    chain = []
    while b is not None and not (b.is_global or b.is_static):
        if b.function is not None:
            chain.append(b)
        b = b.superblock
    return chain


def _minsym(pc):
    """(name, offset) from the ELF symbol table, for code without debug
    info for its functions (the assembly files)."""
    try:
        s = gdb.execute("info symbol 0x%x" % pc, to_string=True).strip()
    except gdb.error:
        return None, 0
    m = re.match(r"(\S+)(?: \+ (\d+))? in section", s)
    if not m:
        return None, 0
    return m.group(1), int(m.group(2) or 0)


def where(pc, is_return=False):
    """(function name or None, offset, "file:line" or None) for a code
    address.  is_return: pc is a return address - look up the call before."""
    look = pc - 1 if is_return and pc else pc
    chain = _function_blocks(look)
    if chain:
        outer = chain[-1]
        name, off = outer.function.print_name, pc - outer.start
    else:
        name, off = _minsym(look)
        if name is not None and is_return:
            off += 1
    sal = gdb.find_pc_line(look)
    loc = None
    if sal.symtab is not None and sal.line:
        loc = "%s:%d" % (sal.symtab.filename, sal.line)
    return name, off, loc


def fmt_pc(pc, is_return=False):
    """"schedule+0x15b (kernel/sched.c:361)" for a code address."""
    pc = int(pc)
    if pc == 0:
        return "0"
    name, off, loc = where(pc, is_return)
    s = "%s+0x%x" % (name, off) if name else "0x%x" % pc
    return s + (" (%s)" % loc if loc else "")


# --------------------------------------------------------------------------
# Tasks


def task_type():
    return ttype("struct task")


def task_name(t):
    raw = bytes(int(t["name"][i]) & 0xFF for i in range(16))
    return raw.split(b"\0", 1)[0].decode("ascii", "replace")


def task_str(t):
    return "%s (pid %d)" % (task_name(t), int(t["pid"]))


def task_at(addr):
    return deref(addr, task_type())


def list_walk(head_addr, container, member, limit=LIST_LIMIT, head=None):
    """Addresses of the objects of type `container` on the circular list at
    head_addr, linked through their field `member`.  Raises TernError when
    the list is broken (a link that cannot be read, a back link that does
    not point back, or a loop).  head: the list_head's value, if the caller
    has read it already (saves a read per list)."""
    off = field_offset(container, member)
    lh = ttype("struct list_head")
    prev = head_addr
    node = head_addr
    try:
        if head is None:
            head = deref(head_addr, lh)
        node = int(head["next"])
        n = 0
        while node != head_addr:
            if n >= limit:
                raise TernError("the list at 0x%x goes on for more than %d elements: it loops" % (head_addr, limit))
            links = deref(node, lh)
            if int(links["prev"]) != prev:
                raise TernError(
                    "the list at 0x%x is broken: the element at 0x%x does not link back to the one before it"
                    % (head_addr, (node - off) & 0xFFFFFFFFFFFFFFFF)
                )
            yield node - off
            prev = node
            node = int(links["next"])
            n += 1
    except gdb.MemoryError:
        raise TernError("the list at 0x%x is broken: a link points at 0x%x, which cannot be read" % (head_addr, node))


def idle_task_addrs():
    base = addr_of(val("idle_tasks"))
    size = task_type().sizeof
    return {cpu: base + cpu * size for cpu in online_cpus()}


def all_tasks():
    """[(address, struct task)]: the idle task of every online CPU, then
    task_list in order."""
    out = [(a, task_at(a)) for a in idle_task_addrs().values()]
    head = addr_of(val("task_list"))
    for a in list_walk(head, task_type(), "tasks"):
        out.append((a, task_at(a)))
    return out


def running_tasks():
    """{task address: cpu} for what each online CPU runs now."""
    data = val("cpu_data")
    return {int(data[c]["curr_task"]): c for c in online_cpus()}


def find_task(arg):
    """A task by pid, name or (failing both) a gdb expression giving a
    struct task pointer or address.  Returns (address, struct task)."""
    arg = arg.strip()
    if not arg:
        raise TernError("name a task: a pid, a name such as migration/1, or an expression")
    tasks = all_tasks()
    if re.fullmatch(r"\d+", arg):
        pid = int(arg)
        hits = [(a, t) for a, t in tasks if int(t["pid"]) == pid]
        if pid == 0 and len(hits) > 1:
            raise TernError("pid 0 is every CPU's idle task: name one, e.g. idle/0")
    else:
        hits = [(a, t) for a, t in tasks if task_name(t) == arg]
        if len(hits) > 1:
            raise TernError(
                "%d tasks are called %s: use a pid (%s)" % (len(hits), arg, ", ".join(str(int(t["pid"])) for _, t in hits))
            )
        if not hits:
            try:
                v = gdb.parse_and_eval(arg)
                code = v.type.strip_typedefs().code
                # a struct task pointer, or a plain address such as 0xffff8000003c6040
                if code == gdb.TYPE_CODE_PTR or (code == gdb.TYPE_CODE_INT and int(v) >= 0x10000):
                    a = int(v) & 0xFFFFFFFFFFFFFFFF
                    return a, task_at(a)
            except gdb.error:
                pass
    if not hits:
        raise TernError("no task %s (tern ps lists them)" % arg)
    return hits[0]


# --------------------------------------------------------------------------
# CPUs and gdb threads


class OnThread:
    """`with OnThread(t):` - look at gdb thread t, then give the user back
    the thread and frame they had selected."""

    def __init__(self, thread):
        self.thread = thread

    def __enter__(self):
        self.orig = gdb.selected_thread()
        try:
            self.frame = gdb.selected_frame()
        except gdb.error:
            self.frame = None
        self.thread.switch()
        return self.thread

    def __exit__(self, *exc):
        if self.orig is not None and self.orig.is_valid():
            self.orig.switch()
            if self.frame is not None:
                try:
                    self.frame.select()
                except gdb.error:
                    pass
        return False


def cpu_of_gs(gs):
    """The CPU whose struct cpu_data a GS base points at, or None (a CPU
    still starting has not set it yet)."""
    base = addr_of(val("cpu_data"))
    size = ttype("struct cpu_data").sizeof
    if base <= gs < base + nr_cpus() * size and (gs - base) % size == 0:
        return (gs - base) // size
    return None


def read_gs_base():
    """The selected thread's GS base; raises gdb.error or ValueError if the
    target has no such register."""
    return int(gdb.newest_frame().read_register("gs_base")) & 0xFFFFFFFFFFFFFFFF


def cpu_threads():
    """{cpu: gdb thread}.  Each CPU's GS base points at its cpu_data; a
    thread whose GS base is not set yet (a CPU still starting) is left out.
    If the target has no gs_base register, threads are assumed to be in
    CPU order (QEMU numbers them that way)."""
    inf = gdb.selected_inferior()
    out = {}
    try:
        if gdb.selected_thread() is None:
            return out
    except gdb.error:
        return out
    for t in inf.threads():
        with OnThread(t):
            try:
                cpu = cpu_of_gs(read_gs_base())
            except (gdb.error, ValueError):
                return {t.num - 1: t for t in inf.threads()}
        if cpu is not None:
            out[cpu] = t
    return out


def cpu_now(cpu, threads=None, depth=4):
    """"load_balance <- scheduler_tick <- ..." : the functions CPU `cpu`
    is in right now (its gdb thread's innermost frames), or None."""
    thr = (threads if threads is not None else cpu_threads()).get(cpu)
    if thr is None:
        return None
    names = []
    with OnThread(thr):
        try:
            f = gdb.newest_frame()
            while f is not None and len(names) < depth:
                name = f.name() or where(f.pc())[0] or "??"
                if not names or names[-1] != name:
                    names.append(name)
                f = f.older()
        except gdb.error:
            pass
    return " <- ".join(names) if names else None


def thread_cpu():
    """The CPU of gdb's selected thread (one register read: cheap enough
    for a breakpoint that fires often), or None before the CPU has set its
    GS base.  Without a gs_base register: thread N is CPU N-1, as in
    cpu_threads()."""
    try:
        t = gdb.selected_thread()
    except gdb.error:
        return None
    if t is None:
        return None
    try:
        gs = read_gs_base()
    except (gdb.error, ValueError):
        return t.num - 1
    return cpu_of_gs(gs)


def complete_words(text, word, words):
    """gdb completion: the entries of `words` that start with `text` (what
    was typed of the argument), cut to start where gdb's `word` does (gdb
    breaks words at '/', as in migration/2)."""
    cut = len(text) - len(word)
    return sorted({w[cut:] for w in words if w.startswith(text)})


def task_words():
    """Task names and pids, for completion; nothing before the scheduler
    is up, or if memory cannot be read."""
    try:
        tasks = all_tasks()
    except (TernError, gdb.error, gdb.MemoryError):
        return []
    words = set()
    for _, t in tasks:
        words.add(task_name(t))
        if int(t["pid"]):
            words.add(str(int(t["pid"])))
    return words


def cpu_words():
    try:
        return [str(c) for c in online_cpus()]
    except (TernError, gdb.error):
        return []


# --------------------------------------------------------------------------
# Spinlocks


def lock_state(lk, threads=None):
    """(held, text) for a spinlock_t value.  With threads (cpu_threads()),
    a held lock's text also says where its holder CPU is now."""
    owner, nxt = int(lk["owner"]), int(lk["next"])
    if owner == nxt:
        return False, "free (owner %d, next %d)" % (owner, nxt)
    waiting = (nxt - owner - 1) & 0xFFFF
    holder = int(lk["holder_cpu"])
    if holder < 0:
        who = "taken, holder not recorded yet"
    else:
        who = "held by cpu %d, taken at %s" % (holder, fmt_pc(lk["holder_pc"], True))
    text = "%s (owner %d, next %d: %d waiting)" % (who, owner, nxt, waiting)
    if threads is not None and holder >= 0:
        now = cpu_now(holder, threads)
        if now:
            text += "\ncpu %d is now in %s" % (holder, now)
    if threads is not None and lk.address is not None:
        addr = int(lk.address)
        # who waits for it: a CPU that asks for a lock it holds itself
        # never gets it
        for cpu in [holder] if holder >= 0 else sorted(threads):
            frames = spin_lock_frames(cpu, threads)
            if not frames or frames[0] != addr:
                continue
            if holder >= 0:
                how = ""
            elif addr in frames[1:]:
                how = " (it won the lock in spin_lock() and was interrupted before it wrote its number)"
            else:
                continue
            text += "\ncpu %d waits for this very lock, which it holds itself%s: a deadlock (who took it, and what interrupted it? thread %d, bt)" % (
                cpu,
                how,
                threads[cpu].num,
            )
    return True, text


def spin_lock_frames(cpu, threads, depth=40):
    """The `lock` argument of every spin_lock() (or spin_lock_at(), which
    spin_lock() calls) frame on CPU `cpu`'s stack, innermost first, each
    lock once per nest: [] if it is in none (or gdb has no thread for it)."""
    thr = threads.get(cpu)
    out = []
    if thr is None:
        return out
    with OnThread(thr):
        prev_spin = False
        try:
            f = gdb.newest_frame()
            while f is not None and depth:
                if f.name() in ("spin_lock", "spin_lock_at"):
                    try:
                        lock = int(f.read_var("lock"))
                    except (gdb.error, ValueError):
                        lock = None
                    # spin_lock() -> spin_lock_at(): one wait, two frames
                    if not (out and lock is not None and out[-1] == lock and prev_spin):
                        out.append(lock)
                    prev_spin = True
                else:
                    prev_spin = False
                f = f.older()
                depth -= 1
        except gdb.error:
            pass
    return out


# --------------------------------------------------------------------------
# Per-CPU lock records (spin_held[], kernel/spinlock.h)


def lock_label(lock_ptr):
    """"'runqueue' #3" (a class ordered by key) or "'console_lock'" for a
    spinlock_t pointer; "a lock at 0x... (unreadable)" if gdb cannot read it."""
    addr = int(lock_ptr)
    try:
        lk = lock_ptr.dereference()
        name = lk["name"]
        name = name.string() if int(name) else "?"
        if int(lk["order"]):
            return "'%s' #%d" % (name, int(lk["key"]))
        return "'%s'" % name
    except (gdb.error, gdb.MemoryError, UnicodeDecodeError):
        return "a lock at 0x%x (unreadable)" % addr


def _static_int(name):
    for s in gdb.lookup_static_symbols(name):
        try:
            return int(s.value())
        except gdb.error:
            pass
    return None


def cycles_now():
    """(cycles, cycles per ms), or None: "now" is the latest timer tick
    any CPU has taken (gdb cannot read the cycle counter itself), so a
    wait shorter than a tick may show as 0 ms."""
    per_ms = _static_int("tsc_per_ms")
    if not per_ms:
        return None
    data = val("cpu_data")
    try:
        now = max(int(data[c]["tick"]["last"]) for c in online_cpus())
    except (ValueError, gdb.error):
        return None
    return now, per_ms


def spin_held_lines(threads):
    """What each online CPU's spin_held record says: the locks it holds in
    the order it took them, the one it spins on and who holds that one.
    Returns (lines, CPUs holding, locks held, CPUs waiting)."""
    try:
        records = val("spin_held")
    except TernError:
        return ["(this kernel keeps no spin_held records)"], 0, 0, 0
    clock = cycles_now()
    data = val("cpu_data")
    lines = []
    holders = nlocks = waiters = 0
    for cpu in online_cpus():
        h = records[cpu]
        depth = int(h["depth"])
        lo, hi = h["held"].type.strip_typedefs().range()
        kept = max(0, min(depth, hi - lo + 1))
        held = []
        for i in range(kept):
            e = h["held"][i]
            held.append(int(e["lock"]))
            if not int(e["lock"]):  # the slot is claimed before it is written
                lines.append("cpu %d holds a lock it has not written down yet" % cpu)
                continue
            lines.append(
                "cpu %d holds %s, taken at %s%s"
                % (cpu, lock_label(e["lock"]), fmt_pc(e["pc"], True), " (by spin_trylock)" if bool(e["trylock"]) else "")
            )
        if depth > kept:
            lines.append("cpu %d holds %d more, not recorded (the record keeps %d)" % (cpu, depth - kept, kept))
        if depth > 0:
            holders += 1
            nlocks += depth
        wait = h["waiting_on"]
        if not int(wait):
            continue
        waiters += 1
        lines.extend(_wait_lines(cpu, h, wait, held, clock, data, threads))
    return lines, holders, nlocks, waiters


def _wait_lines(cpu, h, wait, held, clock, data, threads):
    """The lines for CPU `cpu`, spinning on `wait`: what, since when, held
    by whom; and the deadlock of 2002 named when the holder is itself."""
    addr = int(wait)
    since = ""
    if clock is not None:
        now, per_ms = clock
        began = int(h["waiting_since"])
        since = " for about %d ms" % ((now - began) // per_ms if began and now > began else 0)
    line = "cpu %d waits for %s%s, wanted at %s" % (cpu, lock_label(wait), since, fmt_pc(h["waiting_pc"], True))
    try:
        lk = wait.dereference()
        holder = int(lk["holder_cpu"])
        taken = fmt_pc(lk["holder_pc"], True)
        taken_free = int(lk["owner"]) == int(lk["next"])
    except (gdb.error, gdb.MemoryError):
        return [line]
    in_irq = int(data[cpu]["irq_depth"]) > 0
    self_wait = None
    winner = None
    if holder < 0 and not taken_free:
        winner = ticket_winner(addr, int(lk["owner"]), threads)
    if holder == cpu or addr in held:
        self_wait = "an interrupt came while it held it" if in_irq else "it asked again, with no interrupt between"
    elif holder < 0 and not taken_free and (
        (winner and winner[0] == cpu) or (not winner and addr in spin_lock_frames(cpu, threads)[1:])
    ):
        self_wait = "an interrupt came after it won the lock in spin_lock(), before it wrote its number"
    if holder >= 0:
        line += "; held by cpu %d, taken at %s" % (holder, taken)
    elif taken_free:
        line += "; free now (its holder has just let go)"
    elif winner:
        if winner[1]:
            how = "which has not noticed: its ticket %d came up while an interrupt held it in spin_wait()"
        else:
            how = "(ticket %d), which has not written its number yet"
        line += ("; won by cpu %d, " + how) % (winner[0], int(lk["owner"]))
    else:
        line += "; taken, holder not recorded yet"
    out = [line]
    if self_wait:
        out.append("cpu %d waits for a lock it holds itself (%s)" % (cpu, self_wait))
    return out


def ticket_winner(addr, owner, threads):
    """(cpu, under_interrupt) for the CPU whose ticket for the lock at
    `addr` is being served (`owner`) but has not written its number into
    holder_cpu yet - found on the CPUs' stacks: a spin_wait() frame (or
    spin_lock_at(), for the fast path) with that lock and ticket.
    under_interrupt: the frame is below an interrupt (gdb's signal
    frame), so it cannot go on until the interrupt returns.  None if no
    CPU is found."""
    for cpu in sorted(threads):
        with OnThread(threads[cpu]):
            try:
                f = gdb.newest_frame()
                below_irq = False
                depth = 60
                while f is not None and depth:
                    if f.type() == gdb.SIGTRAMP_FRAME:
                        below_irq = True
                    elif f.name() in ("spin_wait", "spin_lock_at"):
                        try:
                            lock, ticket = int(f.read_var("lock")), int(f.read_var("ticket"))
                        except (gdb.error, ValueError):
                            lock = ticket = None
                        if lock == addr and ticket is not None and ticket & 0xFFFFFFFF == owner:
                            return cpu, below_irq
                    f = f.older()
                    depth -= 1
            except gdb.error:
                pass
    return None


def spin_held_summary(holders, nlocks, waiters):
    """"2 CPUs hold 3 locks, 1 waits", as the monitor's `locks` says it."""
    if holders:
        s = "%d CPU%s hold%s %d lock%s" % (
            holders,
            "" if holders == 1 else "s",
            "s" if holders == 1 else "",
            nlocks,
            "" if nlocks == 1 else "s",
        )
    else:
        s = "no CPU holds a lock"
    if waiters:
        s += ", %d wait%s" % (waiters, "s" if waiters == 1 else "")
    return s


def _lock_paths(type_, depth=0):
    """Paths to every spinlock_t inside type_: tuples of ('.', field) and
    ('[]', length) steps.  Pointers are not followed."""
    t = type_.strip_typedefs()
    if t.code == gdb.TYPE_CODE_STRUCT and t.tag == "spinlock":
        return [()]
    if depth > 6:
        return []
    out = []
    if t.code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
        for f in t.fields():
            if f.name is None or f.bitsize:
                continue
            for p in _lock_paths(f.type, depth + 1):
                out.append(((".", f.name),) + p)
    elif t.code == gdb.TYPE_CODE_ARRAY:
        lo, hi = t.range()
        for p in _lock_paths(t.target(), depth + 1):
            out.append((("[]", hi - lo + 1),) + p)
    return out


_lock_roots = None  # [(label, gdb.Value, paths)], found once per kernel


def _find_lock_roots():
    """Every global or file-static variable that holds a spinlock_t."""
    out = []
    seen = set()
    text = gdb.execute("info variables -n", to_string=True)
    fname = None
    for line in text.splitlines():
        m = re.match(r"File (.*):$", line)
        if m:
            fname = m.group(1)
            continue
        m = re.match(r"\d+:\s+(static )?.*?\b(\w+)(\[\w*\])*;$", line)
        if not m or fname is None:
            continue
        name = m.group(2)
        if m.group(1):
            syms = [s for s in gdb.lookup_static_symbols(name) if s.symtab and s.symtab.filename == fname]
        else:
            s = gdb.lookup_global_symbol(name)
            syms = [s] if s else []
        for s in syms:
            if not s.is_variable:
                continue
            paths = _lock_paths(s.type)
            if not paths:
                continue
            v = s.value()
            a = addr_of(v)
            if a in seen:
                continue
            seen.add(a)
            out.append((name, v, paths))
    for expr in EXTRA_LOCKS:
        try:
            v = gdb.parse_and_eval(expr)
        except gdb.error:
            continue
        if addr_of(v) not in seen:
            seen.add(addr_of(v))
            out.append((expr, v, _lock_paths(v.type)))
    # runqueue locks first: they are what this kernel is about
    out.sort(key=lambda r: (r[0] != "runqueues", r[0] != "cpu_data"))
    return out


def _clear_lock_roots(event=None):
    global _lock_roots
    _lock_roots = None


gdb.events.new_objfile.connect(_clear_lock_roots)


def all_locks():
    """[(label, spinlock_t value)] for every lock gdb can find.  Arrays of
    NR_CPUS elements (per-CPU data) are read for the online CPUs only."""
    global _lock_roots
    if _lock_roots is None:
        _lock_roots = _find_lock_roots()
    ncpu = nr_cpus()
    cpus = online_cpus()
    out = []

    def expand(label, v, path):
        if not path:
            out.append((label, v))
            return
        kind, arg = path[0]
        if kind == ".":
            expand("%s.%s" % (label, arg), v[arg], path[1:])
        else:
            idx = cpus if arg == ncpu else range(min(arg, 256))
            for i in idx:
                expand("%s[%d]" % (label, i), v[i], path[1:])

    for label, v, paths in _lock_roots:
        for p in paths:
            expand(label, v, p)
    return out


# --------------------------------------------------------------------------
# Backtraces


def _frame_lines(n, pc, is_return):
    """gdb-style lines for one frame, inlined functions first."""
    look = pc - 1 if is_return else pc
    chain = _function_blocks(look)
    name, off, loc = where(pc, is_return)
    at = " at %s" % loc if loc else ""
    lines = []
    for b in chain[:-1]:
        lines.append("#%-2d %18s in %s () [inlined]%s" % (n, "", b.function.print_name, at))
        at = ""
        n += 1
    fn = name if name else "??"
    lines.append("#%-2d 0x%016x in %s ()%s" % (n, pc, fn, at))
    return n + 1, lines


def trap_return_pc():
    """Where trap_dispatch() returns to in trap_common (vectors.S), or
    None: a return address equal to it means an interrupt frame."""
    try:
        return int(gdb.parse_and_eval("(unsigned long)&trap_return"))
    except gdb.error:
        return None


def trap_frame_lines(tf_addr):
    """(lines, rip, rbp) for the struct trap_frame at tf_addr: what the
    interrupt or exception interrupted."""
    try:
        tf = deref(tf_addr, ttype("struct trap_frame"))
        rip, rbp, vec = int(tf["rip"]), int(tf["rbp"]), int(tf["vector"])
    except (TernError, gdb.error):
        return ["    (cannot read the interrupt frame at 0x%x)" % tf_addr], 0, 0
    return ["    --- interrupt, vector %d (0x%x), trap frame at 0x%x; it interrupted: ---" % (vec, vec, tf_addr)], rip, rbp


def rbp_walk(pc, fp, is_return, lo, hi, n=0):
    """gdb-style frames from (pc, fp) up the frame-pointer chain: each
    frame record is [saved rbp][return address].  A return into
    trap_common crosses an interrupt: the trap frame above it gives the
    interrupted rip and rbp.  lo..hi bound the stack.  (A function
    interrupted before its prologue saved rbp hides its caller: the
    interrupted rbp is still the caller's frame.)"""
    out = []
    trap_ret = trap_return_pc()
    while pc and n < BT_LIMIT:
        n, lines = _frame_lines(n, pc, is_return)
        out += lines
        if fp == 0:
            break
        if not (lo <= fp < hi) or fp & 7:
            out.append("    (the frame pointer 0x%x is outside the task's stack: the walk stops here)" % fp)
            break
        try:
            nfp, ret = read_u64(fp), read_u64(fp + 8)
        except gdb.MemoryError:
            out.append("    (cannot read the frame at 0x%x)" % fp)
            break
        if ret and ret == trap_ret:
            n, lines = _frame_lines(n, ret, True)
            out += lines
            lines, pc, nfp = trap_frame_lines(fp + 16)
            out += lines
            is_return = False
        else:
            pc, is_return = ret, True
        if nfp and nfp <= fp:
            out.append("    (the next frame pointer 0x%x does not go up the stack: the walk stops here)" % nfp)
            break
        fp = nfp
    return out


def stack_bounds(t, sp):
    """Where frames of task t may lie, from sp up: a kernel thread's stack
    ends at stack_top; an idle task runs on its CPU's boot stack, whose
    size gdb does not know (64 KiB is assumed)."""
    top = int(t["stack_top"]) if t is not None else 0
    if top and sp < top:
        return sp, top
    return sp, sp + 64 * 1024


# --- IA-64: walking the register stack (as arch/ia64/unwind.c does) ---

def is_ia64():
    try:
        return gdb.selected_inferior().architecture().name().startswith("ia64")
    except (gdb.error, AttributeError):
        return False


def rse_skip(addr, n):
    """The backing-store address n registers from addr (n may be negative):
    every 64th slot holds NaT bits, not a register."""
    t = ((addr >> 3) & 63) + n
    g = t // 63
    return (addr & ~511) + 8 * (64 * g + (t - 63 * g))


def _uleb(data, i):
    v, shift = 0, 0
    while i < len(data):
        b = data[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            break
    return v, i


def ia64_saves(info):
    """(rp_gr, pfs_gr, rp_when, pfs_when) from a function's unwind info
    block (the descriptors of the Itanium runtime conventions, ch. 11);
    None when a descriptor is not understood."""
    hdr = read_u64(info)
    n = 8 * (hdr & 0xFFFFFFFF)
    data = bytes(gdb.selected_inferior().read_memory(info + 8, n))
    i, nxt, region, rlen, prologue = 0, 0, 0, 0, False
    rp_gr = pfs_gr = 0
    rp_when = pfs_when = 0
    while i < len(data):
        b = data[i]
        i += 1
        if b & 0xC0 == 0x00:  # R1
            prologue, rlen = not b & 0x20, b & 0x1F
        elif b & 0xF8 == 0x40:  # R2 prologue_gr
            mask, gr = (b & 7) << 1 | data[i] >> 7, data[i] & 0x7F
            i += 1
            if mask & 8:
                rp_gr, gr = gr, gr + 1
            if mask & 4:
                pfs_gr = gr
            prologue = True
            rlen, i = _uleb(data, i)
        elif b & 0xFC == 0x60:  # R3
            prologue = not b & 3
            rlen, i = _uleb(data, i)
        elif prologue:
            if b & 0xE0 in (0x80, 0xC0):  # P1, P6
                continue
            if b & 0xF0 == 0xA0:  # P2
                i += 1
            elif b in (0xF1, 0xFF):  # P9, P10
                i += 2
            elif b & 0xF8 == 0xB0:  # P3
                r, gr = (b & 7) << 1 | data[i] >> 7, data[i] & 0x7F
                i += 1
                if r == 1:
                    rp_gr = gr
                elif r == 2:
                    pfs_gr = gr
                elif r == 6:
                    return None
            elif b == 0xB8:  # P4
                i += (rlen * 2 + 7) // 8
            elif b == 0xB9:  # P5
                i += 3
            elif b & 0xF0 == 0xE0:  # P7
                r = b & 0xF
                t, i = _uleb(data, i)
                if r == 0:
                    _, i = _uleb(data, i)
                elif r == 4:
                    rp_when = region + t
                elif r == 6:
                    pfs_when = region + t
                elif r in (5, 7):
                    return None
            elif b == 0xF0:  # P8
                r = data[i]
                _, i = _uleb(data, i + 1)
                if r in (1, 2):
                    return None
            else:
                return None
            continue
        else:  # body: B1-B4
            if b & 0xC0 == 0x80:
                continue
            if b & 0xE0 == 0xC0 or b & 0xF7 == 0xF0:
                _, i = _uleb(data, i)
            elif b == 0xE0:
                _, i = _uleb(data, i)
                _, i = _uleb(data, i)
            else:
                return None
            continue
        region, nxt = nxt, nxt + rlen
    return rp_gr, pfs_gr, rp_when, pfs_when


def ia64_walk(ip, bsp, n=0):
    """gdb-style frames of a switched-out IA-64 task: ip is the return
    address into its caller of hal_context_switch, bsp where that
    caller's frame starts in the backing store."""
    base = int(gdb.parse_and_eval("(unsigned long)&_load_start_phys"))
    ustart = int(gdb.parse_and_eval("(unsigned long)&__unwind_start"))
    uend = int(gdb.parse_and_eval("(unsigned long)&__unwind_end"))
    out = []
    while ip and n < BT_LIMIT:
        n, lines = _frame_lines(n, ip, True)
        out += lines
        off, entry = ip - base, None
        for e in range(ustart, uend, 24):
            if read_u64(e) <= off < read_u64(e + 8):
                entry = e
                break
        if entry is None:
            out.append("    (no unwind information: the walk stops here)")
            break
        saves = ia64_saves(base + read_u64(entry + 16))
        if saves is None or not saves[0] or not saves[1]:
            out.append("    (the function keeps rp or ar.pfs where this walk does not look: it stops here)")
            break
        rp = read_u64(rse_skip(bsp, saves[0] - 32))
        pfs = read_u64(rse_skip(bsp, saves[1] - 32))
        bsp = rse_skip(bsp, -((pfs >> 7) & 0x7F))
        ip = rp
    return out


def switch_frame(type_name, sp):
    """A switched-out task's switch frame at sp, as the kernel's debug
    information lays it out (struct x86_switch_frame or ia64_switch_frame):
    no offsets copied here."""
    return gdb.Value(sp).cast(ttype(type_name).pointer()).dereference()


def ia64_switched_out_bt(t, sp):
    """The switch frame of arch/ia64/switch.S (struct ia64_switch_frame,
    arch/ia64/asm.h): b0, ar.pfs and ar.bspstore - after flushrs, where
    hal_context_switch's own frame begins; its caller's is sol below."""
    f = switch_frame("struct ia64_switch_frame", sp)
    b0, pfs, bspstore = int(f["b0"]), int(f["pfs"]), int(f["bspstore"])
    out = [
        "%s is %s, not running; its switch frame at 0x%x: b0=0x%x ar.pfs=0x%x ar.bspstore=0x%x"
        % (task_str(t), state_words(int(t["state"])), sp, b0, pfs, bspstore)
    ]
    return out + ia64_walk(b0, rse_skip(bspstore, -((pfs >> 7) & 0x7F)))


def switched_out_bt(t):
    """Walk the stack of a switched-out task from its saved_sp."""
    if int(t["state"]) == kconst("TASK_DEAD") and int(t["stack_top"]) == 0:
        return ["%s has ended and been reaped: its stack is freed (only a reference keeps its struct)" % task_str(t)]
    sp = int(t["saved_sp"])
    if sp == 0:
        return ["%s has never been switched out: it has no saved stack" % task_str(t)]
    if is_ia64():
        return ia64_switched_out_bt(t, sp)
    f = switch_frame("struct x86_switch_frame", sp)
    names = ["r15", "r14", "r13", "r12", "rbx", "rbp"]
    ret = int(f["ret"])
    out = [
        "%s is %s, not running; saved_sp 0x%x holds:"
        % (task_str(t), state_words(int(t["state"])), sp),
        "    " + " ".join("%s=0x%x" % (n, int(f[n])) for n in names),
        "    return address 0x%x (%s)" % (ret, fmt_pc(ret, True)),
    ]
    lo, hi = stack_bounds(t, sp)
    return out + rbp_walk(ret, int(f["rbp"]), True, lo, hi)


def live_bt(thread, t):
    """The backtrace gdb itself unwinds for a thread (a CPU).  The interrupt
    entry code (arch/x86/vectors.S) has unwind information, so gdb goes on
    through an interrupt into the code it interrupted; the entry's frame,
    which gdb calls a signal frame, becomes an `--- interrupt ---` line."""
    out = []
    trap_ret = trap_return_pc()
    with OnThread(thread):
        f = gdb.newest_frame()
        n = 0
        while f is not None and n < BT_LIMIT:
            pc = f.pc()
            if f.type() == gdb.SIGTRAMP_FRAME:
                if pc == trap_ret:  # trap_dispatch has returned: rsp is the frame
                    out += trap_frame_lines(int(f.read_register("rsp")))[0]
                else:
                    out.append("    --- interrupt: in the entry code at %s; it interrupted: ---" % fmt_pc(pc))
            else:
                name = f.name() or where(pc)[0] or "??"
                sal = f.find_sal()
                at = " at %s:%d" % (sal.symtab.filename, sal.line) if sal.symtab else ""
                if f.type() == gdb.INLINE_FRAME:
                    out.append("#%-2d %18s in %s () [inlined]%s" % (n, "", name, at))
                else:
                    out.append("#%-2d 0x%016x in %s ()%s" % (n, pc, name, at))
                n += 1
            try:
                f = f.older()
            except gdb.error:
                break
    return out


# --------------------------------------------------------------------------
# The invariant check


def check_scheduler():
    """Returns (problems, notes, number of tasks, number of runqueues)."""
    problems, notes = [], []
    P = problems.append
    need_scheduler()
    cpus = online_cpus()
    tasks = all_tasks()
    tinfo = {a: t for a, t in tasks}
    idle = idle_task_addrs()
    idle_set = set(idle.values())
    ttyp = task_type()
    rq_type = ttype("struct runqueue")
    arr_type = ttype("struct prio_array")
    rqs_base = addr_of(val("runqueues"))
    cpu_data = val("cpu_data")
    off_arrays = field_offset(rq_type, "arrays")
    max_prio = kconst("gdb_max_prio")  # the priority lists; the sentinel bit

    def tstr(a):
        t = tinfo.get(a)
        if t is None:
            try:
                t = task_at(a)
            except gdb.MemoryError:
                return "an unreadable task at 0x%x" % a
            return "an unknown task %s at 0x%x (not on task_list)" % (task_str(t), a)
        return "task %s" % task_str(t)

    queued = {}  # task address -> [(cpu, role, array address, prio)]
    arrays = {}  # array address -> (cpu, role)
    rq_of = {}

    for cpu in cpus:
        rq_addr = rqs_base + cpu * rq_type.sizeof
        rq = deref(rq_addr, rq_type)
        rq_of[cpu] = rq
        held, state = lock_state(rq["lock"])
        if held:
            notes.append(
                "cpu %d's runqueue lock is %s: gdb may have stopped the machine in the middle of an update, "
                "and what follows may be a half-done change rather than a bug" % (cpu, state)
            )
        if int(rq["cpu"]) != cpu:
            P("runqueues[%d].cpu says %d: each runqueue must know its own CPU" % (cpu, int(rq["cpu"])))
        own = [rq_addr + off_arrays, rq_addr + off_arrays + arr_type.sizeof]
        act, exp = int(rq["active"]), int(rq["expired"])
        ok_arrays = True
        for role, a in (("active", act), ("expired", exp)):
            if a not in own:
                P("cpu %d's runqueue: its %s pointer (0x%x) points at neither of its own two arrays" % (cpu, role, a))
                ok_arrays = False
        if act == exp:
            P("cpu %d's runqueue: active and expired are the same array" % cpu)
            ok_arrays = False
        if not ok_arrays:
            continue
        total = 0
        for role, a in (("active", act), ("expired", exp)):
            arrays[a] = (cpu, role)
            arr = deref(a, arr_type)
            bits = set(bits_of(arr["bitmap"]))
            count = 0
            for prio in range(max_prio):
                q = arr["queue"][prio]
                try:
                    members = list(list_walk(addr_of(q), ttyp, "run_list", head=q))
                except TernError as e:
                    P("cpu %d's %s array, priority %d: %s" % (cpu, role, prio, e))
                    members = []
                for m in members:
                    queued.setdefault(m, []).append((cpu, role, a, prio))
                count += len(members)
                if members and prio not in bits:
                    P(
                        "cpu %d's %s array has %d task(s) at priority %d but bit %d of its bitmap is clear: "
                        "schedule() would never look there" % (cpu, role, len(members), prio, prio)
                    )
                if not members and prio in bits:
                    P(
                        "cpu %d's %s array has bit %d of its bitmap set but no task at priority %d: "
                        "schedule() would take an empty list" % (cpu, role, prio, prio)
                    )
            if max_prio not in bits:
                P(
                    "cpu %d's %s array: the sentinel bit %d of its bitmap is clear "
                    "(it must always be set so that the search for a set bit ends)" % (cpu, role, max_prio)
                )
            for b in sorted(bits):
                if b > max_prio:
                    P("cpu %d's %s array has bit %d of its bitmap set, beyond the sentinel %d" % (cpu, role, b, max_prio))
            if int(arr["nr_active"]) != count:
                P("cpu %d's %s array says nr_active = %d but its lists hold %d task(s)" % (cpu, role, int(arr["nr_active"]), count))
            total += int(arr["nr_active"])
        if int(rq["nr_running"]) != total:
            P(
                "cpu %d's runqueue says nr_running = %d but its active and expired arrays hold %d "
                "(nr_active %d + %d)"
                % (cpu, int(rq["nr_running"]), total, int(deref(act, arr_type)["nr_active"]), int(deref(exp, arr_type)["nr_active"]))
            )

    def arr_str(a):
        if a == 0:
            return "NULL (as if it were not queued)"
        if a in arrays:
            return "cpu %d's %s array" % arrays[a]
        return "0x%x, which is no runqueue's array" % a

    # Tasks with a migration request not served yet may sit where their
    # new cpus_allowed forbids: while the request is on their CPU's
    # migration queue, or in its migration thread's hands (migration_serving)
    # until migrate_one() has moved them.  The migration_pending flag alone
    # does not count: a request that was never queued moves nobody.
    pending = set()
    req_type = ttype("struct migration_req")
    for cpu, rq in rq_of.items():
        try:
            for r in list_walk(addr_of(rq["migration_queue"]), req_type, "list"):
                pending.add(int(deref(r, req_type)["task"]))
        except TernError as e:
            P("cpu %d's migration queue: %s" % (cpu, e))
        try:
            serving = int(rq["migration_serving"])
        except gdb.error:  # an older kernel: trust the flag
            serving = 0
            pending |= {a for a, t in tasks if bool(t["migration_pending"])}
        if serving:
            pending.add(serving)

    # Every queued task
    for a, places in queued.items():
        t = tinfo.get(a)
        where_s = ["cpu %d's %s array at priority %d" % (c, r, p) for c, r, _, p in places]
        if len(places) > 1:
            P("%s is queued %d times: on %s (a task sits on exactly one list)" % (tstr(a), len(places), " and on ".join(where_s)))
        if t is None:
            P("%s is queued on %s" % (tstr(a), where_s[0]))
            continue
        if a in idle_set:
            P("idle task %s is queued on %s: idle tasks never sit in an array" % (task_str(t), where_s[0]))
        cpu, role, arr_a, prio = places[0]
        if int(t["cpu"]) != cpu:
            P("%s is queued on cpu %d's runqueue but its cpu field says %d" % (tstr(a), cpu, int(t["cpu"])))
        if int(t["array"]) != arr_a:
            P("%s is on cpu %d's %s array but its array field points at %s" % (tstr(a), cpu, role, arr_str(int(t["array"]))))
        if int(t["prio"]) != prio:
            P("%s sits in the list for priority %d but its prio field says %d" % (tstr(a), prio, int(t["prio"])))
        allowed = bits_of(t["cpus_allowed"]["bits"])
        if cpu not in allowed and a in pending:
            notes.append(
                "%s sits on cpu %d, which its cpus_allowed (%s) no longer includes: fine, its migration "
                "request is still pending" % (tstr(a), cpu, cpulist(allowed) or "empty")
            )
        elif cpu not in allowed:
            P(
                "%s is queued on cpu %d's runqueue but may not run there (cpus_allowed is %s), "
                "and no migration request for it is pending: nothing will ever move it"
                % (tstr(a), cpu, cpulist(allowed) or "empty")
            )
        if int(t["state"]) == kconst("TASK_DEAD") and int(rq_of[cpu]["curr"]) != a:
            # (running, it is on its way out: task_exit() keeps preemption
            # off until its last switch takes it off the queue)
            P("%s has exited (state X, TASK_DEAD) but is still queued on %s, and not running" % (tstr(a), where_s[0]))

    # Every task that is not queued
    online = set(cpus)
    for a, t in tasks:
        if int(t["cpu"]) not in online:
            P("%s: its cpu field says %d, which is not an online CPU" % (tstr(a), int(t["cpu"])))
        if a in queued or a in idle_set:
            continue
        if int(t["state"]) == kconst("TASK_RUNNING"):
            P("%s is runnable (state R) but is on no runqueue list: schedule() will never pick it" % tstr(a))
        if int(t["array"]) != 0:
            P("%s is on no list, but its array field says it is on %s" % (tstr(a), arr_str(int(t["array"]))))

    # Every runqueue's idle and current task
    for cpu, rq in rq_of.items():
        rq_idle, curr = int(rq["idle"]), int(rq["curr"])
        if rq_idle != idle.get(cpu):
            P("cpu %d's runqueue: its idle field points at %s, not at idle/%d" % (cpu, tstr(rq_idle), cpu))
        if curr == 0:
            P("cpu %d's runqueue has no current task (curr is NULL)" % cpu)
            continue
        if curr != rq_idle:
            ct = tinfo.get(curr)
            if ct is None:
                P("cpu %d's runqueue: curr is %s" % (cpu, tstr(curr)))
            else:
                if int(ct["cpu"]) != cpu:
                    P("cpu %d's runqueue says its current task is %s, whose cpu field says %d" % (cpu, task_str(ct), int(ct["cpu"])))
                if not any(c == cpu for c, _, _, _ in queued.get(curr, [])):
                    P("cpu %d's current task %s is not queued on cpu %d's runqueue (a running task stays in its array)" % (cpu, task_str(ct), cpu))
        cd = int(cpu_data[cpu]["curr_task"])
        if cd != curr:
            P("cpu %d runs %s (cpu_data[%d].curr_task) but its runqueue's curr is %s" % (cpu, tstr(cd), cpu, tstr(curr)))
    return problems, notes, len(tasks), len(rq_of)


# --------------------------------------------------------------------------
# The commands


class TernCommand(gdb.Command):
    """Base: turns TernError into a one-line message instead of a trace.
    `words` (a function) gives what its argument can be, for Tab."""

    words = None

    def __init__(self, name):
        super().__init__("tern " + name, gdb.COMMAND_USER)

    def complete(self, text, word):
        if self.words is None:
            return gdb.COMPLETE_NONE
        return complete_words(text, word, self.words())

    def invoke(self, arg, from_tty):
        try:
            self.run(arg, from_tty)
        except TernError as e:
            raise gdb.GdbError("tern: %s" % e)
        except gdb.MemoryError as e:
            raise gdb.GdbError("tern: cannot read memory (%s): is the kernel far enough in its boot?" % e)


class Tern(gdb.Command):
    """Tern kernel helpers (tools/gdb/tern.py, docs/gdb.md).

Type `tern help` or `help tern` for the list of commands, `help tern CMD`
for one of them."""

    def __init__(self):
        super().__init__("tern", gdb.COMMAND_USER, gdb.COMPLETE_COMMAND, True)

    def invoke(self, arg, from_tty):
        arg = arg.strip()
        if arg in ("", "help"):
            gdb.execute("help tern")
        else:
            raise gdb.GdbError("tern: no command '%s' (tern help lists them)" % arg)


class TernDmesg(TernCommand):
    """Print the kernel log buffer (log_buf), oldest line first."""

    def __init__(self):
        super().__init__("dmesg")

    def run(self, arg, from_tty):
        size = int(val("sizeof(log_buf)"))
        pos = int(val("log_pos"))
        addr = int(val("(unsigned long)&log_buf"))
        mem = gdb.selected_inferior().read_memory(addr, size).tobytes()
        if pos <= size:
            data = mem[:pos]
        else:
            start = pos % size
            data = mem[start:] + mem[:start]
        text = data.decode("ascii", "replace")
        gdb.write(text if text.endswith("\n") or not text else text + "\n")


class TernCpus(TernCommand):
    """List the online CPUs: APIC id, gdb thread, current task, ticks, IPIs.

Columns: cpu number; apic (hw_id, the firmware's number); thr (the gdb
thread that is this CPU: `thread N` selects it); the task it runs now
(cpu_data[i].curr_task); timer interrupts and IPIs received; irq
(irq_depth, > 0 inside an interrupt handler); nr_running of its runqueue;
accounted, the ticks of time its timer interrupts found had passed (by the
cycle counter), and lost, those of them whose interrupt never came; tick,
on or off (stopped while the CPU idles: kernel/nohz.c)."""

    def __init__(self):
        super().__init__("cpus")

    def run(self, arg, from_tty):
        data = val("cpu_data")
        rqs = val("runqueues")
        threads = cpu_threads()
        cpus = online_cpus()
        gdb.write("cpu  apic  thr  current              pid       ticks    ipis  irq  nr_running   accounted    lost  tick\n")
        for i in cpus:
            c = data[i]
            cur = int(c["curr_task"])
            if cur:
                t = task_at(cur)
                name, pid = task_name(t) or "(unnamed)", "%d" % int(t["pid"])
            else:
                name, pid = "-", "-"
            thr = threads.get(i)
            gdb.write(
                "%3d  %4d  %3s  %-18s %5s  %10d  %6d  %3d  %10d  %10d  %6d  %s\n"
                % (
                    i,
                    int(c["hw_id"]),
                    thr.num if thr else "?",
                    name,
                    pid,
                    int(c["ticks"]),
                    int(c["ipis"]),
                    int(c["irq_depth"]),
                    int(rqs[i]["nr_running"]),
                    int(c["tick"]["accounted"]),
                    int(c["tick"]["lost"]),
                    "off" if int(c["tick_stopped"]) else "on",
                )
            )
        mask = cpulist(bits_of(val("cpu_online_mask")["bits"]))
        if mask:
            gdb.write("%d CPUs online (cpu_online_mask %s)\n" % (len(cpus), mask))
        else:
            gdb.write("cpu_online_mask is empty (smp_init() has not marked any CPU yet): showing the CPUs with cpu_data set up\n")


class TernPs(TernCommand):
    """List every task (the idle tasks, then task_list), or one: tern ps [PID|NAME].

st is the state: R runnable, S asleep, D asleep (uninterruptible), X dead:
ended, and about to be reaped by the next task on its CPU, which takes it
off task_list (so `ps` stops listing it) and frees its stack.
prio is the dynamic priority the scheduler uses, static the one from nice
(0-99 real time, 100-139 normal, 140 idle); slice is the time slice left
in ticks; sleep is sleep_avg; sw and migr count switches in and moves to
another CPU; `running` names the CPU that runs the task now."""

    words = staticmethod(task_words)

    def __init__(self):
        super().__init__("ps")

    def run(self, arg, from_tty):
        need_scheduler()
        running = running_tasks()
        tasks = [find_task(arg)] if arg.strip() else all_tasks()
        gdb.write(
            "  pid  name              st  policy  prio  static  nice  cpu  allowed   slice  sleep      sw  migr  running\n"
        )
        for a, t in tasks:
            st = int(t["state"])
            sp = int(t["static_prio"])
            on = running.get(a)
            gdb.write(
                "%5d  %-16s  %-2s  %-6s  %4d  %6d  %4d  %3d  %-8s %6d  %5d  %6d  %4d  %s\n"
                % (
                    int(t["pid"]),
                    task_name(t),
                    state_letter(st),
                    policy_name(int(t["policy"])),
                    int(t["prio"]),
                    sp,
                    sp - kconst("gdb_nice_0_prio"),
                    int(t["cpu"]),
                    cpulist(bits_of(t["cpus_allowed"]["bits"])) or "none",
                    int(t["time_slice"]),
                    int(t["sleep_avg"]),
                    int(t["nr_switches"]),
                    int(t["nr_migrations"]),
                    "cpu %d" % on if on is not None else "",
                )
            )
        if not arg.strip():
            dead = sum(1 for _, t in tasks if int(t["state"]) == kconst("TASK_DEAD"))
            gdb.write(
                "%d tasks, %d running now%s\n"
                % (len(tasks), len(running), ", %d ended and not yet reaped" % dead if dead else "")
            )


class TernRq(TernCommand):
    """Show a runqueue: tern rq [CPU] (default: the selected thread's CPU).

Prints its lock (free, or which CPU holds it and where it was taken), the
counters, the current and idle tasks, and for the active and expired
arrays: nr_active, the bitmap's set bits (bit 140 is the sentinel) and the
tasks of each non-empty priority list, in list order (the next to run
first)."""

    words = staticmethod(cpu_words)

    def __init__(self):
        super().__init__("rq")

    def run(self, arg, from_tty):
        need_scheduler()
        cpu = parse_cpu(arg, "rq")
        rq_type = ttype("struct runqueue")
        arr_type = ttype("struct prio_array")
        rq_addr = addr_of(val("runqueues")) + cpu * rq_type.sizeof
        rq = deref(rq_addr, rq_type)
        ttyp = task_type()
        max_prio = kconst("gdb_max_prio")

        def tname(a):
            return task_str(task_at(a)) if a else "NULL"

        gdb.write("runqueue of cpu %d (runqueues[%d] at 0x%x)\n" % (cpu, cpu, rq_addr))
        gdb.write("  lock: %s\n" % lock_state(rq["lock"], cpu_threads())[1].replace("\n", "\n        "))
        gdb.write(
            "  nr_running %d, nr_switches %d, expired_timestamp %d, next_balance %d, nr_pulled %d\n"
            % (int(rq["nr_running"]), int(rq["nr_switches"]), int(rq["expired_timestamp"]), int(rq["next_balance"]), int(rq["nr_pulled"]))
        )
        gdb.write("  curr: %s   idle: %s\n" % (tname(int(rq["curr"])), tname(int(rq["idle"]))))
        gdb.write("  migration_thread: %s\n" % tname(int(rq["migration_thread"])))
        base = rq_addr + field_offset(rq_type, "arrays")
        for role in ("active", "expired"):
            a = int(rq[role])
            idx = (a - base) // arr_type.sizeof if (a - base) % arr_type.sizeof == 0 else "?"
            arr = deref(a, arr_type)
            bits = bits_of(arr["bitmap"])
            gdb.write(
                "  %s = arrays[%s]: nr_active %d, bitmap bits %s\n" % (role, idx, int(arr["nr_active"]), cpulist(bits) or "none")
            )
            empty = True
            for prio in range(max_prio):
                q = arr["queue"][prio]
                try:
                    members = list(list_walk(addr_of(q), ttyp, "run_list", head=q))
                except TernError as e:
                    gdb.write("    prio %3d: %s\n" % (prio, e))
                    continue
                if members:
                    empty = False
                    gdb.write("    prio %3d: %s\n" % (prio, ", ".join(tname(m) for m in members)))
            if empty:
                gdb.write("    (no task)\n")


class TernMigq(TernCommand):
    """Show migration requests and threads: tern migq [CPU] (default: all).

For each runqueue, the struct migration_req entries waiting on its
migration_queue (which task is to move, whether it is done yet), then the
migration thread of every CPU, which CPU it is on and whether it is home."""

    words = staticmethod(cpu_words)

    def __init__(self):
        super().__init__("migq")

    def run(self, arg, from_tty):
        need_scheduler()
        cpus = [parse_cpu(arg, "migq")] if arg.strip() else online_cpus()
        req_type = ttype("struct migration_req")
        rqs = val("runqueues")
        for cpu in cpus:
            rq = rqs[cpu]
            head = addr_of(rq["migration_queue"])
            reqs = list(list_walk(head, req_type, "list"))
            if not reqs:
                gdb.write("cpu %d: migration queue empty\n" % cpu)
                continue
            gdb.write("cpu %d: %d request(s) on the migration queue, first to be served first:\n" % (cpu, len(reqs)))
            for r in reqs:
                req = deref(r, req_type)
                t = task_at(int(req["task"]))
                gdb.write(
                    "  req 0x%x: move %s, now on cpu %d, allowed %s; done=%d\n"
                    % (r, task_str(t), int(t["cpu"]), cpulist(bits_of(t["cpus_allowed"]["bits"])) or "none", int(req["done"]["done"]))
                )
        gdb.write("migration threads:\n  cpu  thread            pid  on cpu  st  home\n")
        for cpu in online_cpus():
            mt = int(rqs[cpu]["migration_thread"])
            if not mt:
                gdb.write("  %3d  (none yet)\n" % cpu)
                continue
            t = task_at(mt)
            on = int(t["cpu"])
            gdb.write(
                "  %3d  %-16s %4d  %6d  %-2s  %s\n"
                % (cpu, task_name(t), int(t["pid"]), on, state_letter(int(t["state"]), "?"), "yes" if on == cpu else "NO")
            )


class TernLocks(TernCommand):
    """Show the spinlocks that are held, and who waits: tern locks [all].

gdb finds every spinlock_t inside a global or file-static variable (the
runqueue locks, each CPU's call_lock, console_lock, heap_lock, page_lock,
tasklist_lock, ...) and those listed in EXTRA_LOCKS in tools/gdb/tern.py.
For a held lock: which CPU holds it, where it was taken (holder_pc), how
many CPUs wait.  `tern locks all` lists the free ones too.

Then, by CPU, what each one recorded in spin_held[]: the locks it holds,
in the order it took them, each with its site (a lock on a stack too),
and the lock it spins on - for how long, where it wanted it, who holds
it.  A CPU that waits for a lock it holds itself - the deadlock of 2002,
an interrupt that came while the code it interrupted held the lock - is
named on a line of its own."""

    words = staticmethod(lambda: ["all"])

    def __init__(self):
        super().__init__("locks")

    def run(self, arg, from_tty):
        show_all = arg.strip() == "all"
        if arg.strip() not in ("", "all"):
            raise TernError("usage: tern locks [all]")
        locks = all_locks()
        threads = cpu_threads()
        held = 0
        rows = []
        for label, lk in locks:
            is_held, text = lock_state(lk, threads)
            held += is_held
            if is_held or show_all:
                name = lk["name"]
                try:
                    name = '"%s"' % name.string() if int(name) else "(no name: not initialised)"
                except gdb.error:
                    name = "?"
                rows.append((label, name, text))
        if rows:
            w1 = max(len(r[0]) for r in rows)
            w2 = max(len(r[1]) for r in rows)
            for label, name, text in rows:
                text = text.replace("\n", "\n" + " " * (w1 + w2 + 4))
                gdb.write("%-*s  %-*s  %s\n" % (w1, label, w2, name, text))
        if held:
            gdb.write("%d of the %d spinlocks gdb knows %s held\n" % (held, len(locks), "is" if held == 1 else "are"))
        else:
            gdb.write("none of the %d spinlocks gdb knows is held\n" % len(locks))
        # What each CPU recorded itself: the order it took its locks in,
        # and the lock it spins on, which the table cannot know.
        lines, holders, nlocks, waiters = spin_held_lines(threads)
        gdb.write("\nby CPU (spin_held[]: locks in the order taken, and the lock each spins on):\n")
        for line in lines:
            gdb.write("  %s\n" % line)
        gdb.write("spin_held: %s\n" % spin_held_summary(holders, nlocks, waiters))


class TernBt(TernCommand):
    """Backtrace of a task: tern bt PID|NAME (or an expression: a struct task *).

A task that is switched out is walked from its saved stack pointer:
hal_context_switch (arch/x86/switch.asm) pushed rbp, rbx, r12-r15 there,
below the return address into schedule(); from there the rbp chain leads
through its callers.  A task that runs now is shown with the live
registers of its CPU (gdb's thread for that CPU)."""

    words = staticmethod(task_words)

    def __init__(self):
        super().__init__("bt")

    def run(self, arg, from_tty):
        need_scheduler()
        a, t = find_task(arg)
        cpu = running_tasks().get(a)
        if cpu is not None:
            thr = cpu_threads().get(cpu)
            if thr is None:
                gdb.write(
                    "%s is running on cpu %d, and gdb has no thread for that CPU: its stack is in its "
                    "registers, not in saved_sp\n" % (task_str(t), cpu)
                )
                return
            gdb.write("%s is running on cpu %d: live backtrace of gdb thread %d\n" % (task_str(t), cpu, thr.num))
            for line in live_bt(thr, t):
                gdb.write(line + "\n")
            return
        for line in switched_out_bt(t):
            gdb.write(line + "\n")


class TernCheck(TernCommand):
    """Check the scheduler's invariants in memory.

Every runnable task (idle tasks aside) is on exactly one priority list of
the runqueue of its `cpu`, in the list of its prio, with `array` pointing
at that array; each bitmap bit is set exactly when its list is non-empty
(bit 140, the sentinel, always); nr_active and nr_running add up; every
queued task may run on its runqueue's CPU and is not dead; each runqueue's
curr is its idle task or one of its own tasks.  Prints each problem, then
`tern check: OK (N tasks, M runqueues)` or `tern check: K problems`.
Sets $tern_problems to K."""

    def __init__(self):
        super().__init__("check")

    def run(self, arg, from_tty):
        problems, notes, ntasks, nrqs = check_scheduler()
        for n in notes:
            gdb.write("note: %s\n" % n)
        for p in problems:
            gdb.write("problem: %s\n" % p)
        gdb.set_convenience_variable("tern_problems", len(problems))
        if problems:
            gdb.write("tern check: %d problem%s\n" % (len(problems), "" if len(problems) == 1 else "s"))
        else:
            gdb.write("tern check: OK (%d tasks, %d runqueues)\n" % (ntasks, nrqs))

# --------------------------------------------------------------------------
# Following migrations live


def first_allowed_online(t):
    """Where migrate_one() sends task t: its lowest allowed online CPU."""
    ok = set(bits_of(t["cpus_allowed"]["bits"])) & set(online_cpus())
    return min(ok) if ok else None


class QuietBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint that calls fn() and goes on (fn returns False)
    or stops (True).  An error in fn goes to on_error(e), and the kernel
    goes on: a helper's mistake must not stop the kernel under gdb.  Also
    used by tools/labs/lab0.py."""

    def __init__(self, where, fn, on_error):
        super().__init__(where, type=gdb.BP_HARDWARE_BREAKPOINT, internal=True)
        self.fn = fn
        self.on_error = on_error

    def stop(self):
        try:
            return self.fn()
        except (TernError, gdb.error, gdb.MemoryError) as e:
            self.on_error(e)
            return False


class MigrationWatch:
    """Three breakpoints that print instead of stopping (kernel/sched.c):
    queue_migration_req (set_cpus_allowed() queues a request), migrate_one
    (a migration thread serves one) and migration_report_home (every
    migration thread has arrived: this one does stop, once)."""

    def __init__(self):
        self.bps = []
        self.events = 0
        self.stop_when_home = True

    def on(self):
        if self.bps:
            return False
        self.events = 0
        self.stop_when_home = True

        def say(e):
            gdb.write("tern migrations: %s\n" % e)


        self.bps = [
            QuietBreakpoint("queue_migration_req", self.queued, say),
            QuietBreakpoint("migrate_one", self.served, say),
            QuietBreakpoint("migration_report_home", self.home, say),
        ]
        return True

    def off(self):
        for bp in self.bps:
            bp.delete()
        self.bps = []

    def _here(self):
        """(cpu, the task running on it) for the CPU that hit."""
        cpu = thread_cpu()
        if cpu is None:
            return "?", None
        return cpu, task_at(int(val("cpu_data")[cpu]["curr_task"]))

    def _say(self, cpu, text):
        self.events += 1
        gdb.write("[jiffies %6d] cpu %s: %s\n" % (int(val("jiffies")), cpu, text))

    def queued(self):
        f = gdb.newest_frame()
        rq = f.read_var("rq")
        t = task_at(int(f.read_var("req")["task"]))
        cpu, cur = self._here()
        to = first_allowed_online(t)
        who = "asks to move itself" if cur is not None and addr_of(cur) == addr_of(t) else "is to move (asked by %s)" % task_str(cur)
        self._say(
            cpu,
            "%s %s from cpu %d to cpu %s: request queued for migration/%d"
            % (task_str(t), who, int(t["cpu"]), to, int(rq["cpu"])),
        )
        return False

    def served(self):
        f = gdb.newest_frame()
        rq = f.read_var("rq")
        t = task_at(int(f.read_var("p")))
        cpu, cur = self._here()
        frm = int(t["cpu"])
        allowed = bits_of(t["cpus_allowed"]["bits"])
        if frm != int(rq["cpu"]) or frm in allowed:
            self._say(cpu, "%s serves %s: nothing to move (it is on cpu %d, allowed %s)" % (task_name(cur), task_str(t), frm, cpulist(allowed)))
        else:
            self._say(cpu, "%s moves %s from cpu %d to cpu %s" % (task_name(cur), task_str(t), frm, first_allowed_online(t)))
        return False

    def home(self):
        rqs = val("runqueues")
        cpus = online_cpus()
        home = 0
        for c in cpus:
            mt = int(rqs[c]["migration_thread"])
            home += bool(mt) and int(task_at(mt)["cpu"]) == c
        cpu, _ = self._here()
        self._say(cpu, "%d of %d migration threads are home" % (home, len(cpus)))
        if self.stop_when_home:
            self.stop_when_home = False
            gdb.write(
                "tern migrations: the kernel is stopped in migration_report_home(), which is about to print "
                "'migration: home %d/%d'.  `c` goes on; later moves (the monitor's pin) are shown too.\n" % (home, len(cpus))
            )
            return True
        return False


migration_watch = MigrationWatch()


class TernMigrations(TernCommand):
    """Follow task migrations live: tern migrations [on|off] (default: on).

Prints a line, without stopping, each time set_cpus_allowed() queues a
migration request (queue_migration_req) and each time a migration thread
serves one (migrate_one): which task, from which CPU to which, who asked,
which migration thread moved it.  The first time every migration thread
has arrived (migration_report_home, at boot) it stops the kernel there.
Type it at the kernel_main breakpoint of `make gdb`, then `c`, to watch the
migration threads start on CPU 0 and move themselves home."""

    words = staticmethod(lambda: ["on", "off"])

    def __init__(self):
        super().__init__("migrations")

    def run(self, arg, from_tty):
        arg = arg.strip() or "on"
        if arg == "on":
            if migration_watch.on():
                gdb.write("tern migrations: following migration requests and moves; `c` to watch, `tern migrations off` to stop\n")
            else:
                gdb.write("tern migrations: already on (%d events so far)\n" % migration_watch.events)
        elif arg == "off":
            migration_watch.off()
            gdb.write("tern migrations: off (%d events seen)\n" % migration_watch.events)
        else:
            raise TernError("usage: tern migrations [on|off]")



# ---------------------------------------------------------------------------
# The trace rings (kernel/trace.c), read straight from memory: the
# post-mortem of a kernel that hung or panicked.  The lines are those of
# trace_dump() (docs/trace.md), so tools/trace/tern-trace reads them too.

# struct trace_rec (kernel/trace.h), field by field, as struct.unpack reads
# it: one read_memory() for a whole ring is what makes `tern trace` fast.
# check_trace_layout() holds these against the debug information.
TRACE_FIELDS = [
    ("cycles", "Q"),
    ("type", "B"),
    ("flag", "B"),
    ("c1", "H"),
    ("c2", "H"),
    ("reserved", "H"),
    ("n1", "I"),
    ("n2", "I"),
    ("t1.pid", "I"),
    ("t1.name", "16s"),
    ("t2.pid", "I"),
    ("t2.name", "16s"),
]
TRACE_REC = struct.Struct("<" + "".join(code for _, code in TRACE_FIELDS))
TRACE_TEXT_AT = 16  # text (TR_PRINT) shares the union that begins with n1


def check_trace_layout():
    """Refuse to read the rings if struct trace_rec is no longer laid out
    as TRACE_FIELDS says (a field added or moved in kernel/trace.h)."""

    def offset(field):
        return int(val("(unsigned long)&((struct trace_rec *)0)->%s" % field))

    at = 0
    for field, code in TRACE_FIELDS + [("text", "")]:
        want = TRACE_TEXT_AT if field == "text" else at
        if offset(field) != want:
            raise TernError("struct trace_rec has %s at offset %d, not %d: update TRACE_FIELDS in tern.py" % (field, offset(field), want))
        at += struct.calcsize("<" + code)
    if ttype("struct trace_rec").sizeof != TRACE_REC.size:
        raise TernError("struct trace_rec is %d bytes, not %d: update TRACE_FIELDS in tern.py" % (ttype("struct trace_rec").sizeof, TRACE_REC.size))


def _trace_name(raw):
    name = raw.split(b"\0", 1)[0].decode("ascii", "replace")
    name = "".join(c if " " < c < "\x7f" and c != "=" else "_" for c in name)
    return name or "?"


def trace_line(ns, cpu, raw, types):
    """One record as trace_dump() prints it, or None for an empty slot."""
    (_, ty, flag, c1, c2, _, n1, n2, p1, name1, p2, name2) = TRACE_REC.unpack(raw)
    kind = types.get(ty)
    t1 = "%d:%s" % (p1, _trace_name(name1))
    head = "%d %d " % (ns, cpu)
    if kind == "TR_SWITCH":
        return head + "switch prev=%s prev_state=%s next=%d:%s" % (t1, chr(flag), p2, _trace_name(name2))
    if kind == "TR_WAKEUP":
        return head + "wakeup task=%s target=%d from=%d preempt=%d" % (t1, c1, cpu, flag)
    if kind == "TR_MIGRATE":
        reasons = kstrings("reasons", "kernel/trace.c")
        why = reasons[flag] if flag < len(reasons) else "?"
        return head + "migrate task=%s from=%d to=%d reason=%s" % (t1, c1, c2, why)
    if kind == "TR_BALANCE":
        busiest = -1 if c1 == kconst("gdb_trace_no_cpu") else c1
        pulled = n2 - (1 << 32) if n2 >= 1 << 31 else n2
        return head + "balance busiest=%d imbalance=%d pulled=%d idle=%d" % (busiest, n1, pulled, flag)
    if kind == "TR_TICK":
        return head + "tick task=%s" % t1
    ipi_names = kstrings("ipi_names", "kernel/trace.c")
    ipi = ipi_names[flag] if flag < len(ipi_names) else "?"
    if kind == "TR_IPI_SEND":
        return head + "ipi_send to=%d kind=%s" % (c1, ipi)
    if kind == "TR_IPI_RECV":
        return head + "ipi_recv kind=%s" % ipi
    if kind == "TR_LOCK_WAIT":
        return head + "lock_wait class=%s wait_ns=%d" % (_trace_name(name1), n1)
    if kind == "TR_MIGQ_QUEUE":
        return head + "migq_queue task=%s rq=%d" % (t1, c1)
    if kind == "TR_MIGQ_SERVE":
        return head + "migq_serve task=%s" % t1
    if kind in ("TR_CREATE", "TR_EXIT"):
        return head + "%s task=%s" % ("create" if kind == "TR_CREATE" else "exit", t1)
    if kind == "TR_PRINT":
        text = raw[TRACE_TEXT_AT:].split(b"\0", 1)[0].decode("ascii", "replace")
        return head + "print text=" + "".join(c if " " <= c < "\x7f" else " " for c in text)
    return None


class TernTrace(TernCommand):
    """The trace rings: tern trace [N] - the last N events of each CPU (all
it kept, without N), merged by time, in the text format of docs/trace.md.

Read from memory, so it works on a kernel that hung or panicked: the last
events of each CPU say what it was doing.  Save the output to a file
(`set logging file`, `set logging on`) and tools/trace/tern-trace turns it
into a timeline.  A CPU still tracing may be writing its newest record;
the newest one shown is the last one it finished."""

    def __init__(self):
        super().__init__("trace")

    def run(self, arg, from_tty):
        arg = arg.strip()
        limit = None
        if arg:
            if not arg.isdigit() or int(arg) == 0:
                raise TernError("'%s' is not a number of events (tern trace [N])" % arg)
            limit = int(arg)
        check_trace_layout()
        per_ms = int(val("trace_cycles_per_ms"))
        if not per_ms:
            raise TernError("tracing was never set up (trace=0, or trace_init() has not run yet)")
        boot = int(val("trace_boot_cycles"))
        types = {}
        for f in gdb.lookup_type("enum trace_type").fields():
            types[f.enumval] = f.name
        rings, inf = val("trace_rings"), gdb.selected_inferior()
        events, per_cpu, total_lost = [], [], 0
        for c in online_cpus():
            r = rings[c]
            buf = int(r["buf"])
            if not buf:
                continue
            size, head = int(r["mask"]) + 1, int(r["head"])
            first = max(0, head - size)
            lost = first
            if limit is not None and head - first > limit:
                first = head - limit
            data = inf.read_memory(buf, size * TRACE_REC.size).tobytes()
            switches = 0
            for i in range(first, head):
                o = (i % size) * TRACE_REC.size
                raw = data[o:o + TRACE_REC.size]
                cycles = struct.unpack_from("<Q", raw)[0]
                since = max(0, cycles - boot)
                ns = since // per_ms * 1000000 + since % per_ms * 1000000 // per_ms
                line = trace_line(ns, c, raw, types)
                if line is None:
                    continue
                switches += " switch " in line
                events.append((cycles, c, line))
            counted = int(r["switches_total"])
            if bool(r["on"]):
                counted += int(val("runqueues")[c]["nr_switches"]) - int(r["switches_base"])
            # events left out by N count as lost: the check then does not
            # compare the switch counts
            not_shown = first
            per_cpu.append((c, counted, switches, not_shown))
            total_lost += lost
        events.sort(key=lambda e: (e[0], e[1]))
        out = ["trace: begin cpus=%d events=%d lost=%d" % (len(online_cpus()), len(events), total_lost)]
        out += [e[2] for e in events]
        out += ["trace: cpu %d switches=%d recorded=%d lost=%d" % p for p in per_cpu]
        out.append("trace: end")
        gdb.write("\n".join(out) + "\n")

Tern()
TernDmesg()
TernCpus()
TernPs()
TernRq()
TernMigq()
TernLocks()
TernBt()
TernCheck()
TernMigrations()
TernTrace()
