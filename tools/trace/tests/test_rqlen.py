# tools/trace/tests/test_rqlen.py - runqueue lengths rebuilt from events.
import unittest

from ternlib.rqlen import lengths, to_rqlen
from tests.helpers import dump_of, written
from tests.synth import B, GOOD, dump_text

# GOOD's lengths, counted by hand from its story (tests/synth.py): the
# time of each event that changed one, and then CPU 0..3's lengths.
GOOD_LENGTHS = [
    (0, [1, 0, 0, 0]),  # ping wakes on 0
    (50, [1, 0, 1, 0]),  # a tick shows hog running on 2
    (200, [1, 1, 1, 0]),  # pong wakes on 1
    (300, [0, 1, 1, 0]),  # ping sleeps (S)
    (400, [1, 1, 1, 0]),  # and wakes
    (500, [1, 0, 1, 0]),  # pong sleeps
    (610, [1, 0, 2, 0]),  # the worker wakes on 2
    (1100, [1, 0, 1, 1]),  # and is pulled to 3
    (1500, [1, 0, 1, 0]),  # and exits
    (1590, [2, 0, 1, 0]),  # init wakes on 0, ping preempted stays there
    (1720, [2, 0, 2, 0]),  # migration/2 runs on 2, hog (R) still queued
    (1740, [2, 1, 1, 0]),  # hog sent to 1
    (1750, [2, 1, 0, 0]),  # migration/2 sleeps
]


class RqlenTest(unittest.TestCase):
    def test_good_story(self):
        got = [(ns - B, count) for ns, count in lengths(dump_of(dump_text(GOOD)))]
        self.assertEqual(got, GOOD_LENGTHS)

    def test_idle_and_unknown_tasks_do_not_count(self):
        # idle (pid 0) switching in and out, a sleeper never woken in the
        # dump: nothing is runnable, so no row.
        events = [(0, 0, "switch prev=0:idle/0 prev_state=R next=0:idle/0"),
                  (10, 1, "switch prev=9:sleepy prev_state=S next=0:idle/1")]
        self.assertEqual(lengths(dump_of(dump_text(events, cpus=2))), [])

    def test_a_migrate_of_a_sleeping_task_moves_nothing(self):
        events = [(0, 0, "migrate task=9:sleepy from=0 to=1 reason=affinity")]
        self.assertEqual(lengths(dump_of(dump_text(events, cpus=2))), [])

    def test_table(self):
        text = written(to_rqlen, dump_of(dump_text(GOOD)))
        rows = text.splitlines()
        self.assertEqual(rows[0], "# ms cpu0 cpu1 cpu2 cpu3")
        self.assertEqual(len(rows), 1 + len(GOOD_LENGTHS))
        self.assertEqual(rows[-1], "0.002 2 1 0 0")  # 1750 ns after the start


if __name__ == "__main__":
    unittest.main()
