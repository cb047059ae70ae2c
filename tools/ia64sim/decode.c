/*
 * tools/ia64sim/decode.c - taking a bundle apart.
 *
 * A bundle is 128 bits, little-endian: a 5-bit template in bits 0-4, then
 * three 41-bit instruction slots (bits 5-45, 46-86, 87-127).  The template
 * says which unit runs each slot and where the stops are (SDM vol. 3,
 * "Instruction Encoding Overview", the template field encoding table).
 */
#include "sim.h"

#define M UNIT_M
#define I UNIT_I
#define F UNIT_F
#define B UNIT_B
#define L UNIT_L
#define X UNIT_X
#define N UNIT_NONE

/* stops: bit 0 after slot 0, bit 1 after slot 1, bit 2 after slot 2 */
static const struct template templates[32] = {
    [0x00] = {{M, I, I}, 0, "MII"},   [0x01] = {{M, I, I}, 4, "MII"},
    [0x02] = {{M, I, I}, 2, "MI_I"},  [0x03] = {{M, I, I}, 6, "MI_I"},
    [0x04] = {{M, L, X}, 0, "MLX"},   [0x05] = {{M, L, X}, 4, "MLX"},
    [0x06] = {{N, N, N}, 0, "res06"}, [0x07] = {{N, N, N}, 0, "res07"},
    [0x08] = {{M, M, I}, 0, "MMI"},   [0x09] = {{M, M, I}, 4, "MMI"},
    [0x0a] = {{M, M, I}, 1, "M_MI"},  [0x0b] = {{M, M, I}, 5, "M_MI"},
    [0x0c] = {{M, F, I}, 0, "MFI"},   [0x0d] = {{M, F, I}, 4, "MFI"},
    [0x0e] = {{M, M, F}, 0, "MMF"},   [0x0f] = {{M, M, F}, 4, "MMF"},
    [0x10] = {{M, I, B}, 0, "MIB"},   [0x11] = {{M, I, B}, 4, "MIB"},
    [0x12] = {{M, B, B}, 0, "MBB"},   [0x13] = {{M, B, B}, 4, "MBB"},
    [0x14] = {{N, N, N}, 0, "res14"}, [0x15] = {{N, N, N}, 0, "res15"},
    [0x16] = {{B, B, B}, 0, "BBB"},   [0x17] = {{B, B, B}, 4, "BBB"},
    [0x18] = {{M, M, B}, 0, "MMB"},   [0x19] = {{M, M, B}, 4, "MMB"},
    [0x1a] = {{N, N, N}, 0, "res1a"}, [0x1b] = {{N, N, N}, 0, "res1b"},
    [0x1c] = {{M, F, B}, 0, "MFB"},   [0x1d] = {{M, F, B}, 4, "MFB"},
    [0x1e] = {{N, N, N}, 0, "res1e"}, [0x1f] = {{N, N, N}, 0, "res1f"},
};

const struct template *template_of(unsigned tmpl)
{
	return &templates[tmpl & 31];
}

void bundle_split(const uint8_t bytes[16], struct bundle *b)
{
	uint64_t lo = 0, hi = 0;
	for (int i = 7; i >= 0; i--) {
		lo = lo << 8 | bytes[i];
		hi = hi << 8 | bytes[8 + i];
	}
	const uint64_t mask41 = (1ull << 41) - 1;
	b->tmpl = (unsigned)(lo & 31);
	b->slot[0] = (lo >> 5) & mask41;
	b->slot[1] = ((lo >> 46) | (hi << 18)) & mask41;
	b->slot[2] = (hi >> 23) & mask41;
}
