/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ghostswap.h - the Linux swap header (SWAPSPACE2) and its ghost extension.
 *
 * This library owns the on-disk format described in swap-ghost(5).  Every
 * tool of the suite reads and writes swap headers only through it.  All
 * functions are reentrant: there is no global state.
 *
 * Byte order is handled at the edge: struct gsw_header holds host-order
 * values, gsw_parse() converts from and gsw_serialize() converts to the byte
 * order recorded in the header.
 *
 * Errors, one convention for every function: a function that returns int
 * returns a negative errno on failure and 0, or a non-negative value its
 * comment names, on success; one that returns a pointer returns NULL on
 * failure with errno set; predicates return bool; functions that return
 * an enum or a count cannot fail.
 *
 * ABI: the structs a caller allocates (gsw_header, gsw_params,
 * gsw_file_facts) have a fixed size with reserved room at the end, where
 * later versions add fields; callers zero the whole struct (a designated
 * initializer does) and never touch the reserved bytes.  A validation
 * report is opaque and lives on the heap.  New functions go into a new
 * version node of the library's symbol map; nothing is removed or changed
 * without a new SONAME.
 */
#ifndef GHOSTSWAP_H
#define GHOSTSWAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The classic v1 header (union swap_header in the kernel) ---- */
#define GSW_MAGIC_V1            "SWAPSPACE2"	/* header version 1 */
#define GSW_MAGIC_V0            "SWAP-SPACE"	/* obsolete version 0 */
#define GSW_MAGIC_LEN           10

#define GSW_OFF_VERSION         1024	/* u32 info.version, must be 1 */
#define GSW_OFF_LAST_PAGE       1028	/* u32 index of the last page */
#define GSW_OFF_NR_BADPAGES     1032	/* u32 entries in badpages[] */
#define GSW_OFF_UUID            1036	/* u8[16] */
#define GSW_OFF_LABEL           1052	/* char[16], NUL-padded */
#define GSW_OFF_PADDING         1068	/* u32 padding[117] */
#define GSW_OFF_BLKID_GUARD     1196	/* padding[32] and [33]: keep zero */
#define GSW_BLKID_GUARD_LEN     8
#define GSW_OFF_BADPAGES        1536	/* u32 badpages[] */
#define GSW_UUID_LEN            16
#define GSW_UUID_STR_LEN        37	/* 36 characters and the NUL */
#define GSW_LABEL_LEN           16
/* util-linux keeps a terminating NUL: the longest label it writes */
#define GSW_LABEL_MAX           (GSW_LABEL_LEN - 1)

/*
 * The page sizes a header is built for and looked for at: mkswap's
 * smallest, 2 KiB, up to the largest a Linux port has, 256 KiB (powerpc
 * 44x, hexagon).
 */
#define GSW_MIN_PAGE_SIZE       2048u
#define GSW_MAX_PAGE_SIZE       262144u
/* mkswap refuses areas of fewer pages, whatever the page size */
#define GSW_MIN_PAGES           10u
/* libblkid's swap prober ignores areas shorter than this, any page size */
#define GSW_BLKID_MIN_BYTES     (10u * 4096u)
/* last_page is a u32 */
#define GSW_MAX_PAGES           ((uint64_t)UINT32_MAX + 1)
/*
 * Most pages a ghost area may advertise, whatever its page size (1 TiB with
 * 4 KiB pages).  The kernel allocates per-cluster metadata for every
 * advertised page although none is on disk, about 24 MiB at this limit,
 * and refuses larger ghost areas.  Regular areas are not limited.
 */
#define GSW_GHOST_MAX_PAGES     ((uint64_t)1 << 28)

/* ---- The ghost extension record, inside info.padding[0..15] ---- */
#define GSW_EXT_OFFSET          GSW_OFF_PADDING	/* 1068 */
#define GSW_EXT_LEN             64
#define GSW_EXT_MAGIC           0x47485354u	/* "GHST" read big-endian */
#define GSW_EXT_VERSION         1
/* field offsets inside the record */
#define GSW_EXT_OFF_MAGIC       0	/* u32 */
#define GSW_EXT_OFF_VERSION     4	/* u16 */
#define GSW_EXT_OFF_LENGTH      6	/* u16, = GSW_EXT_LEN */
#define GSW_EXT_OFF_COMPAT      8	/* u32 */
#define GSW_EXT_OFF_RO_COMPAT   12	/* u32 */
#define GSW_EXT_OFF_INCOMPAT    16	/* u32 */
#define GSW_EXT_OFF_PAGES       20	/* u64 advertised pages, = last_page + 1 */
#define GSW_EXT_OFF_RESERVED    28	/* 32 bytes, zero */
#define GSW_EXT_OFF_CRC         60	/* u32 CRC32C of bytes 0..59 */

/* feature flags */
#define GSW_FEATURE_INCOMPAT_GHOST      0x00000001u
#define GSW_FEATURE_COMPAT_SUPP         0u
#define GSW_FEATURE_RO_COMPAT_SUPP      0u
#define GSW_FEATURE_INCOMPAT_SUPP       GSW_FEATURE_INCOMPAT_GHOST

/* A ghost file holds the header page plus zeros up to this many pages. */
#define GSW_GHOST_FILE_PAGES    GSW_MIN_PAGES

enum gsw_byte_order {
	GSW_ORDER_NATIVE = 0,
	GSW_ORDER_LITTLE,
	GSW_ORDER_BIG,
};

struct gsw_ext {
	uint16_t version;
	uint16_t length;
	uint32_t compat;
	uint32_t ro_compat;
	uint32_t incompat;
	uint64_t pages;
	uint32_t crc;		/* as stored */
	bool crc_ok;		/* stored crc matches the record */
	bool reserved_zero;	/* reserved bytes are all zero */
};

/* A parsed header, in host byte order. */
struct gsw_header {
	unsigned int page_size;
	int version;		/* 1 = SWAPSPACE2, 0 = SWAP-SPACE */
	bool big_endian;	/* byte order of the on-disk fields */
	uint32_t info_version;	/* raw info.version after byte swapping */
	uint32_t last_page;
	uint32_t nr_badpages;
	uint8_t uuid[GSW_UUID_LEN];
	char label[GSW_LABEL_LEN];	/* as stored, maybe not NUL-terminated */
	bool has_ext;		/* the extension magic is present */
	struct gsw_ext ext;
	uint64_t reserved[8];	/* zero: room for later fields */
};

/* ---- Checksums ---- */
/* Standard CRC-32C (Castagnoli): init and final xor 0xffffffff. */
uint32_t gsw_crc32c(const void *buf, size_t len);

/* ---- Byte order ---- */
bool gsw_host_is_big_endian(void);
/* Resolve GSW_ORDER_NATIVE to the host's order. */
bool gsw_order_is_big(enum gsw_byte_order order);
const char *gsw_order_name(bool big_endian);

/* ---- Parsing ---- */
/*
 * Find the swap signature in BUF (LEN bytes from the start of the area).
 * Page sizes GSW_MIN_PAGE_SIZE to GSW_MAX_PAGE_SIZE are tried, smallest
 * first.  Returns the page
 * size, or 0 when no SWAPSPACE2/SWAP-SPACE magic is found.  VERSION, when
 * not NULL, receives 1 or 0.
 */
unsigned int gsw_find_page_size(const uint8_t *buf, size_t len, int *version);

/*
 * Parse the header of an area whose first LEN bytes are BUF.  Returns 0,
 * -EINVAL when no swap signature is found (hdr->page_size == 0), or
 * -EPROTO when the signature is found but info.version is 1 in neither
 * byte order (hdr is filled as far as possible).
 */
int gsw_parse(const uint8_t *buf, size_t len, struct gsw_header *hdr);

bool gsw_is_ghost(const struct gsw_header *hdr);
/* Pages the header advertises (last_page + 1). */
uint64_t gsw_advertised_pages(const struct gsw_header *hdr);

/* ---- Building ---- */
struct gsw_params {
	unsigned int page_size;
	enum gsw_byte_order order;
	uint64_t pages;		/* total pages of the area, header included */
	const uint8_t *uuid;	/* 16 bytes, NULL for the nil UUID */
	const char *label;	/* NULL for none; cut to 15 bytes */
	bool ghost;		/* add the extension record with GHOST set */
	const uint32_t *badpages;	/* page indices, may be NULL */
	uint32_t nr_badpages;
	uint64_t reserved[8];	/* zero: room for later fields */
};

/* Largest number of badpages[] entries a page of this size can carry. */
uint32_t gsw_max_badpages(unsigned int page_size);

/*
 * Fill PAGE (params->page_size bytes, zeroed by the caller or not) with a
 * v1 header.  Bytes before offset 1024 are left as they are.  Returns 0 or
 * -EINVAL (bad page size, pages out of range or, for a ghost area, above
 * GSW_GHOST_MAX_PAGES, too many bad pages).
 */
int gsw_build(const struct gsw_params *params, uint8_t *page);

/* Write HDR's fields back into PAGE, keeping its byte order. */
int gsw_serialize(const struct gsw_header *hdr, uint8_t *page);
/*
 * Set or clear the ghost extension of HDR (pages taken from last_page).
 * Enabling it leaves a record as mkswap-ghost writes it: reserved bytes
 * zero and the CRC recomputed (gsw_serialize() writes both).
 */
void gsw_set_ghost(struct gsw_header *hdr, bool ghost);
/*
 * Change the advertised size; keeps the extension consistent.  -ERANGE for
 * fewer than 2 pages, more than last_page holds, or a ghost area above
 * GSW_GHOST_MAX_PAGES.
 */
int gsw_set_pages(struct gsw_header *hdr, uint64_t pages);
/*
 * Store LABEL, cut to 15 bytes so that it stays NUL-terminated as util-linux
 * writes it; returns true when it had to be cut.
 */
bool gsw_set_label(struct gsw_header *hdr, const char *label);

/*
 * The one rule on a ghost area's size.  A ghost must advertise more than
 * its file holds: an unpatched kernel refuses such a header, and that is
 * what keeps the area from being used as real swap.  It may advertise at
 * most GSW_GHOST_MAX_PAGES.  FILE_SIZE is the length of the file in bytes.
 */
enum gsw_ghost_size {
	GSW_GHOST_SIZE_OK = 0,
	GSW_GHOST_SIZE_NOT_LARGER,	/* not more than the file holds */
	GSW_GHOST_SIZE_TOO_LARGE,	/* above GSW_GHOST_MAX_PAGES */
};
enum gsw_ghost_size gsw_ghost_size_check(uint64_t pages, unsigned int page_size,
					 uint64_t file_size);

/* ---- Validation ---- */
enum gsw_severity {
	GSW_SEVERITY_NONE = 0,	/* the worst of a report without findings */
	GSW_NOTE,
	GSW_WARNING,
	GSW_ERROR,
};

/*
 * Stable codes, in no order that means anything: new ones are added at the
 * end.  gsw_code_name() gives the text form used in output.
 */
enum gsw_code {
	GSW_NO_SIGNATURE,		/* no SWAPSPACE2 magic at any page size */
	GSW_V0_HEADER,			/* obsolete SWAP-SPACE */
	GSW_HIBERNATION_IMAGE,		/* magic replaced by a hibernation signature */
	GSW_BAD_VERSION,		/* info.version != 1 */
	GSW_TRUNCATED,			/* shorter than one page */
	GSW_ZERO_LAST_PAGE,
	GSW_TOO_SMALL,			/* fewer than mkswap's 10 pages advertised */
	GSW_OVERSIZED_LAST_PAGE,	/* regular area larger than its file */
	GSW_GHOST_NOT_SHORTER,		/* ghost file as long as it advertises */
	GSW_BADPAGES_TOO_MANY,
	GSW_BADPAGE_OUT_OF_RANGE,	/* entry 0 (header) or > last_page */
	GSW_BADPAGES_IN_GHOST,
	GSW_EXT_BAD_MAGIC,		/* record area used, magic unknown/swapped */
	GSW_EXT_BAD_VERSION,
	GSW_EXT_BAD_LENGTH,
	GSW_EXT_CRC_MISMATCH,
	GSW_EXT_RESERVED_NONZERO,
	GSW_EXT_PAGES_MISMATCH,		/* ext pages != last_page + 1 */
	GSW_EXT_UNKNOWN_INCOMPAT,
	GSW_EXT_UNKNOWN_RO_COMPAT,
	GSW_EXT_UNKNOWN_COMPAT,
	GSW_EXT_NOT_GHOST,		/* record present, GHOST not set */
	GSW_LABEL_UNTERMINATED,
	GSW_NIL_UUID,
	GSW_BLKID_GUARD_NONZERO,	/* padding[32..33] hide LABEL/UUID */
	GSW_HOLES,
	GSW_MODE,			/* mode bits swapon(8) warns about */
	GSW_OWNER,			/* a note: swapon warns, chown fixes it */
	GSW_GHOST_ON_BLOCKDEV,
	GSW_GHOST_FILE_LENGTH,		/* under GSW_BLKID_MIN_BYTES, or not 10 pages */
	GSW_PAGE_SIZE_MISMATCH,		/* differs from the running system */
	GSW_BADPAGES_IN_FILE,		/* swapon takes bad pages from devices only */
	GSW_GHOST_TOO_LARGE,		/* more than GSW_GHOST_MAX_PAGES */
	GSW_HIDDEN_HOLES,		/* holes that blocks past the end hide */
	GSW_SHARED_EXTENTS,		/* reflinked or snapshotted data */
	GSW_COPY_ON_WRITE,		/* a btrfs file without FS_NOCOW_FL */
	GSW_FS_NO_SWAP,			/* tmpfs, ramfs: no swap file on them */
};

/* What the validator knows of the file that holds the header. */
struct gsw_file_facts {
	bool known;		/* false: skip the file checks */
	bool is_blockdev;
	uint64_t size;		/* bytes */
	uint64_t allocated;	/* st_blocks * 512 */
	mode_t mode;
	uid_t uid;
	unsigned int system_page_size;	/* 0: do not compare */
	/*
	 * What swapon(2) asks of a regular file's data.  The kernel maps
	 * every whole page of the file, past the advertised area too, so
	 * gsw_file_facts_from_fd() walks all of them; where the file system
	 * lists no extents, holes are looked up with SEEK_HOLE.  A fact not
	 * found stays false.
	 */
	bool has_unmapped;	/* a hole, inline data or a delayed allocation */
	uint64_t unmapped_at;	/* offset of the first one */
	bool has_shared;	/* an extent shared with another file */
	uint64_t shared_at;	/* offset of the first one */
	uint64_t fs_type;	/* statfs(2) f_type; 0: unknown */
	bool nocow;		/* FS_NOCOW_FL is set (btrfs: no copy-on-write) */
	uint64_t reserved[8];	/* zero: room for later fields */
};

/* "ghost-not-shorter" ...; NULL for a code this version does not know */
const char *gsw_code_name(enum gsw_code code);
/* "note", "warning", "error"; NULL for GSW_SEVERITY_NONE */
const char *gsw_severity_name(enum gsw_severity severity);

/*
 * What the validator found: an opaque list of findings, each a code, a
 * severity and a message in English (as libblkid's, never translated).
 */
struct gsw_report;
struct gsw_report *gsw_report_new(void);
void gsw_report_free(struct gsw_report *report);
unsigned int gsw_report_count(const struct gsw_report *report);
/* Finding I (0 <= I < count), in the order the validator found them. */
enum gsw_code gsw_report_code(const struct gsw_report *report, unsigned int i);
enum gsw_severity gsw_report_severity(const struct gsw_report *report,
				      unsigned int i);
const char *gsw_report_message(const struct gsw_report *report, unsigned int i);
/* The highest severity in REPORT, GSW_SEVERITY_NONE when it is empty. */
enum gsw_severity gsw_report_worst(const struct gsw_report *report);
bool gsw_report_has(const struct gsw_report *report, enum gsw_code code);

/*
 * Validate the area whose first LEN bytes are BUF into REPORT (emptied
 * first).  FACTS may be NULL.  Returns 0, or -ENOMEM when a finding could
 * not be recorded (REPORT then holds those before it).
 */
int gsw_validate(const uint8_t *buf, size_t len,
		 const struct gsw_file_facts *facts, struct gsw_report *report);

/*
 * Fill FACTS from an open descriptor and the running system's page size;
 * for a regular file also the facts of its data (the extent walk, the
 * file system's type and the no-copy-on-write flag), which the validator
 * judges as swapon(2) would for a regular area.
 */
int gsw_file_facts_from_fd(int fd, struct gsw_file_facts *facts);

/*
 * Replace PATH atomically with a file of LEN bytes, fully allocated, that
 * holds PAGE (PAGE_LEN bytes) at PAGE_OFF and zeros elsewhere.  The file is
 * written unnamed (O_TMPFILE) where the file system allows, else under a
 * temporary name, ".ghostswap-tmp." and six letters or digits, in the same
 * directory; it is made no-copy-on-write while empty (btrfs), fsynced,
 * then linked or renamed to PATH and the directory fsynced.  No other
 * file is ever removed: a writer killed while its file had the temporary
 * name leaves that file.  A symbolic link is followed to its target; a
 * target that is not a regular file, or has more than one link (-EMLINK),
 * is refused.  A new file gets MODE and the caller's owner and group; a
 * replacement gets the owner, group and permission bits of the file it
 * replaces, and -EPERM (nothing changed) where the caller may not give it
 * those.  The caller checks that it may write PATH itself.
 *
 * Returns 0: the new file is in place and on disk.  A negative errno:
 * PATH is untouched and no temporary file is left.  GSW_WRITTEN_NOT_DURABLE:
 * the new file is in place but the fsync of its directory failed (errno
 * says why), so a crash may still bring the old one back.
 */
#define GSW_WRITTEN_NOT_DURABLE 1
int gsw_write_file_atomic_at(const char *path, const uint8_t *page,
			     size_t page_len, uint64_t page_off, uint64_t len,
			     mode_t mode);
/* gsw_write_file_atomic_at() with PAGE at the start of the file. */
int gsw_write_file_atomic(const char *path, const uint8_t *page,
			  size_t page_len, uint64_t len, mode_t mode);
/*
 * Make the regular file open as FD (for writing) hold PAGE at its start
 * and zeros up to LEN, fully allocated, and cut it to LEN: for a file that
 * may be written but not replaced (its directory is not writable, or its
 * owner could not be kept).  Not atomic: the old header stays until the
 * new one is written over it in one write, and the file is cut after that.
 * Returns 0 once all of it is on disk, or a negative errno.
 */
int gsw_write_file_in_place(int fd, const uint8_t *page, size_t page_len,
			    uint64_t len);

#ifdef __cplusplus
}
#endif
#endif /* GHOSTSWAP_H */
