/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * wipe.h - other formats made invisible before a swap header is written, as
 * mkswap does, for mkswap-ghost.
 */
#ifndef GSW_WIPE_H
#define GSW_WIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Make other formats on FD invisible before a swap header is written, as
 * mkswap does.  With KEEP_PARTITION_TABLE, a partition table found on FD
 * is left alone together with everything else: its type goes to PTTYPE
 * and 1 is returned.  Otherwise the first 1024 bytes are zeroed and every
 * signature libblkid finds is erased, an old swap signature too, except
 * one whose magic starts at byte KEEP_SWAP_MAGIC: the header about to be
 * written over it replaces it in one write, so that a failed write leaves
 * the old area rather than none (UINT64_MAX: keep none).  CB, when not
 * NULL, is told the type of each signature found, the kept one included.
 * Returns 0, 1, 2 when that swap signature was kept, or a negative errno
 * when the boot sector or a signature cannot be written.
 */
typedef void (*gsw_signature_cb)(const char *type, void *data);
int gsw_wipe_foreign(int fd, bool keep_partition_table, char *pttype,
		     size_t pttype_len, uint64_t keep_swap_magic,
		     gsw_signature_cb cb, void *data);

#endif /* GSW_WIPE_H */
