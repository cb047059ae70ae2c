/*
 * arch/ia64/smp.c - finding the CPUs (and, later, starting them).
 *
 * The CPUs are the enabled local SAPIC entries (type 7) of ACPI's MADT,
 * each with a SAPIC id and eid: the pair a CPU reads in its cr.lid and
 * the address of its slot in the processor interrupt block.  A CPU's
 * hardware id in Tern is id << 8 | eid.  The boot CPU is the one whose
 * cr.lid matches; it becomes CPU 0, the others follow in table order.
 */
#include "kernel/smp.h"
#include "kernel/bootinfo.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "lib/string.h"

#define MADT_LSAPIC	7
#define MADT_LSAPIC_LEN 16 /* without its UID string */
#define LSAPIC_ENABLED	1
#define MADT_ENTRIES	44 /* the header, the interrupt block, flags */

static u32 hw_id[NR_CPUS];

static u64 rd64(u64 a)
{
	return *(const u64 *)a;
}

static u32 rd32(u64 a)
{
	return *(const u32 *)a;
}

static bool sum_ok(u64 a, u32 len)
{
	u8 s = 0;
	for (u32 i = 0; i < len; i++)
		s = (u8)(s + *(const u8 *)(a + i));
	return s == 0;
}

/* The MADT, from the RSDP's XSDT; 0 (and why) if there is none. */
static u64 find_madt(void)
{
	if (!boot_info.has_rsdp) {
		pr_err("smp: the firmware gave no ACPI tables\n");
		return 0;
	}
	u64 xsdt = *(const u64 *)(boot_info.rsdp + 24);
	if (memcmp((const void *)xsdt, "XSDT", 4) ||
	    !sum_ok(xsdt, rd32(xsdt + 4))) {
		pr_err("smp: the XSDT at %#llx is not valid\n", xsdt);
		return 0;
	}
	for (u64 p = xsdt + 36; p + 8 <= xsdt + rd32(xsdt + 4); p += 8) {
		u64 t = rd64(p);
		if (memcmp((const void *)t, "APIC", 4))
			continue;
		if (sum_ok(t, rd32(t + 4)))
			return t;
		pr_err("smp: the MADT at %#llx has a wrong checksum\n", t);
		return 0;
	}
	pr_err("smp: no MADT in the XSDT\n");
	return 0;
}

static u32 my_hw_id(void)
{
	u64 lid;
	__asm__ __volatile__("mov %0 = cr.lid" : "=r"(lid));
	return (u32)(lid >> 16) & 0xffff; /* id << 8 | eid */
}

u32 hal_cpu_hw_id(unsigned cpu)
{
	return hw_id[cpu];
}

unsigned hal_smp_probe(void)
{
	u32 me = my_hw_id();
	unsigned n = 1, skipped = 0;
	hw_id[0] = me;
	cpu_data[0].hw_id = me;
	u64 madt = find_madt();
	if (!madt)
		return 1;
	u32 len = rd32(madt + 4);
	for (u64 e = madt + MADT_ENTRIES; e + 2 <= madt + len;) {
		u8 type = *(const u8 *)e, elen = *(const u8 *)(e + 1);
		if (elen < 2 || e + elen > madt + len) {
			pr_err("smp: MADT entry at %#llx has a bad length %u; "
			       "the rest is ignored\n",
			       e, elen);
			break;
		}
		if (type == MADT_LSAPIC && elen >= MADT_LSAPIC_LEN &&
		    (rd32(e + 8) & LSAPIC_ENABLED)) {
			u32 id = (u32) * (const u8 *)(e + 3) << 8 |
				 *(const u8 *)(e + 4);
			if (id != me && n < NR_CPUS) {
				cpu_data[n].hw_id = id;
				hw_id[n++] = id;
			} else if (id != me) {
				skipped++;
			}
		}
		e += elen;
	}
	if (skipped)
		pr_warn("smp: %u more CPUs than NR_CPUS=%d; they stay off\n",
			skipped, NR_CPUS);
	return n;
}
