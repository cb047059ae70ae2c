/* lib/errno.h - error numbers, Linux's values, returned negated (-EINVAL). */
#ifndef TERN_LIB_ERRNO_H
#define TERN_LIB_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define EIO 5
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ERANGE 34
#define EDEADLK 35
#define ENOSPC 28
#define ETIMEDOUT 110

#endif
