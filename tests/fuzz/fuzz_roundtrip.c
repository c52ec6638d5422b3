/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_roundtrip - a header that parses, written back and parsed again,
 * must say the same; written a second time it must not change; and each
 * setter must leave a header that reads back as the setter promised.
 *
 * The input is the area.  Which setter runs, and with what, is taken from
 * its first 1024 bytes, which no header field occupies.
 */
#include <errno.h>

#include "fuzz.h"

static void check_same(const struct gsw_header *a, const struct gsw_header *b)
{
	FUZZ_CHECK(a->page_size == b->page_size);
	FUZZ_CHECK(a->version == b->version);
	FUZZ_CHECK(a->big_endian == b->big_endian);
	FUZZ_CHECK(a->info_version == b->info_version);
	FUZZ_CHECK(a->last_page == b->last_page);
	FUZZ_CHECK(a->nr_badpages == b->nr_badpages);
	FUZZ_CHECK(memcmp(a->uuid, b->uuid, GSW_UUID_LEN) == 0);
	FUZZ_CHECK(memcmp(a->label, b->label, GSW_LABEL_LEN) == 0);
	FUZZ_CHECK(a->has_ext == b->has_ext);
	if (!a->has_ext)
		return;
	FUZZ_CHECK(a->ext.version == b->ext.version);
	FUZZ_CHECK(a->ext.length == b->ext.length);
	FUZZ_CHECK(a->ext.compat == b->ext.compat);
	FUZZ_CHECK(a->ext.ro_compat == b->ext.ro_compat);
	FUZZ_CHECK(a->ext.incompat == b->ext.incompat);
	FUZZ_CHECK(a->ext.pages == b->ext.pages);
}

/* Serialize HDR into a copy of BASE and parse the copy back. */
static void write_and_read(const uint8_t *base, size_t size,
			   const struct gsw_header *hdr, uint8_t *page,
			   struct gsw_header *back)
{
	memcpy(page, base, size);
	FUZZ_CHECK(gsw_serialize(hdr, page) == 0);
	FUZZ_CHECK(gsw_parse(page, size, back) == 0);
	/* a writer never leaves a record it cannot vouch for */
	if (back->has_ext)
		FUZZ_CHECK(back->ext.crc_ok && back->ext.reserved_zero);
}

static uint64_t pick_pages(struct fuzz_bytes *in)
{
	uint8_t how = fuzz_u8(in);
	int8_t delta = (int8_t)fuzz_u8(in);

	switch (how & 3) {
	case 0:
		return fuzz_u64(in);
	case 1:
		return (uint8_t)delta;
	case 2:
		return GSW_MAX_PAGES + delta;
	default:
		return GSW_GHOST_MAX_PAGES + delta;
	}
}

static void try_label(const uint8_t *base, size_t size, struct gsw_header hdr,
		      struct fuzz_bytes *in, uint8_t *page)
{
	char label[GSW_LABEL_LEN + 4] = "";
	struct gsw_header back;
	size_t len;

	for (size_t i = 0; i < sizeof(label) - 1; i++)
		label[i] = (char)fuzz_u8(in);
	len = strlen(label);
	FUZZ_CHECK(gsw_set_label(&hdr, label) == (len > GSW_LABEL_MAX));
	if (len > GSW_LABEL_MAX)
		len = GSW_LABEL_MAX;
	write_and_read(base, size, &hdr, page, &back);
	check_same(&hdr, &back);
	FUZZ_CHECK(memcmp(back.label, label, len) == 0);
	for (size_t i = len; i < GSW_LABEL_LEN; i++)
		FUZZ_CHECK(back.label[i] == '\0');
}

static void try_ghost(const uint8_t *base, size_t size, struct gsw_header hdr,
		      bool ghost, uint8_t *page)
{
	static const enum gsw_code record_faults[] = {
		GSW_EXT_BAD_MAGIC, GSW_EXT_BAD_VERSION, GSW_EXT_BAD_LENGTH,
		GSW_EXT_CRC_MISMATCH, GSW_EXT_RESERVED_NONZERO,
		GSW_EXT_PAGES_MISMATCH, GSW_EXT_NOT_GHOST,
	};
	struct gsw_header before = hdr, back;
	struct gsw_report *report = fuzz_report(0);

	gsw_set_ghost(&hdr, ghost);
	write_and_read(base, size, &hdr, page, &back);
	check_same(&hdr, &back);
	FUZZ_CHECK(gsw_is_ghost(&back) == ghost);
	FUZZ_CHECK(back.last_page == before.last_page);
	if (!ghost) {
		/* other features keep the record */
		FUZZ_CHECK(back.has_ext == (before.has_ext &&
			   (before.ext.compat || before.ext.ro_compat ||
			    (before.ext.incompat & ~GSW_FEATURE_INCOMPAT_GHOST))));
		return;
	}
	/* as mkswap-ghost writes it */
	FUZZ_CHECK(back.ext.version == GSW_EXT_VERSION);
	FUZZ_CHECK(back.ext.length == GSW_EXT_LEN);
	FUZZ_CHECK(back.ext.pages == gsw_advertised_pages(&back));
	fuzz_check_report(report, fuzz_validate(page, size, NULL, report));
	for (size_t i = 0; i < sizeof(record_faults) / sizeof(record_faults[0]); i++)
		FUZZ_CHECK(!fuzz_has(report, record_faults[i]));
}

static void try_pages(const uint8_t *base, size_t size, struct gsw_header hdr,
		      struct fuzz_bytes *in, uint8_t *page)
{
	uint64_t pages = pick_pages(in);
	bool allowed = pages >= 2 && pages <= GSW_MAX_PAGES &&
		       !(gsw_is_ghost(&hdr) && pages > GSW_GHOST_MAX_PAGES);
	struct gsw_header back;
	int rc = gsw_set_pages(&hdr, pages);

	FUZZ_CHECK(rc == (allowed ? 0 : -ERANGE));
	if (rc)
		return;
	write_and_read(base, size, &hdr, page, &back);
	check_same(&hdr, &back);
	FUZZ_CHECK(gsw_advertised_pages(&back) == pages);
	if (back.has_ext)
		FUZZ_CHECK(back.ext.pages == pages);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_bytes in = { data, size < GSW_OFF_VERSION ? size : GSW_OFF_VERSION };
	struct gsw_header hdr, back, again;
	uint8_t *page, *second;

	if (gsw_parse(data, size, &hdr) != 0)
		return 0;
	page = malloc(size);
	second = malloc(size);
	FUZZ_CHECK(page && second);

	write_and_read(data, size, &hdr, page, &back);
	check_same(&hdr, &back);
	/* only the header fields are written: boot block, bad pages, magic stay */
	FUZZ_CHECK(memcmp(page, data, GSW_OFF_VERSION) == 0);
	FUZZ_CHECK(memcmp(page + GSW_OFF_BADPAGES, data + GSW_OFF_BADPAGES,
			  size - GSW_OFF_BADPAGES) == 0);
	/*
	 * Nothing parsed is lost: the fields come back byte for byte, and so
	 * does the record but for what a writer redoes (reserved bytes, CRC).
	 */
	FUZZ_CHECK(memcmp(page + GSW_OFF_VERSION, data + GSW_OFF_VERSION,
			  GSW_EXT_OFFSET - GSW_OFF_VERSION) == 0);
	FUZZ_CHECK(memcmp(page + GSW_EXT_OFFSET, data + GSW_EXT_OFFSET,
			  hdr.has_ext ? GSW_EXT_OFF_RESERVED : GSW_EXT_LEN) == 0);

	/* a header as written is a fixed point */
	write_and_read(page, size, &back, second, &again);
	check_same(&back, &again);
	FUZZ_CHECK(memcmp(page, second, size) == 0);

	switch (fuzz_u8(&in) & 3) {
	case 0:
		try_label(page, size, back, &in, second);
		break;
	case 1:
		try_ghost(page, size, back, true, second);
		break;
	case 2:
		try_ghost(page, size, back, false, second);
		break;
	default:
		try_pages(page, size, back, &in, second);
		break;
	}
	free(page);
	free(second);
	return 0;
}
