# tools/trace/tests/test_parse.py - reading dumps out of console logs.
import unittest

from ternlib.parse import Task, TraceError
from tests.helpers import dump_of
from tests.synth import GOOD, dump_text, edited

NOISE = ("Tern 0.1.0 - a teaching kernel for SMP scheduling\nsmp: online 4/4\n"
         "\x016trace: 512 events per CPU on 4 CPUs (trace=32 KiB)\ntern> trace dump\n")


class ParseTest(unittest.TestCase):
    def test_good_dump(self):
        d = dump_of(dump_text(GOOD))
        self.assertEqual((d.cpus, d.declared_events, len(d.events)), (4, len(GOOD), len(GOOD)))
        self.assertEqual(sorted(d.cpu_lines), [0, 1, 2, 3])
        sw = d.events[2]
        self.assertEqual((sw.ns, sw.cpu, sw.kind), (1000100, 0, "switch"))
        self.assertEqual(sw.args, {"prev": Task(1, "init"), "prev_state": "S", "next": Task(2, "ping")})
        printed = [e for e in d.events if e.kind == "print"][0]
        self.assertEqual(printed.args["text"], "worker started, pid=7 (x=y)")
        self.assertEqual(d.malformed, [])

    def test_noise_and_several_dumps(self):
        """A serial log: noise, an older 2-CPU dump, the good one with CRLF
        and a prompt inside, then a dump cut off before its end."""
        older = dump_text([(0, 0, "tick task=1:init"), (5, 1, "tick task=0:idle/1")], cpus=2)
        good = dump_text(GOOD).replace("\n", "\r\n").replace("trace: cpu 0", "tern> \r\n[ 1.5] hello\r\ntrace: cpu 0")
        cut = "tern> trace dump\ntrace: begin cpus=4 events=9 lost=0\n   5000 0 tick task=1:init\n"
        text = NOISE + older + "tern> \n" + NOISE + good + cut
        d = dump_of(text)
        self.assertEqual((d.cpus, len(d.events), d.dumps_seen), (4, len(GOOD), 2))
        self.assertEqual(text.splitlines()[d.begin_line - 1].strip(), "trace: begin cpus=4 events=%d lost=0" % len(GOOD))
        self.assertEqual(text.splitlines()[d.cut_off - 1], "trace: begin cpus=4 events=9 lost=0")
        self.assertEqual([e.args["text"] for e in d.events if e.kind == "print"], ["worker started, pid=7 (x=y)"])
        self.assertEqual(d.malformed, [])

    def test_no_complete_dump(self):
        with self.assertRaisesRegex(TraceError, "line 2 never reaches `trace: end`"):
            dump_of(NOISE.splitlines()[0] + "\n" + dump_text(GOOD).replace("trace: end\n", ""))
        with self.assertRaisesRegex(TraceError, "no complete trace dump"):
            dump_of(NOISE)

    def test_malformed_event_line(self):
        events = edited(GOOD, "migq_serve task=4:hog", "migq_serve tsak=4:hog")
        d = dump_of(dump_text(events))
        self.assertEqual(len(d.events), len(GOOD) - 1)
        self.assertEqual(len(d.malformed), 1)
        self.assertIn("tsak=4:hog", d.malformed[0][1])


if __name__ == "__main__":
    unittest.main()
