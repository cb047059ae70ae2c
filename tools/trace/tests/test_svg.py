# tools/trace/tests/test_svg.py - the standalone SVG timeline.
import unittest
import xml.etree.ElementTree as ET

from ternlib import to_svg
from tests.helpers import dump_of, line_of, written
from tests.synth import GOOD, GOOD_CPUS, GOOD_TASKS, dump_text, ping_pong

NS = "{http://www.w3.org/2000/svg}"


def svg_of(events, cpus=GOOD_CPUS):
    return ET.fromstring(written(to_svg.to_svg, dump_of(dump_text(events, cpus=cpus))))


def groups(root, cls):
    return [g for g in root.iter(NS + "g") if g.get("class") == cls]


class SvgTest(unittest.TestCase):
    def test_lanes_and_legend(self):
        root = svg_of(GOOD)
        self.assertEqual([g.get("data-cpu") for g in groups(root, "lane")], ["0", "1", "2", "3"])
        self.assertEqual([g.get("data-task") for g in groups(root, "legend-entry")], GOOD_TASKS)
        labels = [t.text for t in root.iter(NS + "text") if t.get("class") == "cpu"]
        self.assertEqual(labels, ["CPU 0", "CPU 1", "CPU 2", "CPU 3"])

    def test_runs_have_tooltips_and_colours(self):
        root = svg_of(GOOD)
        runs = [r for g in groups(root, "lane") for r in g.iter(NS + "rect") if r.get("class") != "idle"]
        self.assertEqual(len(runs), 9)  # the non-idle runs of GOOD
        tips = [r.find(NS + "title").text for r in runs]
        end = line_of(GOOD, "switch prev=7:worker prev_state=X next=0:idle/3")
        self.assertIn("7:worker on CPU 3\nfrom 1.001150 ms for 0.000360 ms\nended X (line %d)" % end, tips)
        legend = {g.get("data-task"): g.find(NS + "rect").get("fill") for g in groups(root, "legend-entry")}
        self.assertEqual(len(set(legend.values())), len(legend))  # a colour each
        hog = {r.get("fill") for r in runs if r.find(NS + "title").text.startswith("4:hog")}
        self.assertEqual(hog, {legend["4:hog"]})

    def test_standalone_with_axis_and_script(self):
        text = written(to_svg.to_svg, dump_of(dump_text(GOOD)))
        self.assertNotIn("href", text)  # nothing fetched: no links, fonts or scripts from outside
        self.assertEqual(text.count("http"), text.count("http://www.w3.org/2000/svg"))  # only as a name
        root = ET.fromstring(text)
        self.assertIn("wheel", root.find(NS + "script").text)
        ticks = [t.text for g in root.iter(NS + "g") if g.get("id") == "axis" for t in g.iter(NS + "text")]
        self.assertEqual(ticks, ["1.0000", "1.0005", "1.0010", "1.0015", "1.0020"])

    def test_big_dump_merges_short_runs(self):
        root = svg_of(ping_pong(60000))
        rects = sum(1 for g in groups(root, "lane") for r in g.iter(NS + "rect"))
        self.assertLessEqual(rects, to_svg.MAX_RECTS + GOOD_CPUS)
        self.assertGreater(rects, to_svg.MAX_RECTS // 2)  # merged no more than it needs
        merged = [r for g in groups(root, "lane") for r in g.iter(NS + "rect") if r.get("fill") == to_svg.MERGED]
        self.assertTrue(merged and "short runs" in merged[0].find(NS + "title").text)


if __name__ == "__main__":
    unittest.main()
