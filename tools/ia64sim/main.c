/*
 * tools/ia64sim/main.c - the command line and the run loop.
 *
 *   build/ia64sim [-m MiB] [--trace] [--max-insns N] [--list-bundles]
 *                 FILE.elf
 *
 * Loads FILE.elf into RAM and runs it from its entry point on one CPU.
 * The program's console is stdout (ski's putchar call); its exit (ski's
 * exit call) is the simulator's exit status.  A simulator error (an
 * instruction not implemented, an access outside RAM, too many
 * instructions) is reported on stderr with exit status 125.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

enum { STATUS_SIM_ERROR = 125 };

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
	fputs("usage: ia64sim [-m MiB] [--trace] [--max-insns N] "
	      "[--list-bundles] FILE.elf\n",
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

static unsigned long long number(const char *opt, const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);
	if (!*s || *end) {
		fprintf(stderr, "ia64sim: %s %s: not a number\n", opt, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	static struct machine m;
	unsigned long long mib = 64, max_insns = 1000000000ull;
	const char *file = NULL;
	bool list = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-m") && i + 1 < argc)
			mib = number("-m", argv[++i]);
		else if (!strcmp(argv[i], "--max-insns") && i + 1 < argc)
			max_insns = number("--max-insns", argv[++i]);
		else if (!strcmp(argv[i], "--trace"))
			m.trace = true;
		else if (!strcmp(argv[i], "--list-bundles"))
			list = true;
		else if (argv[i][0] == '-' || file)
			usage();
		else
			file = argv[i];
	}
	if (!file || mib == 0 || mib > 65536)
		usage();
	m.ram_size = mib << 20;
	m.ram = calloc(1, m.ram_size);
	if (!m.ram) {
		fprintf(stderr, "ia64sim: no memory for %llu MiB of RAM\n",
			mib);
		return STATUS_SIM_ERROR;
	}
	uint64_t entry = elf_load(&m, file);
	if (!entry)
		return STATUS_SIM_ERROR;
	if (list)
		return list_bundles(&m);
	m.cpu.ip = entry;
	fp_reset(&m.cpu);
	m.cpu.pr[0] = true;
	while (!m.halted && exec_bundle(&m, &m.cpu)) {
		if (m.cpu.insns >= max_insns) {
			sim_error(&m,
				  "cpu 0: %llu instructions run and no exit "
				  "(--max-insns)",
				  max_insns);
			break;
		}
	}
	fflush(stdout);
	fprintf(stderr,
		"ia64sim: %llu instructions, %llu registers spilled, "
		"%llu filled\n",
		(unsigned long long)m.cpu.insns,
		(unsigned long long)m.cpu.rse_spills,
		(unsigned long long)m.cpu.rse_fills);
	return m.exit_status;
}
