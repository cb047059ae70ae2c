/*
 * tools/ia64sim/funit.c - the FP unit, as far as integer code needs it.
 *
 * IA-64 has no integer multiply or divide in its integer units: gcc moves
 * the operands to FP registers (setf.sig), multiplies there (xma, xmpy)
 * and moves the result back (getf.sig).  Dividing by a constant is a
 * multiply by its reciprocal; dividing by a variable (libgcc's __divdi3
 * and friends, or gcc's inline sequences) is frcpa's 8.886-bit reciprocal
 * estimate refined by Newton-Raphson steps of fma, fnma and fmpy, and a
 * conversion back to an integer (fcvt.fx.trunc, fcvt.fxu.trunc).  Those
 * sequences are exact only if each step rounds exactly as the hardware
 * does, so the arithmetic here is the architecture's, bit for bit:
 *
 *  - fma, fms, fnma (and their pseudo-ops fmpy, fadd, fsub, fnorm,
 *    fcvt.xuf, fnmpy): the exact a * b + c, rounded once to the precision
 *    (.s 24 bits, .d 53, none: the status field's pc) and exponent range
 *    (8, 11 or 15 bits, or 17 with the status field's wre) of the
 *    instruction, in the rounding mode of its status field (all four);
 *  - frcpa: the SDM's fp_ieee_recip, a table of 256 10-bit entries (see
 *    recip_table()), and its special cases (p2 = 0, the IEEE quotient);
 *  - fcvt.fx, fcvt.fxu (with or without .trunc), fcvt.xf; fmerge.s, .ns,
 *    .se; fselect; fcmp; fsetc, fclrf; setf/getf .sig .exp .s .d; ldfs,
 *    ldfd, ldf8, stfs, stfd, stf8; xma.l/h/hu; stf.spill, ldf.fill.
 *
 * The status flags (v, d, z, o, u, i) go to the status field of ar.fpsr.
 * What is not here stops the run with a report, never a silent wrong
 * answer: a result that overflows or is tiny (denormal results, underflow),
 * a flag whose trap ar.fpsr enables (interruptions are not implemented),
 * frcpa's software-assistance cases, unsupported encodings, NaTVal as an
 * operand of arithmetic (setf of a NaT register makes NaTVal, getf of it
 * gives NaT, spill and fill keep it, chk.s tests it; storing it with
 * stfs/stfd/stf8 is a Register NaT Consumption fault).
 *
 * A register holds sign, a 17-bit exponent (bias 0xffff) and a 64-bit
 * significand with an explicit integer bit; an integer is its significand
 * with the exponent 0x1003e.  In memory, the spill format is the
 * significand in bytes 0-7, the exponent in bits 64-80 and the sign in bit
 * 81 (SDM vol. 1, "Memory Access Instructions: Spill/Fill").
 */
#include "regs.h"

#define EXP_INTEGER 0x1003e
#define EXP_BIAS    0xffff
#define EXP_ONES    0x1ffff
#define INT_BIT	    (1ull << 63)

/*
 * ar.fpsr: traps vd dd zd od ud id in bits 0-5 (1: disabled), then four
 * 13-bit status fields sf0-sf3 from bit 6, each ftz (bit 0), wre (1), pc
 * (2-3), rc (4-5), td (6: all traps disabled), and the flags v d z o u i
 * (7-12).  The value below is the one Linux's FPSR_DEFAULT gives every
 * process (sf0: 64 bits, nearest; sf1: 64 bits, nearest, wre, td; sf2 and
 * sf3: 64 bits, nearest, td; all traps disabled); the simulator starts
 * with it, as if the firmware or the OS had set it.
 */
#define FPSR_DEFAULT 0x0009804c0270033full

enum { FL_V = 1, FL_D = 2, FL_Z = 4, FL_O = 8, FL_U = 16, FL_I = 32 };
enum { RC_NEAREST, RC_DOWN, RC_UP, RC_ZERO };

void fp_reset(struct cpu *c)
{
	for (int i = 0; i < 128; i++)
		c->fr[i] = (struct fr){0, 0, false};
	c->fr[1] = (struct fr){INT_BIT, EXP_BIAS, false}; /* +1.0 */
	c->ar_fpsr = FPSR_DEFAULT;
}

/* Writing f0 or f1 is an illegal operation. */
/* NaTVal: the FP registers' NaT (a deferred exception's result) */
#define NATVAL ((struct fr){0, 0x1fffe, false})
static bool is_natval(struct fr f)
{
	return f.sig == 0 && f.exp == 0x1fffe && !f.sign;
}

static bool set_fr(struct machine *m, struct cpu *c, unsigned f, struct fr v)
{
	if (f < 2) {
		sim_error(
		    m, "cpu %u: f%u written at ip %#llx: an illegal operation",
		    c->id, f, (unsigned long long)c->ip);
		return false;
	}
	c->fr[f] = v;
	return true;
}

/* --- the environment of one operation: a status field ----------------- */

struct fenv {
	unsigned sf;	/* status field 0-3 */
	unsigned bits;	/* significand precision: 24, 53 or 64 */
	int emin, emax; /* unbiased exponent range */
	unsigned rc;	/* rounding control */
	unsigned flags; /* FL_*, raised by the operation */
};

/* The precision completer of an arithmetic instruction. */
enum pc_kind { PC_DYNAMIC, PC_SINGLE, PC_DOUBLE };

static unsigned sf_field(const struct cpu *c, unsigned sf)
{
	return (unsigned)(c->ar_fpsr >> (6 + 13 * sf)) & 0x1fff;
}

static bool fenv_init(struct machine *m, struct cpu *c, unsigned sf,
		      enum pc_kind pc, struct fenv *e)
{
	unsigned f = sf_field(c, sf), wre = f >> 1 & 1, dyn = f >> 2 & 3;
	unsigned ebits;
	e->sf = sf;
	e->rc = f >> 4 & 3;
	e->flags = 0;
	if (pc == PC_SINGLE) {
		e->bits = 24;
		ebits = wre ? 17 : 8;
	} else if (pc == PC_DOUBLE) {
		e->bits = 53;
		ebits = wre ? 17 : 11;
	} else {
		if (dyn == 1) {
			sim_error(m,
				  "cpu %u: ar.fpsr.sf%u.pc is the reserved "
				  "value 1 at ip %#llx",
				  c->id, sf, (unsigned long long)c->ip);
			return false;
		}
		e->bits = dyn == 0 ? 24 : dyn == 2 ? 53 : 64;
		ebits = wre ? 17 : 15;
	}
	int bias = (1 << (ebits - 1)) - 1;
	e->emax = bias;
	e->emin = 1 - bias;
	return true;
}

/* The flags raised go to the status field; one whose trap is enabled
 * would interrupt, which the simulator cannot do yet. */
static bool fenv_done(struct machine *m, struct cpu *c, const struct fenv *e)
{
	unsigned enabled = (unsigned)~c->ar_fpsr & 0x3f;
	if (sf_field(c, e->sf) >> 6 & 1) /* td */
		enabled = 0;
	if (e->flags & enabled) {
		sim_error(m,
			  "cpu %u: FP exception (flags %#x: v d z o u i from "
			  "bit 0) at ip %#llx, with its trap enabled in "
			  "ar.fpsr (%#llx): interruptions are not implemented",
			  c->id, e->flags & enabled, (unsigned long long)c->ip,
			  (unsigned long long)c->ar_fpsr);
		return false;
	}
	c->ar_fpsr |= (uint64_t)e->flags << (6 + 13 * e->sf + 7);
	return true;
}

/* --- register values, unpacked ------------------------------------------ */

enum fkind { F_ZERO, F_FINITE, F_INF, F_NAN };

struct fval {
	enum fkind kind;
	bool sign;
	bool unorm;   /* not normalized in the register (flag d) */
	int32_t exp;  /* F_FINITE: unbiased, of sig's bit 63 */
	uint64_t sig; /* F_FINITE: normalized (bit 63 set) */
	struct fr raw;
};

static const struct fr QNAN_INDEFINITE = {0xc000000000000000ull, EXP_ONES,
					  true};

static bool unsupported(struct machine *m, struct cpu *c, unsigned f,
			const char *what)
{
	sim_error(m,
		  "cpu %u: f%u at ip %#llx holds %s (sign %d, exponent %#x, "
		  "significand %#llx): not implemented",
		  c->id, f, (unsigned long long)c->ip, what, c->fr[f].sign,
		  c->fr[f].exp, (unsigned long long)c->fr[f].sig);
	return false;
}

/* Read and classify fN; false (and a report) for what is not modelled. */
static bool fr_read(struct machine *m, struct cpu *c, unsigned f,
		    struct fval *v)
{
	struct fr r = c->fr[f];
	*v = (struct fval){F_FINITE, r.sign, false, 0, 0, r};
	if (r.exp == EXP_ONES) {
		if (!(r.sig & INT_BIT))
			return unsupported(m, c, f,
					   "an unsupported encoding "
					   "(pseudo-NaN or pseudo-infinity)");
		v->kind = r.sig << 1 ? F_NAN : F_INF;
		return true;
	}
	if (r.sig == 0) {
		if (r.exp == 0x1fffe && !r.sign)
			return unsupported(
			    m, c, f, "NaTVal, as an operand of arithmetic");
		v->kind = F_ZERO;
		v->unorm = r.exp != 0; /* a pseudo-zero is an unnormal */
		return true;
	}
	/* a double-extended denormal is mapped to the register exponent 0
	 * in place of 0xc001 (SDM vol. 1, 5.1.3) */
	int32_t e = r.exp ? (int32_t)r.exp : 0xc001;
	int n = __builtin_clzll(r.sig);
	v->sig = r.sig << n;
	v->exp = e - EXP_BIAS - n;
	v->unorm = n > 0 || r.exp == 0;
	return true;
}

static bool is_snan(const struct fval *v)
{
	return v->kind == F_NAN && !(v->raw.sig >> 62 & 1);
}

static struct fr quiet(const struct fval *v)
{
	struct fr r = v->raw;
	r.sig |= 1ull << 62;
	return r;
}

/* --- 256-bit magnitudes --------------------------------------------------- */

typedef unsigned __int128 u128;

struct u256 {
	u128 hi, lo;
};

static bool u256_zero(struct u256 x)
{
	return !x.hi && !x.lo;
}

/* x << n, for 0 <= n < 256 */
static struct u256 u256_shl(struct u256 x, unsigned n)
{
	if (n == 0)
		return x;
	if (n >= 128)
		return (struct u256){x.lo << (n - 128), 0};
	return (struct u256){x.hi << n | x.lo >> (128 - n), x.lo << n};
}

/* x >> n, for any n >= 0; the bits shifted out are ORed into *sticky */
static struct u256 u256_shr(struct u256 x, unsigned n, bool *sticky)
{
	if (n == 0)
		return x;
	if (n >= 256) {
		*sticky |= !u256_zero(x);
		return (struct u256){0, 0};
	}
	if (n >= 128) {
		*sticky |= x.lo != 0 || (n > 128 && (x.hi << (256 - n)) != 0);
		return (struct u256){0, x.hi >> (n - 128)};
	}
	*sticky |= (x.lo << (128 - n)) != 0;
	return (struct u256){x.hi >> n, x.lo >> n | x.hi << (128 - n)};
}

static int u256_cmp(struct u256 a, struct u256 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

static struct u256 u256_add(struct u256 a, struct u256 b)
{
	u128 lo = a.lo + b.lo;
	return (struct u256){a.hi + b.hi + (lo < a.lo), lo};
}

static struct u256 u256_sub(struct u256 a, struct u256 b)
{
	return (struct u256){a.hi - b.hi - (a.lo < b.lo), a.lo - b.lo};
}

static int clz128(u128 x)
{
	uint64_t hi = (uint64_t)(x >> 64);
	return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)x);
}

/* The index of the highest set bit of a non-zero x. */
static int u256_msb(struct u256 x)
{
	return x.hi ? 255 - clz128(x.hi) : 127 - clz128(x.lo);
}

/* A 128-bit magnitude placed at bit `shift` (which may be negative) of a
 * 256-bit one. */
static struct u256 place(u128 v, int shift, bool *sticky)
{
	struct u256 x = {0, v};
	return shift >= 0 ? u256_shl(x, (unsigned)shift)
			  : u256_shr(x, (unsigned)-shift, sticky);
}

/* --- rounding --------------------------------------------------------------
 */

/*
 * The value (-1)^sign * (x + sticky ? something in (0, 1) : 0) * 2^base,
 * x non-zero, rounded to the environment's precision, into a register.
 */
static bool round_pack(struct machine *m, struct cpu *c, struct fenv *e,
		       bool sign, struct u256 x, int base, bool sticky,
		       struct fr *out)
{
	int msb = u256_msb(x);
	int exp = msb + base; /* unbiased exponent of the leading bit */
	int drop = msb + 1 - (int)e->bits;
	uint64_t q;
	bool round = false;
	if (drop > 0) {
		struct u256 y = u256_shr(x, (unsigned)drop - 1, &sticky);
		round = y.lo & 1;
		q = (uint64_t)(y.lo >> 1);
	} else {
		q = (uint64_t)x.lo << -drop;
	}
	if (exp < e->emin) {
		sim_error(m,
			  "cpu %u: FP result at ip %#llx is tiny (exponent "
			  "%d below %d): denormal results and underflow are "
			  "not implemented",
			  c->id, (unsigned long long)c->ip, exp, e->emin);
		return false;
	}
	bool inc;
	switch (e->rc) {
	case RC_NEAREST:
		inc = round && (sticky || (q & 1));
		break;
	case RC_DOWN:
		inc = (round || sticky) && sign;
		break;
	case RC_UP:
		inc = (round || sticky) && !sign;
		break;
	default:
		inc = false;
		break;
	}
	if (round || sticky)
		e->flags |= FL_I;
	if (inc) {
		q++;
		if (e->bits == 64 ? q == 0 : q >> e->bits) { /* 10.0 */
			q = 1ull << (e->bits - 1);
			exp++;
		}
	}
	if (exp > e->emax) {
		sim_error(m,
			  "cpu %u: FP result at ip %#llx overflows (exponent "
			  "%d above %d): not implemented",
			  c->id, (unsigned long long)c->ip, exp, e->emax);
		return false;
	}
	*out =
	    (struct fr){q << (64 - e->bits), (uint32_t)(exp + EXP_BIAS), sign};
	return true;
}

/* A zero result of an addition: the sum's sign if both agree, else +0 (or
 * -0 when rounding down). */
static struct fr signed_zero(bool a, bool b, unsigned rc)
{
	return (struct fr){0, 0, a == b ? a : rc == RC_DOWN};
}

/* --- fma and its relatives -------------------------------------------------
 */

/*
 * (-1)^neg_p * f3 * f4 + (-1)^neg_a * f2, rounded once (no addend when
 * f2 is f0: then the product alone is rounded, as the SDM's fma does).
 */
static bool fma_value(struct machine *m, struct cpu *c, struct fenv *e,
		      unsigned f2, unsigned f3, unsigned f4, bool neg_p,
		      bool neg_a, struct fr *out)
{
	struct fval a, b, d;
	if (!fr_read(m, c, f3, &a) || !fr_read(m, c, f4, &b) ||
	    !fr_read(m, c, f2, &d))
		return false;
	bool has_add = f2 != 0;
	bool ps = a.sign ^ b.sign ^ neg_p, ds = d.sign ^ neg_a;
	if (a.kind == F_NAN || b.kind == F_NAN || d.kind == F_NAN) {
		if (is_snan(&a) || is_snan(&b) || is_snan(&d))
			e->flags |= FL_V;
		*out = quiet(b.kind == F_NAN ? &b : d.kind == F_NAN ? &d : &a);
		return true;
	}
	bool p_inf = a.kind == F_INF || b.kind == F_INF;
	/* a pseudo-zero times infinity is infinity, not invalid */
	bool true_zero =
	    (a.kind == F_ZERO && !a.unorm) || (b.kind == F_ZERO && !b.unorm);
	bool p_zero = a.kind == F_ZERO || b.kind == F_ZERO;
	bool d_inf = has_add && d.kind == F_INF;
	if ((p_inf && true_zero) || (p_inf && d_inf && ps != ds)) {
		e->flags |= FL_V; /* inf * 0, inf - inf */
		*out = QNAN_INDEFINITE;
		return true;
	}
	if (a.unorm || b.unorm || d.unorm)
		e->flags |= FL_D;
	if (p_inf || d_inf) {
		*out = (struct fr){INT_BIT, EXP_ONES, p_inf ? ps : ds};
		return true;
	}
	bool add = has_add && d.kind != F_ZERO;
	if (p_zero) {
		if (!add) {
			*out = has_add ? signed_zero(ps, ds, e->rc)
				       : (struct fr){0, 0, ps};
			return true;
		}
		bool st = false;
		return round_pack(m, c, e, ds, place(d.sig, 0, &st), d.exp - 63,
				  false, out);
	}
	u128 p = (u128)a.sig * b.sig;
	int pe = a.exp + b.exp - 126; /* the weight of p's bit 0 */
	bool sticky = false;
	if (!add)
		return round_pack(m, c, e, ps, place(p, 0, &sticky), pe, false,
				  out);
	int de = d.exp - 63;
	int top = pe + 127 > de + 63 ? pe + 127 : de + 63;
	int base = top - 254;
	struct u256 x = place(p, pe - base, &sticky);
	struct u256 y = place(d.sig, de - base, &sticky);
	struct u256 z;
	bool sign;
	if (ps == ds) {
		z = u256_add(x, y);
		sign = ps;
	} else {
		/* bits are lost only from the far smaller operand: then
		 * the difference is (big - small) - something in (0, 1) */
		int cmp = u256_cmp(x, y);
		z = cmp >= 0 ? u256_sub(x, y) : u256_sub(y, x);
		sign = cmp >= 0 ? ps : ds;
		if (sticky)
			z = u256_sub(z, (struct u256){0, 1});
	}
	if (u256_zero(z) && !sticky) {
		*out = signed_zero(ps, ds, e->rc);
		return true;
	}
	return round_pack(m, c, e, sign, z, base, sticky, out);
}

/* F1: fma (major 8), fms (0xa), fnma (0xc); x (bit 36) = .s; the next
 * major opcode (9, 0xb, 0xd) with x = 0 is .d, with x = 1 the parallel
 * form (fpma...: not implemented). */
static int fma_family(struct machine *m, struct cpu *c, uint64_t insn)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	bool x = bits(insn, 36, 36);
	if ((major & 1) && x)
		return 0; /* fpma, fpms, fpnma */
	enum pc_kind pc = major & 1 ? PC_DOUBLE : x ? PC_SINGLE : PC_DYNAMIC;
	struct fenv e;
	struct fr r;
	if (!fenv_init(m, c, (unsigned)bits(insn, 34, 35), pc, &e))
		return -1;
	unsigned op = (major - 8) >> 1; /* 0 fma, 1 fms, 2 fnma */
	if (!fma_value(m, c, &e, (unsigned)bits(insn, 13, 19),
		       (unsigned)bits(insn, 20, 26),
		       (unsigned)bits(insn, 27, 33), op == 2, op == 1, &r) ||
	    !fenv_done(m, c, &e) ||
	    !set_fr(m, c, (unsigned)bits(insn, 6, 12), r))
		return -1;
	return 1;
}

/* --- frcpa ------------------------------------------------------------------
 */

/*
 * The architected reciprocal table (the SDM's fp_ieee_recip): entry i is
 * the 10 fraction bits after the leading 1 of the estimate of 1/d for a
 * significand d in [1 + i/256, 1 + (i+1)/256).  The SDM lists the 256
 * values; each is round(2^20 / (513 + 2i)) - 1024, the reciprocal of the
 * interval's midpoint 1 + (i + 1/2)/256, doubled and rounded to 10
 * fraction bits - which gives the listed values entry for entry (checked
 * against all 256 when this was written; tests/fp.S checks some results).
 */
static unsigned recip_table(unsigned i)
{
	unsigned den = 513 + 2 * i;
	return (2 * (1u << 20) + den) / (2 * den) - 1024;
}

/* F6 frcpa.sf f1, p2 = f2, f3: the estimate of 1/f3 and p2 = 1, or, in
 * the special cases, the IEEE quotient f2/f3 and p2 = 0. */
static int frcpa(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned f1 = (unsigned)bits(insn, 6, 12),
		 p2 = (unsigned)bits(insn, 27, 32);
	unsigned f2 = (unsigned)bits(insn, 13, 19),
		 f3 = (unsigned)bits(insn, 20, 26);
	if (!qp) {
		set_pr(c, p2, false);
		return 1;
	}
	struct fenv e;
	struct fval n, d;
	if (!fenv_init(m, c, (unsigned)bits(insn, 34, 35), PC_DYNAMIC, &e) ||
	    !fr_read(m, c, f2, &n) || !fr_read(m, c, f3, &d))
		return -1;
	struct fr r;
	bool p = false;
	bool sign = n.sign ^ d.sign;
	if (n.kind == F_NAN || d.kind == F_NAN) {
		if (is_snan(&n) || is_snan(&d))
			e.flags |= FL_V;
		r = quiet(n.kind == F_NAN ? &n : &d);
	} else if ((n.kind == F_INF && d.kind == F_INF) ||
		   (n.kind == F_ZERO && d.kind == F_ZERO)) {
		e.flags |= FL_V;
		r = QNAN_INDEFINITE;
	} else if (n.kind == F_FINITE && d.kind == F_ZERO) {
		e.flags |= FL_Z;
		r = (struct fr){INT_BIT, EXP_ONES, sign};
	} else if (n.kind == F_INF) { /* inf / finite */
		e.flags |= n.unorm || d.unorm ? FL_D : 0;
		r = (struct fr){INT_BIT, EXP_ONES, sign};
	} else if (n.kind == F_ZERO || d.kind == F_INF) { /* 0/x, x/inf */
		e.flags |= n.unorm || d.unorm ? FL_D : 0;
		r = (struct fr){0, 0, sign};
	} else {
		e.flags |= n.unorm || d.unorm ? FL_D : 0;
		/* the architecture's software-assistance cases: the OS
		 * would compute the quotient */
		int32_t ne = n.exp + EXP_BIAS, de = d.exp + EXP_BIAS;
		if (de < 1 || de >= 2 * EXP_BIAS - 2 || ne - de >= EXP_BIAS ||
		    ne - de <= 2 - EXP_BIAS || ne <= 64) {
			sim_error(m,
				  "cpu %u: frcpa at ip %#llx needs software "
				  "assistance (f%u exponent %#x, f%u exponent "
				  "%#x): not implemented",
				  c->id, (unsigned long long)c->ip, f2, ne, f3,
				  de);
			return -1;
		}
		uint64_t t = recip_table((unsigned)(d.sig >> 55) & 0xff);
		r = (struct fr){INT_BIT | t << 53,
				(uint32_t)(EXP_ONES - 2 - de), d.sign};
		p = true;
	}
	if (!fenv_done(m, c, &e) || !set_fr(m, c, f1, r))
		return -1;
	set_pr(c, p2, p);
	return 1;
}

/* --- conversions -----------------------------------------------------------
 */

/* F10 fcvt.fx/.fxu[.trunc].sf f1 = f2: to a signed or unsigned 64-bit
 * integer, rounded by the status field's rc or (trunc) toward zero.  An
 * invalid conversion gives the integer indefinite, 0x8000000000000000. */
static int fcvt_fx(struct machine *m, struct cpu *c, uint64_t insn,
		   bool is_unsigned, bool trunc)
{
	struct fenv e;
	struct fval v;
	unsigned f2 = (unsigned)bits(insn, 13, 19);
	if (!fenv_init(m, c, (unsigned)bits(insn, 34, 35), PC_DYNAMIC, &e) ||
	    !fr_read(m, c, f2, &v))
		return -1;
	unsigned rc = trunc ? RC_ZERO : e.rc;
	uint64_t r = 0;
	bool invalid = v.kind == F_NAN || v.kind == F_INF;
	if (v.kind == F_FINITE) {
		if (v.unorm)
			e.flags |= FL_D;
		uint64_t q;
		bool round = false, sticky = false, inc;
		if (v.exp >= 64) {
			invalid = true;
			q = 0;
		} else if (v.exp == 63) {
			q = v.sig;
		} else if (v.exp >= -1) {
			unsigned s = (unsigned)(63 - v.exp); /* 1..64 */
			q = s == 64 ? 0 : v.sig >> s;
			round = v.sig >> (s - 1) & 1;
			sticky = s > 1 && v.sig << (65 - s) != 0;
		} else {
			q = 0;
			sticky = true;
		}
		switch (rc) {
		case RC_NEAREST:
			inc = round && (sticky || (q & 1));
			break;
		case RC_DOWN:
			inc = (round || sticky) && v.sign;
			break;
		case RC_UP:
			inc = (round || sticky) && !v.sign;
			break;
		default:
			inc = false;
			break;
		}
		if (!invalid && inc && ++q == 0)
			invalid = true; /* 2^64 */
		if (!invalid && is_unsigned)
			invalid = v.sign && q != 0;
		else if (!invalid)
			invalid = q > (v.sign ? INT_BIT : INT_BIT - 1);
		if (!invalid && (round || sticky))
			e.flags |= FL_I;
		r = v.sign ? -q : q;
	}
	if (invalid) {
		e.flags |= FL_V; /* a NaN too: no integer is its value */
		r = INT_BIT;
	}
	if (!fenv_done(m, c, &e) || !set_fr(m, c, (unsigned)bits(insn, 6, 12),
					    (struct fr){r, EXP_INTEGER, false}))
		return -1;
	return 1;
}

/* F11 fcvt.xf f1 = f2: the signed 64-bit integer in f2's significand, as
 * a floating-point value (always exact). */
static int fcvt_xf(struct machine *m, struct cpu *c, uint64_t insn)
{
	uint64_t v = c->fr[bits(insn, 13, 19)].sig;
	bool neg = (int64_t)v < 0;
	uint64_t mag = neg ? -v : v;
	struct fr r = {0, 0, false};
	if (mag) {
		int n = __builtin_clzll(mag);
		r = (struct fr){mag << n, (uint32_t)(EXP_BIAS + 63 - n), neg};
	}
	return set_fr(m, c, (unsigned)bits(insn, 6, 12), r) ? 1 : -1;
}

/* --- comparisons ------------------------------------------------------------
 */

/* -1, 0, 1 for ordered a < b, a == b, a > b (both not NaN). */
static int fcompare(const struct fval *a, const struct fval *b)
{
	if (a->kind == F_ZERO && b->kind == F_ZERO)
		return 0;
	int sa = a->sign ? -1 : 1, sb = b->sign ? -1 : 1;
	if (a->kind == F_ZERO)
		return -sb;
	if (b->kind == F_ZERO)
		return sa;
	if (sa != sb)
		return sa;
	int mag; /* |a| against |b| */
	if (a->kind == F_INF || b->kind == F_INF)
		mag = a->kind == b->kind ? 0 : a->kind == F_INF ? 1 : -1;
	else if (a->exp != b->exp)
		mag = a->exp < b->exp ? -1 : 1;
	else
		mag = a->sig == b->sig ? 0 : a->sig < b->sig ? -1 : 1;
	return sa * mag;
}

/* F4 fcmp.frel.fctype.sf p1, p2 = f2, f3 (major 4): ra (bit 36) and rb
 * (bit 33) select eq, lt, le, unord; ta (bit 12) is .unc. */
static int fcmp(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned p1 = (unsigned)bits(insn, 6, 11),
		 p2 = (unsigned)bits(insn, 27, 32);
	unsigned rel = (unsigned)(bits(insn, 36, 36) << 1 | bits(insn, 33, 33));
	bool unc = bits(insn, 12, 12);
	if (p1 == p2) {
		sim_error(m,
			  "cpu %u: fcmp at ip %#llx writes p%u twice: an "
			  "illegal operation",
			  c->id, (unsigned long long)c->ip, p1);
		return -1;
	}
	if (!qp) {
		set_pr_pair(c, p1, p2, false, false, unc);
		return 1;
	}
	struct fenv e;
	struct fval a, b;
	if (!fenv_init(m, c, (unsigned)bits(insn, 34, 35), PC_DYNAMIC, &e) ||
	    !fr_read(m, c, (unsigned)bits(insn, 13, 19), &a) ||
	    !fr_read(m, c, (unsigned)bits(insn, 20, 26), &b))
		return -1;
	bool nan = a.kind == F_NAN || b.kind == F_NAN, r;
	if (nan && (is_snan(&a) || is_snan(&b) || rel == 1 || rel == 2))
		e.flags |= FL_V; /* lt and le signal on any NaN */
	else if (!nan && (a.unorm || b.unorm))
		e.flags |= FL_D;
	int cmp = nan ? 2 : fcompare(&a, &b);
	switch (rel) {
	case 0:
		r = cmp == 0;
		break; /* eq */
	case 2:
		r = cmp == -1;
		break; /* lt */
	case 1:
		r = cmp == -1 || cmp == 0;
		break; /* le */
	default:
		r = nan;
		break; /* unord */
	}
	if (!fenv_done(m, c, &e))
		return -1;
	set_pr_pair(c, p1, p2, r, true, unc);
	return 1;
}

/* --- F-unit major 0: frcpa, fmerge, conversions, status fields ------------ */

static int f_misc(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	if (bits(insn, 33, 33)) { /* F6 frcpa (q = 0), F7 frsqrta (q = 1) */
		if (bits(insn, 36, 36))
			return 0;
		return frcpa(m, c, insn, qp);
	}
	unsigned x6 = (unsigned)bits(insn, 27, 32);
	unsigned f1 = (unsigned)bits(insn, 6, 12);
	struct fr a = c->fr[bits(insn, 13, 19)], b = c->fr[bits(insn, 20, 26)];
	bool known = (x6 >= 0x10 && x6 <= 0x12) || (x6 >= 0x18 && x6 <= 0x1c) ||
		     x6 == 0x04 || x6 == 0x05 || x6 == 0x3c;
	if (!known)
		return 0;
	if (!qp)
		return 1;
	switch (x6) {
	case 0x10: /* F9 fmerge.s f1 = f2, f3: f2's sign, f3's rest */
		b.sign = a.sign;
		return set_fr(m, c, f1, b) ? 1 : -1;
	case 0x11: /* fmerge.ns: the negated sign */
		b.sign = !a.sign;
		return set_fr(m, c, f1, b) ? 1 : -1;
	case 0x12: /* fmerge.se: f2's sign and exponent, f3's significand */
		a.sig = b.sig;
		return set_fr(m, c, f1, a) ? 1 : -1;
	case 0x3c: /* F9 fsxt.r f1 = f2, f3: f3's low 32 bits of significand,
		    * above them bit 31 of f2's repeated (gcc: int to long) */
		if (is_natval(a) || is_natval(b))
			return set_fr(m, c, f1, NATVAL) ? 1 : -1;
		b.sig = (b.sig & 0xffffffffu) |
			(a.sig >> 31 & 1 ? 0xffffffff00000000ull : 0);
		b.exp = EXP_INTEGER;
		b.sign = false;
		return set_fr(m, c, f1, b) ? 1 : -1;
	case 0x18:
	case 0x19:
	case 0x1a:
	case 0x1b: /* F10 fcvt.fx, fcvt.fxu, and their .trunc */
		return fcvt_fx(m, c, insn, x6 & 1, x6 & 2);
	case 0x1c:
		return fcvt_xf(m, c, insn);
	case 0x04: { /* F12 fsetc.sf amask7, omask7: sf's controls from
		      * sf0's */
		unsigned sf = (unsigned)bits(insn, 34, 35);
		uint64_t amask = bits(insn, 13, 19), omask = bits(insn, 20, 26);
		uint64_t ctl = ((sf_field(c, 0) & amask) | omask) & 0x7f;
		unsigned at = 6 + 13 * sf;
		c->ar_fpsr = (c->ar_fpsr & ~(0x7full << at)) | ctl << at;
		return 1;
	}
	default: /* 0x05: F13 fclrf.sf: clear sf's flags */
		c->ar_fpsr &= ~(0x3full << (6 + 13 * bits(insn, 34, 35) + 7));
		return 1;
	}
}

/* F2 xma.l / xma.h / xma.hu f1 = f3 * f4 + f2 (major 0xe, bit 36 set;
 * x2 in bits 34-35: 0 l, 2 hu, 3 h). */
static int xma(struct machine *m, struct cpu *c, uint64_t insn)
{
	unsigned x2 = (unsigned)bits(insn, 34, 35);
	if (x2 == 1)
		return 0;
	uint64_t a = c->fr[bits(insn, 20, 26)].sig,
		 b = c->fr[bits(insn, 27, 33)].sig;
	uint64_t add = c->fr[bits(insn, 13, 19)].sig, v;
	if (x2 == 0) {
		v = a * b + add;
	} else { /* the high half of the 128-bit a * b + add */
		bool sign = x2 == 3;
		unsigned __int128 p =
		    sign
			? (unsigned __int128)((__int128)(int64_t)a * (int64_t)b)
			: (unsigned __int128)a * b;
		p += sign ? (unsigned __int128)(__int128)(int64_t)add : add;
		v = (uint64_t)(p >> 64);
	}
	return set_fr(m, c, (unsigned)bits(insn, 6, 12),
		      (struct fr){v, EXP_INTEGER, false})
		   ? 1
		   : -1;
}

/* F3 fselect f1 = f3, f4, f2 (major 0xe, bit 36 clear): the bits of f3
 * where f2 has ones, of f4 elsewhere. */
static int fselect(struct machine *m, struct cpu *c, uint64_t insn)
{
	uint64_t mask = c->fr[bits(insn, 13, 19)].sig;
	uint64_t v = (c->fr[bits(insn, 20, 26)].sig & mask) |
		     (c->fr[bits(insn, 27, 33)].sig & ~mask);
	return set_fr(m, c, (unsigned)bits(insn, 6, 12),
		      (struct fr){v, EXP_INTEGER, false})
		   ? 1
		   : -1;
}

/* --- memory formats: single and double --------------------------------------
 */

/* An IEEE single (ebits 8, fbits 23) or double (11, 52) in the register
 * format: no rounding, every one is representable. */
static struct fr from_ieee(uint64_t v, unsigned ebits, unsigned fbits)
{
	uint64_t frac = v & ((1ull << fbits) - 1);
	unsigned e = (unsigned)(v >> fbits) & ((1u << ebits) - 1);
	bool sign = v >> (ebits + fbits) & 1;
	unsigned bias = (1u << (ebits - 1)) - 1;
	uint64_t sig = frac << (63 - fbits);
	if (e == (1u << ebits) - 1) /* infinity, NaN */
		return (struct fr){INT_BIT | sig, EXP_ONES, sign};
	if (e == 0) /* zero, or a denormal (left unnormalized) */
		return (struct fr){sig, frac ? EXP_BIAS - bias + 1 : 0, sign};
	return (struct fr){INT_BIT | sig, e - bias + EXP_BIAS, sign};
}

/* The register value in an IEEE single or double, if it is one exactly
 * (zero, infinity, NaN, or a normal number or denormal of that format
 * without more significant bits); false (and a report) otherwise. */
static bool to_ieee(struct machine *m, struct cpu *c, unsigned f,
		    unsigned ebits, unsigned fbits, uint64_t *out)
{
	struct fval v;
	if (!fr_read(m, c, f, &v))
		return false;
	int bias = (1 << (ebits - 1)) - 1;
	uint64_t frac = 0, e = 0;
	if (v.kind == F_INF || v.kind == F_NAN) {
		e = (1u << ebits) - 1;
		frac = (v.raw.sig << 1) >> (64 - fbits);
	} else if (v.kind == F_FINITE) {
		int shift = 63 - (int)fbits; /* normal: drop these bits */
		if (v.exp >= 1 - bias) {
			e = (uint64_t)(v.exp + bias);
		} else {
			shift += 1 - bias - v.exp; /* a denormal */
			if (shift > 63)
				shift = 64;
		}
		uint64_t kept = shift >= 64 ? 0 : v.sig >> shift;
		if (v.exp > bias || shift >= 64 || kept << shift != v.sig) {
			sim_error(m,
				  "cpu %u: f%u at ip %#llx is not exactly a "
				  "%u-bit IEEE value: storing it is not "
				  "implemented",
				  c->id, f, (unsigned long long)c->ip,
				  1 + ebits + fbits);
			return false;
		}
		frac = kept & ((1ull << fbits) - 1);
	}
	*out = (uint64_t)v.sign << (ebits + fbits) | e << fbits | frac;
	return true;
}

/* --- M unit -----------------------------------------------------------------
 */

static bool aligned(struct machine *m, struct cpu *c, uint64_t addr,
		    unsigned size)
{
	if (addr & (size - 1)) {
		sim_error(m,
			  "cpu %u: FP load or store of %u bytes at %#llx (ip "
			  "%#llx): not aligned",
			  c->id, size, (unsigned long long)addr,
			  (unsigned long long)c->ip);
		return false;
	}
	return true;
}

/* The register value of what an FP load of type x6 read. */
static struct fr loaded(unsigned x6, uint64_t v)
{
	switch (x6 & 3) {
	case 1:
		return (struct fr){v, EXP_INTEGER, false}; /* ldf8 */
	case 2:
		return from_ieee(v, 8, 23); /* ldfs */
	default:
		return from_ieee(v, 11, 52); /* ldfd */
	}
}

/*
 * M6-M10: FP loads (x6 0x01 ldf8, 0x02 ldfs, 0x03 ldfd, 0x1b ldf.fill)
 * and stores (0x31 stf8, 0x32 stfs, 0x33 stfd, 0x3b stf.spill); major 6
 * (m = 1: loads post-increment by r2) or 7 (imm9 post-increment).
 */
static int fp_mem(struct machine *m, struct cpu *c, uint64_t insn, bool qp)
{
	unsigned major = (unsigned)bits(insn, 37, 40),
		 x6 = (unsigned)bits(insn, 30, 35);
	switch (x6) {
	case 0x01:
	case 0x02:
	case 0x03:
	case 0x1b:
	case 0x31:
	case 0x32:
	case 0x33:
	case 0x3b:
		break;
	default:
		return 0;
	}
	bool load = x6 < 0x30, spill = (x6 & 0xf) == 0xb;
	bool post = major == 7 || bits(insn, 36, 36);
	if (post && major == 6 && !load)
		return 0; /* no register post-increment for stores */
	if (!qp)
		return 1;
	unsigned r3 = (unsigned)bits(insn, 20, 26);
	unsigned size = spill ? 16 : (x6 & 3) == 2 ? 4 : 8;
	bool n3, n2 = false;
	uint64_t addr = get_gr_nat(c, r3, &n3), inc = 0, lo, hi;
	if (major == 7)
		inc = sext(bits(insn, 36, 36) << 8 | bits(insn, 27, 27) << 7 |
			       (load ? bits(insn, 13, 19) : bits(insn, 6, 12)),
			   9);
	else if (post)
		inc = get_gr_nat(c, bits(insn, 13, 19), &n2);
	/* a NaT address, or storing NaTVal but with stf.spill: a Register
	 * NaT Consumption fault */
	if (n3) {
		nat_consumed(c, r3, load ? BAD_NAT_R : BAD_NAT_W);
		return 1;
	}
	if (!load && !spill && is_natval(c->fr[bits(insn, 13, 19)])) {
		nat_consumed(c, (unsigned)bits(insn, 13, 19),
			     BAD_NAT_W | BAD_NAT_FR);
		return 1;
	}
	if (!aligned(m, c, addr, size))
		return -1;
	if (load) {
		struct fr v;
		if (!mem_read(m, addr, spill ? 8 : size, &lo))
			return -1;
		if (spill) {
			if (!mem_read(m, addr + 8, 8, &hi))
				return -1;
			v = (struct fr){lo, (uint32_t)(hi & 0x1ffff),
					(hi >> 17) & 1};
		} else {
			v = loaded(x6, lo);
		}
		if (!set_fr(m, c, (unsigned)bits(insn, 6, 12), v))
			return -1;
	} else {
		unsigned f2 = (unsigned)bits(insn, 13, 19);
		struct fr v = c->fr[f2];
		if (spill) {
			if (!mem_write(m, addr, 8, v.sig) ||
			    !mem_write(m, addr + 8, 8,
				       (uint64_t)v.exp | (uint64_t)v.sign
							     << 17))
				return -1;
		} else {
			uint64_t w = v.sig;
			if ((x6 & 3) != 1 &&
			    !to_ieee(m, c, f2, size == 4 ? 8 : 11,
				     size == 4 ? 23 : 52, &w))
				return -1;
			if (!mem_write(m, addr, size, w))
				return -1;
		}
	}
	if (post)
		set_gr_nat(c, r3, addr + inc, n2);
	return 1;
}

/* M18 setf.sig/.exp/.s/.d f1 = r2 (major 6, x6 0x1c-0x1f); M19 getf
 * r1 = f2 (major 4).  setf of a NaT register gives NaTVal, getf of NaTVal
 * gives 0 and NaT. */
static int setf_getf(struct machine *m, struct cpu *c, uint64_t insn, bool set)
{
	unsigned x6 = (unsigned)bits(insn, 30, 35);
	unsigned r = (unsigned)bits(insn, set ? 13 : 6, set ? 19 : 12),
		 f = (unsigned)bits(insn, set ? 6 : 13, set ? 12 : 19);
	if (set) {
		bool nat;
		uint64_t v = get_gr_nat(c, r, &nat);
		struct fr x;
		switch (nat ? 0 : x6) {
		case 0:
			x = NATVAL;
			break;
		case 0x1c:
			x = (struct fr){v, EXP_INTEGER, false};
			break;
		case 0x1d: /* sign in bit 17, exponent in bits 0-16 */
			x = (struct fr){INT_BIT, (uint32_t)(v & 0x1ffff),
					v >> 17 & 1};
			break;
		case 0x1e:
			x = from_ieee(v & 0xffffffff, 8, 23);
			break;
		default:
			x = from_ieee(v, 11, 52);
			break;
		}
		return set_fr(m, c, f, x) ? 1 : -1;
	}
	struct fr x = c->fr[f];
	uint64_t v;
	if (is_natval(x)) {
		set_gr_nat(c, r, 0, true);
		return 1;
	}
	switch (x6) {
	case 0x1c:
		v = x.sig;
		break;
	case 0x1d:
		v = (uint64_t)x.sign << 17 | x.exp;
		break;
	default:
		if (!to_ieee(m, c, f, x6 == 0x1e ? 8 : 11, x6 == 0x1e ? 23 : 52,
			     &v))
			return -1;
		break;
	}
	set_gr(c, r, v);
	return 1;
}

int exec_fp(struct machine *m, struct cpu *c, uint64_t insn, bool qp,
	    bool f_unit)
{
	unsigned major = (unsigned)bits(insn, 37, 40);
	if (f_unit) {
		if (major == 0)
			return f_misc(m, c, insn, qp);
		if (major == 4)
			return fcmp(m, c, insn, qp);
		if (major < 8 || major > 0xe)
			return 0;
		if (major == 0xe) {
			if (!qp)
				return 1;
			return bits(insn, 36, 36) ? xma(m, c, insn)
						  : fselect(m, c, insn);
		}
		if ((major & 1) && bits(insn, 36, 36))
			return 0; /* fpma, fpms, fpnma */
		return qp ? fma_family(m, c, insn) : 1;
	}
	bool x = bits(insn, 27, 27), mbit = bits(insn, 36, 36);
	unsigned x6 = (unsigned)bits(insn, 30, 35);
	if ((major == 6 || major == 4) && !mbit && x && x6 >= 0x1c &&
	    x6 <= 0x1f)
		return qp ? setf_getf(m, c, insn, major == 6) : 1;
	if ((major == 6 && !x) || major == 7)
		return fp_mem(m, c, insn, qp);
	return 0;
}
