# tools/gdb/testlib.py - what the gdb test drivers share (test_step.py,
# test_lab8.py).  Sourced into gdb before the driver: gdb runs sourced
# Python files in one namespace, so the driver sees these names.
#
# Results are lines on stdout that start with `@@ ` for the shell script
# that started gdb to check.  TERN_SERIAL_IN, if set, is a FIFO: bytes
# written there are typed at the monitor shell.
import os
import subprocess

import gdb

signals = []  # stops gdb reported as a signal, in order


def out(line):
    gdb.write(line + "\n")
    gdb.flush()


def on_stop(ev):
    if isinstance(ev, gdb.SignalEvent):
        signals.append(ev.stop_signal)
        out("@@ signal %s" % ev.stop_signal)


gdb.events.stop.connect(on_stop)

serial = os.open(os.environ["TERN_SERIAL_IN"], os.O_RDWR) if os.environ.get("TERN_SERIAL_IN") else None


def type_line(text):
    """Type a line at the monitor shell (it runs when the CPUs do)."""
    os.write(serial, (text + "\r").encode())


def watchdog(seconds):
    """Ctrl-C for gdb (SIGINT) in `seconds`, and again every 3 s, until
    killed.  Again, because gdb can miss a Ctrl-C that comes while it
    steps another CPU over a breakpoint (say, a `next` that waits while
    the other CPUs keep passing its breakpoint).  A process of its own: a
    Python thread would wait for the interpreter lock, which gdb holds while
    a command runs."""
    return subprocess.Popen(
        ["sh", "-c", "sleep %s; while kill -INT %d; do sleep 3; done" % (seconds, os.getpid())]
    )


def run(cmd, patience):
    """Run a gdb command; interrupt it (Ctrl-C) if it takes longer than
    `patience` seconds.  Returns (ok, waited_too_long)."""
    timer = watchdog(patience)
    before = len(signals)
    try:
        gdb.execute(cmd, to_string=True)
        ok = True
    except gdb.error as e:
        ok = False
        out("@@ error %s: %s" % (cmd, str(e).splitlines()[0] if str(e) else "?"))
    except KeyboardInterrupt:
        ok = False
    finally:
        timer.kill()
        timer.wait()
    waited = any(s == "SIGINT" for s in signals[before:])
    if waited:
        del signals[before:]  # our own Ctrl-C, not a finding
        f = gdb.selected_frame()
        out("@@ waited %s, now in %s" % (cmd, f.name() or "0x%x" % f.pc()))
    return ok and not waited, waited


def cont_for(seconds):
    """`continue`, and Ctrl-C after `seconds`: let the kernel run a while.
    Returns the signals gdb reported meanwhile (normally just SIGINT)."""
    timer = watchdog(seconds)
    before = len(signals)
    try:
        gdb.execute("continue", to_string=True)
    except (gdb.error, KeyboardInterrupt):
        pass
    finally:
        timer.kill()
        timer.wait()
    got = signals[before:]
    del signals[before:]
    return got
