# tools/gdb/test_lab2.py - Lab 2's deadlock, found as docs/gdb.md says.
#
# Run inside gdb by test-lab2.sh, on a kernel built with
# docs/labs/lab2-2.5.8-deadlock.patch and booted with the storm ktest.
# Let it run; Ctrl-C; `tern locks` must name a CPU that waits for a
# runqueue lock it holds itself.  The hang may take a few rounds to come.
#   @@ deadlock cpu N      found (then `@@ locks` and `@@ bt` sections)
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
    out("@@ end")  # noqa: F821


main()
