# tools/trace/ternlib/to_svg.py - a dump as a standalone SVG timeline.
#
# One lane per CPU; each run of a task is a rectangle in the task's
# colour (picked by a hash of PID:NAME, so that a task mostly keeps its
# colour from one picture to the next); the grey lane is idle time.  A small inline
# script zooms the time axis with the mouse wheel, pans by dragging and
# resets on a double click; nothing is fetched from the network.
#
# Rectangles are laid out in microseconds since the dump's first event and
# scaled to pixels by one transform, so zooming just changes that
# transform.  To keep a browser quick, a picture holds at most MAX_RECTS
# rectangles: when a dump has more runs, the shortest ones (below a
# length picked to fit) that follow each other on a lane are drawn as one
# dark "N short runs" rectangle whose tooltip names them; the heading says
# how short, and the JSON output keeps every run.
import math
import zlib
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from .runs import all_runs

LEFT, WIDTH, RIGHT, TOP = 90, 1200, 40, 48  # pixels
LEGEND_COL, LEGEND_ROW = 200, 18
MAX_RECTS = 40000
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
           "#e377c2", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a",
           "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5",
           "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"]
MERGED = "#333333"


def colours(tasks):
    """Task -> colour: a hash of PID:NAME picks the first choice, so a
    task tends to keep its colour from one picture to the next; a colour
    already taken passes to the next free one while any are free."""
    taken, out = set(), {}
    for task in sorted(tasks):
        i = zlib.crc32(str(task).encode()) % len(PALETTE)
        for _ in range(len(PALETTE) if len(taken) < len(PALETTE) else 0):
            if PALETTE[i] not in taken:
                break
            i = (i + 1) % len(PALETTE)
        taken.add(PALETTE[i])
        out[task] = PALETTE[i]
    return out


def ms(ns):
    return "%.6f ms" % (ns / 1e6)


def nice_step(span):
    """A tick step of 1, 2 or 5 times a power of ten, about 8 per span."""
    raw = max(span / 8.0, 1e-9)
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)


def axis(t0_us, lo_us, hi_us, height):
    """Tick lines and labels (ms since boot) for the visible range;
    the script in SCRIPT redraws them the same way on every zoom."""
    step = nice_step(hi_us - lo_us)
    digits = max(0, -math.floor(math.log10(step / 1000.0)))
    scale = WIDTH / (hi_us - lo_us)
    out, t = [], math.ceil((t0_us + lo_us) / step) * step
    while t <= t0_us + hi_us:
        x = LEFT + (t - t0_us - lo_us) * scale
        out.append('<line x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>' % (x, x, TOP - 4, height))
        out.append('<text x="%.1f" y="%d">%.*f</text>' % (x, TOP - 8, digits, t / 1000.0))
        t += step
    return out


class Look(NamedTuple):
    """How one lane is drawn."""
    t0: int  # ns at x = 0
    h: int  # lane height
    paint: dict  # task -> colour


def rect(x_ns, w_ns, look, fill, tip):
    return '<rect x="%.3f" width="%.3f" height="%d" fill="%s"><title>%s</title></rect>' % (
        (x_ns - look.t0) / 1000.0, w_ns / 1000.0, look.h, fill, escape(tip))


def run_rect(r, look):
    what = "ended %s (line %d)" % (r.end_state, r.end_line) if r.end_line else "still running at the end"
    tip = "%s on CPU %d\nfrom %s for %s\n%s" % (r.task, r.cpu, ms(r.start), ms(r.end - r.start), what)
    return rect(r.start, r.end - r.start, look, look.paint[r.task], tip)


def merged_rect(group, look):
    tasks = sorted({str(r.task) for r in group})
    tip = "%d short runs on CPU %d, %s to %s (the JSON has each)\n%s" % (
        len(group), group[0].cpu, ms(group[0].start), ms(group[-1].end),
        ", ".join(tasks[:8]) + (", ..." if len(tasks) > 8 else ""))
    return rect(group[0].start, group[-1].end - group[0].start, look, MERGED, tip)


def pieces(runs, tiny_ns):
    """The runs of one lane, in groups of one to draw: a run at least
    tiny_ns long stands alone; shorter ones with gaps under tiny_ns
    between them go together."""
    group = []
    for r in runs:
        if r.idle():
            continue
        if r.end - r.start >= tiny_ns:
            if group:
                yield group
                group = []
            yield [r]
            continue
        if group and r.start - group[-1].end >= tiny_ns:
            yield group
            group = []
        group.append(r)
    if group:
        yield group


def merge_below(runs_by_cpu, span_ns):
    """The run length (ns) under which neighbours merge: 0 if every run
    fits in MAX_RECTS, else about the smallest that fits: doubled from a
    hundredth of a pixel until it fits, then halved back by bisection."""
    def fits(tiny):
        return sum(1 for rs in runs_by_cpu.values() for _ in pieces(rs, tiny)) <= MAX_RECTS

    if fits(0):
        return 0
    hi = span_ns / WIDTH / 100.0
    while not fits(hi):
        hi *= 2
    lo = hi / 2
    for _ in range(8):
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if fits(mid) else (mid, hi)
    return hi


def lane_rects(runs, tiny_ns, look):
    return [run_rect(g[0], look) if len(g) == 1 else merged_rect(g, look)
            for g in pieces(runs, tiny_ns)]


def legend(paint, y):
    out = ['<text x="%d" y="%d">Tasks (grey lane: idle; dark: short runs merged)</text>' % (LEFT, y)]
    for i, task in enumerate(sorted(paint)):
        x = LEFT + (i % 6) * LEGEND_COL
        ty = y + 8 + (i // 6) * LEGEND_ROW
        out.append('<g class="legend-entry" data-task=%s><rect x="%d" y="%d" width="12" height="12" '
                   'fill="%s"/><text x="%d" y="%d">%s</text></g>'
                   % (quoteattr(str(task)), x, ty, paint[task], x + 16, ty + 10, escape(str(task))))
    return out


def heading(dump, tiny_ns):
    merged = " Runs under %.3f us merged (dark)." % (tiny_ns / 1000.0) if tiny_ns else ""
    return ('<text x="%d" y="16">Tern trace: %d CPUs, %d events, %s to %s (lines %d-%d). Wheel: zoom, '
            'drag: pan, double click: reset. Time in ms since boot.%s</text>'
            % (LEFT, dump.cpus, len(dump.events), ms(dump.start()), ms(dump.end()),
               dump.begin_line, dump.end_line, merged))


def lanes(runs_by_cpu, ncpus, span_ns, tiny_ns, look):
    """The lanes, inside the group the script zooms, and their labels."""
    out = ['<g clip-path="url(#clip)"><g id="zoom" transform="translate(%d,0) scale(%.9g,1)">'
           % (LEFT, WIDTH / (span_ns / 1000.0))]
    for cpu in range(ncpus):
        out.append('<g class="lane" data-cpu="%d" transform="translate(0,%d)">'
                   % (cpu, TOP + cpu * (look.h + 4)))
        out.append('<rect class="idle" x="0" width="%.3f" height="%d"/>' % (span_ns / 1000.0, look.h))
        out += lane_rects(runs_by_cpu.get(cpu, []), tiny_ns, look)
        out.append('</g>')
    out.append('</g></g>')
    for cpu in range(ncpus):
        out.append('<text x="%d" y="%d" class="cpu">CPU %d</text>'
                   % (LEFT - 8, TOP + cpu * (look.h + 4) + look.h * 0.75, cpu))
    return out


def to_svg(dump, f):
    """Write the SVG document to an open text file."""
    runs_by_cpu = all_runs(dump)
    ncpus = max([dump.cpus] + [c + 1 for c in runs_by_cpu])
    look = Look(dump.start(), 20 if ncpus <= 32 else 10,
                colours({r.task for rs in runs_by_cpu.values() for r in rs if not r.idle()}))
    span_ns = max(dump.end() - dump.start(), 1)
    tiny_ns = merge_below(runs_by_cpu, span_ns)
    lanes_end = TOP + ncpus * (look.h + 4)
    width, height = LEFT + WIDTH + RIGHT, lanes_end + 60 + (len(look.paint) + 5) // 6 * LEGEND_ROW
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'data-t0="%.3f" data-span="%.3f" data-left="%d" data-width="%d" data-top="%d" data-bottom="%d">'
           % (width, height, width, height, look.t0 / 1000.0, span_ns / 1000.0, LEFT, WIDTH, TOP, lanes_end),
           STYLE, heading(dump, tiny_ns),
           '<defs><clipPath id="clip"><rect x="%d" y="0" width="%d" height="%d"/></clipPath></defs>'
           % (LEFT, WIDTH, height), '<g id="axis">']
    out += axis(look.t0 / 1000.0, 0, span_ns / 1000.0, lanes_end)
    out.append('</g>')
    out += lanes(runs_by_cpu, ncpus, span_ns, tiny_ns, look)
    out += legend(look.paint, lanes_end + 30)
    out += [SCRIPT, '</svg>']
    f.write("\n".join(out) + "\n")


STYLE = """<style>
text { font: 12px sans-serif; fill: #222; }
text.cpu { text-anchor: end; }
#axis text { text-anchor: middle; font-size: 11px; }
#axis line { stroke: #ccc; stroke-width: 1; }
rect.idle { fill: #eeeeee; }
</style>"""

# Zoom and pan of the time axis: the lanes' transform is translate(LEFT +
# tx, 0) scale(k, 1), k in pixels per microsecond; the axis is redrawn
# as axis() above draws it.
SCRIPT = """<script><![CDATA[
(function () {
  var svg = document.documentElement, NS = 'http://www.w3.org/2000/svg';
  var get = function (n) { return +svg.getAttribute('data-' + n); };
  var t0 = get('t0'), span = get('span'), left = get('left'), width = get('width');
  var top = get('top'), bottom = get('bottom');
  var zoom = document.getElementById('zoom'), axis = document.getElementById('axis');
  var k0 = width / span, k = k0, tx = 0, drag = null;
  function clamp() {
    k = Math.min(Math.max(k, k0), k0 * 1e6);
    tx = Math.min(0, Math.max(tx, width - span * k));
  }
  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    return axis.appendChild(e);
  }
  function draw() {
    clamp();
    zoom.setAttribute('transform', 'translate(' + (left + tx) + ',0) scale(' + k + ',1)');
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    var lo = -tx / k, hi = (width - tx) / k, raw = Math.max((hi - lo) / 8, 1e-9);
    var mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 5, 10].some(function (m) { step = m * mag; return step >= raw; });
    var digits = Math.max(0, -Math.floor(Math.log10(step / 1000)));
    for (var t = Math.ceil((t0 + lo) / step) * step; t <= t0 + hi; t += step) {
      var x = left + (t - t0 - lo) * k;
      el('line', {x1: x, x2: x, y1: top - 4, y2: bottom});
      el('text', {x: x, y: top - 8}, (t / 1000).toFixed(Math.min(digits, 20)));
    }
  }
  function at(ev) {
    var p = svg.createSVGPoint();
    p.x = ev.clientX; p.y = ev.clientY;
    return p.matrixTransform(svg.getScreenCTM().inverse()).x;
  }
  svg.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var x = at(ev) - left, u = (x - tx) / k;
    k *= Math.pow(1.0015, -ev.deltaY * (ev.deltaMode ? 30 : 1));
    clamp();
    tx = x - u * k;
    draw();
  }, {passive: false});
  svg.addEventListener('mousedown', function (ev) { drag = at(ev); });
  svg.addEventListener('mousemove', function (ev) {
    if (drag === null) return;
    var x = at(ev); tx += x - drag; drag = x; draw();
  });
  window.addEventListener('mouseup', function () { drag = null; });
  svg.addEventListener('dblclick', function () { k = k0; tx = 0; draw(); });
  // Redraw the axis once now, then say so: a headless browser test reads
  // data-ready to know that the script ran without an error.
  draw();
  svg.setAttribute('data-ready', 'yes');
})();
]]></script>"""
