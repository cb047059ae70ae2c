/*
 * kernel/ubsan.h - the undefined-behaviour sanitizer's reports
 * (kernel/ubsan.c; built in with `make UBSAN=1`, docs/protection.md).
 */
#ifndef TERN_KERNEL_UBSAN_H
#define TERN_KERNEL_UBSAN_H

/* Read `ubsan=warn|panic`; in a UBSan build, say that the checks are on.
 * After params_parse(). */
void ubsan_init(void);
/* Call sites reported so far (each one once). */
unsigned long ubsan_report_count(void);

#endif
