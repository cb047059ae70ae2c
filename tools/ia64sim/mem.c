/*
 * tools/ia64sim/mem.c - the physical address space: RAM from address 0,
 * little-endian, and two devices above it: the console's 16550 UART at
 * UART_BASE and the processor interrupt block at PIB_BASE (IPIs).
 *
 * In physical mode, bit 63 of an address only says "uncacheable"; the
 * simulator has no caches, so it is ignored.
 */
#include <stdio.h>

#include "sim.h"

#define ADDR_MASK (~0ull >> 1)

static bool in_ram(struct machine *m, uint64_t addr, unsigned size)
{
	return addr < m->ram_size && size <= m->ram_size - addr;
}

static void nothing_there(struct machine *m, const char *what, uint64_t addr,
			  unsigned size)
{
	struct cpu *c = m->cur;
	sim_error(m,
		  "cpu %u: %s of %u bytes at %#llx (ip %#llx): nothing is "
		  "there (RAM ends at %#llx)",
		  c ? c->id : 0, what, size, (unsigned long long)addr,
		  c ? (unsigned long long)c->ip : 0ull,
		  (unsigned long long)m->ram_size);
}

bool mem_read(struct machine *m, uint64_t addr, unsigned size, uint64_t *v)
{
	addr &= ADDR_MASK;
	if (!in_ram(m, addr, size)) {
		if (addr - UART_BASE < UART_SIZE && size == 1) {
			*v = uart_read(m, (unsigned)(addr - UART_BASE));
			return true;
		}
		nothing_there(m, "load", addr, size);
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
	addr &= ADDR_MASK;
	if (!in_ram(m, addr, size)) {
		if (addr - UART_BASE < UART_SIZE && size == 1) {
			uart_write(m, (unsigned)(addr - UART_BASE), v);
			return true;
		}
		if (addr - PIB_BASE < PIB_SIZE && size == 8 && !(addr & 7)) {
			send_ipi(m, addr - PIB_BASE, v);
			return !m->halted;
		}
		nothing_there(m, "store", addr, size);
		return false;
	}
	for (unsigned i = 0; i < size; i++)
		m->ram[addr + i] = (uint8_t)(v >> (8 * i));
	return true;
}
