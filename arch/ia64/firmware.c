/*
 * arch/ia64/firmware.c - finding SAL and PAL, and calling them.
 *
 * The SAL system table (SAL specification, "SAL System Table") starts
 * with a 96-byte header (signature "SST_", length, entry count, a
 * checksum that makes its bytes sum to 0), then typed entries: type 0
 * gives the entry points of PAL_PROC and SAL_PROC and SAL's gp; type 5
 * says how to wake an AP (mechanism 0: an external interrupt with this
 * vector).
 */
#include "arch/ia64/firmware.h"
#include "kernel/printk.h"
#include "lib/string.h"

struct ia64_fw_ret ia64_pal_call(u64 index, u64 a1, u64 a2, u64 a3, u64 entry);

u64 sal_wakeup_vector;
static u64 pal_entry;
static u64 sal_desc[2]; /* a function descriptor: SAL_PROC, gp */

enum { SST_ENTRY_POINT = 0, SST_AP_WAKEUP = 5 };

/* Where the fields are: in the header, and in the two entries read. */
enum {
	SST_LENGTH = 4,	     /* u32: the whole table's */
	SST_NR_ENTRIES = 10, /* u16 */
	SST_HEADER_SIZE = 96,
	ENTRY_PAL_PROC = 8, /* type 0: PAL_PROC, SAL_PROC, SAL's gp */
	ENTRY_SAL_PROC = 16,
	ENTRY_SAL_GP = 24,
	ENTRY_WAKEUP_MECHANISM = 1, /* type 5: u8, 0 = external interrupt */
	ENTRY_WAKEUP_VECTOR = 8,
};

/* Entry lengths by type (SAL 3.x): 0 is 48 bytes, 1 and 3 are 32, the
 * others 16. */
static u32 entry_len(u8 type)
{
	return type == 0 ? 48 : type == 1 || type == 3 ? 32 : 16;
}

bool sal_init(u64 sst)
{
	if (!sst || memcmp((const void *)sst, "SST_", 4)) {
		pr_err("sal: no SAL system table from the firmware\n");
		return false;
	}
	u32 len = *(const u32 *)(sst + SST_LENGTH);
	u8 sum = 0;
	for (u32 i = 0; i < len; i++)
		sum = (u8)(sum + *(const u8 *)(sst + i));
	if (sum) {
		pr_err("sal: the SAL system table's checksum is wrong\n");
		return false;
	}
	u16 n = *(const u16 *)(sst + SST_NR_ENTRIES);
	u64 e = sst + SST_HEADER_SIZE;
	for (u16 i = 0; i < n && e < sst + len; i++) {
		u8 type = *(const u8 *)e;
		if (type == SST_ENTRY_POINT) {
			pal_entry = *(const u64 *)(e + ENTRY_PAL_PROC);
			sal_desc[0] = *(const u64 *)(e + ENTRY_SAL_PROC);
			sal_desc[1] = *(const u64 *)(e + ENTRY_SAL_GP);
		} else if (type == SST_AP_WAKEUP &&
			   !*(const u8 *)(e + ENTRY_WAKEUP_MECHANISM)) {
			sal_wakeup_vector =
			    *(const u64 *)(e + ENTRY_WAKEUP_VECTOR);
		}
		e += entry_len(type);
	}
	if (!pal_entry || !sal_desc[0]) {
		pr_err("sal: the SAL system table gives no entry points\n");
		return false;
	}
	return true;
}

struct ia64_fw_ret pal_call(u64 index, u64 a1, u64 a2, u64 a3)
{
	return ia64_pal_call(index, a1, a2, a3, pal_entry);
}

/* SAL_PROC is an ordinary C call through its descriptor (the asm hides
 * where f points: gcc would turn a call through a known data address
 * into a direct call to that data). */
struct ia64_fw_ret sal_call(u64 index, u64 a1, u64 a2, u64 a3, u64 a4)
{
	typedef struct ia64_fw_ret (*sal_fn)(u64, u64, u64, u64, u64, u64, u64,
					     u64);
	sal_fn f = (sal_fn)(void *)sal_desc;
	__asm__("" : "+r"(f));
	return f(index, a1, a2, a3, a4, 0, 0, 0);
}
