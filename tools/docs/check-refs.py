#!/usr/bin/env python3
"""tools/docs/check-refs.py - keep the docs' citations of the code true.

    tools/docs/check-refs.py [--fix] [DOC.md ...]

Reads README.md and every docs/**/*.md (or the DOCs named), finds each
citation of a line of code, checks it, and prints one line per problem,
in words, naming the doc and its line.  Exit status: 0 when there is no
problem, 1 when there is one, 2 on bad usage.  `make test` runs it as
the check `docs/refs` (tools/test.sh).

With --fix it rewrites, in place, every citation it knows how to bring up
to date (it says which), then checks again: what it could not fix is
printed as a problem.  Running --fix twice changes nothing the second
time.  The usual use: change the code, run `tools/docs/check-refs.py
--fix`, read `git diff docs/`, commit.

THE CONVENTION (docs/sched.md, "How to read the citations", says the same)

A citation is PATH:N or PATH:N-M (an en dash works too), PATH from the top
of the tree (a leading ./ is ignored) and ending in a known extension (.c,
.h, .S, .s, .asm, .py, .sh, .gdb, .ld, .mk, .md, .txt) or being Makefile.
It may sit in backquotes, in prose, in a table, or in a ``` block.  Every
citation's file must exist and its lines must be in the file.  Beyond
that, a citation is one of three kinds:

 1. A function citation (prose and tables).  A function name written in
    backquotes with empty parentheses (or `struct NAME`, `union NAME`,
    `enum NAME`), immediately followed by the citation, with at most one
    separator between them: a dash (-, --, en or em dash), ':', ',',
    '|', '(', 'at' or 'in'.  For example

        `schedule()` - kernel/sched.c:447-512
        | `schedule()` | `kernel/sched.c:447-512` |
        `schedule()` (kernel/sched.c:447-512)
        `schedule()` at kernel/sched.c:447

    The name may end the line before, when the prose wraps between the
    two.  The range must be the whole function, exactly: from its
    definition (the line where its name and the opening parenthesis of
    its parameters are) to its closing brace.  A single line must be the
    definition's line.  A struct runs from `struct NAME {` to its `};`,
    a function-like macro from its #define to its last continued line,
    an assembly label from the label to its last instruction before the
    next label, a Python def to its last indented line.  A name anywhere
    else on the line binds nothing: to cite part of a function, leave
    the name out (kind 3).
    --fix: rewrites N-M (or N) to where the function is now, and PATH
    too if the function has moved to another file (when just one file in
    kernel/, arch/ or lib/ defines it).

 2. A transcript citation (inside a ``` block): gdb's and Tern's way of
    naming a place, `NAME (ARGS) at PATH:N` (a frame) or
    `NAME+0xOFF (PATH:N)` (a symbol and offset).  Line N must lie inside
    NAME, or inside a function or macro that NAME calls, or that one
    calls (the compiler may have inlined them).  If the next line of the
    block is gdb's listing of that source line, `N<TAB>TEXT`, TEXT must
    be what line N says now.

 3. Any other citation: the file and the lines must exist.

Kinds 2 and 3 are also held to what they said (an anchor).  When git
knows the doc line, it knows the commit C that last changed it (git
blame), and so what the cited lines of PATH read in C - when the doc
line was written.  They must read the same now.  If not, the code has
moved under the doc: the problem names the text and where it is now,
and --fix rewrites N(-M) to that place (the occurrence nearest to where
the text would be if only the lines around it had moved; for a
transcript, inside NAME or what it calls).  A doc line that is not
committed yet was written against the tree as it is: nothing to compare.

Names.  In docs/sched.md (STRICT_NAME_DOCS below), every name written in
backquotes as a call, `NAME()` or `NAME(ARGS)`, outside ``` blocks, must
be defined in kernel/, arch/ or lib/: a C function with a body, a
function-like macro, or an assembly label.  A function of Linux that Tern
lacks is therefore written without backquotes or without parentheses.

Only the Python 3 standard library is used, and git if it is there.
"""

import os
import re
import subprocess
import sys

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STRICT_NAME_DOCS = ["docs/sched.md"]
DEF_DIRS = ["kernel", "arch", "lib"]

EXTS = r"(?:c|h|S|s|asm|py|sh|gdb|ld|mk|md|txt)"
PATH_RE = (r"(?:\./)?(?:(?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\."
           + EXTS + r"|(?:[A-Za-z0-9_.-]+/)*Makefile)")
CIT_RE = re.compile(r"(?<![\w./-])(?P<path>" + PATH_RE + r"):(?P<a>[0-9]+)"
                    r"(?:[-\u2013](?P<b>[0-9]+))?(?![\w])")
# Kind 1: what must come right before the citation.
FUNC_BEFORE = re.compile(
    r"`(?:(?P<func>[A-Za-z_]\w*)\(\)|(?P<tag>(?:struct|union|enum) "
    r"[A-Za-z_]\w*))`\s*"
    r"(?:(?:\u2014|\u2013|--|-|:|,|\||\(|\bat\b|\bin\b)\s*)?`?$")
# Kind 2: a gdb frame "NAME (ARGS) at " or a symbol "NAME+0xOFF (".
FRAME_BEFORE = re.compile(
    r"\b(?P<func>[A-Za-z_]\w*)\s*\((?:[^()]|\([^()]*\))*\)\s+at\s+$")
SYMBOL_BEFORE = re.compile(r"\b(?P<func>[A-Za-z_]\w*)\+0x[0-9a-fA-F]+\s*\($")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
CALL_SPAN_RE = re.compile(r"`([A-Za-z_]\w*)\([^`]*\)`")
IDENT_CALL_RE = re.compile(r"\b([A-Za-z_]\w*)\s*\(")
C_KEYWORDS = {"if", "for", "while", "switch", "return", "sizeof", "do",
              "else", "case", "__typeof__", "typeof", "defined",
              "__attribute__", "__builtin_expect", "_Static_assert",
              "__asm__", "asm", "alignof", "_Alignof"}


# --------------------------------------------------------------------------
# Where functions are: C, assembly, Python

def blank_c(text):
    """The text with comments, strings and character constants blanked
    out (newlines kept), so that braces and parentheses can be counted."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def c_functions(text):
    """[(name, first, last, body)] for each function defined in a C file
    (lines numbered from 1) and each function-like macro."""
    lines = text.split("\n")
    code = blank_c(text).split("\n")
    found = []
    # function-like macros
    i = 0
    while i < len(lines):
        m = re.match(r"\s*#\s*define\s+([A-Za-z_]\w*)\(", code[i])
        j = i
        while j + 1 < len(lines) and lines[j].rstrip().endswith("\\"):
            j += 1
        if m:
            found.append((m.group(1), i + 1, j + 1,
                          "\n".join(code[i:j + 1])))
        i = j + 1
    # functions: at depth 0, text up to a '{' that follows a ')'
    depth = 0
    stmt = []      # (line index, column, char) since the last ; or } at depth 0
    start = None   # line index of the '{' that opened the current function
    name_line = None
    fname = None
    in_pp = False  # a preprocessor line, or one that continues it
    for li, line in enumerate(code):
        pp = in_pp or re.match(r"\s*#", line)
        in_pp = bool(pp) and lines[li].rstrip().endswith("\\")
        if pp:
            continue
        if depth == 0 and stmt:
            stmt.append((li, -1, "\n"))  # a line break separates words
        for col, ch in enumerate(line):
            if depth == 0:
                if ch == "{":
                    got = function_name(stmt)
                    if got:
                        fname, name_line = got
                        start = li
                    stmt = []
                    depth = 1
                elif ch in ";}":
                    stmt = []
                else:
                    stmt.append((li, col, ch))
            else:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth == 0:
                        if fname is not None:
                            found.append((fname, name_line + 1, li + 1,
                                          "\n".join(code[start:li + 1])))
                        fname = None
                        stmt = []
    return found


def function_name(stmt):
    """If the characters before a '{' at depth 0 end in a parameter list,
    (the function's name, the line index where the name is); else None."""
    s = "".join(ch for _, _, ch in stmt).rstrip()
    m = re.search(r"\b(struct|union|enum)\s+([A-Za-z_]\w*)$", s)
    if m and "=" not in s:
        return m.group(1) + " " + m.group(2), stmt[m.start(1)][0]
    if not s.endswith(")") or "=" in s.replace("==", ""):
        return None
    depth, k = 0, len(s) - 1
    while k >= 0:
        if s[k] == ")":
            depth += 1
        elif s[k] == "(":
            depth -= 1
            if depth == 0:
                break
        k -= 1
    m = re.search(r"([A-Za-z_]\w*)\s*$", s[:k])
    if not m or m.group(1) in C_KEYWORDS:
        return None
    return m.group(1), stmt[m.start(1)][0]


def asm_functions(text):
    """[(label, first, last, body)]: each label at the start of a line, to
    its last instruction before the next such label."""
    lines = text.split("\n")
    labels = [(i, m.group(1)) for i, l in enumerate(lines)
              for m in [re.match(r"([A-Za-z_]\w*):", l)] if m]
    found = []
    for k, (i, name) in enumerate(labels):
        end = labels[k + 1][0] if k + 1 < len(labels) else len(lines)
        last = i
        for j in range(i, end):
            s = lines[j].strip()
            if s and not s.startswith((";", "//", "#", "/*", "*")):
                last = j
        found.append((name, i + 1, last + 1, "\n".join(lines[i:last + 1])))
    return found


def py_functions(text):
    lines = text.split("\n")
    found = []
    for i, l in enumerate(lines):
        m = re.match(r"(\s*)def\s+([A-Za-z_]\w*)\s*\(", l)
        if not m:
            continue
        ind, last = len(m.group(1)), i
        for j in range(i + 1, len(lines)):
            s = lines[j]
            if not s.strip():
                continue
            if len(s) - len(s.lstrip()) <= ind:
                break
            last = j
        found.append((m.group(2), i + 1, last + 1,
                      "\n".join(lines[i:last + 1])))
    return found


def functions_in(path, text):
    if path.endswith((".c", ".h")):
        return c_functions(text)
    if path.endswith((".asm", ".S", ".s")):
        return asm_functions(text)
    if path.endswith(".py"):
        return py_functions(text)
    return None


class Tree:
    """The source files as they are now (and, through git, as they were)."""

    def __init__(self):
        self.texts = {}
        self.funcs = {}
        self.old = {}
        self.index = None

    def text(self, path):
        if path not in self.texts:
            full = os.path.join(TOP, path)
            try:
                with open(full, encoding="utf-8", errors="replace") as f:
                    self.texts[path] = f.read()
            except OSError:
                self.texts[path] = None
        return self.texts[path]

    def lines(self, path):
        t = self.text(path)
        return None if t is None else t.split("\n")

    def nlines(self, path):
        t = self.text(path)
        return len(t.split("\n")) - (1 if t.endswith("\n") else 0)

    def functions(self, path):
        if path not in self.funcs:
            t = self.text(path)
            self.funcs[path] = None if t is None else functions_in(path, t)
        return self.funcs[path]

    def definitions(self, path, name):
        return [f for f in self.functions(path) or [] if f[0] == name]

    def defined(self):
        """name -> [(path, first, last, body)] over kernel/, arch/, lib/."""
        if self.index is None:
            self.index = {}
            for d in DEF_DIRS:
                for root, _, files in os.walk(os.path.join(TOP, d)):
                    for fn in sorted(files):
                        if not fn.endswith((".c", ".h", ".asm", ".S", ".s")):
                            continue
                        p = os.path.relpath(os.path.join(root, fn), TOP)
                        for name, a, b, body in self.functions(p) or []:
                            self.index.setdefault(name, []).append(
                                (p, a, b, body))
        return self.index

    def old_text(self, commit, path):
        key = (commit, path)
        if key not in self.old:
            try:
                self.old[key] = subprocess.run(
                    ["git", "show", commit + ":" + path], cwd=TOP,
                    capture_output=True, check=True).stdout.decode(
                        "utf-8", "replace")
            except (OSError, subprocess.CalledProcessError):
                self.old[key] = None
        return self.old[key]


def blame(doc):
    """{doc line number: commit} for the committed lines of doc, or {}."""
    try:
        out = subprocess.run(["git", "blame", "--porcelain", "--", doc],
                             cwd=TOP, capture_output=True,
                             check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.CalledProcessError):
        return {}
    got = {}
    for line in out.split("\n"):
        m = re.match(r"([0-9a-f]{40}) \d+ (\d+)", line)
        if m and m.group(1) != "0" * 40:
            got[int(m.group(2))] = m.group(1)
    return got


# --------------------------------------------------------------------------
# Reading the docs

class Citation:
    def __init__(self, doc, lineno, m, kind, func):
        self.doc, self.lineno = doc, lineno
        self.start, self.end = m.start(), m.end()
        raw = m.group("path")
        self.path = raw[2:] if raw.startswith("./") else raw
        self.prefix = raw[:2] if raw.startswith("./") else ""
        self.a = int(m.group("a"))
        self.b = int(m.group("b")) if m.group("b") else None
        self.sep = m.group(0)[m.end("a") - m.start():][:1] if self.b else ""
        self.kind, self.func = kind, func
        self.new = None  # (path, a, b) to write, set by --fix

    def text(self, path=None, a=None, b=None):
        path = self.path if path is None else path
        a = self.a if a is None else a
        b = self.b if b is None else b
        return "%s%s:%d%s" % (self.prefix if path == self.path else "",
                              path, a, "" if b is None else
                              "%s%d" % (self.sep or "-", b))

    def where(self):
        return "%s:%d" % (self.doc, self.lineno)

    def last(self):
        return self.b if self.b is not None else self.a


def read_doc(doc, text):
    """The citations of one doc, and its lines."""
    lines = text.split("\n")
    cits = []
    fence = None
    for i, line in enumerate(lines):
        f = FENCE_RE.match(line)
        if f:
            if fence is None:
                fence = f.group(1)
            elif f.group(1) == fence:
                fence = None
            continue
        for m in CIT_RE.finditer(line):
            before = line[:m.start()]
            kind, func = 3, None
            if fence is None:
                fm = FUNC_BEFORE.search(before)
                if not fm and not before.strip(" \t>-*|`(:,\u2013\u2014") \
                        and i > 0 and lines[i - 1].strip():
                    # the name ends the line before (prose wraps)
                    fm = FUNC_BEFORE.search(lines[i - 1].rstrip() + " " +
                                            before.lstrip())
                if fm:
                    kind, func = 1, fm.group("func") or fm.group("tag")
            else:
                fm = FRAME_BEFORE.search(before) or SYMBOL_BEFORE.search(
                    before)
                if fm:
                    kind, func = 2, fm.group("func")
            c = Citation(doc, i + 1, m, kind, func)
            c.in_fence = fence is not None
            cits.append(c)
    return lines, cits


def shown(func):
    """How a doc writes the name: schedule(), or struct runqueue."""
    return func if " " in func else func + "()"


def quote(s, width=60):
    s = " ".join(s.split())
    return "`" + (s if len(s) <= width else s[:width - 3] + "...") + "`"


# --------------------------------------------------------------------------
# Checking

class Checker:
    def __init__(self, tree, fix):
        self.tree, self.fix = tree, fix
        self.problems = []

    def problem(self, c, words):
        self.problems.append((c.doc, c.lineno, "%s %s" % (c.where(), words)))

    def check(self, c, doclines, commits):
        t = self.tree
        if t.text(c.path) is None:
            if os.path.isdir(os.path.join(TOP, c.path)):
                self.problem(c, "cites %s, which is a directory" % c.text())
            else:
                self.problem(c, "cites %s, but %s does not exist"
                             % (c.text(), c.path))
            return
        n = t.nlines(c.path)
        if c.a < 1 or (c.b is not None and c.b < c.a):
            self.problem(c, "cites %s, which is not a range of lines (the "
                         "first must be 1 or more, the last no less than "
                         "the first)" % c.text())
            return
        if c.last() > n:
            if not (c.kind == 1 and self.check_function(c)):
                self.problem(c, "cites %s, but %s has only %d lines"
                             % (c.text(), c.path, n))
            return
        if c.kind == 1:
            self.check_function(c)
            return
        if c.kind == 2:
            self.check_transcript(c)
        self.check_anchor(c, commits.get(c.lineno))
        if c.in_fence and c.b is None:
            self.check_listing(c, doclines)

    # kind 1 -----------------------------------------------------------
    def check_function(self, c):
        """Check a function citation; True if it said something (or fixed
        it)."""
        t = self.tree
        fs = t.functions(c.path)
        what = shown(c.func)
        if fs is None:
            self.problem(c, "cites %s for %s, but this checker cannot find "
                         "functions in %s files: cite the line without "
                         "naming a function" % (c.text(), what,
                                                os.path.splitext(c.path)[1]))
            return True
        defs = t.definitions(c.path, c.func)
        if not defs:
            elsewhere = t.defined().get(c.func, [])
            if len(elsewhere) == 1:
                p, a, b, _ = elsewhere[0]
                if self.fix:
                    self.set_new(c, p, a, b if c.b is not None else None)
                    return True
                self.problem(c, "cites %s for %s, but %s defines no %s: it "
                             "is at %s:%d-%d" % (c.text(), what, c.path,
                                                 what, p, a, b))
            else:
                self.problem(c, "cites %s for %s, but %s defines no %s%s"
                             % (c.text(), what, c.path, what,
                                (" (it is defined in %s)" % ", ".join(
                                    "%s:%d" % (p, a) for p, a, _, _ in
                                    elsewhere)) if elsewhere else ""))
            return True
        for _, a, b, _ in defs:
            if c.a == a and (c.b is None or c.b == b):
                return False
        _, a, b, _ = defs[0]
        if self.fix:
            self.set_new(c, c.path, a, b if c.b is not None else None)
            return True
        if c.a != a:
            why = "%s now starts at line %d" % (what, a)
        else:
            why = "%s now ends at line %d" % (what, b)
        self.problem(c, "cites %s for %s, but %s (%s)"
                     % (c.text(), what, why, c.text(c.path, a,
                                                    b if c.b else None)))
        return True

    # kind 2 -----------------------------------------------------------
    def reachable(self, name, depth=2):
        """Functions and macros `name` may have had inlined into it: those
        it calls, and those they call."""
        index = self.tree.defined()
        seen = {name}
        todo = [name]
        for _ in range(depth):
            nxt = []
            for f in todo:
                for _, _, _, body in index.get(f, []):
                    for callee in IDENT_CALL_RE.findall(body):
                        if callee in index and callee not in seen:
                            seen.add(callee)
                            nxt.append(callee)
            todo = nxt
        return seen

    def inside(self, path, line, names):
        return any(f[1] <= line <= f[2] and f[0] in names
                   for f in self.tree.functions(path) or [])

    def check_transcript(self, c):
        """Is the line inside c.func or what it calls?  If not, note why in
        c.transcript_bad, for check_anchor() to report or fix."""
        fs = self.tree.functions(c.path)
        if fs is None:
            return
        names = self.reachable(c.func)
        if all(self.inside(c.path, l, names) for l in range(c.a, c.last() + 1)):
            return
        own = self.tree.definitions(c.path, c.func)
        where = ("%s() is %s" % (c.func, ", ".join(
            "%s:%d-%d" % (c.path, a, b) for _, a, b, _ in own)) if own else
            "%s defines no %s(), nor any function %s() calls"
            % (c.path, c.func, c.func) if c.func not in self.tree.defined()
            else "it is not inside %s() or a function it calls" % c.func)
        c.transcript_bad = "shows %s as a line of %s(), but %s" % (
            c.text(), c.func, where)

    # kinds 2 and 3: the anchor ------------------------------------------
    def check_anchor(self, c, commit):
        t = self.tree
        bad = getattr(c, "transcript_bad", None)
        old = t.old_text(commit, c.path) if commit else None
        if old is None:
            if bad:
                self.problem(c, bad)
            return
        old_lines = old.split("\n")
        if c.last() > len(old_lines):
            if bad:
                self.problem(c, bad)
            return
        want = [l.strip() for l in old_lines[c.a - 1:c.last()]]
        cur = [l.strip() for l in t.lines(c.path)[c.a - 1:c.last()]]
        if want == cur:
            if bad:
                self.problem(c, bad + " (and so it was when this line was "
                             "written, in %s: correct it by hand)"
                             % commit[:7])
            return
        at = self.find_again(c, old, want)
        span = len(want) - 1
        was = "read %s when this doc line was last changed (%s)" % (
            quote(" ".join(want)), commit[:7])
        if at is None:
            self.problem(c, "cites %s, which %s; that text is no longer in "
                         "%s: correct the citation by hand"
                         % (c.text(), was, c.path if c.kind != 2 else
                            "%s() or what it calls" % c.func))
            return
        if self.fix:
            self.set_new(c, c.path, at, at + span if c.b is not None else None)
            return
        self.problem(c, "cites %s, which %s and now reads %s: the text is "
                     "now at %s" % (c.text(), was, quote(" ".join(cur)),
                                    c.text(c.path, at, at + span
                                           if c.b is not None else None)))

    def find_again(self, c, old, want):
        """Where the lines `want` are now: the occurrence nearest to where
        they would be had only the function around them moved."""
        cur = [l.strip() for l in self.tree.lines(c.path)]
        k = len(want)
        hits = [i + 1 for i in range(len(cur) - k + 1) if cur[i:i + k] == want]
        if not hits:
            return None
        expect = c.a
        old_fs = functions_in(c.path, old) or []
        around = [f for f in old_fs if f[1] <= c.a <= f[2]]
        if around:
            f = min(around, key=lambda f: f[2] - f[1])
            now = self.tree.definitions(c.path, f[0])
            if now:
                expect = c.a + now[0][1] - f[1]
        if c.kind == 2:  # a frame stays in its function
            names = self.reachable(c.func)
            hits = [h for h in hits if self.inside(c.path, h, names)]
            if not hits:
                return None
        return min(hits, key=lambda h: (abs(h - expect), h))

    def check_listing(self, c, doclines):
        """gdb's listing of the line after a transcript citation: `N\\tTEXT`."""
        if c.lineno >= len(doclines):
            return
        m = re.match(r"(\d+)\t(.*)$", doclines[c.lineno])
        if not m or int(m.group(1)) != c.a:
            return
        n = c.new[1] if c.new else c.a
        now = self.tree.lines(c.path)[n - 1].strip()
        if now != m.group(2).strip():
            self.problems.append((c.doc, c.lineno + 1, "%s:%d shows line %d "
                                  "of %s as %s, but it reads %s" % (
                                      c.doc, c.lineno + 1, n, c.path,
                                      quote(m.group(2)), quote(now))))

    def set_new(self, c, path, a, b):
        c.new = (path, a, b)


def fix_doc(doc, lines, cits):
    """Rewrite the citations that have a c.new, right to left on each line;
    gdb's listing line after a transcript citation follows it."""
    changed = []
    by_line = {}
    for c in cits:
        if c.new:
            by_line.setdefault(c.lineno, []).append(c)
    for ln, cs in by_line.items():
        line = lines[ln - 1]
        for c in sorted(cs, key=lambda c: -c.start):
            new = c.text(*c.new)
            if new == c.text():
                continue
            line = line[:c.start] + new + line[c.end:]
            changed.append("%s:%d: %s -> %s%s" % (
                doc, ln, c.text(), new,
                " for " + shown(c.func) if c.func else ""))
            if c.in_fence and c.b is None and ln < len(lines):
                m = re.match(r"(\d+)\t", lines[ln])
                if m and int(m.group(1)) == c.a:
                    lines[ln] = "%d%s" % (c.new[1], lines[ln][m.end(1):])
        lines[ln - 1] = line
    return changed


def check_names(doc, lines, tree, problems):
    index = tree.defined()
    fence = None
    for i, line in enumerate(lines):
        f = FENCE_RE.match(line)
        if f:
            fence = f.group(1) if fence is None else (
                None if f.group(1) == fence else fence)
            continue
        if fence:
            continue
        for m in CALL_SPAN_RE.finditer(line):
            if m.group(1) not in index:
                problems.append((doc, i + 1, "%s:%d names %s, but no "
                                 "function or macro %s is defined in %s" % (
                                     doc, i + 1, m.group(0), m.group(1),
                                     ", ".join(d + "/" for d in DEF_DIRS[:-1])
                                     + " or " + DEF_DIRS[-1] + "/")))


def all_docs():
    docs = ["README.md"] if os.path.exists(os.path.join(TOP, "README.md")) \
        else []
    for root, dirs, files in os.walk(os.path.join(TOP, "docs")):
        dirs.sort()
        for fn in sorted(files):
            if fn.endswith(".md"):
                docs.append(os.path.relpath(os.path.join(root, fn), TOP))
    return docs


def main(argv):
    fix = False
    docs = []
    for a in argv:
        if a == "--fix":
            fix = True
        elif a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        elif a.startswith("-"):
            print("check-refs: unknown option %s (--fix, --help)" % a,
                  file=sys.stderr)
            return 2
        else:
            docs.append(os.path.relpath(os.path.abspath(a), TOP))
    docs = docs or all_docs()
    tree = Tree()
    problems = []
    for doc in docs:
        try:
            with open(os.path.join(TOP, doc), encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            print("check-refs: cannot read %s: %s" % (doc, e.strerror),
                  file=sys.stderr)
            return 2
        lines, cits = read_doc(doc, text)
        need_blame = any(c.kind != 1 for c in cits)
        commits = blame(doc) if need_blame else {}
        ck = Checker(tree, fix)
        for c in cits:
            ck.check(c, lines, commits)
        if fix:
            changed = fix_doc(doc, lines, cits)
            if changed:
                with open(os.path.join(TOP, doc), "w", encoding="utf-8") as f:
                    f.write("\n".join(lines))
                for ch in changed:
                    print("fixed " + ch)
                # check again what was rewritten: a fix must leave no problem
                _, cits = read_doc(doc, "\n".join(lines))
                ck = Checker(tree, False)
                for c in cits:
                    # the rewritten lines are new: nothing to anchor them to
                    ck.check(c, lines, {} if any(
                        ch.startswith("%s:%d:" % (doc, c.lineno))
                        for ch in changed) else commits)
        problems += ck.problems
        if doc in STRICT_NAME_DOCS:
            check_names(doc, lines, tree, problems)
    for _, _, words in sorted(problems, key=lambda p: (p[0], p[1])):
        print(words)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
