/*
 * lib/compiler.h - the few compiler spellings every Tern file uses.
 *
 * Kept tiny on purpose: a student should be able to read it in a minute and
 * then recognise every macro used elsewhere.  Works in the kernel and in the
 * host unit tests (both are GCC-compatible).
 */
#ifndef TERN_LIB_COMPILER_H
#define TERN_LIB_COMPILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* As in Linux, 64-bit types are `long long` on every architecture, so one
 * printk format (%llu, %llx) fits u64 everywhere. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define __packed __attribute__((packed))
#define __aligned(n) __attribute__((aligned(n)))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))
#define __noreturn __attribute__((noreturn))
#define __noinline __attribute__((noinline))
#define __printf(a, b) __attribute__((format(printf, a, b)))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a) (((x) + ((a)-1)) & ~((__typeof__(x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr)-offsetof(type, member)))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

/* A compiler barrier: no memory access moves across it. */
#define barrier() __asm__ __volatile__("" ::: "memory")

/* One load or store of exactly this size, never torn, never repeated. */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
