/*
 * tools/ia64sim/gdbstub.c - gdb's remote serial protocol (--gdb PORT), for
 * gdb-multiarch with `set architecture ia64-elf64`.
 *
 * The simulator listens on 127.0.0.1:PORT, waits for one debugger, and
 * starts stopped at the entry point.  Each CPU is a thread (thread id =
 * CPU number + 1).  The whole machine stops when any CPU stops: the
 * simulator is one host thread, and the stub talks to gdb from inside the
 * run loop, before a bundle (or between two slots of one).
 *
 * Determinism: gdb only watches.  A stop happens between two slots the run
 * would have executed anyway, and the stub never moves a CPU's turn: when
 * it has to stop inside a bundle (a breakpoint on slot 1 or 2, stepi) it
 * runs that bundle slot by slot itself (cpu.one_slot), but as one turn of
 * run_cpu(), with no interrupt delivered and no CPU switch inside it, as
 * the plain run does.  stepi on one CPU lets the others run on as the
 * schedule says (there is no way to freeze them without changing it).
 *
 * Registers: gdb's ia64 layout without a target description, as gdb
 * itself prints it (`maint print remote-registers`): 462 registers, 4720
 * bytes in a `g` packet - r0-r127, f0-f127 (16 bytes each: the 64-bit
 * significand, then sign:exponent, as stf.spill stores them), 64 unused,
 * b0-b7, vfp, vrap, pr, ip, psr, cfm, then ar0-ar127.  The PC is ip | slot,
 * the slot being psr.ri.  gdb does not take r32-r127 from the packet: it
 * reads them from the backing store, at the addresses below ar.bsp that
 * cfm.sof says, and ar.bsp is by gdb's (Linux's) convention the end of the
 * current frame, as after a cover.  So while the machine is stopped, the
 * stub writes every stacked register still in a CPU's register file to its
 * backing-store address (rse_addr), keeping the bytes that were there; on
 * resume it takes the values back into the registers (so that gdb's
 * `set $r32 = ...`, a memory write there, works) and puts the old bytes
 * back.  The RSE's state never changes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim.h"

#define ADDR_MASK   (~0ull >> 1) /* bit 63: uncacheable, as mem.c */
#define MAX_BP	    64
#define PACKET_MAX  0x4000
#define POLL_EVERY  4096 /* bundles between two looks for a Ctrl-C */
#define NREGS	    462
#define REG_F0	    128
#define REG_B0	    320
#define REG_PR	    330
#define REG_IP	    331
#define REG_PSR	    332
#define REG_CFM	    333
#define REG_AR0	    334
#define PSR_RI_MASK (3ull << PSR_RI_SHIFT)
#define SIGINT_	    2
#define SIGTRAP_    5

/* A stacked register written to the backing store while stopped. */
struct stash {
	uint64_t addr, old;
};

static struct {
	int fd; /* the connection; -1: none */
	bool noack;
	char in[PACKET_MAX + 8];
	char out[2 * 4720 + 64];
	uint8_t rbuf[4096]; /* bytes received, not yet used */
	size_t rlen, rpos;
	uint64_t bp[MAX_BP]; /* bundle | slot */
	unsigned nbp;
	int step_cpu;	   /* the CPU that stops after one slot; -1: none */
	unsigned gthread;  /* CPU for g, p, m (Hg) */
	unsigned cthread;  /* CPU for s without a thread (Hc) */
	unsigned stop_cpu; /* the CPU of the last stop */
	int stop_sig;
	unsigned polls;
	struct stash *stash; /* STACKED_PHYS per CPU */
	unsigned *nstash;
	bool resume, gone;
} g = {.fd = -1, .step_cpu = -1};

/* --- the connection ------------------------------------------------------ */

static void hangup(struct machine *m)
{
	if (g.fd >= 0)
		close(g.fd);
	g.fd = -1;
	g.gone = true;
	g.resume = true;
	m->gdb = false; /* run on, no debugger */
}

/* The next byte from gdb, or -1 when it has gone. */
static int get_byte(struct machine *m)
{
	if (g.rpos == g.rlen) {
		if (g.fd < 0)
			return -1;
		ssize_t n;
		do
			n = recv(g.fd, g.rbuf, sizeof(g.rbuf), 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			hangup(m);
			return -1;
		}
		g.rlen = (size_t)n;
		g.rpos = 0;
	}
	return g.rbuf[g.rpos++];
}

static void send_all(struct machine *m, const char *p, size_t n)
{
	while (n && g.fd >= 0) {
		ssize_t k = send(g.fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			hangup(m);
			return;
		}
		p += k;
		n -= (size_t)k;
	}
}

static const char hexdig[] = "0123456789abcdef";

static void put_packet(struct machine *m, const char *data)
{
	size_t n = strlen(data);
	char *p = malloc(n + 5);
	if (!p) {
		hangup(m);
		return;
	}
	unsigned sum = 0;
	p[0] = '$';
	for (size_t i = 0; i < n; i++) {
		p[1 + i] = data[i];
		sum += (unsigned char)data[i];
	}
	p[n + 1] = '#';
	p[n + 2] = hexdig[sum >> 4 & 15];
	p[n + 3] = hexdig[sum & 15];
	for (;;) {
		send_all(m, p, n + 4);
		if (g.noack || g.fd < 0)
			break;
		int a = get_byte(m);
		while (a >= 0 && a != '+' && a != '-')
			a = get_byte(m); /* a stray Ctrl-C, say */
		if (a != '-')
			break;
	}
	free(p);
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* The next packet's data into g.in; false when gdb has gone. */
static bool get_packet(struct machine *m)
{
	for (;;) {
		int ch = get_byte(m);
		if (ch < 0)
			return false;
		if (ch != '$')
			continue; /* acks, and Ctrl-C while stopped */
		size_t n = 0;
		unsigned sum = 0;
		bool overflow = false;
		while ((ch = get_byte(m)) >= 0 && ch != '#') {
			sum += (unsigned)ch;
			if (n < PACKET_MAX)
				g.in[n++] = (char)ch;
			else
				overflow = true;
		}
		int h = get_byte(m), l = get_byte(m);
		if (ch < 0 || h < 0 || l < 0)
			return false;
		g.in[n] = 0;
		bool good =
		    !overflow && hexval(h) >= 0 && hexval(l) >= 0 &&
		    (unsigned)(hexval(h) << 4 | hexval(l)) == (sum & 255);
		if (!g.noack)
			send_all(m, good ? "+" : "-", 1);
		if (good)
			return true;
	}
}

/* --- registers and memory ----------------------------------------------- */

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* ar.bsp as gdb wants it: the end of the current frame. */
static uint64_t gdb_bsp(const struct cpu *c)
{
	return rse_addr(c, c->bof + c->cfm.sof);
}

static uint64_t get_ar(struct cpu *c, unsigned ar)
{
	switch (ar) {
	case 0 ... 7:
		return c->ar_k[ar];
	case 16:
		return c->ar_rsc;
	case 17:
		return gdb_bsp(c);
	case 18:
		return rse_addr(c, c->file_low);
	case 19:
		return c->ar_rnat;
	case 32:
		return c->ar_ccv;
	case 36:
		return c->ar_unat;
	case 40:
		return c->ar_fpsr;
	case 44:
		return itc(c);
	case 64:
		return c->ar_pfs;
	case 65:
		return c->ar_lc;
	default:
		return 0;
	}
}

/* Register n of gdb's numbering into p; its size in bytes. */
static unsigned get_reg(struct cpu *c, unsigned n, uint8_t *p)
{
	uint64_t v = 0;
	if (n >= REG_F0 && n < REG_F0 + 128) {
		const struct fr *f = &c->fr[n - REG_F0];
		put_le(p, f->sig, 8);
		put_le(p + 8, (uint64_t)f->sign << 17 | (f->exp & 0x1ffff), 8);
		return 16;
	}
	if (n < 32)
		v = c->gr[n];
	else if (n < 128)
		v = n - 32 < c->cfm.sof
			? c->stk[(c->bof + n - 32) % STACKED_PHYS]
			: 0;
	else if (n >= REG_B0 && n < REG_B0 + 8)
		v = c->br[n - REG_B0];
	else if (n == REG_PR)
		for (unsigned i = 0; i < 64; i++)
			v |= (uint64_t)c->pr[i] << i;
	else if (n == REG_IP)
		v = c->ip;
	else if (n == REG_PSR)
		v = c->psr | (uint64_t)c->ri << PSR_RI_SHIFT;
	else if (n == REG_CFM)
		v = c->cfm.sof | c->cfm.sol << 7;
	else if (n >= REG_AR0 && n < NREGS)
		v = get_ar(c, n - REG_AR0);
	put_le(p, v, 8);
	return 8;
}

static unsigned reg_size(unsigned n)
{
	return n >= REG_F0 && n < REG_F0 + 128 ? 16 : 8;
}

/* Write register n; false if the stub cannot. */
static bool set_reg(struct cpu *c, unsigned n, const uint8_t *p)
{
	uint64_t v = get_le(p, 8);
	if (n >= REG_F0 + 2 && n < REG_F0 + 128) {
		struct fr *f = &c->fr[n - REG_F0];
		uint64_t hi = get_le(p + 8, 8);
		f->sig = v;
		f->exp = (uint32_t)(hi & 0x1ffff);
		f->sign = hi >> 17 & 1;
		return true;
	}
	if (n >= 1 && n < 32)
		c->gr[n] = v;
	else if (n >= REG_B0 && n < REG_B0 + 8)
		c->br[n - REG_B0] = v;
	else if (n == REG_PR)
		for (unsigned i = 1; i < 64; i++)
			c->pr[i] = v >> i & 1;
	else if (n == REG_IP)
		c->ip = v & ~15ull;
	else if (n == REG_PSR) {
		c->ri = (unsigned)(v >> PSR_RI_SHIFT & 3);
		if ((v & ~PSR_RI_MASK) != c->psr)
			set_psr(c, (v & ~PSR_RI_MASK) & PSR_SIMULATED);
	} else if (n == REG_AR0 + 64)
		c->ar_pfs = v;
	else if (n == REG_AR0 + 65)
		c->ar_lc = v;
	else if (n == REG_AR0 + 32)
		c->ar_ccv = v;
	else if (n == REG_AR0 + 36)
		c->ar_unat = v;
	else
		return false;
	return true;
}

/* RAM only: a device's registers have side effects, and gdb must not set
 * them off by looking. */
static uint8_t *ram_at(struct machine *m, uint64_t addr, uint64_t len)
{
	addr &= ADDR_MASK;
	if (addr >= m->ram_size || len > m->ram_size - addr)
		return NULL;
	return m->ram + addr;
}

/* The stacked registers in the file to the backing store, and back. */
static void frames_to_memory(struct machine *m)
{
	for (unsigned i = 0; i < m->ncpu; i++) {
		struct cpu *c = &m->cpu[i];
		struct stash *s = &g.stash[(size_t)i * STACKED_PHYS];
		unsigned k = 0;
		for (uint64_t n = c->file_low;
		     n < c->bof + c->cfm.sof && k < STACKED_PHYS; n++) {
			uint8_t *p = ram_at(m, rse_addr(c, n), 8);
			if (!p)
				continue;
			s[k].addr = rse_addr(c, n);
			s[k].old = get_le(p, 8);
			put_le(p, c->stk[n % STACKED_PHYS], 8);
			k++;
		}
		g.nstash[i] = k;
	}
}

static void frames_from_memory(struct machine *m)
{
	for (unsigned i = m->ncpu; i-- > 0;) {
		struct cpu *c = &m->cpu[i];
		struct stash *s = &g.stash[(size_t)i * STACKED_PHYS];
		unsigned k = g.nstash[i];
		for (uint64_t n = c->bof + c->cfm.sof;
		     k && n-- > c->file_low;) {
			if (rse_addr(c, n) != s[k - 1].addr)
				continue;
			k--;
			uint8_t *p = ram_at(m, s[k].addr, 8);
			c->stk[n % STACKED_PHYS] = get_le(p, 8);
			put_le(p, s[k].old, 8);
		}
		g.nstash[i] = 0;
	}
}

/* --- packets ------------------------------------------------------------- */

static char *hex_bytes(char *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		*o++ = hexdig[p[i] >> 4];
		*o++ = hexdig[p[i] & 15];
	}
	*o = 0;
	return o;
}

/* Hex digits at *s into bytes; false if there are not n of them. */
static bool unhex_bytes(const char **s, uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int h = hexval((*s)[0]), l = h < 0 ? -1 : hexval((*s)[1]);
		if (l < 0)
			return false;
		p[i] = (uint8_t)(h << 4 | l);
		*s += 2;
	}
	return true;
}

static uint64_t hex_num(const char **s)
{
	uint64_t v = 0;
	int d;
	while ((d = hexval(**s)) >= 0) {
		v = v << 4 | (unsigned)d;
		(*s)++;
	}
	return v;
}

/* A thread id in a packet: a CPU number, -1 (all) or -2 (any: 0). */
static int thread_id(struct machine *m, const char *s)
{
	if (s[0] == '-' && s[1] == '1')
		return -1;
	uint64_t t = hex_num(&s);
	if (t == 0)
		return -2;
	return t <= m->ncpu ? (int)t - 1 : -3;
}

static void stop_reply(struct machine *m)
{
	snprintf(g.out, sizeof(g.out), "T%02xthread:%x;", g.stop_sig,
		 g.stop_cpu + 1);
	put_packet(m, g.out);
}

static void kill_machine(struct machine *m)
{
	if (!m->halted)
		sim_error(m, "the program was killed by the debugger");
	g.resume = true;
}

/* vCont;ACTION[:TID];...: what happens to each CPU.  All CPUs run in any
 * case (see the top of the file); the one with s or S stops after a
 * slot. */
static void vcont(struct machine *m, const char *s)
{
	g.step_cpu = -1;
	while (*s == ';') {
		char a = *++s;
		s++;
		if (a == 'C' || a == 'S')
			hex_num(&s); /* the signal: not delivered */
		int t = -1;
		if (*s == ':') {
			t = thread_id(m, ++s);
			while (*s && *s != ';')
				s++;
		}
		if ((a == 's' || a == 'S') && g.step_cpu < 0)
			g.step_cpu = t >= 0 ? t : (int)g.cthread;
	}
	g.resume = true;
}

static void read_memory(struct machine *m, const char *s)
{
	uint64_t addr = hex_num(&s), len = 0;
	if (*s == ',') {
		s++;
		len = hex_num(&s);
	}
	if (len > (sizeof(g.out) - 1) / 2)
		len = (sizeof(g.out) - 1) / 2;
	uint8_t *p = ram_at(m, addr, len);
	if (!p) {
		/* as much as there is, or an error */
		uint64_t a = addr & ADDR_MASK;
		if (a >= m->ram_size || !len) {
			put_packet(m, len ? "E01" : "");
			return;
		}
		len = m->ram_size - a;
		p = m->ram + a;
	}
	hex_bytes(g.out, p, len);
	put_packet(m, g.out);
}

static void write_memory(struct machine *m, const char *s)
{
	uint64_t addr = hex_num(&s), len = 0;
	if (*s == ',') {
		s++;
		len = hex_num(&s);
	}
	uint8_t *p = ram_at(m, addr, len);
	if (*s != ':' || !p) {
		put_packet(m, "E01");
		return;
	}
	s++;
	put_packet(m, unhex_bytes(&s, p, len) ? "OK" : "E02");
}

static bool breakpoint(uint64_t pc, bool insert)
{
	for (unsigned i = 0; i < g.nbp; i++)
		if (g.bp[i] == pc) {
			if (!insert)
				g.bp[i] = g.bp[--g.nbp];
			return true;
		}
	if (!insert)
		return true; /* removing one that is not there: fine */
	if (g.nbp == MAX_BP)
		return false;
	g.bp[g.nbp++] = pc;
	return true;
}

static const char *cpu_state_name(const struct cpu *c)
{
	switch (c->state) {
	case CPU_RUNNING:
		return "running";
	case CPU_HALTED:
		return "halted (PAL_HALT_LIGHT)";
	case CPU_PARKED:
		return "parked in the firmware";
	}
	return "?";
}

static void query(struct machine *m, const char *s)
{
	char text[96];
	if (!strncmp(s, "qSupported", 10)) {
		snprintf(g.out, sizeof(g.out),
			 "PacketSize=%x;QStartNoAckMode+;vContSupported+",
			 PACKET_MAX);
		put_packet(m, g.out);
	} else if (!strcmp(s, "qfThreadInfo")) {
		char *o = g.out;
		*o++ = 'm';
		for (unsigned i = 0; i < m->ncpu; i++)
			o += sprintf(o, "%s%x", i ? "," : "", i + 1);
		put_packet(m, g.out);
	} else if (!strcmp(s, "qsThreadInfo")) {
		put_packet(m, "l");
	} else if (!strcmp(s, "qC")) {
		snprintf(g.out, sizeof(g.out), "QC%x", g.stop_cpu + 1);
		put_packet(m, g.out);
	} else if (!strcmp(s, "qAttached")) {
		put_packet(m, "1");
	} else if (!strncmp(s, "qThreadExtraInfo,", 17)) {
		int t = thread_id(m, s + 17);
		if (t < 0) {
			put_packet(m, "E01");
			return;
		}
		struct cpu *c = &m->cpu[t];
		snprintf(text, sizeof(text), "CPU %d, %s", t,
			 cpu_state_name(c));
		hex_bytes(g.out, (const uint8_t *)text, strlen(text));
		put_packet(m, g.out);
	} else if (!strncmp(s, "qSymbol", 7)) {
		put_packet(m, "OK");
	} else {
		put_packet(m, "");
	}
}

static void handle(struct machine *m, const char *s)
{
	struct cpu *c = &m->cpu[g.gthread];
	uint8_t r[16];
	char *o;
	int t;
	switch (s[0]) {
	case '?':
		if (m->halted) {
			snprintf(g.out, sizeof(g.out), "W%02x",
				 m->exit_status & 255);
			put_packet(m, g.out);
		} else {
			stop_reply(m);
		}
		break;
	case 'g':
		o = g.out;
		for (unsigned n = 0; n < NREGS; n++)
			o = hex_bytes(o, r, get_reg(c, n, r));
		put_packet(m, g.out);
		break;
	case 'G': {
		const char *p = s + 1;
		for (unsigned n = 0; n < NREGS; n++) {
			if (!unhex_bytes(&p, r, reg_size(n)))
				break;
			uint8_t now[16];
			get_reg(c, n, now);
			if (memcmp(now, r, reg_size(n)))
				set_reg(c, n, r); /* what changed */
		}
		put_packet(m, "OK");
		break;
	}
	case 'p': {
		const char *p = s + 1;
		uint64_t n = hex_num(&p);
		if (n >= NREGS) {
			put_packet(m, "E01");
			break;
		}
		hex_bytes(g.out, r, get_reg(c, (unsigned)n, r));
		put_packet(m, g.out);
		break;
	}
	case 'P': {
		const char *p = s + 1;
		uint64_t n = hex_num(&p);
		bool ok = n < NREGS && *p++ == '=' &&
			  unhex_bytes(&p, r, reg_size((unsigned)n)) &&
			  set_reg(c, (unsigned)n, r);
		put_packet(m, ok ? "OK" : "E01");
		break;
	}
	case 'm':
		read_memory(m, s + 1);
		break;
	case 'M':
		write_memory(m, s + 1);
		break;
	case 'H':
		t = thread_id(m, s + 2);
		if (t == -3) {
			put_packet(m, "E01");
			break;
		}
		if (t < 0)
			t = (int)g.stop_cpu;
		if (s[1] == 'g')
			g.gthread = (unsigned)t;
		else
			g.cthread = (unsigned)t;
		put_packet(m, "OK");
		break;
	case 'T':
		put_packet(m, thread_id(m, s + 1) >= 0 ? "OK" : "E01");
		break;
	case 'c':
	case 'C':
		if (m->halted) { /* it has exited: it still has */
			handle(m, "?");
			break;
		}
		g.step_cpu = -1;
		g.resume = true;
		break;
	case 's':
	case 'S':
		if (m->halted) {
			handle(m, "?");
			break;
		}
		g.step_cpu = (int)g.cthread;
		g.resume = true;
		break;
	case 'Z':
	case 'z':
		if (s[1] == '0' || s[1] == '1') {
			const char *p = s + 3;
			uint64_t a = hex_num(&p);
			put_packet(m,
				   breakpoint(a, s[0] == 'Z') ? "OK" : "E01");
		} else {
			put_packet(m, ""); /* no watchpoints */
		}
		break;
	case 'k':
		kill_machine(m);
		hangup(m);
		break;
	case 'D':
		put_packet(m, "OK");
		fprintf(stderr, "ia64sim: gdb detached; running on\n");
		hangup(m);
		break;
	case 'q':
		query(m, s);
		break;
	case 'Q':
		if (!strcmp(s, "QStartNoAckMode")) {
			put_packet(m, "OK");
			g.noack = true;
		} else {
			put_packet(m, "");
		}
		break;
	case 'v':
		if (!strcmp(s, "vCont?"))
			put_packet(m, "vCont;c;C;s;S");
		else if (!strncmp(s, "vCont;", 6) && m->halted)
			handle(m, "?");
		else if (!strncmp(s, "vCont;", 6))
			vcont(m, s + 5);
		else if (!strncmp(s, "vKill", 5)) {
			put_packet(m, "OK");
			kill_machine(m);
			hangup(m);
		} else
			put_packet(m, "");
		break;
	default:
		put_packet(m, "");
	}
}

/* Stopped: answer gdb until it resumes the machine, kills it or goes. */
static void serve(struct machine *m, struct cpu *c, int sig, bool announce)
{
	fflush(stdout);
	g.stop_cpu = c->id;
	g.stop_sig = sig;
	g.gthread = g.cthread = c->id;
	g.step_cpu = -1;
	frames_to_memory(m);
	if (announce)
		stop_reply(m);
	g.resume = false;
	while (!g.resume && get_packet(m))
		handle(m, g.in);
	frames_from_memory(m);
}

/* --- the simulator's side ------------------------------------------------ */

bool gdb_open(struct machine *m, int port)
{
	int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in sa = {.sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	if (lfd < 0 ||
	    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1)) {
		fprintf(stderr, "ia64sim: --gdb %d: %s\n", port,
			strerror(errno));
		if (lfd >= 0)
			close(lfd);
		return false;
	}
	g.stash = calloc((size_t)m->ncpu * STACKED_PHYS, sizeof(*g.stash));
	g.nstash = calloc(m->ncpu, sizeof(*g.nstash));
	if (!g.stash || !g.nstash) {
		fprintf(stderr, "ia64sim: --gdb: out of memory\n");
		close(lfd);
		return false;
	}
	fprintf(stderr,
		"ia64sim: waiting for gdb on port %d (gdb-multiarch: set "
		"architecture ia64-elf64, target remote :%d)\n",
		port, port);
	do
		g.fd = accept(lfd, NULL, NULL);
	while (g.fd < 0 && errno == EINTR);
	close(lfd);
	if (g.fd < 0) {
		fprintf(stderr, "ia64sim: --gdb %d: %s\n", port,
			strerror(errno));
		return false;
	}
	setsockopt(g.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	m->gdb = true;
	serve(m, &m->cpu[0], SIGTRAP_, false); /* stopped at the entry */
	return true;
}

/* A Ctrl-C from gdb (a lone 0x03 byte) while the machine runs. */
static bool interrupted(struct machine *m)
{
	struct pollfd p = {.fd = g.fd, .events = POLLIN};
	while (g.rpos == g.rlen) {
		if (poll(&p, 1, 0) <= 0)
			return false;
		if (get_byte(m) < 0)
			return false;
		g.rpos--; /* looked at, not taken */
	}
	bool ctrl_c = false;
	while (g.rpos < g.rlen)
		ctrl_c |= g.rbuf[g.rpos++] == 3;
	return ctrl_c;
}

/* A breakpoint at this bundle, at a slot from `from` on. */
static bool bp_in_bundle(uint64_t ip, unsigned from)
{
	for (unsigned i = 0; i < g.nbp; i++)
		if ((g.bp[i] & ~15ull) == ip && (g.bp[i] & 15) >= from)
			return true;
	return false;
}

static bool bp_at(uint64_t ip, unsigned slot)
{
	for (unsigned i = 0; i < g.nbp; i++)
		if (g.bp[i] == (ip | slot))
			return true;
	return false;
}

bool gdb_exec_bundle(struct machine *m, struct cpu *c)
{
	c->one_slot = false;
	if (++g.polls % POLL_EVERY == 0) {
		fflush(stdout);
		if (interrupted(m))
			serve(m, c, SIGINT_, true);
	}
	/* the plain way: nothing to stop at inside this bundle */
	if (!m->gdb ||
	    (g.step_cpu != (int)c->id && !bp_in_bundle(c->ip, c->ri)))
		return m->halted ? false : exec_bundle(m, c);
	for (;;) {
		if (bp_at(c->ip, c->ri))
			serve(m, c, SIGTRAP_, true);
		if (m->halted)
			return false;
		if (!m->gdb || (g.step_cpu != (int)c->id &&
				!bp_in_bundle(c->ip, c->ri + 1)))
			return exec_bundle(m, c); /* the rest of it */
		uint64_t ip = c->ip;
		unsigned ri = c->ri;
		c->one_slot = true;
		bool ok = exec_bundle(m, c);
		c->one_slot = false;
		if (!ok)
			return false;
		bool done = c->ip != ip || c->ri <= ri;
		if (g.step_cpu == (int)c->id) {
			serve(m, c, SIGTRAP_, true);
			if (m->halted)
				return false;
		}
		if (done)
			return true;
	}
}

void gdb_halted(struct machine *m)
{
	if (g.fd < 0)
		return;
	fflush(stdout);
	snprintf(g.out, sizeof(g.out), "W%02x", m->exit_status & 255);
	put_packet(m, g.out);
	/* until gdb goes: it may still ask */
	while (g.fd >= 0 && get_packet(m)) {
		if (g.in[0] == 'k' || !strncmp(g.in, "vKill", 5)) {
			if (g.in[0] == 'v')
				put_packet(m, "OK");
			break;
		}
		if (g.in[0] == 'D') {
			put_packet(m, "OK");
			break;
		}
		handle(m, g.in);
	}
	if (g.fd >= 0)
		close(g.fd);
	g.fd = -1;
}
