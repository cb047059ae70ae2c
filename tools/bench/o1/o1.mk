# tools/bench/o1/o1.mk - the O(1) benchmark's host program (docs/bench-o1.md).
#
# Included by the top Makefile.
#
#   make o1-bench-bin   $(BUILD)/bench/o1/o1: kernel/sched.c and the files
#                       it works with, unchanged, for one simulated CPU
#                       (stub/hal_arch.h, env.c), the O(n) picker (scan.c)
#                       and the driver (o1.c); host-test-bin builds it too,
#                       for its check (`o1 check`)
#
# The kernel's files are compiled as the kernel compiles them where a host
# program can be (-O2, no builtins, frame pointers, no red zone, no SSE,
# no PIE) so that the instruction counts are the kernel's code's; with -g,
# and without sanitizers.  Everything but o1.c sees tests/host_rename.h,
# as the host tests do: lib/string.c's memcpy must not replace glibc's.

O1_DIR := $(BUILD)/bench/o1
O1_BIN := $(O1_DIR)/o1
O1_KSRC := kernel/sched.c kernel/preempt.c kernel/sched_prio.c kernel/sched_calc.c \
	kernel/sched_tick.c kernel/sched_check.c kernel/loadavg.c kernel/nohz.c \
	kernel/percpu.c kernel/tick_calc.c kernel/params.c kernel/cmdline.c \
	lib/bitmap.c lib/cpumask.c lib/string.c lib/vsnprintf.c \
	tools/bench/o1/env.c tools/bench/o1/scan.c
O1_OBJS := $(O1_KSRC:%.c=$(O1_DIR)/%.o) $(O1_DIR)/tools/bench/o1/o1.o
O1_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -fno-pie \
	-Itools/bench/o1/stub -I. -MMD -MP
O1_KFLAGS := -fno-builtin -fno-strict-aliasing -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer -mno-red-zone -mgeneral-regs-only \
	-fstack-protector-strong -include tests/host_rename.h

$(O1_DIR)/%.o: %.c tools/bench/o1/o1.mk
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $< (o1 bench)" || true
	$(Q)gcc $(O1_CFLAGS) $(O1_KFLAGS) -c $< -o $@

# the driver: stdio, no kernel flags
$(O1_DIR)/tools/bench/o1/o1.o: tools/bench/o1/o1.c tools/bench/o1/o1.mk
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $< (o1 bench)" || true
	$(Q)gcc $(O1_CFLAGS) -c $< -o $@

$(O1_BIN): $(O1_OBJS)
	@[ -n "$(Q)" ] && echo "  HOSTLD  $@" || true
	$(Q)gcc -no-pie -g -o $@ $^

o1-bench-bin: $(O1_BIN)
host-test-bin: $(O1_BIN)

.PHONY: o1-bench-bin

-include $(O1_OBJS:.o=.d)
