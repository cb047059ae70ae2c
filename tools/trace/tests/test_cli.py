# tools/trace/tests/test_cli.py - tern-trace as make and students call it,
# and a dump of 100k events through every command.
import io
import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET

from ternlib.check import report
from ternlib.summary import summary
from ternlib.to_json import to_json
from tests.helpers import TOOL, dump_of, written
from tests.synth import GOOD, dump_text, ping_pong


class CliTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.good = self.path("good.log", dump_text(GOOD))

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name, text=None):
        p = os.path.join(self.dir.name, name)
        if text is not None:
            with open(p, "w") as f:
                f.write(text)
        return p

    def run_tool(self, *args):
        return subprocess.run([TOOL] + list(args), capture_output=True, text=True, timeout=30)

    def test_commands(self):
        for cmd, out in (("json", "t.json"), ("svg", "t.svg")):
            r = self.run_tool(cmd, self.good, self.path(out))
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
        with open(self.path("t.json")) as f:
            self.assertIn("traceEvents", json.load(f))
        ET.parse(self.path("t.svg"))
        r = self.run_tool("check", self.good, "--cpus", "4")
        self.assertEqual((r.returncode, len(r.stdout.splitlines())), (0, 1), r.stdout)

    def test_check_fails_with_status_1(self):
        r = self.run_tool("check", self.good, "--cpus", "2")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith("FAIL cpu-count: line 1: expected a dump of 2 CPUs"), r.stdout)
        r = self.run_tool("check", self.path("empty.log", "tern> \n"))
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL dump:", r.stdout)

    def test_summary(self):
        r = self.run_tool("summary", self.good)
        rows = {line.split()[0]: line for line in r.stdout.splitlines()}
        self.assertEqual(r.returncode, 0)
        self.assertEqual(rows["3"].split()[:5], ["3", "40.0%", "2", "1", "0"])
        self.assertEqual(rows["2"].split()[:5], ["2", "87.2%", "2", "0", "2"])
        self.assertIn("7:worker 40.0%", rows["3"])

    def test_100k_events(self):
        dump = dump_of(dump_text(ping_pong(100000)))
        out = io.StringIO()
        self.assertEqual(report(dump, 4, out), 0, out.getvalue())
        doc = json.loads(written(to_json, dump))
        self.assertEqual(sum(1 for e in doc["traceEvents"] if e["ph"] == "X"), 100000 + 4)
        self.assertIn("4 CPUs, 100000 events", written(summary, dump))


if __name__ == "__main__":
    unittest.main()
