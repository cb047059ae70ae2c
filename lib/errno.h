/* lib/errno.h - error numbers, Linux's values, returned negated (-EINVAL). */
#ifndef TERN_LIB_ERRNO_H
#define TERN_LIB_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EFAULT 14
#define EINVAL 22
#define ERANGE 34
#define EDEADLK 35

#endif
