/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * swaplabel-ext - shared declarations of the tool's source files.
 */
#ifndef SWAPLABEL_EXT_H
#define SWAPLABEL_EXT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "extents.h"
#include "ghostswap.h"
#include "io.h"
#include "lock.h"
#include "size.h"
#include "system.h"

/* exit codes of --check; the other modes use only 0 and 1 */
#define SL_EXIT_VALID		0
#define SL_EXIT_FAILURE		1	/* could not check: I/O or usage */
#define SL_EXIT_WARNINGS	2
#define SL_EXIT_INVALID		3

struct swaplabel_control {
	const char *devname;
	const char *label;		/* -L */
	const char *uuid_arg;		/* -U as given, for messages */
	uint8_t uuid[GSW_UUID_LEN];	/* -U parsed */
	const char *size_arg;		/* --size as given */
	uint64_t size;			/* --size in bytes */
	const char *swaps_path;		/* list of active areas, NULL: default */
	const char *sysfs;		/* sysfs for the kernel's support, NULL: /sys */
	/*
	 * Lock mode of a change: yes (wait), nonblock (refuse), no; NULL
	 * takes LOCK_BLOCK_DEVICE, and without it waits.
	 */
	enum gsw_lock lock;		/* --lock, LOCK_BLOCK_DEVICE or wait */

	unsigned int show : 1,		/* --show */
		     check : 1,		/* --check */
		     json : 1,		/* --json */
		     ghost : 1,		/* --ghost */
		     no_ghost : 1,	/* --no-ghost */
		     force : 1;		/* --force */
};

/* An opened area with its first bytes and what is known about it. */
struct swap_area {
	const char *path;
	int fd;
	struct stat st;
	uint8_t buf[GSW_MAX_PAGE_SIZE];
	size_t len;			/* bytes in buf */
	struct gsw_header hdr;
	int parse_rc;			/* gsw_parse() result */
	struct gsw_file_facts facts;
	int active;			/* 1, 0, or -errno: unknown */
};

/* area.c */
/*
 * Open PATH without reading it.  -EINVAL: it is neither a regular file nor
 * a block device; -ESTALE: it changed type while being opened.
 */
int area_open(struct swap_area *area, const char *path, bool writable);
int area_lock(struct swap_area *area, enum gsw_lock mode);
/* Read the first bytes and parse the header; 0 or -errno. */
int area_read(struct swap_area *area);
void area_close(struct swap_area *area);
void area_load_state(struct swap_area *area, const char *swaps_path);
enum blkid_view {
	BLKID_MISSED,		/* libblkid does not detect the area */
	BLKID_NO_IDS,		/* detected, without LABEL and UUID */
	BLKID_DETECTED,
};
enum blkid_view area_blkid_view(const struct swap_area *area, char *why,
				size_t whylen);
void area_label_string(const struct gsw_header *hdr, char *buf, size_t buflen);
bool area_uuid_is_nil(const struct gsw_header *hdr);
void area_uuid_string(const struct gsw_header *hdr, char buf[GSW_UUID_STR_LEN]);

/* show.c */
int show_compat(struct swap_area *area);
/* SYSFS: where the kernel's support of ghost areas is read, NULL: /sys */
int show_area(struct swap_area *area, bool json, const char *sysfs);

/* check.c */
int check_area(struct swap_area *area, bool json);
/*
 * The validator's report on BUF, the area's first area->len bytes (its
 * header as read, or as a change would leave it); exits when out of
 * memory.  The caller frees it.
 */
struct gsw_report *area_validate(const struct swap_area *area, const uint8_t *buf);
void print_findings(FILE *out, const struct gsw_report *report,
		    enum gsw_severity min);

/* change.c */
int change_area(struct swaplabel_control *ctl, struct swap_area *area);

#endif /* SWAPLABEL_EXT_H */
