/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>
#include <linux/magic.h>

#include "byteorder.h"
#include "report.h"	/* GSW_CODE_COUNT: the library's own count */
#include "unit.h"

/* Each case: a clean area of the given kind, then one mutation. */
typedef void (*mutation_fn)(struct area *a);

/* Change parsed fields and write them back (the record CRC stays valid). */
#define EDIT(name, body)                                           \
	static void name(struct area *a)                           \
	{                                                          \
		struct gsw_header h;                               \
		ck_assert_int_eq(gsw_parse(a->buf, a->len, &h), 0); \
		body;                                              \
		ck_assert_int_eq(gsw_serialize(&h, a->buf), 0);    \
	}

/* A raw u32 in the area's byte order, behind the header API's back. */
static void put32(struct area *a, size_t off, uint32_t v)
{
	gsw_put32(a->buf + off, v, a->big);
}

static void no_signature(struct area *a) { memset(a->buf + a->len - 10, 0, 10); }
static void v0_header(struct area *a) { memcpy(a->buf + a->len - 10, "SWAP-SPACE", 10); }
static void hibernated(struct area *a) { memcpy(a->buf + a->len - 10, "S1SUSPEND\0", 10); }
static void bad_version(struct area *a) { put32(a, 1024, 2); }
static void truncated(struct area *a) { a->len = 1000; }
static void oversized(struct area *a) { a->facts.size /= 2; }
static void ghost_not_shorter(struct area *a) { a->facts.size = (uint64_t)1 << 40; }
static void too_many_badpages(struct area *a) { put32(a, 1032, 638); }
static void record_junk(struct area *a) { a->buf[GSW_EXT_OFFSET + 5] = 0x42; }
static void crc_flip(struct area *a) { a->buf[GSW_EXT_OFFSET + GSW_EXT_OFF_CRC] ^= 1; }
static void guard_set(struct area *a) { a->buf[GSW_OFF_BLKID_GUARD + 3] = 1; }
static void holes(struct area *a) { a->facts.allocated = 4096; }
static void mode_0644(struct area *a) { a->facts.mode = 0100644; }
static void owner_user(struct area *a) { a->facts.uid = 1000; }
static void on_blockdev(struct area *a) { a->facts.is_blockdev = true; }
static void one_page_file(struct area *a) { a->facts.size = a->facts.allocated = 4096; }
static void twelve_page_file(struct area *a) { a->facts.size = a->facts.allocated = 12 * 4096; }
static void other_page_size(struct area *a) { a->facts.system_page_size = 65536; }
static void hidden_hole(struct area *a) { a->facts.has_unmapped = true; a->facts.unmapped_at = 8192; }
static void shared(struct area *a) { a->facts.has_shared = true; }
static void btrfs_cow(struct area *a) { a->facts.fs_type = BTRFS_SUPER_MAGIC; }
static void on_tmpfs(struct area *a) { a->facts.fs_type = TMPFS_MAGIC; }
static void on_ramfs(struct area *a) { a->facts.fs_type = RAMFS_MAGIC; }

/* the record written in the other byte order than the header */
static void record_swapped(struct area *a)
{
	uint8_t *m = a->buf + GSW_EXT_OFFSET;
	uint8_t t = m[0];

	m[0] = m[3];
	m[3] = t;
	t = m[1];
	m[1] = m[2];
	m[2] = t;
}

static void reserved_set(struct area *a)
{
	uint8_t *rec = a->buf + GSW_EXT_OFFSET;

	/* a writer always zeroes them, so only a crafted record has them */
	rec[GSW_EXT_OFF_RESERVED + 7] = 9;
	gsw_put32(rec + GSW_EXT_OFF_CRC, gsw_crc32c(rec, GSW_EXT_OFF_CRC), a->big);
}

static void badpage_zero(struct area *a)
{
	put32(a, 1032, 1);
	put32(a, 1536, 0);
}

static void badpage_beyond(struct area *a)
{
	put32(a, 1032, 2);
	put32(a, 1536, 3);
	put32(a, 1540, 1u << 30);
}

static void badpage_in_ghost(struct area *a)
{
	put32(a, 1032, 1);
	put32(a, 1536, 7);
}

EDIT(zero_last_page, h.last_page = 0)
EDIT(tiny_area, h.last_page = 5; a->facts.size = 6 * 4096; a->facts.allocated = a->facts.size)
EDIT(ext_version_2, h.ext.version = 2)
EDIT(ext_length_32, h.ext.length = 32)
EDIT(ext_pages_off, h.ext.pages++)
EDIT(incompat_unknown, h.ext.incompat |= 0x80)
EDIT(ro_compat_unknown, h.ext.ro_compat |= 0x1)
EDIT(compat_unknown, h.ext.compat |= 0x100)
EDIT(ghost_cleared, h.ext.incompat = 0; h.ext.compat = 2)
EDIT(label_16, memcpy(h.label, "sixteen-chars-ok", 16))
EDIT(nil_uuid, memset(h.uuid, 0, 16))
/* behind gsw_set_pages(), which refuses it */
EDIT(ghost_over_cap, h.last_page = (uint32_t)GSW_GHOST_MAX_PAGES;
     h.ext.pages = GSW_GHOST_MAX_PAGES + 1)

static const struct {
	const char *name;
	bool ghost;
	mutation_fn mutate;
	enum gsw_code code;
	enum gsw_severity severity;
} cases[] = {
	{ "no-signature", false, no_signature, GSW_NO_SIGNATURE, GSW_ERROR },
	{ "v0", false, v0_header, GSW_V0_HEADER, GSW_ERROR },
	{ "hibernation", true, hibernated, GSW_HIBERNATION_IMAGE, GSW_ERROR },
	{ "version", false, bad_version, GSW_BAD_VERSION, GSW_ERROR },
	{ "truncated", false, truncated, GSW_TRUNCATED, GSW_ERROR },
	{ "zero-last-page", false, zero_last_page, GSW_ZERO_LAST_PAGE, GSW_ERROR },
	{ "too-small", false, tiny_area, GSW_TOO_SMALL, GSW_WARNING },
	{ "oversized", false, oversized, GSW_OVERSIZED_LAST_PAGE, GSW_ERROR },
	{ "ghost-not-shorter", true, ghost_not_shorter, GSW_GHOST_NOT_SHORTER, GSW_ERROR },
	{ "badpages-too-many", false, too_many_badpages, GSW_BADPAGES_TOO_MANY, GSW_ERROR },
	{ "badpage-zero", false, badpage_zero, GSW_BADPAGE_OUT_OF_RANGE, GSW_ERROR },
	{ "badpage-beyond", false, badpage_beyond, GSW_BADPAGE_OUT_OF_RANGE, GSW_ERROR },
	{ "badpages-in-ghost", true, badpage_in_ghost, GSW_BADPAGES_IN_GHOST, GSW_ERROR },
	{ "badpages-in-file", false, badpage_in_ghost, GSW_BADPAGES_IN_FILE, GSW_ERROR },
	{ "ext-junk", false, record_junk, GSW_EXT_BAD_MAGIC, GSW_WARNING },
	{ "ext-swapped", true, record_swapped, GSW_EXT_BAD_MAGIC, GSW_ERROR },
	{ "ext-version", true, ext_version_2, GSW_EXT_BAD_VERSION, GSW_ERROR },
	{ "ext-length", true, ext_length_32, GSW_EXT_BAD_LENGTH, GSW_ERROR },
	{ "ext-crc", true, crc_flip, GSW_EXT_CRC_MISMATCH, GSW_ERROR },
	{ "ext-reserved", true, reserved_set, GSW_EXT_RESERVED_NONZERO, GSW_NOTE },
	{ "ext-pages", true, ext_pages_off, GSW_EXT_PAGES_MISMATCH, GSW_ERROR },
	{ "ext-incompat", true, incompat_unknown, GSW_EXT_UNKNOWN_INCOMPAT, GSW_ERROR },
	{ "ext-ro-compat", true, ro_compat_unknown, GSW_EXT_UNKNOWN_RO_COMPAT, GSW_ERROR },
	{ "ext-compat", true, compat_unknown, GSW_EXT_UNKNOWN_COMPAT, GSW_NOTE },
	{ "ext-not-ghost", true, ghost_cleared, GSW_EXT_NOT_GHOST, GSW_NOTE },
	{ "label", false, label_16, GSW_LABEL_UNTERMINATED, GSW_NOTE },
	{ "nil-uuid", true, nil_uuid, GSW_NIL_UUID, GSW_WARNING },
	{ "blkid-guard", false, guard_set, GSW_BLKID_GUARD_NONZERO, GSW_WARNING },
	{ "holes", false, holes, GSW_HOLES, GSW_ERROR },
	{ "mode", true, mode_0644, GSW_MODE, GSW_WARNING },
	{ "owner", false, owner_user, GSW_OWNER, GSW_NOTE },
	{ "ghost-on-blockdev", true, on_blockdev, GSW_GHOST_ON_BLOCKDEV, GSW_ERROR },
	{ "ghost-one-page", true, one_page_file, GSW_GHOST_FILE_LENGTH, GSW_WARNING },
	{ "ghost-12-pages", true, twelve_page_file, GSW_GHOST_FILE_LENGTH, GSW_NOTE },
	{ "page-size", false, other_page_size, GSW_PAGE_SIZE_MISMATCH, GSW_WARNING },
	{ "ghost-too-large", true, ghost_over_cap, GSW_GHOST_TOO_LARGE, GSW_ERROR },
	{ "hidden-holes", false, hidden_hole, GSW_HIDDEN_HOLES, GSW_ERROR },
	{ "shared-extents", false, shared, GSW_SHARED_EXTENTS, GSW_ERROR },
	{ "copy-on-write", false, btrfs_cow, GSW_COPY_ON_WRITE, GSW_ERROR },
	{ "tmpfs", false, on_tmpfs, GSW_FS_NO_SWAP, GSW_ERROR },
	{ "ghost-on-tmpfs", true, on_tmpfs, GSW_FS_NO_SWAP, GSW_ERROR },
	{ "ramfs", false, on_ramfs, GSW_FS_NO_SWAP, GSW_ERROR },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* One finding as the accessors give it. */
struct finding {
	enum gsw_code code;
	enum gsw_severity severity;
	const char *message;
};

static const struct finding *find(const struct gsw_report *r, enum gsw_code code)
{
	static struct finding f;

	for (unsigned int i = 0; i < gsw_report_count(r); i++)
		if (gsw_report_code(r, i) == code) {
			f.code = code;
			f.severity = gsw_report_severity(r, i);
			f.message = gsw_report_message(r, i);
			return &f;
		}
	return NULL;
}

/*
 * One report for the whole run, reachable from here to the end (so that
 * LeakSanitizer has nothing to say), emptied by each validation.
 */
static struct gsw_report *shared_report(void)
{
	static struct gsw_report *r;

	if (!r)
		r = gsw_report_new();
	ck_assert_ptr_nonnull(r);
	return r;
}

/* vworst(), then the worst severity found, -1 for none. */
static int vworst(const uint8_t *buf, size_t len, const struct gsw_file_facts *facts,
		  struct gsw_report *report)
{
	ck_assert_int_eq(gsw_validate(buf, len, facts, report), 0);
	return gsw_report_worst(report) == GSW_SEVERITY_NONE ? -1 :
	       (int)gsw_report_worst(report);
}

/* Loop index: case * 2 + byte order. */
START_TEST(finding_triggers)
{
	unsigned int n = (unsigned int)_i / 2;
	enum gsw_byte_order order = _i % 2 ? GSW_ORDER_BIG : GSW_ORDER_LITTLE;
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;
	int worst;

	area_make(&a, 4096, order, cases[n].ghost ? 16777216 : 1000, cases[n].ghost);
	/* the clean area does not trigger it */
	vworst(a.buf, a.len, &a.facts, report);
	ck_assert_msg(find(report, cases[n].code) == NULL, "%s: clean area triggers %s",
		      cases[n].name, gsw_code_name(cases[n].code));

	cases[n].mutate(&a);
	worst = vworst(a.buf, a.len, &a.facts, report);
	f = find(report, cases[n].code);
	ck_assert_msg(f != NULL, "%s: %s not reported", cases[n].name,
		      gsw_code_name(cases[n].code));
	ck_assert_msg(f->severity == cases[n].severity, "%s: severity %s", cases[n].name,
		      gsw_severity_name(f->severity));
	ck_assert_int_ge(worst, (int)cases[n].severity);
	ck_assert(strlen(f->message) > 10);
	area_free(&a);
}
END_TEST

START_TEST(clean_areas_have_no_findings)
{
	static const unsigned int sizes[] = { 4096, 8192, 16384, 32768, 65536 };
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < 5; i++)
		for (int ghost = 0; ghost < 2; ghost++)
			for (int big = 0; big < 2; big++) {
				area_make(&a, sizes[i], big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE,
					  ghost ? 1000000 : 300, ghost);
				a.facts.system_page_size = sizes[i];
				ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
				ck_assert_uint_eq(gsw_report_count(report), 0);
				area_free(&a);
			}
}
END_TEST

/*
 * The worst finding is what --check turns into its exit code: these rules
 * decide alone whether swapon would take the area.
 */
START_TEST(rules_alone_decide_usability)
{
	static const struct {
		mutation_fn mutate;
		bool ghost;
		int worst;
	} alone[] = {
		{ reserved_set, true, GSW_NOTE },
		{ compat_unknown, true, GSW_NOTE },
		{ ro_compat_unknown, true, GSW_ERROR },
		{ badpage_in_ghost, true, GSW_ERROR },
		{ badpage_in_ghost, false, GSW_ERROR },
		{ ghost_over_cap, true, GSW_ERROR },
	};
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < sizeof(alone) / sizeof(alone[0]); i++)
		for (int big = 0; big < 2; big++) {
			area_make(&a, 4096, big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE,
				  alone[i].ghost ? 5000 : 1000, alone[i].ghost);
			alone[i].mutate(&a);
			ck_assert_msg(vworst(a.buf, a.len, &a.facts, report) ==
				      alone[i].worst, "case %u, %s-endian", i,
				      gsw_order_name(big));
			area_free(&a);
		}
}
END_TEST

/* Bad pages are the block device's business: the kernel reads them there. */
START_TEST(badpages_on_a_blockdev)
{
	struct gsw_report *report = shared_report();
	struct area a;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	badpage_in_ghost(&a);
	a.facts.is_blockdev = true;
	a.facts.mode = 060660;
	ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
	area_free(&a);
}
END_TEST

/* The limit is in pages, at every page size, and for ghost areas only. */
START_TEST(ghost_size_limit)
{
	static const unsigned int sizes[] = { 4096, 65536 };
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < 2; i++)
		for (int big = 0; big < 2; big++) {
			enum gsw_byte_order order = big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE;

			area_make(&a, sizes[i], order, GSW_GHOST_MAX_PAGES, true);
			a.facts.system_page_size = sizes[i];
			ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
			ghost_over_cap(&a);
			ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report),
					 GSW_ERROR);
			ck_assert_uint_eq(gsw_report_count(report), 1);
			ck_assert_int_eq(gsw_report_code(report, 0), GSW_GHOST_TOO_LARGE);
			area_free(&a);

			/* a regular area of any size, kept in a file that small */
			area_make(&a, sizes[i], order, GSW_MAX_PAGES, false);
			a.facts.system_page_size = sizes[i];
			ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
			area_free(&a);
		}
}
END_TEST

/* Exactly what swapon(8) warns about: (mode & 07077) for a file, 07007 for a device. */
START_TEST(mode_as_swapon_sees_it)
{
	static const struct {
		bool blockdev;
		mode_t mode;
		const char *message;	/* NULL: no finding */
	} modes[] = {
		{ false, 0100600, NULL },
		{ false, 0100700, NULL },
		{ false, 0100400, NULL },
		{ false, 0100000, NULL },
		{ false, 0100640, "insecure permissions 0640, 0600 suggested" },
		{ false, 0100610, "insecure permissions 0610, 0600 suggested" },
		{ false, 0100601, "insecure permissions 0601, 0600 suggested" },
		{ false, 0104600, "insecure permissions 4600, 0600 suggested" },
		{ false, 0101600, "insecure permissions 1600, 0600 suggested" },
		{ false, 0100777, "insecure permissions 0777, 0600 suggested" },
		{ true, 060660, NULL },
		{ true, 060770, NULL },
		{ true, 060600, NULL },
		{ true, 060664, "insecure permissions 0664, 0660 suggested" },
		{ true, 060661, "insecure permissions 0661, 0660 suggested" },
		{ true, 062660, "insecure permissions 2660, 0660 suggested" },
	};
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
		a.facts.is_blockdev = modes[i].blockdev;
		a.facts.mode = modes[i].mode;
		vworst(a.buf, a.len, &a.facts, report);
		f = find(report, GSW_MODE);
		if (!modes[i].message)
			ck_assert_msg(f == NULL, "mode %o: %s", (unsigned int)modes[i].mode,
				      f ? f->message : "");
		else {
			ck_assert_msg(f != NULL, "mode %o not reported", (unsigned int)modes[i].mode);
			ck_assert_str_eq(f->message, modes[i].message);
			ck_assert_int_eq(f->severity, GSW_WARNING);
		}
		area_free(&a);
	}
}
END_TEST

/*
 * A file a user made for root to take over is not a bad area: the owner is
 * a note, reported where swapon warns (regular files only), and alone it
 * leaves the area clean for --check.
 */
START_TEST(owner_is_a_note)
{
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	for (int ghost = 0; ghost < 2; ghost++) {
		area_make(&a, 4096, GSW_ORDER_LITTLE, ghost ? 5000 : 1000, ghost);
		a.facts.uid = 1000;
		ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), GSW_NOTE);
		ck_assert_uint_eq(gsw_report_count(report), 1);
		f = find(report, GSW_OWNER);
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(strstr(f->message, "uid 1000"));
		ck_assert_ptr_nonnull(strstr(f->message, "root"));
		area_free(&a);
	}
	/* swapon does not look at the owner of a block device */
	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	a.facts.is_blockdev = true;
	a.facts.mode = 060660;
	a.facts.uid = 6;
	ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
	area_free(&a);
}
END_TEST

/*
 * libblkid's minimum is 40 KiB whatever the page size: a ghost file of one
 * 64 KiB page is detected, one of two 16 KiB pages is not.
 */
START_TEST(blkid_minimum_in_bytes)
{
	static const struct {
		unsigned int page_size;
		uint64_t file_pages;
		int severity;		/* -1: no finding */
	} files[] = {
		{ 4096, 9, GSW_WARNING },
		{ 4096, 10, -1 },
		{ 4096, 11, GSW_NOTE },
		{ 16384, 2, GSW_WARNING },
		{ 16384, 3, GSW_NOTE },
		{ 16384, 10, -1 },
		{ 65536, 1, GSW_NOTE },
		{ 65536, 10, -1 },
	};
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		area_make(&a, files[i].page_size, GSW_ORDER_BIG, 100000, true);
		a.facts.system_page_size = files[i].page_size;
		a.facts.size = a.facts.allocated = files[i].file_pages * files[i].page_size;
		vworst(a.buf, a.len, &a.facts, report);
		f = find(report, GSW_GHOST_FILE_LENGTH);
		if (files[i].severity < 0) {
			ck_assert_msg(f == NULL, "case %u: %s", i, f ? f->message : "");
			area_free(&a);
			continue;
		}
		ck_assert_msg(f != NULL, "case %u: not reported", i);
		ck_assert_int_eq((int)f->severity, files[i].severity);
		if (files[i].severity == GSW_WARNING) {
			ck_assert_ptr_nonnull(strstr(f->message, "40 KiB (40960 bytes)"));
			ck_assert_ptr_null(strstr(f->message, "pages"));
		}
		area_free(&a);
	}
}
END_TEST

/* mkswap counts pages; blkid is named only when the file is under 40 KiB. */
START_TEST(too_small_names_the_right_minimum)
{
	static const unsigned int sizes[] = { 4096, 16384, 65536 };
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	for (unsigned int i = 0; i < 3; i++) {
		area_make(&a, sizes[i], GSW_ORDER_LITTLE, 5, false);
		a.facts.system_page_size = sizes[i];
		vworst(a.buf, a.len, &a.facts, report);
		f = find(report, GSW_TOO_SMALL);
		ck_assert_ptr_nonnull(f);
		ck_assert_ptr_nonnull(strstr(f->message, "mkswap writes at least 10"));
		if (5 * sizes[i] < GSW_BLKID_MIN_BYTES)
			ck_assert_ptr_nonnull(strstr(f->message, "blkid ignores its 20480-byte file (under 40 KiB)"));
		else
			ck_assert_ptr_null(strstr(f->message, "blkid"));
		area_free(&a);
	}
}
END_TEST

/* ghost-not-shorter and ghost-too-large follow gsw_ghost_size_check(). */
START_TEST(ghost_size_rule_boundaries)
{
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	/* a file one byte short of the advertised size is fine, not a byte more */
	area_make(&a, 4096, GSW_ORDER_LITTLE, 11, true);
	a.facts.size = a.facts.allocated = 11 * 4096 - 1;
	vworst(a.buf, a.len, &a.facts, report);
	ck_assert_ptr_null(find(report, GSW_GHOST_NOT_SHORTER));
	a.facts.size = a.facts.allocated = 11 * 4096;
	ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), GSW_ERROR);
	f = find(report, GSW_GHOST_NOT_SHORTER);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(f->message, "45056 bytes, not less than the 45056"));
	area_free(&a);

	/* the kernel's limit holds with or without a file to compare with */
	area_make(&a, 65536, GSW_ORDER_BIG, GSW_GHOST_MAX_PAGES, true);
	ck_assert_int_eq(vworst(a.buf, a.len, NULL, report), -1);
	ghost_over_cap(&a);
	ck_assert_int_eq(vworst(a.buf, a.len, NULL, report), GSW_ERROR);
	ck_assert_ptr_nonnull(find(report, GSW_GHOST_TOO_LARGE));
	ck_assert_uint_eq(gsw_report_count(report), 1);
	/* and on a block device, where the ghost feature is wrong as well */
	a.facts.is_blockdev = true;
	a.facts.mode = 060660;
	vworst(a.buf, a.len, &a.facts, report);
	ck_assert_ptr_nonnull(find(report, GSW_GHOST_TOO_LARGE));
	ck_assert_ptr_nonnull(find(report, GSW_GHOST_ON_BLOCKDEV));
	area_free(&a);
}
END_TEST

START_TEST(label_note_names_the_limit)
{
	const struct finding *f;
	struct gsw_report *report = shared_report();
	struct area a;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	label_16(&a);
	vworst(a.buf, a.len, &a.facts, report);
	f = find(report, GSW_LABEL_UNTERMINATED);
	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(strstr(f->message, "at most 15"));
	area_free(&a);
}
END_TEST

START_TEST(without_facts_file_rules_are_skipped)
{
	struct gsw_report *report = shared_report();
	struct area a;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	a.facts.size = 0;
	ck_assert_int_eq(vworst(a.buf, a.len, NULL, report), -1);
	ck_assert_int_ge(vworst(a.buf, a.len, &a.facts, report), GSW_ERROR);
	area_free(&a);
}
END_TEST

/* CODE is the one finding of A, an error; A is freed. */
static void only_finding(struct area *a, enum gsw_code code)
{
	struct gsw_report *report = shared_report();

	ck_assert_int_eq(vworst(a->buf, a->len, &a->facts, report), GSW_ERROR);
	ck_assert_uint_eq(gsw_report_count(report), 1);
	ck_assert_str_eq(gsw_code_name(gsw_report_code(report, 0)), gsw_code_name(code));
	area_free(a);
}

/*
 * The kernel maps a regular file's data; a ghost area skips that, so only
 * swapon(8)'s block count and tmpfs, which cannot read a header, apply.
 */
START_TEST(file_data_rules)
{
	static const mutation_fn exempt[] = { hidden_hole, shared, btrfs_cow, on_ramfs };
	struct gsw_report *report = shared_report();
	struct area a;

	for (size_t i = 0; i < sizeof(exempt) / sizeof(exempt[0]); i++) {
		area_make(&a, 4096, GSW_ORDER_LITTLE, 5000, true);
		exempt[i](&a);
		ck_assert_msg(vworst(a.buf, a.len, &a.facts, report) == -1,
			      "ghost, case %zu: %u findings", i, gsw_report_count(report));
		area_free(&a);
	}

	/* no copy-on-write: what btrfs swaps to */
	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	a.facts.fs_type = BTRFS_SUPER_MAGIC;
	a.facts.nocow = true;
	ck_assert_int_eq(vworst(a.buf, a.len, &a.facts, report), -1);
	/* holes swapon(8) sees are reported as such, once */
	hidden_hole(&a);
	holes(&a);
	only_finding(&a, GSW_HOLES);

	/* on tmpfs, that is the one thing to say about the data */
	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	on_tmpfs(&a);
	hidden_hole(&a);
	only_finding(&a, GSW_FS_NO_SWAP);

	/* the offset is in the message */
	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, false);
	hidden_hole(&a);
	vworst(a.buf, a.len, &a.facts, report);
	ck_assert_ptr_nonnull(strstr(gsw_report_message(report, 0), "8192"));
	area_free(&a);
}
END_TEST

START_TEST(every_code_has_a_name)
{
	for (int c = 0; c < GSW_CODE_COUNT; c++) {
		const char *name = gsw_code_name((enum gsw_code)c);

		ck_assert_ptr_nonnull(name);
		for (int d = 0; d < c; d++)
			ck_assert_str_ne(name, gsw_code_name((enum gsw_code)d));
	}
	ck_assert_ptr_null(gsw_code_name(GSW_CODE_COUNT));
	ck_assert_ptr_null(gsw_severity_name(GSW_SEVERITY_NONE));
	ck_assert_str_eq(gsw_code_name(GSW_EXT_CRC_MISMATCH), "ext-crc-mismatch");
	ck_assert_str_eq(gsw_severity_name(GSW_WARNING), "warning");
}
END_TEST

START_TEST(every_code_is_covered)
{
	for (int c = 0; c < GSW_CODE_COUNT; c++) {
		bool seen = false;

		for (unsigned int n = 0; n < NCASES; n++)
			seen |= cases[n].code == (enum gsw_code)c;
		ck_assert_msg(seen, "no case for %s", gsw_code_name((enum gsw_code)c));
	}
}
END_TEST

Suite *validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("validate");

	tcase_add_loop_test(tc, finding_triggers, 0, 2 * NCASES);
	tcase_add_test(tc, clean_areas_have_no_findings);
	tcase_add_test(tc, rules_alone_decide_usability);
	tcase_add_test(tc, badpages_on_a_blockdev);
	tcase_add_test(tc, ghost_size_limit);
	tcase_add_test(tc, mode_as_swapon_sees_it);
	tcase_add_test(tc, owner_is_a_note);
	tcase_add_test(tc, blkid_minimum_in_bytes);
	tcase_add_test(tc, too_small_names_the_right_minimum);
	tcase_add_test(tc, ghost_size_rule_boundaries);
	tcase_add_test(tc, label_note_names_the_limit);
	tcase_add_test(tc, without_facts_file_rules_are_skipped);
	tcase_add_test(tc, file_data_rules);
	tcase_add_test(tc, every_code_has_a_name);
	tcase_add_test(tc, every_code_is_covered);
	suite_add_tcase(s, tc);
	return s;
}
