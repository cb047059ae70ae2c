/*
 * arch/x86/cr_bits_ktest.c - every CPU runs with the boot CPU's control
 * registers.
 *
 * A CPU that INIT resets comes up with CR0.CD and CR0.NW set: its caches
 * off.  An AP keeps whatever its start-up code does not overwrite, so a
 * trampoline that only ORs bits into CR0 leaves every AP running
 * uncached, many times slower than the boot CPU, and nothing else ever
 * says so.  This test reads CR0, CR4 and EFER on each online CPU (a
 * cross-CPU call, on_each_cpu()) and compares them with the boot CPU's, bit
 * by bit; checks that CD and NW are clear everywhere; and checks that CR0
 * is CR0_KERNEL (cr_bits.h), the one value the assembly code
 * (boot/entry.asm, trampoline.asm) is meant to write.  And checks that
 * each CPU has in CR4 the protection bits its CPUID offers (SMEP and SMAP,
 * cr4_protect_init()): a CPU that skipped the step would run without them,
 * and would also differ from the boot CPU, so with -cpu max both checks
 * see it.
 *
 * Expected output, on the reference kernel at any -smp:
 *   PASS cpu_control_regs_match
 * With APs that keep CD and NW (a CR0 that is ORed into, not written), at
 * -smp 4, one line per differing CPU and register, then the failure:
 *   ktest: cpu 1 CR0 0x00000000e0010011, boot CPU 0x0000000080010011:
 *   set only on cpu 1: NW CD
 *   ... (cpus 2 and 3 alike)
 *   FAIL cpu_control_regs_match: cpu 1 CR0 0x00000000e0010011, boot CPU
 *   0x0000000080010011: set only on cpu 1: NW CD (...)
 * (each of those on one line).
 */
#include "arch/x86/cpu.h"
#include "arch/x86/cr_bits.h"
#include "arch/x86/io.h"
#include "kernel/ktest.h"
#include "kernel/percpu.h"
#include "kernel/printk.h"
#include "kernel/smp.h"
#include "lib/string.h"
#include "lib/vsnprintf.h"

struct bit_name {
	u64 bit;
	const char *name;
};

static const struct bit_name cr0_bits[] = {
    {CR0_PE, "PE"}, {CR0_MP, "MP"}, {CR0_EM, "EM"}, {CR0_TS, "TS"},
    {CR0_ET, "ET"}, {CR0_NE, "NE"}, {CR0_WP, "WP"}, {CR0_AM, "AM"},
    {CR0_NW, "NW"}, {CR0_CD, "CD"}, {CR0_PG, "PG"}, {0, NULL}};

static const struct bit_name cr4_bits[] = {{CR4_VME, "VME"},
					   {CR4_PVI, "PVI"},
					   {CR4_TSD, "TSD"},
					   {CR4_DE, "DE"},
					   {CR4_PSE, "PSE"},
					   {CR4_PAE, "PAE"},
					   {CR4_MCE, "MCE"},
					   {CR4_PGE, "PGE"},
					   {CR4_PCE, "PCE"},
					   {CR4_OSFXSR, "OSFXSR"},
					   {CR4_OSXMMEXCPT, "OSXMMEXCPT"},
					   {CR4_UMIP, "UMIP"},
					   {CR4_LA57, "LA57"},
					   {CR4_VMXE, "VMXE"},
					   {CR4_SMXE, "SMXE"},
					   {CR4_FSGSBASE, "FSGSBASE"},
					   {CR4_PCIDE, "PCIDE"},
					   {CR4_OSXSAVE, "OSXSAVE"},
					   {CR4_SMEP, "SMEP"},
					   {CR4_SMAP, "SMAP"},
					   {CR4_PKE, "PKE"},
					   {0, NULL}};

static const struct bit_name efer_bits[] = {
    {EFER_SCE, "SCE"}, {EFER_LME, "LME"},   {EFER_LMA, "LMA"},
    {EFER_NXE, "NXE"}, {EFER_SVME, "SVME"}, {EFER_FFXSR, "FFXSR"},
    {0, NULL}};

enum { REG_CR0, REG_CR4, REG_EFER, NR_REGS };

static const char *const reg_name[NR_REGS] = {"CR0", "CR4", "EFER"};
static const struct bit_name *const reg_bits[NR_REGS] = {cr0_bits, cr4_bits,
							 efer_bits};

static u64 seen[NR_CPUS][NR_REGS];
static u64 offered[NR_CPUS]; /* cr4_protect_bits() on each CPU */
static bool reported[NR_CPUS];

static void read_regs(void *arg)
{
	unsigned cpu = cpu_id();

	(void)arg;
	seen[cpu][REG_CR0] = read_cr0();
	seen[cpu][REG_CR4] = read_cr4();
	seen[cpu][REG_EFER] = rdmsr(MSR_EFER);
	offered[cpu] = cr4_protect_bits();
	WRITE_ONCE(reported[cpu], true);
}

/* Append the names of the bits in `bits` to buf ("NW CD"); a bit with no
 * name is written as its number. */
static void append_names(char *buf, size_t size, const struct bit_name *names,
			 u64 bits)
{
	for (unsigned b = 0; b < 64; b++) {
		u64 bit = 1UL << b;
		if (!(bits & bit))
			continue;
		const char *name = NULL;
		for (const struct bit_name *n = names; n->name; n++)
			if (n->bit == bit)
				name = n->name;
		size_t len = strlen(buf);
		if (name)
			snprintf(buf + len, size - len, " %s", name);
		else
			snprintf(buf + len, size - len, " bit%u", b);
	}
}

/* "cpu 1 CR0 0x..., boot CPU 0x...: set only on cpu 1: NW CD" */
static void describe(char *buf, size_t size, unsigned cpu, int reg, u64 mine,
		     u64 boot)
{
	snprintf(buf, size, "cpu %u %s 0x%016llx, boot CPU 0x%016llx:", cpu,
		 reg_name[reg], mine, boot);
	if (mine & ~boot) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, " set only on cpu %u:", cpu);
		append_names(buf, size, reg_bits[reg], mine & ~boot);
	}
	if (boot & ~mine) {
		size_t len = strlen(buf);
		snprintf(buf + len, size - len,
			 "%s clear only on cpu %u:", (mine & ~boot) ? ";" : "",
			 cpu);
		append_names(buf, size, reg_bits[reg], boot & ~mine);
	}
}

KTEST(cpu_control_regs_match)
{
	char first[200] = "", line[200];
	unsigned cpu;

	memset(seen, 0, sizeof(seen));
	memset(reported, 0, sizeof(reported));
	on_each_cpu(read_regs, NULL);

	for_each_cpu(cpu, &cpu_online_mask) {
		if (!READ_ONCE(reported[cpu]))
			KT_FAIL("cpu %u did not run the cross-CPU call", cpu);
		for (int reg = 0; reg < NR_REGS; reg++) {
			u64 mine = seen[cpu][reg], boot = seen[0][reg];
			if (cpu == 0 || mine == boot)
				continue;
			describe(line, sizeof(line), cpu, reg, mine, boot);
			printk("ktest: %s\n", line);
			if (!first[0])
				snprintf(first, sizeof(first), "%s", line);
		}
	}
	if (first[0])
		KT_FAIL("%s", first);

	for_each_cpu(cpu, &cpu_online_mask) {
		u64 missing = offered[cpu] & ~seen[cpu][REG_CR4];
		if (missing) {
			line[0] = '\0';
			append_names(line, sizeof(line), cr4_bits, missing);
			KT_FAIL(
			    "cpu %u runs with CR4 0x%016llx: its CPU offers "
			    "but it has not set:%s",
			    cpu, seen[cpu][REG_CR4], line);
		}
	}

	for_each_cpu(cpu, &cpu_online_mask) {
		u64 cr0 = seen[cpu][REG_CR0];
		if (cr0 & (CR0_CD | CR0_NW)) {
			line[0] = '\0';
			append_names(line, sizeof(line), cr0_bits,
				     cr0 & (CR0_CD | CR0_NW));
			KT_FAIL("cpu %u runs with CR0 0x%016llx:%s set, its "
				"caches are off",
				cpu, cr0, line);
		}
		if (cr0 != CR0_KERNEL) {
			line[0] = '\0';
			append_names(line, sizeof(line), cr0_bits,
				     cr0 ^ CR0_KERNEL);
			KT_FAIL("cpu %u CR0 0x%016llx is not CR0_KERNEL "
				"0x%016llx (cr_bits.h); differs in:%s",
				cpu, cr0, (u64)CR0_KERNEL, line);
		}
	}
}
