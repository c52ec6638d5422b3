/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mkswap-ghost - shared state of the tool's source files.
 */
#ifndef MKSWAP_GHOST_H
#define MKSWAP_GHOST_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "extents.h"
#include "ghostswap.h"
#include "io.h"
#include "lock.h"
#include "size.h"
#include "system.h"
#include "wipe.h"

struct mkswap_control {
	const char *devname;		/* device or file as given */
	const char *lockmode;		/* --lock argument, NULL: environment */
	const char *swaps_path;		/* list of active areas, NULL: /proc/swaps */
	struct stat devstat;		/* stat() of the target, valid when exists */
	bool exists;			/* the target is there (after symlinks) */
	int fd;

	uint64_t npages;		/* pages of the area, header included */
	uint32_t nbadpages;
	uint32_t *badpages;

	unsigned int user_pagesize;	/* --pagesize, 0: the system's */
	unsigned int pagesize;		/* the one the header is built for */
	uint64_t offset;		/* --offset of the header in the target */
	uint64_t filesz;		/* --size in bytes */
	uint64_t truncate_to;		/* cut the file to this once the header is written */
	enum gsw_byte_order order;	/* --endianness */

	const char *opt_label;		/* --label as given */
	char label[GSW_LABEL_LEN];	/* as stored, NUL-terminated */
	uint8_t uuid[GSW_UUID_LEN];

	size_t nbad_extents;

	bool check,			/* --check */
	     force,			/* --force */
	     quiet,			/* --quiet */
	     verbose,			/* --verbose */
	     file,			/* --file */
	     filesz_set,		/* --size was given */
	     ghost,			/* --ghost */
	     old_swap_kept;		/* the wipe left an old swap header to overwrite */
};

/* args.c: numbers the way util-linux reads them, exiting on bad input */
uint64_t parse_unum_or_err(const char *str, uint64_t max, const char *errmesg);
int64_t parse_snum_or_err(const char *str, int64_t min, int64_t max,
			  const char *errmesg);
enum gsw_lock lock_mode(const struct mkswap_control *ctl);
void lock_device(const struct mkswap_control *ctl, int fd);
bool is_mounted(const char *devname, const struct stat *st, dev_t loop_rdev);
bool backs_loop_device(const struct stat *st, char *name, size_t len,
		       dev_t *rdev);

/* area.c: the steps of setting up a swap area in place, as mkswap does */
uint64_t get_size_in_pages(const struct mkswap_control *ctl);
void open_device(struct mkswap_control *ctl);
void check_data_kept(const struct mkswap_control *ctl, int fd, uint64_t new_len);
void check_blocks(struct mkswap_control *ctl);
void check_extents(struct mkswap_control *ctl);
void wipe_device(struct mkswap_control *ctl);
void write_header_to_device(struct mkswap_control *ctl, const uint8_t *page);
void close_device(struct mkswap_control *ctl);

#endif /* MKSWAP_GHOST_H */
