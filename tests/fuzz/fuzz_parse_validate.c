/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz_parse_validate - any bytes as the start of a swap area: the parser
 * and the validator must not crash, and what they say must agree with
 * each other and with the facts of the file they are given.
 *
 * The input is the area itself.  The facts of the file are taken from its
 * first 1024 bytes, the boot block that no swap header field occupies, so
 * that the fuzzer can vary them without touching the header.
 */
#include <errno.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Codes that speak about the file, never about the header alone. */
static const enum gsw_code file_codes[] = {
	GSW_OVERSIZED_LAST_PAGE, GSW_GHOST_NOT_SHORTER, GSW_HOLES, GSW_MODE,
	GSW_OWNER, GSW_GHOST_ON_BLOCKDEV, GSW_GHOST_FILE_LENGTH,
	GSW_PAGE_SIZE_MISMATCH, GSW_BADPAGES_IN_FILE, GSW_HIDDEN_HOLES,
	GSW_SHARED_EXTENTS, GSW_COPY_ON_WRITE, GSW_FS_NO_SWAP,
};

static bool same_report(const struct gsw_report *a, const struct gsw_report *b)
{
	if (gsw_report_count(a) != gsw_report_count(b))
		return false;
	for (unsigned int i = 0; i < gsw_report_count(a); i++)
		if (gsw_report_code(a, i) != gsw_report_code(b, i) ||
		    gsw_report_severity(a, i) != gsw_report_severity(b, i) ||
		    strcmp(gsw_report_message(a, i), gsw_report_message(b, i)) != 0)
			return false;
	return true;
}

static void check_parse(const uint8_t *data, size_t size, int rc,
			const struct gsw_header *hdr)
{
	unsigned int ps = hdr->page_size;
	int version = -1;

	FUZZ_CHECK(rc == 0 || rc == -EINVAL || rc == -EPROTO);
	FUZZ_CHECK(gsw_find_page_size(data, size, &version) == ps);
	if (rc == -EINVAL) {
		FUZZ_CHECK(ps == 0);
		return;
	}
	FUZZ_CHECK(ps >= GSW_MIN_PAGE_SIZE && ps <= GSW_MAX_PAGE_SIZE &&
		   (ps & (ps - 1)) == 0 && size >= ps);
	FUZZ_CHECK(hdr->version == version);
	FUZZ_CHECK(memcmp(data + ps - GSW_MAGIC_LEN,
			  version ? GSW_MAGIC_V1 : GSW_MAGIC_V0, GSW_MAGIC_LEN) == 0);
	if (rc == 0) {
		FUZZ_CHECK(hdr->version == 1 && hdr->info_version == 1);
		FUZZ_CHECK(!gsw_is_ghost(hdr) || hdr->has_ext);
		FUZZ_CHECK(gsw_advertised_pages(hdr) == (uint64_t)hdr->last_page + 1);
	}
}

/* A record that is whole, so its ghost flag and size are to be believed. */
static bool sound_ghost(const struct gsw_header *hdr)
{
	const struct gsw_ext *ext = &hdr->ext;

	return gsw_is_ghost(hdr) && ext->version == GSW_EXT_VERSION &&
	       ext->length == GSW_EXT_LEN && ext->crc_ok &&
	       ext->pages == gsw_advertised_pages(hdr);
}

static void derive_facts(const uint8_t *data, size_t size,
			 const struct gsw_header *hdr, struct gsw_file_facts *facts)
{
	static const unsigned int system_sizes[] = { 0, 4096, 16384, 65536 };
	struct fuzz_bytes in = { data, size < GSW_OFF_VERSION ? size : GSW_OFF_VERSION };
	uint64_t advertised = gsw_advertised_pages(hdr) * hdr->page_size;
	uint8_t flags = fuzz_u8(&in);

	memset(facts, 0, sizeof(*facts));
	facts->known = true;
	facts->is_blockdev = flags & 1;
	/* mostly near a size where a rule turns */
	switch (flags >> 1 & 3) {
	case 0:
		facts->size = fuzz_u64(&in);
		break;
	case 1:
		facts->size = advertised + (int8_t)fuzz_u8(&in);
		break;
	case 2:
		facts->size = (uint64_t)GSW_GHOST_FILE_PAGES * hdr->page_size +
			      (int8_t)fuzz_u8(&in);
		break;
	default:
		facts->size = advertised - (uint64_t)fuzz_u8(&in) * hdr->page_size;
		break;
	}
	facts->allocated = flags & 8 ? facts->size : fuzz_u64(&in);
	facts->mode = (facts->is_blockdev ? S_IFBLK : S_IFREG) | (fuzz_u32(&in) & 07777);
	facts->uid = flags & 16 ? 0 : fuzz_u32(&in);
	facts->system_page_size = system_sizes[flags >> 5 & 3];
}

static void check_file_rules(const struct gsw_header *hdr,
			     const struct gsw_file_facts *facts,
			     const struct gsw_report *report)
{
	uint64_t pages = gsw_advertised_pages(hdr);
	enum gsw_ghost_size rule = fuzz_ghost_rule(pages, hdr->page_size,
						   facts->size);

	if (!hdr->has_ext)
		FUZZ_CHECK(fuzz_has(report, GSW_OVERSIZED_LAST_PAGE) ==
			   (pages * hdr->page_size > facts->size));
	if (sound_ghost(hdr)) {
		if (facts->is_blockdev) {
			FUZZ_CHECK(fuzz_has(report, GSW_GHOST_ON_BLOCKDEV));
		} else {
			FUZZ_CHECK(gsw_ghost_size_check(pages, hdr->page_size,
							facts->size) == rule);
			switch (rule) {
			case GSW_GHOST_SIZE_OK:
				FUZZ_CHECK(!fuzz_has(report, GSW_GHOST_NOT_SHORTER));
				FUZZ_CHECK(!fuzz_has(report, GSW_GHOST_TOO_LARGE));
				break;
			case GSW_GHOST_SIZE_NOT_LARGER:
				FUZZ_CHECK(fuzz_has(report, GSW_GHOST_NOT_SHORTER));
				FUZZ_CHECK(!fuzz_has(report, GSW_GHOST_TOO_LARGE));
				break;
			case GSW_GHOST_SIZE_TOO_LARGE:
				FUZZ_CHECK(fuzz_has(report, GSW_GHOST_TOO_LARGE));
				break;
			}
		}
	}
	if (!facts->is_blockdev && facts->allocated < facts->size)
		FUZZ_CHECK(fuzz_has(report, GSW_HOLES));
	if (fuzz_has(report, GSW_HOLES))
		FUZZ_CHECK(!facts->is_blockdev && facts->allocated < facts->size);
	FUZZ_CHECK(fuzz_has(report, GSW_PAGE_SIZE_MISMATCH) ==
			   (facts->system_page_size &&
			    facts->system_page_size != hdr->page_size));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gsw_header hdr;
	struct gsw_file_facts facts, unknown = { .known = false };
	struct gsw_report *bare = fuzz_report(0), *again = fuzz_report(1);
	struct gsw_report *with_facts = fuzz_report(2);
	int rc, worst, worst_facts;

	rc = gsw_parse(data, size, &hdr);
	check_parse(data, size, rc, &hdr);

	worst = fuzz_validate(data, size, NULL, bare);
	fuzz_check_report(bare, worst);
	if (rc < 0)
		FUZZ_CHECK(worst == GSW_ERROR);
	for (size_t i = 0; i < sizeof(file_codes) / sizeof(file_codes[0]); i++)
		FUZZ_CHECK(!fuzz_has(bare, file_codes[i]));

	/* unknown facts are no facts, and the same bytes say the same */
	FUZZ_CHECK(fuzz_validate(data, size, &unknown, again) == worst);
	FUZZ_CHECK(same_report(bare, again));

	if (rc < 0)
		return 0;
	derive_facts(data, size, &hdr, &facts);
	worst_facts = fuzz_validate(data, size, &facts, with_facts);
	fuzz_check_report(with_facts, worst_facts);
	/* the file can only add to what the header alone shows */
	FUZZ_CHECK(worst_facts >= worst);
	for (unsigned int i = 0; i < gsw_report_count(bare); i++)
		FUZZ_CHECK(fuzz_has(with_facts, gsw_report_code(bare, i)));
	check_file_rules(&hdr, &facts, with_facts);
	return 0;
}
