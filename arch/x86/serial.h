/* arch/x86/serial.h - COM1 console (polled). */
#ifndef TERN_ARCH_X86_SERIAL_H
#define TERN_ARCH_X86_SERIAL_H

#include "lib/compiler.h"

void serial_init(void);
void serial_write(const char *s, size_t len);
/* A received byte, or -1 when none is waiting. */
int serial_getc(void);
/* Wait (bounded) until every byte written has left the UART. */
void serial_flush(void);

#endif
