/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * system.h - what the running system says about swap areas, for the tools.
 */
#ifndef GSW_SYSTEM_H
#define GSW_SYSTEM_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * Is the object (ST_DEV, ST_INO) of a file, or ST_RDEV of a block device,
 * an active swap area?  Reads SWAPS_PATH (NULL: /proc/swaps).  Returns 1,
 * 0, or a negative errno when the list cannot be read to its end.
 */
int gsw_is_active_swap(dev_t dev, ino_t ino, bool blockdev, dev_t rdev,
		       const char *swaps_path);

#endif /* GSW_SYSTEM_H */
