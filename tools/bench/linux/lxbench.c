/*
 * lxbench - the guest side of tools/bench/linux.sh, run by the initramfs's
 * /init under Debian's Linux kernel.  Built with gcc -static: the
 * initramfs has no libc.
 *
 *   lxbench boot    print `linux: online N/M` (N CPUs online, M present,
 *                   from /sys/devices/system/cpu) and leave QEMU at once
 *   lxbench switch  count the guest instructions of a context switch, a
 *                   lone sched_yield() and a trivial system call, print
 *                   `lxbench: linux_switch_insns=N ...`, and leave QEMU
 *
 * Leaving QEMU: by default one write to the isa-debug-exit device at port
 * 0xf4 (QEMU then exits with status (value << 1) | 1: 0x10 -> 33 means
 * success to tools/qemu-run, 0x11 -> 35 failure).  With lxexit=poweroff on
 * the kernel command line (which the kernel hands to /init, and so to us,
 * as an environment variable) we power off through the kernel instead,
 * which goes through ACPI.
 *
 * The counts: under QEMU's -icount shift=0 the time-stamp counter moves by
 * one for each guest instruction, so rdtsc differences are instruction
 * counts, the same on every run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#define EXIT_PORT 0xf4
#define EXIT_OK 0x10
#define EXIT_FAIL 0x11

#define ROUNDS 9     /* the median of this many rounds is reported */
#define YIELDS 2000  /* sched_yield() calls per thread and round */
#define WARMUP 16    /* untimed yields before each round */

/* Leave QEMU, reporting success or failure.  Never returns. */
static void __attribute__((noreturn)) leave(int ok)
{
	const char *how = getenv("lxexit");

	fflush(stdout);
	fflush(stderr);
	tcdrain(STDOUT_FILENO); /* every byte out of the UART first */
	if (!(how && strcmp(how, "poweroff") == 0) && ioperm(EXIT_PORT, 4, 1) == 0)
		outb(ok ? EXIT_OK : EXIT_FAIL, EXIT_PORT);
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}

/* The number of CPUs in a sysfs CPU list such as "0-7,9", or -1. */
static int count_cpus(const char *file)
{
	char buf[4096], *p, *end;
	FILE *f = fopen(file, "r");
	int n = 0;

	if (!f)
		return -1;
	if (!fgets(buf, sizeof buf, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	for (p = buf; *p && *p != '\n';) {
		long lo = strtol(p, &end, 10), hi = lo;

		if (end == p)
			return -1;
		p = end;
		if (*p == '-') {
			hi = strtol(p + 1, &end, 10);
			if (end == p + 1 || hi < lo)
				return -1;
			p = end;
		}
		n += (int)(hi - lo + 1);
		if (*p == ',')
			p++;
	}
	return n;
}

static int bench_boot(void)
{
	int online = count_cpus("/sys/devices/system/cpu/online");
	int present = count_cpus("/sys/devices/system/cpu/present");

	if (online < 0 || present < 0) {
		printf("lxbench: cannot read /sys/devices/system/cpu (%s)\n", strerror(errno));
		return 0;
	}
	/* the kernel's own clock: from its timekeeping's start to here */
	struct timespec ts;
	if (clock_gettime(CLOCK_BOOTTIME, &ts) == 0)
		printf("lxbench: init runs at %lld ms of kernel time\n",
		       (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
	printf("linux: online %d/%d\n", online, present);
	return online == present;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof *v, cmp_u64);
	return v[n / 2];
}

/* Instructions per round of each yielding thread (index 0: the first). */
static uint64_t round_insns[2][ROUNDS];

/*
 * Two SCHED_FIFO threads of one priority on one CPU: each sched_yield()
 * puts the caller behind the other, so every call is one switch there and
 * the other's call one switch back.  They start together and make the same
 * calls, so they stay in step: a round of YIELDS calls of one thread spans
 * 2 * YIELDS switches.
 */
static void *yielder(void *arg)
{
	uint64_t *out = arg;

	for (int r = 0; r < ROUNDS; r++) {
		for (int i = 0; i < WARMUP; i++)
			sched_yield();
		uint64_t t0 = __rdtsc();
		for (int i = 0; i < YIELDS; i++)
			sched_yield();
		out[r] = __rdtsc() - t0;
	}
	return NULL;
}

static int set_fifo_cpu0(pthread_attr_t *attr, int prio)
{
	struct sched_param sp = { .sched_priority = prio };
	cpu_set_t cpu0;

	CPU_ZERO(&cpu0);
	CPU_SET(0, &cpu0);
	if (attr)
		return pthread_attr_setinheritsched(attr, PTHREAD_EXPLICIT_SCHED) ||
		       pthread_attr_setschedpolicy(attr, SCHED_FIFO) ||
		       pthread_attr_setschedparam(attr, &sp) ||
		       pthread_attr_setaffinity_np(attr, sizeof cpu0, &cpu0);
	return sched_setaffinity(0, sizeof cpu0, &cpu0) ||
	       sched_setscheduler(0, SCHED_FIFO, &sp);
}

static int bench_switch(void)
{
	uint64_t alone[ROUNDS], sys[ROUNDS], sw[ROUNDS];
	pthread_attr_t attr;
	pthread_t th[2];

	/*
	 * This thread, one priority above the yielders, starts both before
	 * either runs; they begin when it blocks in pthread_join().
	 */
	if (set_fifo_cpu0(NULL, 2) || pthread_attr_init(&attr) || set_fifo_cpu0(&attr, 1)) {
		printf("lxbench: cannot make SCHED_FIFO threads on CPU 0\n");
		return 0;
	}
	for (int i = 0; i < 2; i++)
		if (pthread_create(&th[i], &attr, yielder, round_insns[i])) {
			printf("lxbench: pthread_create failed\n");
			return 0;
		}
	for (int i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	for (int r = 0; r < ROUNDS; r++)
		sw[r] = round_insns[0][r] / (2 * YIELDS);

	/* sched_yield() with nothing else to run at this priority */
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = __rdtsc();
		for (int i = 0; i < YIELDS; i++)
			sched_yield();
		alone[r] = (__rdtsc() - t0) / YIELDS;
	}
	/* a system call that does next to nothing (glibc does not cache it) */
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = __rdtsc();
		for (int i = 0; i < YIELDS; i++)
			syscall(SYS_getppid);
		sys[r] = (__rdtsc() - t0) / YIELDS;
	}
	printf("lxbench: rounds of %d switches:", 2 * YIELDS);
	for (int r = 0; r < ROUNDS; r++)
		printf(" %llu", (unsigned long long)sw[r]);
	printf("\n");
	printf("lxbench: linux_switch_insns=%llu linux_yield_alone_insns=%llu linux_syscall_insns=%llu\n",
	       (unsigned long long)median(sw, ROUNDS), (unsigned long long)median(alone, ROUNDS),
	       (unsigned long long)median(sys, ROUNDS));
	return 1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "boot";
	int ok;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(mode, "boot") == 0)
		ok = bench_boot();
	else if (strcmp(mode, "switch") == 0)
		ok = bench_switch();
	else {
		printf("lxbench: unknown mode %s (boot, switch)\n", mode);
		ok = 0;
	}
	leave(ok);
}
