/*
 * arch/ia64/firmware.h - SAL and PAL, the firmware's two halves, as far as
 * Tern calls them (docs/ia64.md lists the procedures).
 */
#ifndef TERN_ARCH_IA64_FIRMWARE_H
#define TERN_ARCH_IA64_FIRMWARE_H

#include "lib/compiler.h"

/* What a SAL or PAL procedure returns in r8-r11. */
struct ia64_fw_ret {
	s64 status; /* 0 done, -1 not implemented, < 0 an error */
	u64 v0, v1, v2;
};

enum {
	PAL_FREQ_RATIOS = 14,
	PAL_HALT_LIGHT = 29,
	SAL_SET_VECTORS = 0x01000000,
	SAL_FREQ_BASE = 0x01000012,
	SAL_VECTOR_OS_BOOT_RENDEZ = 2,
	SAL_FREQ_BASE_PLATFORM = 0,
};

/* Read the SAL system table: PAL's and SAL's entry points, the AP
 * wake-up vector.  False (and why, on the console) if it is not there or
 * not valid. */
bool sal_init(u64 sal_systab);
struct ia64_fw_ret sal_call(u64 index, u64 a1, u64 a2, u64 a3, u64 a4);
struct ia64_fw_ret pal_call(u64 index, u64 a1, u64 a2, u64 a3);
/* The vector that wakes an AP parked in the firmware (0: unknown). */
extern u64 sal_wakeup_vector;

#endif
