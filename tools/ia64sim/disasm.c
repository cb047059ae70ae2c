/*
 * tools/ia64sim/disasm.c - the disassembly in a report: the simulator
 * asks Debian's ia64-linux-gnu-objdump (binutils-ia64-linux-gnu, which
 * tools/deps.sh installs) to name the bundle it stopped at, rather than
 * carrying a second disassembler of its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim.h"

void print_disassembly(struct machine *m, uint64_t ip, unsigned slot)
{
	if (ip + 16 > m->ram_size)
		return;
	char path[] = "/tmp/ia64sim-bundle-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return;
	ssize_t n = write(fd, m->ram + ip, 16);
	close(fd);
	char cmd[256];
	snprintf(cmd, sizeof(cmd),
		 "ia64-linux-gnu-objdump -D -b binary -m ia64 "
		 "--adjust-vma=%#llx %s 2>/dev/null",
		 (unsigned long long)ip, path);
	FILE *p = n == 16 ? popen(cmd, "r") : NULL;
	char line[256];
	unsigned nth = 0;
	/* objdump gives a line per slot: "  ADDR:\tBYTES\t[TMPL] insn" */
	while (p && fgets(line, sizeof(line), p)) {
		char *tab = strrchr(line, '\t');
		if (!strchr(line, ':') || !tab || line[0] != ' ')
			continue;
		fprintf(stderr, "ia64sim: %s slot %u: %s",
			nth == slot ? "=>" : "  ", nth, tab + 1);
		nth++;
	}
	if (p)
		pclose(p);
	unlink(path);
}
