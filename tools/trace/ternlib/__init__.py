# tools/trace/ternlib - Tern's trace dumps (docs/trace.md) read and turned
# into timelines.  One concept per file:
#   parse.py    the text format: console log -> Dump
#   runs.py     which task ran on which CPU, when (from the switch events)
#   to_json.py  Chrome trace-event JSON, for Perfetto
#   to_svg.py   a standalone zoomable SVG timeline
#   check.py    the truths every correct dump holds
#   summary.py  a small per-CPU table
