/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * io.h - whole writes and the no-copy-on-write flag: shared by the library
 * (compiled into it, not exported) and the tools.
 */
#ifndef GSW_IO_H
#define GSW_IO_H

#include <stddef.h>
#include <stdint.h>

/* Write all LEN bytes at OFFSET, retrying short writes; 0 or -errno. */
int gsw_pwrite_all(int fd, const void *buf, size_t len, uint64_t offset);

/*
 * Ask for a file without copy-on-write (FS_NOCOW_FL): btrfs swaps only to
 * such files, and takes the flag only while the file is empty.  File
 * systems without the flag are not an error.  Returns 0 or -errno.
 */
int gsw_set_nocow(int fd);

#endif /* GSW_IO_H */
