/*
 * tools/ia64sim/machine.c - N CPUs in one host thread, deterministically.
 *
 * The CPUs take turns.  Time is counted in cycles, one per instruction,
 * and moves on in rounds of ROUND cycles: in each round every running CPU
 * executes bundles until its own cycle count reaches the round's end plus
 * a jitter drawn from the seeded generator.  The jitter is what --seed
 * changes: it moves the points where one CPU stops and the next goes on,
 * so a race between CPUs is won by one or the other depending on the
 * seed - and on nothing else.  A run is a function of (program, options,
 * seed, the input on stdin): no host clock, no host threads.
 *
 * A CPU that is halted (PAL_HALT_LIGHT) or parked in firmware costs
 * nothing: it only has its clock moved to the end of each round.  When no
 * CPU runs at all, the machine jumps straight to the next timer
 * interrupt, so an idle kernel's ticks are cheap.
 *
 * IPIs: an 8-byte store to the processor interrupt block at offset
 * (id << 12 | eid << 4) interrupts the CPU whose cr.lid has that id and
 * eid; the data is delivery_mode << 8 | vector.
 */
#include <stdio.h>

#include "sim.h"

#define ROUND 2000 /* cycles per round, on average per CPU */

/* A timer further away than this was armed in the past (cr.itm behind
 * ar.itc): it fires only when the ITC wraps, which is never here. */
#define TIMER_HORIZON (1ull << 62)

/* xorshift64*: small, and the same sequence everywhere */
uint64_t rng_next(struct machine *m)
{
	uint64_t x = m->rng;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	m->rng = x;
	return x * 0x2545f4914f6cdd1dull;
}

enum delivery { DM_INT = 0, DM_PMI = 2, DM_NMI = 4, DM_INIT = 5 };

void send_ipi(struct machine *m, uint64_t offset, uint64_t data)
{
	unsigned id = (unsigned)(offset >> 12 & 0xff),
		 eid = (unsigned)(offset >> 4 & 0xff);
	unsigned mode = (unsigned)(data >> 8 & 7),
		 vector = (unsigned)(data & 0xff);
	struct cpu *to = NULL;
	for (unsigned i = 0; i < m->ncpu; i++) {
		uint64_t lid = m->cpu[i].cr[CR_LID];
		if ((lid >> 24 & 0xff) == id && (lid >> 16 & 0xff) == eid)
			to = &m->cpu[i];
	}
	if (!to) {
		/* a real machine drops it; say so, it is surely a bug */
		fprintf(stderr,
			"ia64sim: cpu %u: IPI to id %u eid %u: no such CPU "
			"(dropped)\n",
			m->cur ? m->cur->id : 0, id, eid);
		return;
	}
	if (mode == DM_NMI)
		vector = VECTOR_NMI;
	else if (mode != DM_INT) {
		sim_error(m,
			  "cpu %u: IPI with delivery mode %u (only 0, fixed, "
			  "and 4, NMI, are simulated)",
			  m->cur ? m->cur->id : 0, mode);
		return;
	}
	if (to->state == CPU_PARKED) {
		if (vector == m->wake_vector)
			firmware_wake_ap(m, to);
		else
			fprintf(stderr,
				"ia64sim: cpu %u: vector %#x sent to cpu %u, "
				"which waits in the firmware for the wake-up "
				"vector %#llx (ignored)\n",
				m->cur ? m->cur->id : 0, vector, to->id,
				(unsigned long long)m->wake_vector);
		return;
	}
	pend_vector(m, to, vector);
}

/* Run CPU c until its clock reaches `until`, it stops running, or the
 * machine halts. */
static void run_cpu(struct machine *m, struct cpu *c, uint64_t until)
{
	m->cur = c;
	while (c->state == CPU_RUNNING && c->cycles < until && !m->halted) {
		uint64_t before = c->cycles;
		if (c->irq_maybe && !deliver_interrupt(m, c) && m->halted)
			break;
		if (m->halted ||
		    !(m->gdb ? gdb_exec_bundle(m, c) : exec_bundle(m, c)))
			break;
		timer_check(m, c, before);
		if (c->insns >= m->max_insns) {
			sim_error(m,
				  "cpu %u: %llu instructions run and no exit "
				  "(--max-insns)",
				  c->id, (unsigned long long)m->max_insns);
			break;
		}
	}
}

/* A CPU that is not running: its clock follows the round, and an
 * interrupt that became pending wakes it from PAL_HALT_LIGHT. */
static void idle_cpu(struct machine *m, struct cpu *c, uint64_t until)
{
	/* a halted CPU wakes when its timer fires, not at the round's end:
	 * a tick comes on time, and the next one (armed from the handler)
	 * is not already in the past */
	uint64_t d = timer_distance(c);
	if (c->state == CPU_HALTED && d < TIMER_HORIZON &&
	    c->cycles + d < until)
		until = c->cycles + d;
	if (c->cycles < until) {
		uint64_t before = c->cycles;
		c->cycles = until;
		timer_check(m, c, before);
	}
	if (c->state == CPU_HALTED && interrupt_pending(c))
		c->state = CPU_RUNNING;
}

/* Nothing runs: the time of the next timer interrupt, or 0 (never). */
static uint64_t next_event(struct machine *m)
{
	uint64_t best = UINT64_MAX;
	for (unsigned i = 0; i < m->ncpu; i++) {
		struct cpu *c = &m->cpu[i];
		if (c->state != CPU_HALTED)
			continue; /* parked CPUs wait for an IPI */
		uint64_t d = timer_distance(c);
		if (d < TIMER_HORIZON && c->cycles + d < best)
			best = c->cycles + d;
	}
	return best == UINT64_MAX ? 0 : best;
}

void machine_run(struct machine *m)
{
	uint64_t round = m->ncpu == 1 ? 100 * ROUND : ROUND;
	while (!m->halted) {
		uint64_t end = m->now + round;
		bool ran = false;
		for (unsigned i = 0; i < m->ncpu && !m->halted; i++) {
			struct cpu *c = &m->cpu[i];
			if (c->state == CPU_RUNNING) {
				uint64_t jitter =
				    m->ncpu == 1 ? 0 : rng_next(m) % round;
				run_cpu(m, c, end + jitter);
				ran = true;
			}
			if (c->state != CPU_RUNNING) {
				idle_cpu(m, c, end);
				ran |= c->state == CPU_RUNNING; /* woken */
			}
		}
		m->now = end;
		if (ran || m->halted)
			continue;
		uint64_t next = next_event(m);
		if (!next) {
			sim_error(m,
				  "every CPU is halted or parked, and no timer "
				  "is armed: the machine would sleep forever");
			break;
		}
		if (next > m->now + round) { /* skip the empty rounds */
			m->skipped += next - round / 2 - m->now;
			m->now = next - round / 2;
		}
	}
}
