/*
 * tools/ia64sim/tests/smp/smp.h - what an SMP test program needs from the
 * machine, found the way a kernel finds it: the boot parameters (r28)
 * lead to the EFI system table, whose configuration table leads to the
 * SAL system table (SAL's and PAL's entry points, the AP wake-up vector)
 * and to ACPI's RSDP -> XSDT -> MADT (one local SAPIC per CPU).  The APs
 * are woken by registering a boot rendezvous with SAL_SET_VECTORS and
 * sending each the wake-up vector through the processor interrupt block.
 *
 * Every lookup checks what it reads (signatures, checksums) and ends the
 * program with a message if something is wrong: the tests check the
 * simulator's firmware tables too.
 */
#ifndef IA64SIM_TEST_SMP_H
#define IA64SIM_TEST_SMP_H

#include "../c/io.h"
#include "vectors.h"

typedef unsigned long u64;
typedef unsigned int u32;
typedef unsigned short u16;
typedef unsigned char u8;

struct boot_param {
	u64 command_line, efi_systab, efi_memmap, efi_memmap_size;
	u64 efi_memdesc_size;
};

struct sal_ret {
	long status, v0, v1, v2;
};

struct pal_ret {
	long status, v0, v1, v2;
};
struct pal_ret pal_call(long index, long a1, long a2, long a3);

extern u64 pal_entry, tick_cycles;
extern volatile u64 ticks[256], ipis[256], others[256];
void ap_entry(void);

#define SAL_SET_VECTORS		  0x01000000
#define SAL_FREQ_BASE		  0x01000012
#define SAL_VECTOR_OS_BOOT_RENDEZ 2
#define PAL_FREQ_RATIOS		  14
#define PIB_BASE		  0xfee00000ul

static inline void die(const char *why)
{
	put_str("smp.h: ");
	put_str(why);
	put_char('\n');
	ssc(99, 66);
}

static inline u64 rd64(u64 a)
{
	return *(volatile u64 *)a;
}

static inline u32 rd32(u64 a)
{
	return *(volatile u32 *)a;
}

static inline u8 rd8(u64 a)
{
	return *(volatile u8 *)a;
}

static inline int bytes_sum(u64 a, u32 len)
{
	u8 s = 0;
	for (u32 i = 0; i < len; i++)
		s = (u8)(s + rd8(a + i));
	return s;
}

static inline int same(u64 a, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (rd8(a + i) != (u8)s[i])
			return 0;
	return 1;
}

/* What the tables say. */
struct machine_info {
	u64 sal_desc[2]; /* a function descriptor: sal_proc, gp */
	u64 wake_vector;
	unsigned ncpu;
	u8 id[256], eid[256];
};

static inline u64 efi_table(u64 systab, u32 guid1)
{
	u64 n = rd64(systab + 104), t = rd64(systab + 112);
	for (u64 i = 0; i < n; i++)
		if (rd32(t + 24 * i) == guid1)
			return rd64(t + 24 * i + 16);
	die("an EFI configuration table is missing");
	return 0;
}

static inline void find_sal(struct machine_info *mi, u64 sst)
{
	if (!same(sst, "SST_", 4) || bytes_sum(sst, rd32(sst + 4)))
		die("bad SAL system table");
	u64 e = sst + 96;
	for (unsigned i = 0; i < *(volatile u16 *)(sst + 10); i++) {
		u8 type = rd8(e);
		if (type == 0) {
			pal_entry = rd64(e + 8);
			mi->sal_desc[0] = rd64(e + 16);
			mi->sal_desc[1] = rd64(e + 24);
			e += 48;
		} else if (type == 5) {
			mi->wake_vector = rd64(e + 8);
			e += 16;
		} else {
			e += type == 1 || type == 3 ? 32 : 16;
		}
	}
}

static inline void find_cpus(struct machine_info *mi, u64 rsdp)
{
	if (!same(rsdp, "RSD PTR ", 8) || bytes_sum(rsdp, 36))
		die("bad RSDP");
	u64 xsdt = rd64(rsdp + 24);
	if (!same(xsdt, "XSDT", 4) || bytes_sum(xsdt, rd32(xsdt + 4)))
		die("bad XSDT");
	for (u64 p = xsdt + 36; p < xsdt + rd32(xsdt + 4); p += 8) {
		u64 t = rd64(p);
		if (!same(t, "APIC", 4))
			continue;
		if (bytes_sum(t, rd32(t + 4)))
			die("bad MADT checksum");
		for (u64 e = t + 44; e < t + rd32(t + 4); e += rd8(e + 1))
			if (rd8(e) == 7 && (rd32(e + 8) & 1)) {
				mi->id[mi->ncpu] = rd8(e + 3);
				mi->eid[mi->ncpu++] = rd8(e + 4);
			}
		return;
	}
	die("no MADT");
}

static inline void machine_info(struct machine_info *mi, struct boot_param *bp)
{
	u64 systab = bp->efi_systab;
	if (rd64(systab) != 0x5453595320494249ul)
		die("bad EFI system table");
	find_sal(mi, efi_table(systab, 0xeb9d2d32));
	find_cpus(mi, efi_table(systab, 0x8868e871));
}

static inline struct sal_ret sal_call(struct machine_info *mi, long index,
				      long a1, long a2, long a3, long a4)
{
	typedef struct sal_ret (*sal_fn)(long, long, long, long, long, long,
					 long, long);
	sal_fn f = (sal_fn)(void *)mi->sal_desc;
	/* hide where f points: gcc would turn a call through a constant
	 * descriptor address into a direct call to the data */
	asm("" : "+r"(f));
	return f(index, a1, a2, a3, a4, 0, 0, 0);
}

static inline u64 lid(void)
{
	u64 v;
	asm volatile("mov %0 = cr.lid" : "=r"(v));
	return v;
}

static inline void send_ipi(u8 id, u8 eid, u64 vector)
{
	*(volatile u64 *)(PIB_BASE | (u64)id << 12 | (u64)eid << 4) = vector;
}

/* Register ap_entry as the boot rendezvous and wake every other CPU. */
static inline void wake_aps(struct machine_info *mi)
{
	u64 *fdesc = (u64 *)(void *)ap_entry;
	struct sal_ret r =
	    sal_call(mi, SAL_SET_VECTORS, SAL_VECTOR_OS_BOOT_RENDEZ,
		     (long)fdesc[0], (long)fdesc[1], 0);
	if (r.status)
		die("SAL_SET_VECTORS failed");
	u64 me = lid() >> 24 & 0xff;
	for (unsigned i = 0; i < mi->ncpu; i++)
		if (mi->id[i] != me)
			send_ipi(mi->id[i], mi->eid[i], mi->wake_vector);
}

static inline u64 itc(void)
{
	u64 v;
	asm volatile("mov %0 = ar.itc" : "=r"(v)::"memory");
	return v;
}

static inline void irq_off(void)
{
	asm volatile("rsm psr.i;;" ::: "memory");
}

static inline void irq_on(void)
{
	asm volatile("ssm psr.i;; srlz.d;;" ::: "memory");
}

/* Take external interrupts: the task priority unmasked, psr.i on. */
static inline void interrupts_init(void)
{
	asm volatile("mov cr.tpr = r0;; srlz.d;;" ::: "memory");
	irq_on();
}

/* The timer: every tick_cycles cycles from now (rt.S re-arms it). */
static inline void timer_start(void)
{
	asm volatile("mov cr.itv = %0;;" ::"r"((u64)TIMER_VECTOR));
	asm volatile("mov cr.itm = %0;; srlz.d;;" ::"r"(itc() + tick_cycles)
		     : "memory");
}

/* Sleep until an interrupt comes, without missing one that came between
 * the caller's check and the halt: interrupts are off during the check
 * and the halt, and PAL_HALT_LIGHT returns on a pending interrupt even
 * when it is masked. */
static inline void wait_for_interrupt(void)
{
	pal_call(PAL_HALT_LIGHT, 0, 0, 0);
	irq_on();
	irq_off();
}

#endif
