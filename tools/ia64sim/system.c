/*
 * tools/ia64sim/system.c - the system instructions: the PSR (mov psr,
 * ssm/rsm, sum/rum), the control registers (mov cr), serialization
 * (srlz, sync), cache control (fc), cpuid, rfi and bsw.
 *
 * The simulator runs in physical mode only: addresses are physical, so a
 * program that turns on translation (psr.dt, psr.rt, psr.it) is stopped
 * with a report, as is one that sets a PSR bit whose effect is not
 * simulated (debug and single-step traps, protection keys, lower
 * privilege).  Serialization and cache flushes have nothing to do in a
 * machine that runs one instruction after the other.
 */
#include "regs.h"

/* psr bits the simulator does not implement the effect of */
#define PSR_UNSIMULATED                                                        \
	(PSR_DT | PSR_RT | PSR_IT | PSR_SS | PSR_TB | PSR_LP | PSR_DB |        \
	 PSR_PK | PSR_IS | 3ull << PSR_CPL_SHIFT)

static bool psr_ok(struct machine *m, struct cpu *c, uint64_t psr)
{
	if (psr & PSR_UNSIMULATED) {
		sim_error(m,
			  "cpu %u: psr set to %#llx at ip %#llx: bits %#llx "
			  "(translation, debug traps, protection keys or "
			  "privilege) are not simulated - it runs in "
			  "physical mode at privilege 0",
			  c->id, (unsigned long long)psr,
			  (unsigned long long)c->ip,
			  (unsigned long long)(psr & PSR_UNSIMULATED));
		return false;
	}
	return true;
}

/* M44 sum, rum, ssm, rsm: imm24 = i (36) : i2d (31-32) : imm21a (6-26);
 * the user mask is psr bits 0-5, the system mask bits 0-23. */
static int set_mask(struct machine *m, struct cpu *c, uint64_t insn,
		    unsigned x4, bool qp)
{
	if (!qp)
		return 1;
	uint64_t imm = bits(insn, 36, 36) << 23 | bits(insn, 31, 32) << 21 |
		       bits(insn, 6, 26);
	if (x4 <= 5)
		imm &= 0x3f;
	uint64_t psr = x4 & 1 ? c->psr & ~imm : c->psr | imm;
	if (!psr_ok(m, c, psr))
		return -1;
	set_psr(c, psr);
	return 1;
}

/* cpuid[0-1]: the vendor; [3]: the version (the number of the last cpuid
 * register in bits 0-7, family in bits 24-31: 0x1f, an Itanium 2). */
static uint64_t cpuid(uint64_t i)
{
	switch (i) {
	case 0:
		return 0x69736d6934366169ull; /* "ia64simi" */
	case 1:
		return 0x6e7265542061206eull; /* "n a Tern" */
	case 3:
		return 4 | 0x1full << 24;
	}
	return 0;
}

/* Each form below returns 1 when done (or its predicate is false), 2 for
 * a branch (rfi), -1 to stop (a report was made), 0 if it is not one of
 * these forms. */

/* Major 0, x3 = 0, M unit: x4 (27-30) and x2 (31-32) */
static int m_major0(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned x4 = (unsigned)bits(insn, 27, 30),
		 x2 = (unsigned)bits(insn, 31, 32);
	if (x2 == 0 && x4 >= 4 && x4 <= 7)
		return set_mask(m, c, insn, x4, qp);
	if (x2 == 3 && (x4 == 0 || x4 == 1 || x4 == 3))
		return 1; /* srlz.d, srlz.i, sync.i */
	if ((x2 == 1 && x4 == 0) || (x2 == 2 && x4 == 0))
		return 1; /* invala (no ALAT entries: every check misses), fwb
			   */
	return 0;
}

/* Major 1, x3 = 0, M unit: x6 (27-32) */
static int m_major1(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned x6 = (unsigned)bits(insn, 27, 32);
	unsigned r1 = (unsigned)bits(insn, 6, 12),
		 r2 = (unsigned)bits(insn, 13, 19),
		 r3 = (unsigned)bits(insn, 20, 26);
	static const bool forms[64] = {
	    [0x24] = 1, [0x2c] = 1, [0x25] = 1, [0x21] = 1,
	    [0x2d] = 1, [0x29] = 1, [0x30] = 1, [0x17] = 1};
	if (!forms[x6])
		return 0;
	if (!qp)
		return 1;
	/* a move to cr or psr of a NaT register: NaT Consumption, and the
	 * move is not done */
	if ((x6 == 0x2c || x6 == 0x2d || x6 == 0x29) && get_nat(c, r2)) {
		nat_consumed(c, r2, 0);
		return 1;
	}
	uint64_t psr;
	switch (x6) {
	case 0x24: /* M33 mov r1 = cr3 */
		set_gr(c, r1, read_cr(m, c, r3));
		return 1;
	case 0x2c: /* M32 mov cr3 = r2 */
		write_cr(m, c, r3, get_gr(c, r2));
		return 1;
	case 0x25: /* M36 mov r1 = psr (bits 0-35, and ri reads as 0) */
		set_gr(c, r1, c->psr & ((1ull << 36) - 1));
		return 1;
	case 0x21: /* M36 mov r1 = psr.um */
		set_gr(c, r1, c->psr & 0x3f);
		return 1;
	case 0x2d: /* M35 mov psr.l = r2: psr bits 0-31 */
		psr =
		    (c->psr & ~0xffffffffull) | (get_gr(c, r2) & 0xffffffffull);
		if (!psr_ok(m, c, psr))
			return -1;
		set_psr(c, psr);
		return 1;
	case 0x29: /* M35 mov psr.um = r2 */
		set_psr(c, (c->psr & ~0x3full) | (get_gr(c, r2) & 0x3f));
		return 1;
	case 0x30: /* M28 fc: no caches to flush */
		return 1;
	case 0x17: /* M43 mov r1 = cpuid[r3] */
		set_gr(c, r1, cpuid(get_gr(c, r3)));
		return 1;
	}
	return 0;
}

/* B8: rfi, bsw.0, bsw.1 (major 0, x6 in bits 27-32) */
static int b_major0(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned x6 = (unsigned)bits(insn, 27, 32);
	if (x6 != 0x08 && x6 != 0x0c && x6 != 0x0d)
		return 0;
	if (!qp)
		return 1;
	switch (x6) {
	case 0x08:
		rfi(m, c);
		return m->halted ? -1 : 2;
	case 0x0c:
		set_psr(c, c->psr & ~PSR_BN);
		return 1;
	case 0x0d:
		set_psr(c, c->psr | PSR_BN);
		return 1;
	}
	return 0;
}

int exec_system(struct machine *m, struct cpu *c, const struct bundle *b,
		unsigned s, bool qp)
{
	uint64_t insn = b->slot[s];
	enum unit u = template_of(b->tmpl)->unit[s];
	unsigned major = (unsigned)bits(insn, 37, 40);
	if (bits(insn, 33, 35) != 0 || major > 1)
		return 0;
	if (u == UNIT_M && major == 0)
		return m_major0(m, c, insn, qp);
	if (u == UNIT_M && major == 1)
		return m_major1(m, c, insn, qp);
	if (u == UNIT_B && major == 0)
		return b_major0(m, c, insn, qp);
	return 0;
}
