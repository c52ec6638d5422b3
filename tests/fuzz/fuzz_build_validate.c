/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_build_validate - parameters made from the fuzzer's bytes: gsw_build()
 * either refuses them with -EINVAL, exactly when they are out of range, or
 * writes a page that parses back to the same fields and that the validator
 * passes for the file or device such an area lives on.  The only errors
 * allowed are those the parameters ask for: bad page entries out of range,
 * in a ghost area or in a swap file, and a ghost too small to advertise
 * more than its file holds.
 */
#include <errno.h>
#include <sys/stat.h>

#include "byteorder.h"
#include "fuzz.h"

#define MAX_BAD_ENTRIES 16384	/* over a 64 KiB page's room, to be refused */

struct build_case {
	struct gsw_params params;
	uint8_t uuid[GSW_UUID_LEN];
	char label[GSW_LABEL_LEN + 4];
	uint32_t bad[MAX_BAD_ENTRIES];
	bool on_device;		/* a regular area's home: device or file */
};

static unsigned int pick_page_size(struct fuzz_bytes *in)
{
	uint8_t b = fuzz_u8(in);

	/* now and then anything at all, to see it refused */
	if (b & 0x80)
		return fuzz_u32(in);
	return GSW_MIN_PAGE_SIZE << (b % 5);
}

static uint64_t pick_pages(struct fuzz_bytes *in)
{
	uint8_t how = fuzz_u8(in);
	int8_t delta = (int8_t)fuzz_u8(in);

	switch (how & 7) {
	case 0:
		return fuzz_u64(in);
	case 1:
		return GSW_MAX_PAGES + delta;
	case 2:
		return GSW_GHOST_MAX_PAGES + delta;
	case 3:
		return GSW_GHOST_FILE_PAGES + delta;
	default:
		return (uint8_t)delta | (uint64_t)fuzz_u8(in) << 8;
	}
}

static void make_case(struct fuzz_bytes *in, struct build_case *c)
{
	struct gsw_params *p = &c->params;
	uint8_t flags = fuzz_u8(in);
	uint32_t count;

	memset(p, 0, sizeof(*p));
	p->page_size = pick_page_size(in);
	p->pages = pick_pages(in);
	p->order = (enum gsw_byte_order)(flags % 3);
	p->ghost = flags & 4;
	if (flags & 8) {
		for (size_t i = 0; i < GSW_UUID_LEN; i++)
			c->uuid[i] = fuzz_u8(in);
		p->uuid = c->uuid;
	}
	if (flags & 16) {
		memset(c->label, 0, sizeof(c->label));
		for (size_t i = 0; i < sizeof(c->label) - 1; i++)
			c->label[i] = (char)fuzz_u8(in);
		p->label = c->label;
	}
	if (flags & 32) {
		count = fuzz_u8(in);
		/* sometimes right at the limit of the page */
		if (count == 0xff)
			count = gsw_max_badpages(p->page_size) + (fuzz_u8(in) & 1);
		if (count > MAX_BAD_ENTRIES)
			count = MAX_BAD_ENTRIES;
		/* small entries, so that most fall inside the area */
		for (uint32_t i = 0; i < count; i++)
			c->bad[i] = flags & 64 ? fuzz_u32(in) : fuzz_u8(in);
		p->nr_badpages = count;
		/* no list for a count: to be refused */
		p->badpages = flags & 128 ? NULL : c->bad;
	}
	c->on_device = fuzz_bool(in);
}

static bool in_range(const struct gsw_params *p)
{
	unsigned int ps = p->page_size;

	return ps >= GSW_MIN_PAGE_SIZE && ps <= GSW_MAX_PAGE_SIZE &&
	       (ps & (ps - 1)) == 0 && p->pages >= 2 &&
	       p->pages <= GSW_MAX_PAGES &&
	       !(p->ghost && p->pages > GSW_GHOST_MAX_PAGES) &&
	       p->nr_badpages <= gsw_max_badpages(ps) &&
	       !(p->nr_badpages && !p->badpages);
}

static void check_fields(const struct gsw_params *p, const uint8_t *page,
			 const struct gsw_header *hdr)
{
	bool big = gsw_order_is_big(p->order);
	size_t len = p->label ? strlen(p->label) : 0;
	static const uint8_t nil[GSW_UUID_LEN];

	FUZZ_CHECK(hdr->page_size == p->page_size);
	FUZZ_CHECK(hdr->version == 1 && hdr->info_version == 1);
	FUZZ_CHECK(hdr->big_endian == big);
	FUZZ_CHECK(gsw_advertised_pages(hdr) == p->pages);
	FUZZ_CHECK(hdr->nr_badpages == p->nr_badpages);
	for (uint32_t i = 0; i < p->nr_badpages; i++)
		FUZZ_CHECK(gsw_get32(page + GSW_OFF_BADPAGES + 4 * i, big) ==
			   p->badpages[i]);
	FUZZ_CHECK(memcmp(hdr->uuid, p->uuid ? p->uuid : nil, GSW_UUID_LEN) == 0);
	if (len > GSW_LABEL_MAX)
		len = GSW_LABEL_MAX;
	FUZZ_CHECK(memcmp(hdr->label, p->label ? p->label : "", len) == 0);
	for (size_t i = len; i < GSW_LABEL_LEN; i++)
		FUZZ_CHECK(hdr->label[i] == '\0');
	FUZZ_CHECK(gsw_is_ghost(hdr) == p->ghost);
	FUZZ_CHECK(hdr->has_ext == p->ghost);
	if (p->ghost) {
		FUZZ_CHECK(hdr->ext.version == GSW_EXT_VERSION);
		FUZZ_CHECK(hdr->ext.length == GSW_EXT_LEN);
		FUZZ_CHECK(hdr->ext.compat == 0 && hdr->ext.ro_compat == 0);
		FUZZ_CHECK(hdr->ext.incompat == GSW_FEATURE_INCOMPAT_GHOST);
		FUZZ_CHECK(hdr->ext.pages == p->pages);
		FUZZ_CHECK(hdr->ext.crc_ok && hdr->ext.reserved_zero);
	}
}

/* The file or device mkswap-ghost would have written these parameters to. */
static void file_for(const struct build_case *c, struct gsw_file_facts *facts)
{
	const struct gsw_params *p = &c->params;

	memset(facts, 0, sizeof(*facts));
	facts->known = true;
	facts->uid = 0;
	facts->system_page_size = p->page_size;
	if (p->ghost) {
		facts->size = (uint64_t)GSW_GHOST_FILE_PAGES * p->page_size;
		facts->mode = S_IFREG | 0600;
	} else if (c->on_device) {
		facts->is_blockdev = true;
		facts->size = p->pages * p->page_size;
		facts->mode = S_IFBLK | 0660;
	} else {
		facts->size = p->pages * p->page_size;
		facts->mode = S_IFREG | 0600;
	}
	facts->allocated = facts->size;
}

static void check_findings(const struct gsw_params *p,
			   const struct gsw_file_facts *facts,
			   const struct gsw_report *report)
{
	bool entry_out = false, ghost_too_short = false;
	/* swapon takes bad pages from devices only */
	bool bad_in_file = facts && !facts->is_blockdev && !p->ghost &&
			   p->nr_badpages;

	for (uint32_t i = 0; i < p->nr_badpages; i++)
		if (p->badpages[i] == 0 || p->badpages[i] >= p->pages)
			entry_out = true;
	if (facts && p->ghost) {
		ghost_too_short = fuzz_ghost_rule(p->pages, p->page_size,
						  facts->size) ==
				  GSW_GHOST_SIZE_NOT_LARGER;
		FUZZ_CHECK(gsw_ghost_size_check(p->pages, p->page_size,
						facts->size) ==
			   fuzz_ghost_rule(p->pages, p->page_size, facts->size));
	}

	for (unsigned int i = 0; i < gsw_report_count(report); i++) {
		enum gsw_code code = gsw_report_code(report, i);

		if (gsw_report_severity(report, i) != GSW_ERROR)
			continue;
		switch (code) {
		case GSW_BADPAGE_OUT_OF_RANGE:
			FUZZ_CHECK(entry_out);
			break;
		case GSW_BADPAGES_IN_GHOST:
			FUZZ_CHECK(p->ghost && p->nr_badpages);
			break;
		case GSW_GHOST_NOT_SHORTER:
			FUZZ_CHECK(ghost_too_short);
			break;
		case GSW_BADPAGES_IN_FILE:
			FUZZ_CHECK(bad_in_file);
			break;
		default:
			fprintf(stderr, "unexpected error %s: %s\n",
				gsw_code_name(code), gsw_report_message(report, i));
			FUZZ_CHECK(!"an error the parameters do not ask for");
		}
	}
	FUZZ_CHECK(fuzz_has(report, GSW_BADPAGE_OUT_OF_RANGE) == entry_out);
	FUZZ_CHECK(fuzz_has(report, GSW_BADPAGES_IN_GHOST) ==
		   (p->ghost && p->nr_badpages));
	FUZZ_CHECK(fuzz_has(report, GSW_GHOST_NOT_SHORTER) == ghost_too_short);
	FUZZ_CHECK(fuzz_has(report, GSW_BADPAGES_IN_FILE) == bad_in_file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct build_case c;
	static uint8_t page[GSW_MAX_PAGE_SIZE];
	struct fuzz_bytes in = { data, size };
	struct gsw_file_facts facts;
	struct gsw_report *report = fuzz_report(0);
	struct gsw_header hdr;
	unsigned int seen;
	bool ok;
	int rc;

	make_case(&in, &c);
	ok = in_range(&c.params);
	/* the boot block is the caller's: gsw_build() must leave it */
	memset(page, 0xa5, sizeof(page));
	rc = gsw_build(&c.params, page);
	FUZZ_CHECK(rc == (ok ? 0 : -EINVAL));
	if (!ok)
		return 0;
	for (size_t i = 0; i < GSW_OFF_VERSION; i++)
		FUZZ_CHECK(page[i] == 0xa5);

	/*
	 * Bad-page entries can spell a swap magic where a smaller page
	 * ends.  Readers that look for the page size, blkid and gsw_parse()
	 * alike, take the smallest page whose end carries a magic, so such
	 * a header reads as that page size: the magic must lie among the
	 * entries written, and the rest of this case does not apply.
	 */
	seen = gsw_find_page_size(page, c.params.page_size, NULL);
	if (seen != c.params.page_size) {
		FUZZ_CHECK(seen >= GSW_MIN_PAGE_SIZE &&
			   seen < c.params.page_size &&
			   seen - GSW_MAGIC_LEN >= GSW_OFF_BADPAGES &&
			   seen <= GSW_OFF_BADPAGES + 4 * (size_t)c.params.nr_badpages);
		return 0;
	}
	FUZZ_CHECK(gsw_parse(page, c.params.page_size, &hdr) == 0);
	check_fields(&c.params, page, &hdr);

	fuzz_check_report(report, fuzz_validate(page, c.params.page_size, NULL,
						report));
	check_findings(&c.params, NULL, report);

	file_for(&c, &facts);
	fuzz_check_report(report, fuzz_validate(page, c.params.page_size, &facts,
						report));
	check_findings(&c.params, &facts, report);
	return 0;
}
