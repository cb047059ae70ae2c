# tools/gdb/test_lab8.py - lab 8's deadlock, found as docs/labs/lab8.md says.
#
# Run inside gdb by test-lab8.sh, on a kernel booted with the museum's
# bug=migration-irq and both alarms off.  Let it run; Ctrl-C; `tern locks`
# must name a CPU that waits for a runqueue lock it holds itself.  The hang
# may take a few rounds to come.
#   @@ deadlock cpu N      found (then the `@@ locks`, `@@ bt`, `@@ cpus1`
#                          and `@@ cpus2` sections: tern cpus before and
#                          after 2 s more of running)
#   @@ nodeadlock          not found in the time given
import re

import gdb

ROUNDS = 6
SELF_WAIT = re.compile(r"\n\s*cpu (\d+) waits for this very lock, which it holds itself")


def main():
    for _ in range(ROUNDS):
        cont_for(5)  # noqa: F821 - testlib.py
        locks = gdb.execute("tern locks", to_string=True)
        m = SELF_WAIT.search(locks)
        if m:
            break
    else:
        out("@@ nodeadlock")  # noqa: F821
        out(locks)  # noqa: F821
        return
    cpu = int(m.group(1))
    out("@@ deadlock cpu %d" % cpu)  # noqa: F821
    out("@@ locks")  # noqa: F821
    out(locks)  # noqa: F821
    out("@@ bt")  # noqa: F821
    gdb.execute("thread %d" % cpu_threads()[cpu].num, to_string=True)  # noqa: F821 - tern.py
    out(gdb.execute("bt", to_string=True))  # noqa: F821
    out("@@ cpus1")  # noqa: F821
    out(gdb.execute("tern cpus", to_string=True))  # noqa: F821
    cont_for(2)  # noqa: F821
    out("@@ cpus2")  # noqa: F821
    out(gdb.execute("tern cpus", to_string=True))  # noqa: F821
    out("@@ end")  # noqa: F821


main()
