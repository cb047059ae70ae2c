/*
 * tools/ia64sim/mem.c - physical memory: RAM from address 0, little-endian.
 */
#include "sim.h"

static bool in_ram(struct machine *m, uint64_t addr, unsigned size)
{
	return addr < m->ram_size && size <= m->ram_size - addr;
}

bool mem_read(struct machine *m, uint64_t addr, unsigned size, uint64_t *v)
{
	if (!in_ram(m, addr, size)) {
		sim_error(m,
			  "load of %u bytes at %#llx: outside RAM (%llu MiB)",
			  size, (unsigned long long)addr,
			  (unsigned long long)(m->ram_size >> 20));
		return false;
	}
	uint64_t x = 0;
	for (unsigned i = size; i-- > 0;)
		x = x << 8 | m->ram[addr + i];
	*v = x;
	return true;
}

bool mem_write(struct machine *m, uint64_t addr, unsigned size, uint64_t v)
{
	if (!in_ram(m, addr, size)) {
		sim_error(m,
			  "store of %u bytes at %#llx: outside RAM (%llu MiB)",
			  size, (unsigned long long)addr,
			  (unsigned long long)(m->ram_size >> 20));
		return false;
	}
	for (unsigned i = 0; i < size; i++)
		m->ram[addr + i] = (uint8_t)(v >> (8 * i));
	return true;
}
