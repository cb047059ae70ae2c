# tools/trace/tests/test_json.py - the Chrome trace-event JSON for Perfetto.
import json
import unittest

from ternlib.to_json import to_json
from tests.helpers import SCHEMA, dump_of, written
from tests.synth import GOOD, GOOD_CPUS, GOOD_FLOWS, GOOD_RUNS, dump_text


def events_of(doc, ph):
    return [e for e in doc["traceEvents"] if e["ph"] == ph]


class JsonTest(unittest.TestCase):
    def setUp(self):
        self.doc = json.loads(written(to_json, dump_of(dump_text(GOOD))))

    def test_validates_against_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.fail("the Python module jsonschema is missing: apt-get install python3-jsonschema "
                      "(the Debian package) to validate tern-trace's JSON")
        with open(SCHEMA) as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        jsonschema.validate(self.doc, schema)
        # The schema must be able to say no: a slice without a duration.
        del events_of(self.doc, "X")[0]["dur"]
        with self.assertRaises(jsonschema.ValidationError):
            jsonschema.validate(self.doc, schema)

    def test_one_track_per_cpu(self):
        names = {e["tid"]: e["args"]["name"] for e in events_of(self.doc, "M") if e["name"] == "thread_name"}
        self.assertEqual(names, {c: "CPU %d" % c for c in range(GOOD_CPUS)})
        procs = [e["args"]["name"] for e in events_of(self.doc, "M") if e["name"] == "process_name"]
        self.assertEqual(procs, ["Tern"])

    def test_slices(self):
        slices = events_of(self.doc, "X")
        self.assertEqual(len(slices), GOOD_RUNS)
        ping = [s for s in slices if s["name"] == "2:ping" and s["tid"] == 0]
        self.assertEqual([(s["ts"], s["dur"], s["args"]["prev_state"]) for s in ping],
                         [(1000.1, 0.2, "S"), (1000.43, 1.17, "R")])
        last = [s for s in slices if s["tid"] == 1][-1]
        self.assertEqual((last["name"], last["ts"] + last["dur"], last["args"].get("still_running")),
                         ("4:hog", 1002.0, True))
        self.assertEqual({s["args"]["task"] for s in slices if s["name"] == "idle"},
                         {"0:idle/0", "0:idle/1", "0:idle/2", "0:idle/3"})

    def test_flows(self):
        starts, ends = events_of(self.doc, "s"), events_of(self.doc, "f")
        self.assertEqual((len(starts), len(ends)), (GOOD_FLOWS, GOOD_FLOWS))
        self.assertEqual(sorted(e["id"] for e in starts), sorted(e["id"] for e in ends))
        self.assertTrue(all(e["bp"] == "e" for e in ends))
        slice_starts = {(s["tid"], s["ts"]) for s in events_of(self.doc, "X")}
        self.assertTrue(all((e["tid"], e["ts"]) in slice_starts for e in ends))
        by_id = {e["id"]: e for e in ends}
        hog = [s for s in starts if s["name"] == "migrate" and s["tid"] == 2]
        self.assertEqual([(by_id[s["id"]]["tid"], by_id[s["id"]]["ts"]) for s in hog], [(1, 1001.77)])

    def test_instants(self):
        instants = events_of(self.doc, "i")
        self.assertEqual(len(instants), sum(1 for ev in GOOD if not ev[2].startswith("switch")))
        balance = [e for e in instants if e["name"] == "balance"][0]
        self.assertEqual(balance["args"], {"busiest": 2, "imbalance": 1, "pulled": 1, "idle": 1})
        self.assertEqual(balance["tid"], 3)


if __name__ == "__main__":
    unittest.main()
