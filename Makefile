# Tern - one entry point for building, running, debugging and testing.
#
#   make            build/tern.elf (boots with qemu -kernel, multiboot1)
#   make iso        build/tern.iso (GRUB, multiboot2, BIOS and UEFI)
#   make run        boot under QEMU, serial console here (quit: Ctrl-A x);
#                   with ARCH=ia64, on the IA-64 simulator (build/ia64/);
#                   make gdb ARCH=ia64 attaches gdb-multiarch there
#   make gdb        boot halted, with gdb attached and symbols loaded
#   make test       every test; ends with "N passed, N failed"
#   make ubsan      build/ubsan/tern.elf: the kernel with UBSan (UBSAN=1),
#                   which make test also boots (docs/protection.md)
#   make test-big   the same, plus -smp 64, 128 and 255
#   make bench      Tern beside QEMU alone, Linux, xv6 -> docs/bench.md
#   make soak       the scheduler stress test, SOAK= seconds (default 600)
#   make fuzz       the parsers' libFuzzer programs, FUZZ_TIME= seconds each
#                   (default 60), FUZZ= one of them (tests/fuzz/README.md)
#   make trace      a workload traced at -smp 8 (or SMP=) -> JSON and SVG
#   make lab-list   the labs; make lab-N-start|check|reset (docs/labs/)
#   make grade-class CLASS=DIR   grade every student tree in DIR -> CSV
#
# Variables: SMP= MEM= CMDLINE= QEMU_FLAGS= ARCH= CROSS_COMPILE= SOAK= UBSAN=

VERSION := 0.1.0
ARCH ?= x86
SMP ?= 32
MEM ?= 512M
CMDLINE ?=
# Recipes read the command line from the environment ("$$CMDLINE"), never
# pasted into their shell text: a quote or a ; in it stays the kernel's.
export CMDLINE
QEMU_FLAGS ?=
CROSS_COMPILE ?=

ifeq ($(wildcard arch/$(ARCH)/hal_arch.h),)
$(error ARCH=$(ARCH): there is no arch/$(ARCH) in this tree (x86 and ia64 are; see docs/DESIGN.md))
endif
# `make UBSAN=1` alone builds in build/ubsan, never over the plain kernel's
# objects (make ubsan, below).
ifeq ($(UBSAN),1)
BUILD ?= build/ubsan
endif
ifeq ($(ARCH),ia64)
BUILD ?= build/ia64
else
BUILD ?= build
endif
export BUILD

CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
NM := $(CROSS_COMPILE)nm
NASM := nasm
QEMU := qemu-system-x86_64

# Freestanding: no libc, no red zone (interrupts would trample it), no SSE/MMX
# (the kernel saves no FPU state), kernel code model (top 2 GiB), frame
# pointers (backtraces).  The stack protector checks a canary in every
# function with an array or an address-taken local before it returns; the
# canary is one global word, __stack_chk_guard (gcc's default would read it
# at %fs:0x28, and Tern has no FS base), set at boot by arch/x86/canary.c
# (docs/protection.md).
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdlib -fno-builtin \
	-fstack-protector-strong -mstack-protector-guard=global \
	-fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mno-sse -mno-mmx -mno-sse2 -mno-80387 -mgeneral-regs-only \
	-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-I. -Iarch/$(ARCH) -DTERN_VERSION='"$(VERSION)"' -MMD -MP
KLDFLAGS := -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments
NASMFLAGS := -f elf64 -g -F dwarf -Werror

# The linker script, and the check of the image after each link.
LDSCRIPT := linker.ld
CHECK_IMAGE := tools/check-image.sh
BOOT_ASM := $(wildcard boot/*.asm)
# IA-64 replaces the x86 settings above (arch/ia64/arch.mk).
ARCH_MK := $(wildcard arch/$(ARCH)/arch.mk)
ifneq ($(ARCH_MK),)
include $(ARCH_MK)
endif

# Files that must not carry the stack protector: the one that sets the
# canary (a check in it would compare against the value it just changed),
# and the one that reports a bad canary (a check there could recurse).
NO_STACK_PROTECTOR := arch/x86/canary.c kernel/stackprot.c
$(NO_STACK_PROTECTOR:%.c=$(BUILD)/k/%.o): KCFLAGS += -fno-stack-protector

# UBSAN=1: the undefined-behaviour sanitizer, with Tern's own handlers
# (kernel/ubsan.c, which is itself built without it).  `make ubsan` builds
# this second kernel as build/ubsan/tern.elf, and make test boots it with
# ktest=all (docs/protection.md).  Every check of gcc's
# -fsanitize=undefined that means something in a freestanding C kernel,
# alignment included (ktest=all makes no report: packed firmware tables
# are read through packed structs, which gcc knows may be unaligned); not
# vptr and return (C++ only), nor the float checks (no FPU in the kernel).
UBSAN ?= 0
UBSAN_CHECKS := shift integer-divide-by-zero unreachable vla-bound null \
	signed-integer-overflow bounds bounds-strict object-size bool enum \
	nonnull-attribute returns-nonnull-attribute pointer-overflow builtin \
	alignment
comma := ,
empty :=
space := $(empty) $(empty)
ifeq ($(UBSAN),1)
ifneq ($(ARCH),x86)
$(error UBSAN=1 is for the x86 build only (docs/protection.md))
endif
KCFLAGS += -fsanitize=$(subst $(space),$(comma),$(strip $(UBSAN_CHECKS))) -DTERN_UBSAN
$(BUILD)/k/kernel/ubsan.o: KCFLAGS += -fno-sanitize=all
endif

KSRC := $(wildcard kernel/*.c) $(wildcard lib/*.c) $(wildcard arch/$(ARCH)/*.c)
KASM := $(BOOT_ASM) $(wildcard arch/$(ARCH)/*.asm)
# GNU assembler, through the C preprocessor: for code that shares headers
# with C or carries unwind information for gdb (arch/x86/vectors.S).
KGAS := $(wildcard arch/$(ARCH)/*.S)
KOBJ := $(KSRC:%.c=$(BUILD)/k/%.o) $(KASM:%.asm=$(BUILD)/k/%.o) \
	$(KGAS:%.S=$(BUILD)/k/%.o)

.PHONY: ubsan soak trace lab-list grade-class all iso iso-image run gdb test test-big bench clean deps compile_commands.json
.DEFAULT_GOAL := all

all: $(BUILD)/tern.elf

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

$(BUILD)/k/%.o: %.c Makefile $(ARCH_MK) | $(KOBJ_DEPS)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  CC      $<" || true
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/%.o: %.S Makefile $(ARCH_MK) | $(KOBJ_DEPS)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  AS      $<" || true
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/k/%.o: %.asm Makefile
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  NASM    $<" || true
	@command -v $(NASM) >/dev/null || { echo "nasm is missing: run tools/deps.sh (make run and make test do)"; exit 1; }
	$(Q)$(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MP $< -o $@

# Two links (see kernel/ksyms.h): the first has an empty symbol table, the
# second embeds the first one's function names.  .ksyms comes after all code,
# so no function moves between them - which check-image.sh verifies, along
# with the flat layout multiboot1's address fields need.
$(BUILD)/ksyms0.o: tools/ksyms.sh | $(KOBJ_DEPS)
	@mkdir -p $(@D)
	$(Q)tools/ksyms.sh $(NM) - > $(BUILD)/ksyms0.S
	$(Q)$(CC) -c $(BUILD)/ksyms0.S -o $@

$(BUILD)/tern.pass1.elf: $(KOBJ) $(BUILD)/ksyms0.o $(LDSCRIPT)
	@[ -n "$(Q)" ] && echo "  LD      $@" || true
	$(Q)$(LD) $(KLDFLAGS) -T $(LDSCRIPT) $(KOBJ) $(BUILD)/ksyms0.o $(KLIBS) -o $@

$(BUILD)/tern.elf: $(BUILD)/tern.pass1.elf $(CHECK_IMAGE)
	@[ -n "$(Q)" ] && echo "  KSYMS   $@" || true
	$(Q)tools/ksyms.sh $(NM) $< > $(BUILD)/ksyms.S
	$(Q)$(CC) -c $(BUILD)/ksyms.S -o $(BUILD)/ksyms.o
	$(Q)$(LD) $(KLDFLAGS) -T $(LDSCRIPT) $(KOBJ) $(BUILD)/ksyms.o $(KLIBS) -o $@.tmp
	$(Q)$(CHECK_IMAGE) $(NM) $< $@.tmp
	$(Q)mv $@.tmp $@

# --- GRUB ISO ----------------------------------------------------------------
# CMDLINE is written into grub.cfg, so `make iso CMDLINE=...` bakes one in.
iso:
	@tools/deps.sh
	@$(MAKE) --no-print-directory $(BUILD)/tern.iso

$(BUILD)/tern.iso: $(BUILD)/tern.elf boot/grub.cfg.in $(BUILD)/iso.cmdline
	@$(MAKE) --no-print-directory BUILD_ISO=$(BUILD)/iso ISO_OUT=$@ iso-image

# The command line the ISO was made with: rewritten only when CMDLINE
# changes, so that `make iso CMDLINE=...` rebuilds the ISO then, and only
# then.
$(BUILD)/iso.cmdline: FORCE
	@mkdir -p $(@D) && printf '%s\n' "$$CMDLINE" > $@.new && \
		{ cmp -s $@.new $@ && rm -f $@.new || mv -f $@.new $@; }
.PHONY: FORCE
FORCE:

# grub-mkrescue puts GRUB for BIOS (i386-pc) and for UEFI (x86_64-efi) on
# one ISO, for each platform whose GRUB modules are installed.
iso-image:
	@echo "  ISO     $(ISO_OUT)"
	@rm -rf $(BUILD_ISO) && mkdir -p $(BUILD_ISO)/boot/grub
	@cp $(BUILD)/tern.elf $(BUILD_ISO)/boot/tern.elf
	@tools/grub-cfg.sh boot/grub.cfg.in > $(BUILD_ISO)/boot/grub/grub.cfg
	@grub-mkrescue -o $(ISO_OUT) $(BUILD_ISO) 2> $(ISO_OUT).log || \
		{ cat $(ISO_OUT).log; exit 1; }

# --- Running -----------------------------------------------------------------
QEMU_BASE := -accel tcg,thread=multi -smp $(SMP) -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04

ifeq ($(ARCH),ia64)
# On Tern's own Itanium simulator (tools/ia64sim, docs/ia64.md).
run:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/ia64sim
	@echo "Tern: booting on the IA-64 simulator with -smp $(SMP). Leave with Ctrl-C."
	$(BUILD)/ia64sim -smp $(SMP) -m 512 $(BUILD)/tern.elf -- "$$CMDLINE"
else
run:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	@echo "Tern: booting with -smp $(SMP). Leave with 'poweroff', or Ctrl-A then x."
	$(QEMU) $(QEMU_BASE) -nographic -kernel $(BUILD)/tern.elf \
		-append "$$CMDLINE" $(QEMU_FLAGS); \
	status=$$?; [ $$status -eq 0 ] || [ $$status -eq 33 ]
endif

ifeq ($(ARCH),ia64)
gdb:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/ia64sim
	tools/gdb/run-gdb-ia64.sh $(BUILD)/ia64sim $(BUILD)/tern.elf $(SMP) "$$CMDLINE"
else
gdb:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	tools/gdb/run-gdb.sh $(BUILD)/tern.elf "$$CMDLINE" $(QEMU_BASE) $(QEMU_FLAGS)
endif

deps:
	@tools/deps.sh

# --- Tests -------------------------------------------------------------------
include tests/host.mk
include tools/bench/o1/o1.mk
include tools/ia64sim/ia64sim.mk

# The ISO for in-kernel tests under GRUB/multiboot2: the same kernel, with
# the test command line baked into its grub.cfg.
$(BUILD)/test/tern-ktest.iso: $(BUILD)/tern.elf boot/grub.cfg.in
	@$(MAKE) --no-print-directory BUILD_ISO=$(BUILD)/test/iso ISO_OUT=$@ \
		CMDLINE="ktest=all panic=-1" iso-image

test:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all iso $(BUILD)/test/tern-ktest.iso host-test-bin \
		ia64sim ia64sim-tests ia64sim-ctests ia64sim-smptests
	@$(MAKE) --no-print-directory ARCH=ia64 BUILD=$(BUILD)/ia64 all
	@$(MAKE) --no-print-directory ubsan
	@tools/test.sh

# The UBSan kernel, $(BUILD)/ubsan/tern.elf, that make test boots too.
ubsan:
	@$(MAKE) --no-print-directory UBSAN=1 BUILD=$(BUILD)/ubsan all

# The same plus -smp 64, 128 and 255: slower, run before resolving SMP work.
test-big:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all iso $(BUILD)/test/tern-ktest.iso host-test-bin \
		ia64sim ia64sim-tests ia64sim-ctests ia64sim-smptests
	@$(MAKE) --no-print-directory ARCH=ia64 BUILD=$(BUILD)/ia64 all
	@$(MAKE) --no-print-directory ubsan
	@BIG=1 tools/test.sh

# ktest=soak for SOAK seconds at -smp SMP; SEED= picks its random choices.
SOAK ?= 600
SEED ?= 1
soak:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	tools/soak.sh $(BUILD)/tern.elf $(SOAK) $(SEED) -accel tcg,thread=multi \
		-smp $(SMP) -m $(MEM) $(QEMU_FLAGS)

# The libFuzzer programs (tests/fuzz/): each for FUZZ_TIME seconds, or
# only FUZZ=NAME; the corpus grows in $(BUILD)/fuzz/corpus/NAME/.
FUZZ_TIME ?= 60
FUZZ ?=
.PHONY: fuzz
fuzz:
	@tools/deps.sh
	@$(MAKE) --no-print-directory fuzz-bin
	@tools/fuzz.sh run "$(FUZZ)" "$(FUZZ_TIME)"

# The labs (docs/labs/, docs/teaching.md): lab-list, lab-N-start,
# lab-N-check, lab-N-reset.
lab-list:
	@tools/lab.sh list
lab-%-start:
	@tools/lab.sh start $*
lab-%-reset:
	@tools/lab.sh reset $*
lab-%-check:
	@tools/deps.sh
	@tools/lab.sh check $*
# Grade a class: every student tree in CLASS, each lab in LABS (default:
# all), one CSV row per student and lab (docs/teaching.md).
grade-class:
	@test -n "$(CLASS)" || { echo "usage: make grade-class CLASS=DIR [LABS=\"1 4\"] [CSV=grades.csv]"; exit 2; }
	@tools/deps.sh
	@tools/grade-class.sh $(if $(LABS),-l "$(LABS)") $(if $(CSV),-o "$(CSV)") "$(CLASS)"

# The trace demo: -smp 8 unless SMP= is given on the command line.
TRACE_SMP := $(if $(filter command line,$(origin SMP)),$(SMP),8)
trace:
	@tools/deps.sh
	@$(MAKE) --no-print-directory all
	tools/trace/demo-run.sh $(BUILD)/tern.elf $(TRACE_SMP) $(BUILD)/trace \
		"$$CMDLINE" -accel tcg,thread=multi -m $(MEM) $(QEMU_FLAGS)

bench:
	@tools/deps.sh bench
	@$(MAKE) --no-print-directory all
	tools/bench.sh

compile_commands.json:
	$(MAKE) clean
	bear --output compile_commands.json -- $(MAKE) all host-test-bin

clean:
	rm -rf $(BUILD)

-include $(KOBJ:.o=.d)
