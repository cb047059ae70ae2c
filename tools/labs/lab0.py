# tools/labs/lab0.py - the facts lab 0's questions ask about, found by
# watching a boot in gdb (sourced by tools/labs/lab0.sh, after
# tools/gdb/tern.py, in a gdb attached to a QEMU frozen before its first
# instruction).  `python lab0_run()` boots the kernel to
# `migration: home N/N` and prints one line per fact:
#
#   lab0-truth KEY VALUE
#
# Nothing here knows the answers: each is read off the running kernel.
#   boot-c         the outermost C function on the boot CPU's stack at
#                  kernel_main: the first C function it ran
#   startup-vector the vector of the first STARTUP IPI that lapic_send_ipi()
#                  sends (its 3rd argument, when the 2nd - the ICR's
#                  delivery mode, bits 8-10 - says STARTUP, 110b)
#   ap-start       the physical address that vector names: vector * 4 KiB
#                  (Intel SDM: a STARTUP with vector VV starts the CPU in
#                  real mode at CS:IP = VV00:0000)
#   ap-c           the outermost C function on an AP's stack when it first
#                  calls gdt_init_cpu(): the first C function it ran
#   migration-init-cpu  the CPU that runs migration_init()
#   started-on-cpu0     how many migration threads enter migration_thread()
#                       on CPU 0
#   asks           the C function that calls queue_migration_req() for
#                  migration/1: where it asks to be moved
#   mover          the innermost C function at the moment migration/1's
#                  cpu field changes from 0 to 1 (a watchpoint on it)
#   cpus           the CPUs online when the kernel reports home (4)
#
# lab0-problem lines say what could not be found out.
import __main__

import gdb

# tools/gdb/tern.py, sourced before this file into gdb's __main__: its
# thread_cpu(), val() and online_cpus().
tern = __main__

truth = {}
problems = []


def say(key, value):
    if key not in truth:
        truth[key] = value


def c_name(frame):
    """The function a frame is in (an inlined one too), if its code is in a
    .c file of the kernel; else None (assembly, a header's helper)."""
    fn = frame.function()
    if fn is None or fn.symtab is None or not fn.symtab.filename.endswith(".c"):
        return None
    return fn.name


def c_functions(frame):
    """The C functions on the stack from `frame` outwards, innermost first."""
    names = []
    try:
        while frame is not None:
            name = c_name(frame)
            if name:
                names.append(name)
            frame = frame.older()
    except gdb.error:
        pass
    return names or ["none"]


def task_name(ptr):
    return ptr["name"].string()


def quiet(where, fn):
    """tern.py's QuietBreakpoint at `where`; what goes wrong in fn becomes
    a lab0-problem line."""
    return tern.QuietBreakpoint(where, fn, lambda e: problems.append("%s: %s" % (where, e)))


def reg(name):
    return int(gdb.newest_frame().read_register(name)) & 0xFFFFFFFFFFFFFFFF


def on_ipi():
    mode, vector = reg("rsi"), reg("rdx") & 0xFF
    if (mode >> 8) & 7 == 6 and "startup-vector" not in truth:
        say("startup-vector", "0x%02x" % vector)
        say("ap-start", "0x%x" % (vector << 12))
    return False


def on_gdt_init():
    if gdb.selected_thread().num != 1:  # thread 1 is the boot CPU
        say("ap-c", c_functions(gdb.newest_frame())[-1])
    return False


def on_migration_init():
    say("migration-init-cpu", str(tern.thread_cpu()))
    return False


started_on = {}  # migration thread's CPU number (its argument) -> CPU it began on
want_watch = []


def on_migration_thread():
    arg = reg("rdi")
    started_on.setdefault(arg, tern.thread_cpu())
    if arg == 1 and not want_watch:
        want_watch.append(int(tern.val("cpu_data")[tern.thread_cpu()]["curr_task"]))
        return True  # stop: the watchpoint is set from outside stop()
    return False


def on_queue():
    req = gdb.parse_and_eval("(struct migration_req *)$rsi")
    if task_name(req["task"]) == "migration/1":
        say("asks", c_functions(gdb.newest_frame().older())[0])
    return False


def lab0_run():
    try:
        watch_boot()
    except (gdb.error, gdb.MemoryError) as e:
        problems.append("the boot under gdb stopped short: %s" % e)
    for k, v in sorted(truth.items()):
        gdb.write("lab0-truth %s %s\n" % (k, v))
    for p in problems:
        gdb.write("lab0-problem %s\n" % p)


def task_field(task, field):
    return int(gdb.parse_and_eval("((struct task *)%d)->%s" % (task, field)))


def watch_boot():
    gdb.execute("hbreak kernel_main", to_string=True)
    gdb.execute("continue", to_string=True)
    say("boot-c", c_functions(gdb.newest_frame())[-1])
    gdb.execute("delete")
    quiet("lapic_send_ipi", on_ipi)
    quiet("gdt_init_cpu", on_gdt_init)
    quiet("migration_init", on_migration_init)
    quiet("migration_thread", on_migration_thread)
    quiet("queue_migration_req", on_queue)
    home = quiet("migration_report_home", lambda: True)
    watch = None
    for _ in range(10):
        gdb.execute("continue", to_string=True)
        if home.hit_count:
            break
        if watch is None and want_watch:
            # migration/1 has just started, on CPU 0: watch its cpu field
            addr = int(gdb.parse_and_eval("&((struct task *)%d)->cpu" % want_watch[0]))
            watch = gdb.Breakpoint(
                "*(unsigned int *)%d" % addr, gdb.BP_WATCHPOINT, gdb.WP_WRITE, internal=True
            )
        elif watch is not None and watch.is_valid() and watch.hit_count:
            if task_field(want_watch[0], "cpu") == 1:
                say("mover", c_functions(gdb.newest_frame())[0])
                watch.delete()
    else:
        problems.append("the boot did not reach migration_report_home()")
    say("started-on-cpu0", str(sum(1 for c in started_on.values() if c == 0)))
    say("cpus", str(len(tern.online_cpus())))
