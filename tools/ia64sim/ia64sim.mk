# tools/ia64sim/ia64sim.mk - the IA-64 simulator and its test programs.
#
# Included by the top Makefile (which defines BUILD).
#
#   make ia64sim         build $(BUILD)/ia64sim for this host
#   make ia64sim-tests   assemble tools/ia64sim/tests/*.S into
#                        $(BUILD)/ia64sim-tests/*.elf with Debian's
#                        ia64-linux-gnu-as and -ld (tools/deps.sh)

IA64SIM_SRC := $(wildcard tools/ia64sim/*.c)
IA64SIM_HDR := $(wildcard tools/ia64sim/*.h)
IA64SIM_TESTS := $(patsubst tools/ia64sim/tests/%.S,$(BUILD)/ia64sim-tests/%.elf,\
	$(wildcard tools/ia64sim/tests/*.S))
IA64_AS ?= ia64-linux-gnu-as
IA64_LD ?= ia64-linux-gnu-ld

.PHONY: ia64sim ia64sim-tests
ia64sim: $(BUILD)/ia64sim
ia64sim-tests: $(IA64SIM_TESTS)

$(BUILD)/ia64sim: $(IA64SIM_SRC) $(IA64SIM_HDR) tools/ia64sim/ia64sim.mk
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  HOSTCC  $@" || true
	$(Q)$(HOST_CC) -std=c11 -D_DEFAULT_SOURCE -O2 -g -Wall -Wextra -Werror \
		-o $@ $(IA64SIM_SRC)

# -x: the assembler checks the dependency rules inside instruction groups
# (the simulator relies on them: it runs a group's slots in order).
$(BUILD)/ia64sim-tests/%.elf: tools/ia64sim/tests/%.S tools/ia64sim/tests/check.inc tools/ia64sim/ia64sim.mk
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  IA64AS  $<" || true
	$(Q)$(IA64_AS) -x --fatal-warnings -I tools/ia64sim/tests -o $(@:.elf=.o) $<
	$(Q)$(IA64_LD) -Ttext=0x100000 -Tdata=0x180000 -e _start -o $@ $(@:.elf=.o)

# C test programs (tools/ia64sim/tests/c/*.c): each compiled with the IA-64
# cross compiler, to run on the simulator, and with the host's gcc, to
# compare with.  tools/ia64-gcc.sh prints where the cross compiler is,
# building it first if this machine has none yet (15-20 minutes, once).
IA64SIM_CDIR := tools/ia64sim/tests/c
IA64SIM_CNAMES := $(filter-out host,$(patsubst $(IA64SIM_CDIR)/%.c,%,\
	$(wildcard $(IA64SIM_CDIR)/*.c)))
IA64SIM_CTESTS := $(foreach n,$(IA64SIM_CNAMES),\
	$(BUILD)/ia64sim-tests/c/$(n).elf $(BUILD)/ia64sim-tests/c/$(n).host)
IA64_GCC_PATH := $(BUILD)/ia64-gcc.path
IA64SIM_CSRC := $(wildcard $(IA64SIM_CDIR)/*.c)

.PHONY: ia64sim-ctests
ia64sim-ctests: $(IA64SIM_CTESTS)

$(IA64_GCC_PATH): tools/ia64-gcc.sh
	@mkdir -p $(@D)
	$(Q)tools/ia64-gcc.sh > $@.tmp && mv $@.tmp $@

$(BUILD)/ia64sim-tests/c/%.o: $(IA64SIM_CDIR)/%.S
	@mkdir -p $(@D)
	$(Q)$(IA64_AS) -x --fatal-warnings -o $@ $<

# The simulator's build links libgcc: a division by a variable is a call
# to its __divdi3, __umoddi3...  A program may add flags for the cross
# compiler on a line " * ia64-cflags: FLAGS" (and may include another
# test program, which is then a prerequisite).
$(BUILD)/ia64sim-tests/c/%.elf: $(IA64SIM_CDIR)/%.c $(IA64SIM_CDIR)/io.h \
		$(IA64SIM_CDIR)/link.ld $(BUILD)/ia64sim-tests/c/rt.o \
		$(BUILD)/ia64sim-tests/c/ssc.o $(IA64_GCC_PATH) $(IA64SIM_CSRC)
	@[ -n "$(Q)" ] && echo "  IA64CC  $<" || true
	$(Q)"$$(cat $(IA64_GCC_PATH))/ia64-linux-gnu-gcc" -O2 -ffreestanding \
		-nostdlib -Wall -Wextra -Werror \
		$$(sed -n 's|^ \* ia64-cflags: ||p' $<) -c $< -o $(@:.elf=.o)
	$(Q)$(IA64_LD) -T $(IA64SIM_CDIR)/link.ld --no-warn-rwx-segments -o $@ \
		$(BUILD)/ia64sim-tests/c/rt.o $(BUILD)/ia64sim-tests/c/ssc.o \
		$(@:.elf=.o) "$$("$$(cat $(IA64_GCC_PATH))/ia64-linux-gnu-gcc" -print-libgcc-file-name)"

$(BUILD)/ia64sim-tests/c/%.host: $(IA64SIM_CDIR)/%.c $(IA64SIM_CDIR)/io.h \
		$(IA64SIM_CDIR)/host.c $(IA64SIM_CSRC)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) -O2 -Wall -Wextra -Werror -o $@ $< $(IA64SIM_CDIR)/host.c

# SMP test programs (tools/ia64sim/tests/smp/*.c): cross-compiled only,
# with their own start-up code and interrupt vectors (rt.S, preprocessed
# by the cross gcc for vectors.h).  tools/test.sh runs each with the
# options on its "ia64sim-args:" line and checks NAME.out.
IA64SIM_SMPDIR := tools/ia64sim/tests/smp
IA64SIM_SMPTESTS := $(patsubst $(IA64SIM_SMPDIR)/%.c,$(BUILD)/ia64sim-tests/smp/%.elf,\
	$(wildcard $(IA64SIM_SMPDIR)/*.c))
IA64_CROSS_GCC = "$$(cat $(IA64_GCC_PATH))/ia64-linux-gnu-gcc"

.PHONY: ia64sim-smptests
ia64sim-smptests: $(IA64SIM_SMPTESTS)

$(BUILD)/ia64sim-tests/smp/rt.o: $(IA64SIM_SMPDIR)/rt.S $(IA64SIM_SMPDIR)/vectors.h \
		$(IA64_GCC_PATH)
	@mkdir -p $(@D)
	$(Q)$(IA64_CROSS_GCC) -Wa,-x,--fatal-warnings -c -o $@ $<

$(BUILD)/ia64sim-tests/smp/%.elf: $(IA64SIM_SMPDIR)/%.c $(IA64SIM_SMPDIR)/smp.h \
		$(IA64SIM_SMPDIR)/vectors.h $(IA64SIM_CDIR)/io.h $(IA64SIM_CDIR)/link.ld \
		$(BUILD)/ia64sim-tests/smp/rt.o $(BUILD)/ia64sim-tests/c/ssc.o $(IA64_GCC_PATH)
	@[ -n "$(Q)" ] && echo "  IA64CC  $<" || true
	$(Q)$(IA64_CROSS_GCC) -O2 -ffreestanding -nostdlib -Wall -Wextra -Werror \
		-c $< -o $(@:.elf=.o)
	$(Q)$(IA64_LD) -T $(IA64SIM_CDIR)/link.ld --no-warn-rwx-segments -o $@ \
		$(BUILD)/ia64sim-tests/smp/rt.o $(@:.elf=.o) \
		$(BUILD)/ia64sim-tests/c/ssc.o \
		"$$($(IA64_CROSS_GCC) -print-libgcc-file-name)"
