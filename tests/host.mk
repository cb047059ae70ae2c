# tests/host.mk - host unit tests, and the kernel-flags check of lib/.
#
# Included by the top Makefile, which defines BUILD (e.g. BUILD := build).
#
#   make host-test-bin   build every test program into $(BUILD)/host/
#   make host-test       build them and run them all; TAP on stdout; exits
#                        non-zero if any test failed
#   make lib-kcheck      compile every lib/*.c (and lib/*.h on its own) with
#                        the kernel's flags into $(BUILD)/kcheck/, and check
#                        that lib/ needs no symbol from outside itself
#
# $(HOST_TESTS) lists the test programs.  Each one is a cmocka program; with
# CMOCKA_MESSAGE_OUTPUT=TAP it prints "1..N", then "ok N - name" or
# "not ok N - name" per test (failure details follow as "# ..." lines).
#
# How the names are kept apart from glibc: see tests/host_rename.h.  All
# sources are compiled with it forced in, except tests/host_libc.c, which
# wraps the real glibc functions the tests use as an oracle.
#
# Adding a test program: write tests/test_NAME.c and add ONE line below,
#	$(eval $(call host_test,NAME,SOURCES UNDER TEST))
# listing every .c file it needs besides tests/test_NAME.c (see cmdline).

HOST_MK := $(lastword $(MAKEFILE_LIST))

# The rules below must not become the top Makefile's default goal: remember
# it here and put it back at the end (empty means "the next target").
HOST_SAVED_GOAL := $(.DEFAULT_GOAL)

HOST_CC ?= gcc
HOST_DIR := $(BUILD)/host
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all -I.
HOST_RENAME := -include tests/host_rename.h -fno-builtin
HOST_CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
HOST_CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || \
	echo -lcmocka)

HOST_TESTS :=
HOST_OBJS :=

# $(call host_test,NAME,SOURCES): $(HOST_DIR)/test_NAME, linked from
# tests/test_NAME.c, the SOURCES and tests/host_libc.c.
define host_test
HOST_TESTS += $(HOST_DIR)/test_$(1)
HOST_OBJS += $(patsubst %.c,$(HOST_DIR)/%.o,tests/test_$(1).c $(2))
$(HOST_DIR)/test_$(1): $(patsubst %.c,$(HOST_DIR)/%.o,tests/test_$(1).c $(2)) \
		$(HOST_DIR)/tests/host_libc.o
	@[ -n "$$(Q)" ] && echo "  HOSTLD  $$@" || true
	$$(Q)$$(HOST_CC) $$(HOST_CFLAGS) -o $$@ $$^ $$(HOST_CMOCKA_LIBS)
endef

# $(call host_test_stub,NAME,SOURCES): the same, but tests/test_NAME.c and
# the SOURCES see tests/hoststub/ before the real headers (see its README):
# kernel code that needs a CPU, a scheduler or real locks, run on the host.
define host_test_stub
HOST_TESTS += $(HOST_DIR)/test_$(1)
HOST_OBJS += $(patsubst %.c,$(HOST_DIR)/stub/%.o,tests/test_$(1).c $(2))
$(HOST_DIR)/test_$(1): $(patsubst %.c,$(HOST_DIR)/stub/%.o,tests/test_$(1).c $(2)) \
		$(HOST_DIR)/tests/host_libc.o
	@[ -n "$$(Q)" ] && echo "  HOSTLD  $$@" || true
	$$(Q)$$(HOST_CC) $$(HOST_CFLAGS) -o $$@ $$^ $$(HOST_CMOCKA_LIBS)
endef

$(eval $(call host_test,string,lib/string.c))
$(eval $(call host_test,vsnprintf,lib/vsnprintf.c lib/string.c))
$(eval $(call host_test,bitmap,lib/bitmap.c))
$(eval $(call host_test,list,))
$(eval $(call host_test,cpumask,lib/cpumask.c lib/bitmap.c \
	lib/vsnprintf.c lib/string.c))
$(eval $(call host_test,cmdline,kernel/cmdline.c lib/string.c lib/vsnprintf.c))
$(eval $(call host_test,acpi,kernel/acpi.c arch/x86/acpi.c arch/x86/mptable.c \
	arch/x86/platform_fill.c \
	tests/fw_fake.c lib/string.c lib/vsnprintf.c))
$(eval $(call host_test,multiboot,arch/x86/multiboot.c kernel/bootinfo.c \
	tests/fw_fake.c lib/string.c lib/vsnprintf.c))
$(eval $(call host_test,sched,kernel/sched_prio.c kernel/sched_calc.c kernel/sched_tick.c \
	lib/bitmap.c))
$(eval $(call host_test,tick,kernel/tick_calc.c))
$(eval $(call host_test_stub,wait,kernel/wait.c))
$(eval $(call host_test,timer,kernel/timer_wheel.c))

HOST_OBJS := $(sort $(HOST_OBJS) $(HOST_DIR)/tests/host_libc.o)

$(HOST_DIR)/%.o: %.c $(HOST_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $<" || true
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(HOST_CMOCKA_CFLAGS) $(HOST_RENAME) \
		-MMD -MP -c $< -o $@

$(HOST_DIR)/stub/%.o: %.c $(HOST_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $< (stubs)" || true
	$(Q)$(HOST_CC) -I tests/hoststub $(HOST_CFLAGS) $(HOST_CMOCKA_CFLAGS) \
		$(HOST_RENAME) -MMD -MP -c $< -o $@

# The one file that sees the real glibc: no renaming here.
$(HOST_DIR)/tests/host_libc.o: tests/host_libc.c $(HOST_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $<" || true
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

host-test-bin: $(HOST_TESTS)

# Runs every program even after a failure; see the script for the details.
host-test: host-test-bin
	@sh tests/run_host_tests.sh $(HOST_TESTS)

# --- lib/ built with the kernel's flags --------------------------------

KCHECK_CC ?= gcc
KCHECK_LD ?= ld
KCHECK_DIR := $(BUILD)/kcheck
KCHECK_CFLAGS := -std=gnu11 -ffreestanding -nostdlib -mno-red-zone \
	-mgeneral-regs-only -mcmodel=kernel -fno-pic \
	-Wall -Wextra -Werror -O2 -I.
KCHECK_OBJS := $(patsubst %.c,$(KCHECK_DIR)/%.o,$(wildcard lib/*.c))
# Each header compiled on its own: proves it includes what it uses.
KCHECK_HDRS := $(patsubst %.h,$(KCHECK_DIR)/%.h.o,$(wildcard lib/*.h))

$(KCHECK_DIR)/%.o: %.c $(HOST_MK)
	@mkdir -p $(@D)
	$(KCHECK_CC) $(KCHECK_CFLAGS) -MMD -MP -c $< -o $@

$(KCHECK_DIR)/%.h.o: %.h $(HOST_MK)
	@mkdir -p $(@D)
	$(KCHECK_CC) $(KCHECK_CFLAGS) -MMD -MP -x c -c $< -o $@

# lib.o is all of lib/ linked together: any symbol it still needs would
# have to come from outside lib/ (libgcc, say), which the kernel lacks.
# And memset/memcpy/memmove/memcmp must not call any mem* function, or
# the compiler has turned a loop into a call to itself.  (To see that
# happen, run: make lib-kcheck KCHECK_CFLAGS="... without -ffreestanding".)
lib-kcheck: $(KCHECK_OBJS) $(KCHECK_HDRS)
	$(KCHECK_LD) -r -o $(KCHECK_DIR)/lib.o $(KCHECK_OBJS)
	@undef="$$(nm -u $(KCHECK_DIR)/lib.o)"; \
	if [ -n "$$undef" ]; then \
		echo "lib-kcheck: lib/ uses outside symbols:"; \
		echo "$$undef"; exit 1; \
	fi
	@if objdump -dr $(KCHECK_DIR)/lib/string.o | \
		grep -E 'R_X86_64_(PLT|PC)32[[:space:]]+mem'; then \
		echo "lib-kcheck: lib/string.o calls a mem* function"; \
		exit 1; \
	fi
	@echo "lib-kcheck: OK, $(words $(KCHECK_OBJS)) sources and" \
		"$(words $(KCHECK_HDRS)) headers build with kernel flags"

-include $(HOST_OBJS:.o=.d) $(KCHECK_OBJS:.o=.d) $(KCHECK_HDRS:.o=.d)

# The libFuzzer programs, built with clang from the same sources.
include tests/fuzz/fuzz.mk

.PHONY: host-test host-test-bin lib-kcheck

.DEFAULT_GOAL := $(HOST_SAVED_GOAL)
