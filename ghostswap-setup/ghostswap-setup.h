/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ghostswap-setup - shared state of the tool's source files.
 */
#ifndef GHOSTSWAP_SETUP_H
#define GHOSTSWAP_SETUP_H

#include <stdbool.h>
#include <stdint.h>

#include "ghostsupport.h"
#include "ghostswap.h"

/* exit codes, ghostswap-setup(8) EXIT STATUS */
#define GS_EXIT_SUCCESS		0
#define GS_EXIT_FAILURE		1	/* bad input, or a step failed and was undone */
#define GS_EXIT_UNSUPPORTED	2	/* no ghost support and fallback = none */

/* the label of the ghost files ghostswap-setup creates: its own to replace */
#define GS_LABEL		"ghostswap-setup"
#define GS_DEFAULT_SIZE		"ram * 2"
#define GS_DEFAULT_PATH		"/var/swap/ghost.swap"
#define GS_DEFAULT_PRIORITY	100
#define GS_DEFAULT_ZRAM_SIZE	"min(ram / 2, 4G)"
#define GS_MAX_PRIORITY		32767

enum gs_fallback {
	GS_FALLBACK_NONE = 0,
	GS_FALLBACK_ZRAM,
};

/* zswap's parameters the configuration may set, in the order they are set */
enum gs_zswap_param {
	GS_ZSWAP_COMPRESSOR = 0,
	GS_ZSWAP_MAX_POOL_PERCENT,
	GS_ZSWAP_ACCEPT_THRESHOLD_PERCENT,
	GS_ZSWAP_SHRINKER_ENABLED,
	GS_ZSWAP_ENABLED,		/* not a key: always switched on */
	GS_ZSWAP_NPARAMS,
};

/* Where a value was set: "FILE:LINE", or NULL for a default. */
struct gs_value {
	char *text;			/* as written, blanks trimmed */
	char *where;
};

struct setup_config {
	char *files;			/* the files read, ", " between them */
	struct gs_value size, path, priority, fallback, zram_size, zram_compressor;
	struct gs_value zswap[GS_ZSWAP_NPARAMS];	/* text NULL: left as it is */

	/* evaluated */
	uint64_t size_bytes;		/* advertised, whole pages */
	bool size_capped;		/* the expression gave more than the format allows */
	int prio;
	enum gs_fallback fallback_mode;
	uint64_t zram_bytes;
	char *file;			/* the ghost file, under the root prefix */
};

struct setup_control {
	const char *config;		/* --config FILE, NULL: the system's */
	const char *root;		/* --root prefix, "" for none */
	const char *state_dir;		/* --state-dir, NULL: ROOT/run/ghostswap */
	char *state_file;

	/* test hooks only (GHOSTSWAP_SYSFS, GHOSTSWAP_PROC_MEMINFO, ...) */
	const char *sysfs;		/* "/sys" */
	const char *meminfo;		/* "/proc/meminfo" */
	const char *swaps_path;		/* NULL: /proc/swaps */
	const char *fail_step;		/* a step made to fail, NULL: none */

	uint64_t ram;			/* MemTotal in bytes */
	unsigned int pagesize;
	struct setup_config conf;

	bool start,			/* --start (the default) */
	     stop,			/* --stop */
	     status,			/* --status */
	     dry_run;			/* --dry-run */
};

/* config.c */
/* strdup(3) that exits with a message when memory runs out */
char *gs_strdup(const char *s);
const char *gs_zswap_name(enum gs_zswap_param p);
/* Read and check the configuration; exits with FILE:LINE on bad input. */
void gs_load_config(struct setup_control *ctl);
void gs_free_config(struct setup_config *c);
uint64_t gs_read_ram(const char *meminfo);

/* start.c */
int gs_start(struct setup_control *ctl);
int gs_stop(struct setup_control *ctl);
/* The lines of --status about what was set up; 0 or 1 (state unreadable) */
int gs_print_state(struct setup_control *ctl);
/* read SYSFS/PATH into BUF without its newline; 0 or -errno */
int gs_sysfs_read(const struct setup_control *ctl, const char *path,
		  char *buf, size_t len);

#endif /* GHOSTSWAP_SETUP_H */
