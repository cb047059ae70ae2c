# tools/gdb/tern.py - Tern's gdb helpers: `tern <command>`.
#
# Loaded by `make gdb`.  Each command reads kernel data structures through
# gdb's Python API, so it works on a stopped or hung kernel alike.
#   tern help     list the commands
#   tern dmesg    the kernel log buffer (everything printk said)
#   tern cpus     per-CPU data
import gdb


class Tern(gdb.Command):
    """Tern kernel helpers. `tern help` lists them."""

    def __init__(self):
        super().__init__("tern", gdb.COMMAND_USER, gdb.COMPLETE_NONE, True)

    def invoke(self, arg, from_tty):
        gdb.execute("help tern")


class TernDmesg(gdb.Command):
    """Print the kernel log buffer (log_buf), oldest line first."""

    def __init__(self):
        super().__init__("tern dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        size = int(gdb.parse_and_eval("sizeof(log_buf)"))
        pos = int(gdb.parse_and_eval("log_pos"))
        addr = int(gdb.parse_and_eval("(unsigned long)&log_buf"))
        mem = gdb.selected_inferior().read_memory(addr, size).tobytes()
        if pos <= size:
            data = mem[:pos]
        else:
            start = pos % size
            data = mem[start:] + mem[:start]
        text = data.decode("ascii", "replace")
        gdb.write(text if text.endswith("\n") or not text else text + "\n")


class TernCpus(gdb.Command):
    """List the CPUs: id, hardware id, interrupt depth."""

    def __init__(self):
        super().__init__("tern cpus", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cpus = gdb.parse_and_eval("cpu_data")
        n = int(cpus.type.sizeof // cpus[0].type.sizeof)
        gdb.write("cpu  hw_id  irq_depth\n")
        for i in range(n):
            c = cpus[i]
            if int(c["self"]) == 0:
                continue
            gdb.write("%3d  %5d  %9d\n" % (int(c["id"]), int(c["hw_id"]), int(c["irq_depth"])))


Tern()
TernDmesg()
TernCpus()
