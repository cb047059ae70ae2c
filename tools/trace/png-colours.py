#!/usr/bin/python3
# tools/trace/png-colours.py PNG N - is this screenshot more than a blank
# page?  Exit 0 when the picture has at least N distinct colours, else 1
# with a sentence saying how many it has.  (The trace test renders the SVG
# timeline in headless Chromium; a page that failed to draw is one or two
# colours.)  Standard library only: 8-bit RGB or RGBA PNGs, as browsers
# write them.
import struct
import sys
import zlib


def chunks(data):
    pos = 8  # the signature
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        yield kind, data[pos + 8:pos + 8 + length]
        pos += 12 + length


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def rows(raw, width, bpp):
    """Undo the per-row filters (PNG spec, section 9)."""
    stride, prev, pos = width * bpp, bytearray(width * bpp), 0
    while pos < len(raw):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, paeth(a, b, c))[kind]) & 0xff
        yield bytes(line)
        prev = line


def colours(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("%s is not a PNG" % path)
    idat, width = b"", 0
    for kind, body in chunks(data):
        if kind == b"IHDR":
            width, _, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                sys.exit("%s: only 8-bit RGB/RGBA is read here" % path)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
    seen = set()
    for line in rows(zlib.decompress(idat), width, bpp):
        seen.update(line[i:i + 3] for i in range(0, len(line), bpp * 7))
    return len(seen)


if __name__ == "__main__":
    n = colours(sys.argv[1])
    if n < int(sys.argv[2]):
        sys.exit("it has %d colours, fewer than %s" % (n, sys.argv[2]))
