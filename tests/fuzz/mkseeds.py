#!/usr/bin/env python3
"""tests/fuzz/mkseeds.py - write the seed corpus, tests/fuzz/corpus/NAME/.

Each fuzzer starts from a few valid inputs (shaped like what QEMU and GRUB
give) and a few broken ones (bad checksums, lengths that run past the
end, entries of length 0, sizes that wrap 32 bits), laid out as that
fuzzer's harness expects (see the top of tests/fuzz/fuzz_NAME.c).  The
files are committed; run this again after changing a layout:

    python3 tests/fuzz/mkseeds.py
"""
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")
HIGH = 0x7FE0000  # FAKE_HIGH_BASE in tests/fw_fake.h


def u8(v): return struct.pack("<B", v & 0xFF)
def u16(v): return struct.pack("<H", v & 0xFFFF)
def u32(v): return struct.pack("<I", v & 0xFFFFFFFF)
def u64(v): return struct.pack("<Q", v & 0xFFFFFFFFFFFFFFFF)


def csum(b, at):
    b = bytearray(b)
    b[at] = 0
    b[at] = (-sum(b)) & 0xFF
    return bytes(b)


def patch32(b, at, v):
    return b[:at] + u32(v) + b[at + 4:]


def acpi_table(sig, body, rev=1, length=None, good=True):
    n = 36 + len(body) if length is None else length
    t = sig + u32(n) + u8(rev) + u8(0) + b"TERNFZ" + b"FUZZTBL " + \
        u32(1) + b"TERN" + u32(1) + body
    return csum(t, 9) if good else t


def rsdp(rsdt, xsdt=0, rev=0, good=True):
    r = b"RSD PTR " + u8(0) + b"TERNFZ" + u8(rev) + u32(rsdt)
    r = csum(r, 8) if good else r
    r += u32(36) + u64(xsdt) + u8(0) + b"\0\0\0"
    return csum(r, 32) if good else r


def madt(cpus=((0, 0, 1), (1, 1, 1)), ioapic=True, extra=b"", length=None,
         good=True):
    body = u32(0xFEE00000) + u32(1)
    for uid, apic, flags in cpus:
        body += u8(0) + u8(8) + u8(uid) + u8(apic) + u32(flags)
    if ioapic:
        body += u8(1) + u8(12) + u8(0) + u8(0) + u32(0xFEC00000) + u32(0)
    body += u8(2) + u8(10) + u8(0) + u8(0) + u32(2) + u16(0)  # IRQ0->GSI2
    body += u8(4) + u8(6) + u8(0xFF) + u16(0) + u8(1)  # NMI on LINT1
    body += extra
    return acpi_table(b"APIC", body, length=length, good=good)


def fadt(dsdt):
    body = bytearray(244 - 36)
    body[40 - 36:44 - 36] = u32(dsdt)
    body[64 - 36:68 - 36] = u32(0x604)  # PM1a_CNT
    return acpi_table(b"FACP", bytes(body), rev=3)


def dsdt():
    aml = b"\x10\x05\\_SB_" + b"\x08_S5_\x12\x06\x04\x00\x00\x00\x00"
    return acpi_table(b"DSDT", aml)


def acpi_input(flags, rsdp_bytes, tables):
    """tables: {offset from HIGH: bytes}."""
    size = max(off + len(t) for off, t in tables.items())
    body = bytearray(size)
    for off, t in tables.items():
        body[off:off + len(t)] = t
    return u8(flags) + rsdp_bytes + bytes(body)


def acpi_seeds():
    rs = lambda *offs: acpi_table(b"RSDT", b"".join(u32(HIGH + o) for o in offs))
    xs = lambda *offs: acpi_table(b"XSDT", b"".join(u64(HIGH + o) for o in offs))
    std = {0x0: rs(0x100, 0x200), 0x100: madt(), 0x200: fadt(HIGH + 0x400),
           0x400: dsdt()}
    many = tuple((i, i, 1) for i in range(40))
    s = {
        "qemu-rsdt": acpi_input(0x10, rsdp(HIGH), std),
        "xsdt-loader": acpi_input(0x12, rsdp(HIGH, HIGH + 0x80, rev=2),
                                  {**std, 0x80: xs(0x100, 0x200)}),
        "ebda": acpi_input(0x04, rsdp(HIGH), std),
        "fix-checksums": acpi_input(0x19, rsdp(HIGH, good=False),
                                    {0x0: rs(0x100), 0x100: madt(good=False)}),
        "bad-rsdp-checksum": acpi_input(0x00, rsdp(HIGH, good=False), std),
        "bad-madt-checksum": acpi_input(0x00, rsdp(HIGH),
                                        {**std, 0x100: madt(good=False)}),
        "madt-entry-length-0": acpi_input(
            0x00, rsdp(HIGH), {**std, 0x100: madt(extra=b"\x00\x00")}),
        "madt-truncated": acpi_input(
            0x01, rsdp(HIGH), {**std, 0x100: madt(length=50)}),
        "madt-oversized": acpi_input(
            0x01, rsdp(HIGH), {**std, 0x100: madt(length=0x7000)}),
        "duplicate-apic-ids": acpi_input(
            0x00, rsdp(HIGH),
            {**std, 0x100: madt(cpus=((0, 0, 1), (1, 0, 1), (2, 1, 1)))}),
        "x2apic-lsapic-entries": acpi_input(
            0x11, rsdp(HIGH),
            {**std, 0x100: madt(extra=(
                u8(9) + u8(16) + u16(0) + u32(300) + u32(1) + u32(300) +
                u8(10) + u8(12) + u16(0) + u32(0xFFFFFFFF) + u8(1) + bytes(3) +
                u8(7) + u8(20) + u8(3) + u8(3) + u8(0) + bytes(3) + u32(1) +
                u32(3) + b"CPU3" +
                u8(5) + u8(12) + u16(0) + u64(0xFEE00000) +
                u8(3) + u8(8) + u16(0) + u32(0)))}),
        "many-cpus-no-ioapic": acpi_input(
            0x00, rsdp(HIGH),
            {**std, 0x100: madt(cpus=many, ioapic=False)}),
    }
    return s


def mp_seeds():
    def fp(config, good=True, length=1, feature=0):
        f = b"_MP_" + u32(config) + u8(length) + u8(4) + u8(0) + \
            u8(feature) + b"\0\0\0\0"
        return csum(f, 10) if good else f

    def cpu(apic, flags=1):
        return u8(0) + u8(apic) + u8(0x14) + u8(flags) + u32(0x600) + \
            u32(0x201) + u32(0) + u32(0)

    def bus(i, name): return u8(1) + u8(i) + name
    def ioapic(i, addr=0xFEC00000): return u8(2) + u8(i) + u8(0x11) + u8(1) + u32(addr)
    def ioint(bus_, irq, dst, pin, kind=0, flags=0):
        return u8(3) + u8(kind) + u16(flags) + u8(bus_) + u8(irq) + u8(dst) + u8(pin)
    def lint(pin, kind=1):
        return u8(4) + u8(kind) + u16(0) + u8(0) + u8(0) + u8(0xFF) + u8(pin)

    def pcmp(entries, length=None, count=None, good=True):
        body = b"".join(entries)
        n = 44 + len(body) if length is None else length
        c = count if count is not None else len(entries)
        t = b"PCMP" + u16(n) + u8(4) + u8(0) + b"TERNFZ  " + b"FUZZ        " + \
            u32(0) + u16(0) + u16(c) + u32(0xFEE00000) + u16(0) + u8(0) + \
            u8(0) + body
        return csum(t[:n] if length is None else t, 7) if good else t

    std = [cpu(0, 3), cpu(1), bus(0, b"ISA   "), bus(1, b"PCI   "),
           ioapic(2), ioint(0, 0, 2, 2), ioint(0, 9, 2, 9, flags=0xF),
           lint(1)]
    C = 0x10000
    return {
        "qemu": u8(0x04) + fp(C) + pcmp(std),
        "ebda": u8(0x0C) + fp(C) + pcmp(std),
        "fix-checksums": u8(0x03) + fp(C, good=False) + pcmp(std, good=False),
        "bad-floating-checksum": u8(0x00) + fp(C, good=False) + pcmp(std),
        "bad-pcmp-checksum": u8(0x00) + fp(C) + pcmp(std, good=False),
        "default-config": u8(0x00) + fp(C, feature=5) + pcmp(std),
        "unknown-entry-type": u8(0x01) + fp(C) + pcmp(std[:2] + [b"\x09" * 8] + std[2:]),
        "count-past-end": u8(0x01) + fp(C) + pcmp(std, count=200),
        "duplicate-apic-ids": u8(0x01) + fp(C) + pcmp([cpu(0, 3), cpu(0)] + std[2:]),
        "irq-to-unknown-ioapic": u8(0x01) + fp(C) + pcmp(std[:4] + [ioint(0, 4, 7, 4)]),
    }


def mb_seeds():
    I = 0x10000  # INFO_PHYS in fuzz_multiboot.c

    def mb1(flags, cmdline=b"", loader=b"", entries=(), entry_size=20,
            mmap_len=None):
        mmap = b"".join(u32(entry_size) + u64(b) + u64(l) + u32(t) +
                        bytes(entry_size - 20) for b, l, t in entries)
        info = bytearray(0x300)
        hdr = u32(flags) + u32(639) + u32(0x7FB80) + u32(0) + u32(I + 0x100) + \
            u32(0) + u32(0) + bytes(16) + \
            u32(len(mmap) if mmap_len is None else mmap_len) + u32(I + 0x200) + \
            u32(0) + u32(0) + u32(0) + u32(I + 0x180)
        info[:len(hdr)] = hdr
        info[0x100:0x100 + len(cmdline)] = cmdline
        info[0x180:0x180 + len(loader)] = loader
        info += mmap
        info[0x200:0x200 + len(mmap)] = mmap
        return u8(0x00) + bytes(info[:0x200 + len(mmap)])

    qemu_map = [(0, 0x9FC00, 1), (0x9FC00, 0x400, 2), (0xF0000, 0x10000, 2),
                (0x100000, 0x1FEE0000, 1), (0x1FFE0000, 0x20000, 2),
                (0xFFFC0000, 0x40000, 2)]
    untidy = [(0, 0x9FC00, 1), (0x500000, 0, 1), (0x100000, 0x7F00000, 1),
              (0x7000000, 0x100000, 2), (0x7FF0000, 0x20000, 3)]

    def tag(t, payload):
        b = u32(t) + u32(8 + len(payload)) + payload
        return b + bytes(-len(b) % 8)

    def mb2(tags, flags=0x01, total=None):
        body = b"".join(tags) + u32(0) + u32(8)
        n = 8 + len(body) if total is None else total
        return u8(flags) + u32(n) + u32(0) + body

    def mmap_tag(entries):
        return tag(6, u32(24) + u32(0) + b"".join(
            u64(b) + u64(l) + u32(t) + u32(0) for b, l, t in entries))

    rsdp_copy = b"RSD PTR " + bytes(28)
    return {
        "mb1-qemu": mb1(0x247, b"build/tern.elf hz=100 poweroff\0",
                        b"qemu\0", qemu_map),
        "mb1-untidy-map": mb1(0x40, entries=untidy),
        "mb1-entry-size-wraps": patch32(
            mb1(0x40, entries=[(0x100000, 0x100000, 1),
                               (0x200000, 0x100000, 1)]), 1 + 0x200,
            0xFFFFFFFC),
        "mb1-no-map": mb1(0x01),
        "mb1-cmdline-unterminated": mb1(0x04, b"x" * 0x80),
        "mb2-grub": mb2([tag(1, b"ktest=all panic=-1\0"),
                         tag(2, b"GRUB 2.06\0"), mmap_tag(qemu_map),
                         tag(14, rsdp_copy[:20]), tag(15, rsdp_copy),
                         tag(8, bytes(24))]),
        "mb2-untidy-map": mb2([mmap_tag(untidy)], flags=0x03),
        "mb2-tag-size-wraps": u8(0x01) + u32(40) + u32(0) + u32(1) +
        u32(0xFFFFFFFC) + b"hz=100\0\0" + u32(0) + u32(8),
        "mb2-short-mmap-tag": mb2([u32(6) + u32(12) + u32(24) + u32(0)]),
        "mb2-total-too-big": mb2([tag(1, b"a\0")], total=0x7FFFFFFF),
    }


def cmdline_seeds():
    lines = [b"", b"poweroff", b"hz=100 loglevel=8 ktest=all panic=-1",
             b'bug="a b" maxcpus=2 noloadbalance', b"help",
             b"hz=banana loglevel=99 nosuch=1", b'ktest=" panic="',
             b"hz=0x7fffffffffffffff maxcpus=-1 watchdog=",
             b"= == ===a =b \t\n\"", b"sched_yield_mode=expired soak_seed=2147483648"]
    return {"line%d" % i: l for i, l in enumerate(lines)}


def vsnprintf_seeds():
    raw = [b"hello %s %d %x %p %%", b"%-10s|%08x|%+d|% i|%#X|%c",
           b"%.3s %.0d %hhd %hu %lld %zu %lx", b"%q %-5q %", b"%1234d%.1234s",
           b"%"]
    s = {"raw%d" % i: u8(0x00) + u8(i * 7) + u8(i) + f for i, f in enumerate(raw)}
    # against glibc: 12 bytes (size, prefix, flags, width, *width, prec,
    # *prec, conversion, length, high byte, small, NULL), then a string
    conv = [
        bytes([1, 200, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0]),
        bytes([1, 100, 1, 0x09, 12, 0, 0x85, 0, 0, 4, 0, 0, 0]),
        bytes([1, 3, 2, 0x10, 0x80, 0xF0, 0xC0, 0xFE, 3, 0, 0x80, 0, 0]),
        bytes([1, 50, 0, 0x01, 20, 0, 0x83, 0, 6, 0, 0, 0, 0]) + b"string",
        bytes([1, 50, 0, 0, 0, 0, 0x82, 0, 6, 0, 0, 0, 0xFF]),
        bytes([1, 255, 3, 0x1F, 0x80, 0xFB, 0xC0, 0x05, 4, 4, 0x80, 0x21, 0]),
    ]
    s.update({"glibc%d" % i: c for i, c in enumerate(conv)})
    return s


def main():
    sets = {"acpi": acpi_seeds(), "mptable": mp_seeds(),
            "multiboot": mb_seeds(), "cmdline": cmdline_seeds(),
            "vsnprintf": vsnprintf_seeds()}
    for name, seeds in sets.items():
        d = os.path.join(OUT, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for seed, data in seeds.items():
            with open(os.path.join(d, seed), "wb") as f:
                f.write(data)
        print("%s: %d seeds" % (name, len(seeds)))


if __name__ == "__main__":
    main()
