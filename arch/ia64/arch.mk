# arch/ia64/arch.mk - how `make ARCH=ia64` builds Tern for Itanium.
#
# Included by the Makefile, it replaces the x86 compiler, flags and
# linker script.  The compiler is the IA-64 cross gcc that
# tools/ia64-gcc.sh builds once per machine (its bin directory is written
# to $(BUILD)/ia64-gcc.path); CROSS_COMPILE=PREFIX uses another one.
#
# Flags, as Linux/ia64 had them: r13 is never allocated (it is reserved
# for the port's per-CPU use, docs/ia64.md), and gcc may use only f2-f11
# of the FP registers (it needs some for integer multiply and divide), so
# that an interruption saves few of them.  No -mconstant-gp: libgcc (the
# division routines) is built without it, and one image has one gp anyway.

IA64_GCC_PATH := $(BUILD)/ia64-gcc.path
ifeq ($(CROSS_COMPILE),)
CC = "$$(cat $(IA64_GCC_PATH))/ia64-linux-gnu-gcc"
KOBJ_DEPS := $(IA64_GCC_PATH)
else
KOBJ_DEPS :=
endif
LD := $(if $(CROSS_COMPILE),$(CROSS_COMPILE)ld,ia64-linux-gnu-ld)
NM := $(if $(CROSS_COMPILE),$(CROSS_COMPILE)nm,ia64-linux-gnu-nm)

KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -nostdlib -fno-builtin -fno-stack-protector \
	-ffixed-r13 -mfixed-range=f12-f15,f32-f127 -fno-strict-aliasing -Wa,-x,--fatal-warnings \
	-I. -Iarch/$(ARCH) -DTERN_VERSION='"$(VERSION)"' -DTERN_DEFAULT_HZ=1024 \
	-MMD -MP
KLDFLAGS := -nostdlib --no-warn-rwx-segments
KLIBS = "$$($(CC) -print-libgcc-file-name)"
# The linker script reads the load address and the page size from
# arch/ia64/asm.h, as C and the assembly do: it goes through the C
# preprocessor first, as the assembly does (__ASSEMBLER__: the #defines
# only).
LDSCRIPT := $(BUILD)/gen/linker.ld
$(LDSCRIPT): arch/ia64/linker.ld arch/ia64/asm.h $(ARCH_MK) | $(KOBJ_DEPS)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  GEN     $@" || true
	$(Q)$(CC) -E -P -undef -nostdinc -D__ASSEMBLER__ -I. -x c \
		arch/ia64/linker.ld -o $@
BOOT_ASM :=
export TERN_FLAT_IMAGE := no
