# arch/x86/arch.mk - what the x86 build adds to the Makefile: the numbers
# that C, the nasm code and the linker script share, in one place each.
#
# They are #defines in arch/x86/layout.h (addresses, sizes, the offsets
# assembly reads) and arch/x86/cr_bits.h (control-register, RFLAGS,
# page-table and CPUID bits).  C includes those headers.  For the other
# two readers they are made, at build time, from the same files:
#   $(BUILD)/gen/x86_defs.inc  every macro of both headers as a nasm
#                              %define (the C preprocessor lists them with
#                              -dM), which the .asm files %include;
#   $(BUILD)/gen/linker.ld     linker.ld run through the C preprocessor,
#                              so that it can #include layout.h.

X86_GEN := $(BUILD)/gen
X86_DEFS_H := arch/x86/layout.h arch/x86/cr_bits.h
# layout.h includes it
X86_DEFS_DEPS := $(X86_DEFS_H) kernel/kstack.h

$(X86_GEN)/x86_defs.inc: $(X86_DEFS_DEPS) $(ARCH_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  GEN     $@" || true
	$(Q){ echo "; made from $(X86_DEFS_H) by arch/x86/arch.mk"; \
		printf '#include "%s"\n' $(X86_DEFS_H) | \
		$(CC) -E -dM -undef -nostdinc -I. -x c - | \
		grep -v '^#define _' | sed 's/^#define /%define /' | \
		LC_ALL=C sort; } > $@.tmp && mv $@.tmp $@

NASMFLAGS += -I$(X86_GEN)/
$(patsubst %.asm,$(BUILD)/k/%.o,$(BOOT_ASM) $(wildcard arch/x86/*.asm)): \
	$(X86_GEN)/x86_defs.inc

LDSCRIPT := $(X86_GEN)/linker.ld
$(LDSCRIPT): linker.ld $(X86_DEFS_DEPS) $(ARCH_MK)
	@mkdir -p $(@D)
	@[ -n "$(Q)" ] && echo "  GEN     $@" || true
	$(Q)$(CC) -E -P -undef -nostdinc -I. -x c linker.ld -o $@
