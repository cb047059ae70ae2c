#!/usr/bin/env python3
"""Take the kernel ELF (vmlinux) out of a bzImage, and check it can be
booted through its PVH entry.

    vmlinux.py BZIMAGE VMLINUX

A bzImage is a small decompressor followed by the kernel, compressed
(Debian's 6.1 kernels: xz; gzip is understood too).  The compressed
stream is found by its magic bytes and unpacked here, on the host.  QEMU
boots an ELF kernel given to -kernel through the entry point that a
XEN_ELFNOTE_PHYS32_ENTRY note (type 18, owner "Xen") names, the PVH boot
protocol; without that note the ELF is no use to us, and we say so.
"""
import lzma
import struct
import sys
import zlib

XZ_MAGIC = b"\xfd7zXZ\x00"
GZIP_MAGIC = b"\x1f\x8b\x08"
PHYS32_ENTRY = 18


def unpack(image):
    i = image.find(XZ_MAGIC)
    if i >= 0:
        d = lzma.LZMADecompressor()
        out = d.decompress(image[i:])
        if d.eof and out.startswith(b"\x7fELF"):
            return out
    i = image.find(GZIP_MAGIC)
    while i >= 0:
        d = zlib.decompressobj(16 + 15)
        try:
            out = d.decompress(image[i:])
            if d.eof and out.startswith(b"\x7fELF"):
                return out
        except zlib.error:
            pass
        i = image.find(GZIP_MAGIC, i + 1)
    return None


def has_pvh_note(elf):
    """Does the 64-bit little-endian ELF carry a PHYS32_ENTRY note?"""
    if elf[4] != 2 or elf[5] != 1:
        return False
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    for k in range(phnum):
        p_type, _, p_offset, _, _, p_filesz = struct.unpack_from(
            "<IIQQQQ", elf, phoff + k * phentsize)
        if p_type != 4:  # PT_NOTE
            continue
        off, end = p_offset, p_offset + p_filesz
        while off + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", elf, off)
            name = elf[off + 12:off + 12 + namesz].rstrip(b"\0")
            if name == b"Xen" and ntype == PHYS32_ENTRY:
                return True
            off += 12 + (namesz + 3) // 4 * 4 + (descsz + 3) // 4 * 4
    return False


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: vmlinux.py BZIMAGE VMLINUX\n")
        return 2
    with open(argv[1], "rb") as f:
        elf = unpack(f.read())
    if elf is None:
        sys.stderr.write("vmlinux.py: no xz or gzip kernel found in %s\n" % argv[1])
        return 1
    if not has_pvh_note(elf):
        sys.stderr.write("vmlinux.py: the kernel in %s has no PVH entry note\n" % argv[1])
        return 1
    with open(argv[2], "wb") as f:
        f.write(elf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
