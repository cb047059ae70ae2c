#!/usr/bin/env python3
"""Write an initramfs: a cpio archive in the "newc" format, to stdout.

    mkinitramfs.py LIST > initrd.cpio

LIST holds one entry a line (blank lines and lines starting with # are
skipped); paths are inside the archive, without the leading slash:

    dir   PATH MODE                  a directory
    file  PATH MODE HOSTFILE         a regular file, copied from HOSTFILE
    nod   PATH MODE c|b MAJOR MINOR  a device node (no root needed here)
    slink PATH MODE TARGET           a symbolic link

MODE is octal.  Every entry belongs to root, has time 0 and one link, so
the same inputs always give the same bytes.

The format (the kernel's Documentation/driver-api/early-userspace and
initramfs docs describe it): each entry is a 110-byte header - the magic
"070701", then 13 fields of 8 hex digits - followed by the name with its
NUL, padded to a multiple of 4 bytes, then the data, padded the same way.
An entry named TRAILER!!! ends the archive.
"""
import stat
import sys

KINDS = ("dir", "file", "nod", "slink")


def pad4(n):
    return (4 - n % 4) % 4


def entry(out, ino, name, mode, data=b"", rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_b), 0]
    head = b"070701" + b"".join(b"%08X" % f for f in fields)
    out.write(head + name_b + b"\0" * pad4(len(head) + len(name_b)))
    out.write(data + b"\0" * pad4(len(data)))


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: mkinitramfs.py LIST > initrd.cpio\n")
        return 2
    out = sys.stdout.buffer
    ino = 1
    with open(argv[1]) as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines, 1):
        w = line.split()
        if not w or w[0].startswith("#"):
            continue
        kind = w[0]
        try:
            if kind not in KINDS or len(w) < 3:
                raise ValueError("unknown entry or missing fields")
            path, perm = w[1].lstrip("/"), int(w[2], 8)
            if kind == "dir" and len(w) == 3:
                entry(out, ino, path, stat.S_IFDIR | perm)
            elif kind == "file" and len(w) == 4:
                with open(w[3], "rb") as src:
                    data = src.read()
                entry(out, ino, path, stat.S_IFREG | perm, data)
            elif kind == "nod" and len(w) == 6 and w[3] in ("c", "b"):
                t = stat.S_IFCHR if w[3] == "c" else stat.S_IFBLK
                entry(out, ino, path, t | perm, rdev=(int(w[4]), int(w[5])))
            elif kind == "slink" and len(w) == 4:
                entry(out, ino, path, stat.S_IFLNK | perm, w[3].encode())
            else:
                raise ValueError("wrong number of fields")
        except (ValueError, OSError) as e:
            sys.stderr.write("mkinitramfs.py: %s:%d: %s\n" % (argv[1], n, e))
            return 1
        ino += 1
    entry(out, 0, "TRAILER!!!", 0)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
