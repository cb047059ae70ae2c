# tests/fuzz/fuzz.mk - the libFuzzer programs (tests/fuzz/README.md).
#
# Included by tests/host.mk.  Each fuzzer is built with clang from the
# kernel's own source files, like the cmocka tests (tests/host_rename.h
# forced in), with -fsanitize=fuzzer,address,undefined:
#
#   make fuzz-bin      build every fuzzer into $(BUILD)/fuzz/fuzz_NAME
#   make fuzz          run them (tools/fuzz.sh): FUZZ=NAME for one,
#                      FUZZ_TIME=seconds each (default 60)
#
# `make test` runs each for a bounded number of inputs (tools/fuzz.sh
# check, called from tools/test.sh).
#
# Adding a fuzzer: write tests/fuzz/fuzz_NAME.c, seeds in
# tests/fuzz/corpus/NAME/ (tests/fuzz/mkseeds.py), and ONE line below,
#	$(eval $(call fuzz_target,NAME,SOURCES UNDER TEST))

FUZZ_MK := $(lastword $(MAKEFILE_LIST))
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC ?= clang
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I. -DFW_FAKE_NO_CMOCKA
FUZZ_TARGETS :=
FUZZ_BINS :=
FUZZ_OBJS :=

# $(call fuzz_target,NAME,SOURCES): $(FUZZ_DIR)/fuzz_NAME from
# tests/fuzz/fuzz_NAME.c and the SOURCES.
define fuzz_target
FUZZ_TARGETS += $(1)
FUZZ_BINS += $(FUZZ_DIR)/fuzz_$(1)
FUZZ_OBJS += $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,tests/fuzz/fuzz_$(1).c $(2))
$(FUZZ_DIR)/fuzz_$(1): $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,tests/fuzz/fuzz_$(1).c $(2)) \
		$(FUZZ_DIR)/obj/tests/host_libc.o
	@[ -n "$$(Q)" ] && echo "  FUZZLD  $$@" || true
	$$(Q)$$(FUZZ_CC) $$(FUZZ_CFLAGS) -o $$@ $$^
endef

FW_FAKE_SRCS := tests/fw_fake.c lib/string.c lib/vsnprintf.c

$(eval $(call fuzz_target,cmdline,kernel/cmdline.c kernel/params.c \
	lib/string.c lib/vsnprintf.c))
$(eval $(call fuzz_target,acpi,kernel/acpi.c arch/x86/acpi.c \
	arch/x86/platform_fill.c $(FW_FAKE_SRCS)))
$(eval $(call fuzz_target,mptable,kernel/acpi.c arch/x86/mptable.c \
	arch/x86/platform_fill.c $(FW_FAKE_SRCS)))
$(eval $(call fuzz_target,multiboot,arch/x86/multiboot.c kernel/bootinfo.c \
	$(FW_FAKE_SRCS)))
$(eval $(call fuzz_target,vsnprintf,lib/vsnprintf.c lib/string.c))

FUZZ_OBJS := $(sort $(FUZZ_OBJS))

$(FUZZ_DIR)/obj/%.o: %.c $(FUZZ_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  FUZZCC  $<" || true
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -include tests/host_rename.h -fno-builtin \
		-MMD -MP -c $< -o $@

# glibc's own functions, as an oracle: no renaming here (host.mk's rule).
$(FUZZ_DIR)/obj/tests/host_libc.o: tests/host_libc.c $(FUZZ_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  FUZZCC  $<" || true
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

fuzz-bin: $(FUZZ_BINS)

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_DIR)/obj/tests/host_libc.d

.PHONY: fuzz-bin

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
