# tools/trace/tests/test_check.py - `check` passes GOOD and fails each
# broken dump (GOOD with one thing changed) for the right reason only.
import io
import unittest

from ternlib.check import report, run_checks
from tests.helpers import dump_of, line_of
from tests.synth import GOOD, dump_text, edited

PONG_IN = "switch prev=0:idle/1 prev_state=R next=3:pong"
PONG_OUT = "switch prev=3:pong prev_state=S next=0:idle/1"
WORKER_OUT = "switch prev=7:worker prev_state=X next=0:idle/3"
HOG_MIGRATE = "migrate task=4:hog from=2 to=1 reason=affinity"


class CheckTest(unittest.TestCase):
    def verdict(self, events, want_cpus=None, **kw):
        """(names of the checks that failed, all problem texts, notes)."""
        found, notes = run_checks(dump_of(dump_text(events, **kw)), want_cpus)
        texts = ["line %d: %s" % p for problems in found.values() for p in problems]
        return {n for n, p in found.items() if p}, "\n".join(texts), notes

    def assertFailsOnly(self, check, events, *wanted, **kw):
        failed, text, _ = self.verdict(events, **kw)
        self.assertEqual(failed, {check}, text)
        for w in wanted:
            self.assertIn(w, text)

    def test_good_dump_passes(self):
        out = io.StringIO()
        self.assertEqual(report(dump_of(dump_text(GOOD)), 4, out), 0, out.getvalue())
        self.assertEqual(out.getvalue().splitlines(),
                         ["check: all 8 checks hold: 4 CPUs, 34 events, 11 switches, 2 migrations (lines 1-40)"])

    def test_task_on_two_cpus(self):
        # CPU 1 runs ping instead of pong while CPU 0 still runs ping.
        events = edited(GOOD, PONG_IN, PONG_IN.replace("3:pong", "2:ping"))
        events = edited(events, PONG_OUT, PONG_OUT.replace("3:pong", "2:ping"))
        self.assertFailsOnly("one-cpu-at-a-time", events, "line %d: task 2:ping runs on two CPUs at once: CPU 0 "
                             "switched to it at line 4" % line_of(GOOD, PONG_IN), "meanwhile CPU 1 switched to it")

    def test_switch_chain_broken(self):
        events = edited(GOOD, WORKER_OUT, WORKER_OUT.replace("7:worker", "6:ghost"))
        self.assertFailsOnly("switch-chain", events, "line %d: CPU 3 switches away from 6:ghost (prev=), but its "
                             "switch before (line %d) gave the CPU to 7:worker"
                             % (line_of(GOOD, WORKER_OUT), line_of(GOOD, WORKER_OUT) - 4))

    def test_migrate_not_followed_by_run_on_target(self):
        events = edited(GOOD, HOG_MIGRATE, HOG_MIGRATE.replace("to=1", "to=3"))
        self.assertFailsOnly("migrations", events, "line %d: 4:hog was migrated from CPU 2 to CPU 3 (reason=affinity)"
                             ", so it should next run on CPU 3, but the next time it ran was on CPU 1 (line %d)"
                             % (line_of(GOOD, HOG_MIGRATE), len(GOOD)))

    def test_migrate_with_no_run_before_the_end_is_noted(self):
        events = edited(GOOD, "switch prev=0:idle/1 prev_state=R next=4:hog", None)
        events = edited(events, (2000, 1, "tick task=4:hog"), (2000, 1, "tick task=0:idle/1"))
        failed, text, notes = self.verdict(events)
        self.assertEqual(failed, set(), text)
        self.assertIn("1 migrations were not followed by a run on the target CPU, which is fine: 1 because "
                      "the dump ended.", notes)

    def test_switch_count_mismatch(self):
        self.assertFailsOnly("switch-counts", GOOD, "the kernel counted 3 context switches on CPU 2 while tracing "
                             "was on, but the dump holds 2 switch events", switches={2: 3})

    def test_time_goes_backwards(self):
        text = "print text=worker started, pid=7 (x=y)"
        events = edited(GOOD, text, (1140, 3, text))
        self.assertFailsOnly("time-order", events, "line %d: time goes backwards on CPU 3: this event is at 1001140 "
                             "ns, but the one before it on that CPU (line %d) is at 1001150 ns"
                             % (line_of(GOOD, text), line_of(GOOD, text) - 1))

    def test_missing_cpu(self):
        events = [ev for ev in GOOD if ev[1] != 3]
        self.assertFailsOnly("lanes", events, "line 1: CPU 3 recorded no event at all")

    def test_cpus_option(self):
        self.assertFailsOnly("cpu-count", GOOD, "expected a dump of 8 CPUs (--cpus 8), but the begin line says "
                             "cpus=4", want_cpus=8)

    def test_event_count_mismatch(self):
        self.assertFailsOnly("event-count", GOOD, "the begin line says events=35, but 34 event lines follow",
                             declared=35)


if __name__ == "__main__":
    unittest.main()
