/*
 * tests/host_rename.h - keep Tern's lib/ apart from the host's C library.
 *
 * lib/string.c and lib/vsnprintf.c define memcpy, strlen, snprintf, ...
 * under their standard names, because the kernel has no other C library.
 * A host test program, though, also links glibc (cmocka and the sanitizer
 * runtimes use it).  If our memcpy kept its name it would replace glibc's
 * for the whole process, so a bug under test could break cmocka itself, and
 * the test could not tell which memcpy it had called.
 *
 * So tests/host.mk compiles every .c file of lib/ AND every test file with
 *
 *	-include tests/host_rename.h -fno-builtin
 *
 * The macros below then turn each function of lib/string.h and
 * lib/vsnprintf.h into tern_<name>, in the definitions (lib/) and in the
 * calls (tests/test_NAME.c) alike.  A test that writes snprintf(...)
 * therefore calls tern_snprintf, the code under test.  -fno-builtin stops
 * GCC from treating any name as its own builtin, as -ffreestanding does in
 * the kernel, so the lib/ code is compiled the way the kernel compiles it.
 *
 * How a test still reaches glibc's real functions, as an oracle: through
 * tests/host_libc.c, the one file that host.mk compiles WITHOUT this
 * header.  It includes <stdio.h> normally and exports wrappers under their
 * own names (oracle_snprintf(), see tests/host_libc.h).  Test files must
 * not include <string.h> or <stdio.h> themselves: after the renaming, those
 * headers would declare glibc's prototypes for our tern_* functions.
 *
 * (strstarts and kstrto* are not in glibc; they are renamed anyway so that
 * "everything from lib/string.h is tern_*" stays a one-line rule.  Bitmap,
 * list and cpumask names do not exist in glibc and keep their names.)
 */
#ifndef TERN_TESTS_HOST_RENAME_H
#define TERN_TESTS_HOST_RENAME_H

/* lib/string.h */
#define memset	  tern_memset
#define memcpy	  tern_memcpy
#define memmove	  tern_memmove
#define memcmp	  tern_memcmp
#define strlen	  tern_strlen
#define strnlen	  tern_strnlen
#define strcmp	  tern_strcmp
#define strncmp	  tern_strncmp
#define strchr	  tern_strchr
#define strrchr	  tern_strrchr
#define strlcpy	  tern_strlcpy
#define strstarts tern_strstarts
#define kstrtoull tern_kstrtoull
#define kstrtoll  tern_kstrtoll

/* lib/vsnprintf.h */
#define vsnprintf tern_vsnprintf
#define snprintf  tern_snprintf

#endif
