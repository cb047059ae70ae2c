/*
 * tools/ia64sim/main.c - the command line.
 *
 *   build/ia64sim [-smp N] [-m MiB] [--seed S] [--gdb PORT] [--trace]
 *                 [--max-insns N] [--hash] [--list-bundles] FILE.elf
 *                 [-- KERNEL-CMDLINE]
 *
 * Builds the machine (N CPUs, RAM, firmware), loads FILE.elf and runs it
 * from its entry point on CPU 0; the other CPUs wait in the firmware.
 * The console is stdout (the UART, or ski's putchar call); the program's
 * exit (ski's exit call, or EFI ResetSystem) is the simulator's exit
 * status.  A simulator error (an instruction not implemented, an access
 * where nothing is, too many instructions) is reported on stderr with
 * exit status 125.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

enum { STATUS_SIM_ERROR = 125, MAX_CPUS = 255, MAX_MIB = 3584 };

void sim_error(struct machine *m, const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("ia64sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	m->halted = true;
	m->exit_status = STATUS_SIM_ERROR;
}

static void usage(void)
{
	fputs("usage: ia64sim [-smp N] [-m MiB] [--seed S] [--gdb PORT] "
	      "[--trace]\n"
	      "               [--max-insns N] [--hash] [--list-bundles] "
	      "FILE.elf\n"
	      "               [-- KERNEL-CMDLINE]\n",
	      stderr);
	exit(2);
}

/* --list-bundles: the address and template of every bundle in the
 * program's executable segments, one per line ("100000 MLX"), for
 * checking the decoder against ia64-linux-gnu-objdump. */
static int list_bundles(struct machine *m)
{
	for (unsigned t = 0; t < m->ntext; t++)
		for (uint64_t a = m->text[t].start & ~15ull;
		     a + 16 <= m->text[t].end; a += 16) {
			struct bundle b;
			bundle_split(m->ram + a, &b);
			printf("%llx %s\n", (unsigned long long)a,
			       template_of(b.tmpl)->name);
		}
	return 0;
}

static unsigned long long number(const char *opt, const char *s,
				 unsigned long long lo, unsigned long long hi)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);
	if (!*s || *end || v < lo || v > hi) {
		fprintf(stderr,
			"ia64sim: %s %s: not a number from %llu to %llu\n", opt,
			s, lo, hi);
		exit(2);
	}
	return v;
}

/* --hash: FNV-1a over RAM and every CPU's architectural state, so that
 * two runs can be compared for the same final state. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t state_hash(struct machine *m)
{
	uint64_t h = fnv(0xcbf29ce484222325ull, m->ram, m->ram_size);
	for (unsigned i = 0; i < m->ncpu; i++) {
		struct cpu *c = &m->cpu[i];
		for (int f = 0; f < 128; f++) {
			h = fnv(h, &c->fr[f].sig, 8);
			h = fnv(h, &c->fr[f].exp, 4);
			h = fnv(h, &c->fr[f].sign, 1);
		}
		h = fnv(h, c->gr, sizeof(c->gr));
		h = fnv(h, c->nat, sizeof(c->nat));
		h = fnv(h, c->bank_nat, sizeof(c->bank_nat));
		h = fnv(h, c->stk_nat, sizeof(c->stk_nat));
		h = fnv(h, c->bank, sizeof(c->bank));
		h = fnv(h, c->stk, sizeof(c->stk));
		h = fnv(h, c->pr, sizeof(c->pr));
		h = fnv(h, c->br, sizeof(c->br));
		h = fnv(h, c->cr, sizeof(c->cr));
		uint64_t v[] = {c->ip,	c->ri,	    c->psr,	c->cycles,
				c->bof, c->cfm.sof, c->cfm.sol, c->insns};
		h = fnv(h, v, sizeof(v));
	}
	return h;
}

static void cpu_reset(struct cpu *c, unsigned i)
{
	c->id = i;
	c->cr[CR_LID] = (uint64_t)i << 24; /* id i, eid 0 */
	c->cr[CR_ITV] = ITV_M;
	c->cr[CR_PMV] = ITV_M;
	c->cr[CR_CMCV] = ITV_M;
	c->cr[CR_LRR0] = ITV_M;
	c->cr[CR_LRR1] = ITV_M;
	c->cr[CR_TPR] = TPR_MMI;
	fp_reset(c);
	c->pr[0] = true;
	c->bof = c->file_low = c->bs_num0 = RSE_NUM_BASE;
	c->state = CPU_PARKED;
}

int main(int argc, char **argv)
{
	static struct machine m;
	unsigned long long mib = 64, ncpu = 1, port = 0;
	const char *file = NULL;
	char cmdline[4096] = "";
	bool list = false, hash = false;
	m.max_insns = 1000000000ull;
	m.seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool more = i + 1 < argc;
		if (!strcmp(a, "-m") && more)
			mib = number(a, argv[++i], 1, MAX_MIB);
		else if (!strcmp(a, "-smp") && more)
			ncpu = number(a, argv[++i], 1, MAX_CPUS);
		else if (!strcmp(a, "--seed") && more)
			m.seed = number(a, argv[++i], 0, ~0ull);
		else if (!strcmp(a, "--gdb") && more)
			port = number(a, argv[++i], 1, 65535);
		else if (!strcmp(a, "--max-insns") && more)
			m.max_insns = number(a, argv[++i], 1, ~0ull);
		else if (!strcmp(a, "--trace"))
			m.trace = true;
		else if (!strcmp(a, "--hash"))
			hash = true;
		else if (!strcmp(a, "--list-bundles"))
			list = true;
		else if (!strcmp(a, "--") && file) {
			for (i++; i < argc; i++) {
				size_t n = strlen(cmdline);
				snprintf(cmdline + n, sizeof(cmdline) - n,
					 "%s%s", n ? " " : "", argv[i]);
			}
		} else if (a[0] == '-' || file)
			usage();
		else
			file = a;
	}
	if (!file)
		usage();
	m.ram_size = mib << 20;
	m.ram = calloc(1, m.ram_size);
	m.ncpu = (unsigned)ncpu;
	m.cpu = calloc(m.ncpu, sizeof(*m.cpu));
	if (!m.ram || !m.cpu) {
		fprintf(stderr, "ia64sim: no memory for %llu MiB of RAM\n",
			mib);
		return STATUS_SIM_ERROR;
	}
	/* the generator's first state: the seed, well mixed (splitmix64's
	 * finaliser), and never 0 */
	uint64_t z = m.seed + 0x9e3779b97f4a7c15ull;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	m.rng = (z ^ (z >> 31)) ? (z ^ (z >> 31)) : 1;
	for (unsigned i = 0; i < m.ncpu; i++)
		cpu_reset(&m.cpu[i], i);
	uint64_t entry = elf_load(&m, file);
	if (!entry)
		return STATUS_SIM_ERROR;
	if (list)
		return list_bundles(&m);
	if (!firmware_init(&m, cmdline))
		return STATUS_SIM_ERROR;
	firmware_start_bsp(&m, &m.cpu[0], entry);
	if (port && !gdb_open(&m, (int)port))
		return STATUS_SIM_ERROR;
	machine_run(&m);
	if (m.gdb)
		gdb_halted(&m);
	fflush(stdout);
	uint64_t insns = 0, spills = 0, fills = 0;
	for (unsigned i = 0; i < m.ncpu; i++) {
		insns += m.cpu[i].insns;
		spills += m.cpu[i].rse_spills;
		fills += m.cpu[i].rse_fills;
	}
	fprintf(stderr,
		"ia64sim: %llu instructions, %llu registers spilled, "
		"%llu filled\n",
		(unsigned long long)insns, (unsigned long long)spills,
		(unsigned long long)fills);
	fprintf(stderr,
		"ia64sim: time %llu cycles, %llu of them skipped with every "
		"CPU idle\n",
		(unsigned long long)m.now, (unsigned long long)m.skipped);
	if (hash)
		fprintf(stderr, "ia64sim: state %016llx\n",
			(unsigned long long)state_hash(&m));
	return m.exit_status;
}
