# tools/trace/tests/helpers.py - what the test files share.
import io
import os

from ternlib.parse import parse

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(HERE, "tern-trace")
SCHEMA = os.path.join(HERE, "trace-event.schema.json")


def dump_of(text):
    return parse(io.StringIO(text))


def written(writer, dump):
    """What writer(dump, file) writes, as a string."""
    f = io.StringIO()
    writer(dump, f)
    return f.getvalue()


def line_of(events, text):
    """The input line of an event in synth.dump_text's output."""
    return 2 + [ev[2] for ev in events].index(text)
