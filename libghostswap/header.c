/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Reading and writing the v1 swap header and its ghost extension record.
 */
#include <errno.h>
#include <string.h>

#include "byteorder.h"
#include "ghostswap.h"

bool gsw_host_is_big_endian(void)
{
	const uint16_t probe = 1;

	return *(const uint8_t *)&probe == 0;
}

bool gsw_order_is_big(enum gsw_byte_order order)
{
	if (order == GSW_ORDER_NATIVE)
		return gsw_host_is_big_endian();
	return order == GSW_ORDER_BIG;
}

const char *gsw_order_name(bool big_endian)
{
	return big_endian ? "big" : "little";
}

static bool valid_page_size(unsigned int page_size)
{
	return page_size >= GSW_MIN_PAGE_SIZE && page_size <= GSW_MAX_PAGE_SIZE &&
	       (page_size & (page_size - 1)) == 0;
}

unsigned int gsw_find_page_size(const uint8_t *buf, size_t len, int *version)
{
	for (unsigned int ps = GSW_MIN_PAGE_SIZE; ps <= GSW_MAX_PAGE_SIZE; ps <<= 1) {
		const uint8_t *magic = buf + ps - GSW_MAGIC_LEN;

		if (len < ps)
			break;
		if (memcmp(magic, GSW_MAGIC_V1, GSW_MAGIC_LEN) == 0) {
			if (version)
				*version = 1;
			return ps;
		}
		if (memcmp(magic, GSW_MAGIC_V0, GSW_MAGIC_LEN) == 0) {
			if (version)
				*version = 0;
			return ps;
		}
	}
	return 0;
}

uint32_t gsw_max_badpages(unsigned int page_size)
{
	/* entries run from 1536 up to the magic */
	if (page_size < GSW_OFF_BADPAGES + GSW_MAGIC_LEN)
		return 0;
	return (page_size - GSW_OFF_BADPAGES - GSW_MAGIC_LEN) / 4;
}

static void parse_ext(const uint8_t *rec, bool big, struct gsw_ext *ext)
{
	ext->version = gsw_get16(rec + GSW_EXT_OFF_VERSION, big);
	ext->length = gsw_get16(rec + GSW_EXT_OFF_LENGTH, big);
	ext->compat = gsw_get32(rec + GSW_EXT_OFF_COMPAT, big);
	ext->ro_compat = gsw_get32(rec + GSW_EXT_OFF_RO_COMPAT, big);
	ext->incompat = gsw_get32(rec + GSW_EXT_OFF_INCOMPAT, big);
	ext->pages = gsw_get64(rec + GSW_EXT_OFF_PAGES, big);
	ext->crc = gsw_get32(rec + GSW_EXT_OFF_CRC, big);
	ext->crc_ok = ext->crc == gsw_crc32c(rec, GSW_EXT_OFF_CRC);
	ext->reserved_zero = true;
	for (unsigned int i = GSW_EXT_OFF_RESERVED; i < GSW_EXT_OFF_CRC; i++)
		if (rec[i])
			ext->reserved_zero = false;
}

int gsw_parse(const uint8_t *buf, size_t len, struct gsw_header *hdr)
{
	const uint8_t *rec = buf + GSW_EXT_OFFSET;
	uint32_t raw;

	memset(hdr, 0, sizeof(*hdr));
	hdr->page_size = gsw_find_page_size(buf, len, &hdr->version);
	if (!hdr->page_size)
		return -EINVAL;
	if (hdr->version != 1)
		return -EPROTO;

	hdr->big_endian = gsw_host_is_big_endian();
	raw = gsw_get32(buf + GSW_OFF_VERSION, hdr->big_endian);
	if (raw != 1) {
		if (gsw_get32(buf + GSW_OFF_VERSION, !hdr->big_endian) != 1) {
			hdr->info_version = raw;
			return -EPROTO;
		}
		hdr->big_endian = !hdr->big_endian;
	}
	hdr->info_version = 1;
	hdr->last_page = gsw_get32(buf + GSW_OFF_LAST_PAGE, hdr->big_endian);
	hdr->nr_badpages = gsw_get32(buf + GSW_OFF_NR_BADPAGES, hdr->big_endian);
	memcpy(hdr->uuid, buf + GSW_OFF_UUID, GSW_UUID_LEN);
	memcpy(hdr->label, buf + GSW_OFF_LABEL, GSW_LABEL_LEN);

	if (gsw_get32(rec + GSW_EXT_OFF_MAGIC, hdr->big_endian) == GSW_EXT_MAGIC) {
		hdr->has_ext = true;
		parse_ext(rec, hdr->big_endian, &hdr->ext);
	}
	return 0;
}

bool gsw_is_ghost(const struct gsw_header *hdr)
{
	return hdr->has_ext && (hdr->ext.incompat & GSW_FEATURE_INCOMPAT_GHOST);
}

uint64_t gsw_advertised_pages(const struct gsw_header *hdr)
{
	return (uint64_t)hdr->last_page + 1;
}

/* The record's fields, then its CRC over the bytes as they now stand. */
static void write_ext(const struct gsw_ext *ext, bool big, uint8_t *rec)
{
	gsw_put32(rec + GSW_EXT_OFF_MAGIC, GSW_EXT_MAGIC, big);
	gsw_put16(rec + GSW_EXT_OFF_VERSION, ext->version, big);
	gsw_put16(rec + GSW_EXT_OFF_LENGTH, ext->length, big);
	gsw_put32(rec + GSW_EXT_OFF_COMPAT, ext->compat, big);
	gsw_put32(rec + GSW_EXT_OFF_RO_COMPAT, ext->ro_compat, big);
	gsw_put32(rec + GSW_EXT_OFF_INCOMPAT, ext->incompat, big);
	gsw_put64(rec + GSW_EXT_OFF_PAGES, ext->pages, big);
	/* the format says zero; a writer never carries stray bytes on */
	memset(rec + GSW_EXT_OFF_RESERVED, 0, GSW_EXT_OFF_CRC - GSW_EXT_OFF_RESERVED);
	gsw_put32(rec + GSW_EXT_OFF_CRC, gsw_crc32c(rec, GSW_EXT_OFF_CRC), big);
}

/* After a setter: the struct says what gsw_serialize() will write. */
static void refresh_ext(struct gsw_header *hdr)
{
	uint8_t rec[GSW_EXT_LEN];

	if (!hdr->has_ext)
		return;
	write_ext(&hdr->ext, hdr->big_endian, rec);
	hdr->ext.crc = gsw_get32(rec + GSW_EXT_OFF_CRC, hdr->big_endian);
	hdr->ext.crc_ok = true;
	hdr->ext.reserved_zero = true;
}

int gsw_build(const struct gsw_params *params, uint8_t *page)
{
	struct gsw_header hdr;
	unsigned int ps = params->page_size;
	bool big = gsw_order_is_big(params->order);

	if (!valid_page_size(ps) || params->pages < 2 ||
	    params->pages > GSW_MAX_PAGES ||
	    (params->ghost && params->pages > GSW_GHOST_MAX_PAGES) ||
	    params->nr_badpages > gsw_max_badpages(ps) ||
	    (params->nr_badpages && !params->badpages))
		return -EINVAL;

	memset(page + GSW_OFF_VERSION, 0, ps - GSW_OFF_VERSION);
	memset(&hdr, 0, sizeof(hdr));
	hdr.page_size = ps;
	hdr.version = 1;
	hdr.big_endian = big;
	hdr.info_version = 1;
	hdr.last_page = (uint32_t)(params->pages - 1);
	hdr.nr_badpages = params->nr_badpages;
	if (params->uuid)
		memcpy(hdr.uuid, params->uuid, GSW_UUID_LEN);
	if (params->label)
		gsw_set_label(&hdr, params->label);
	if (params->ghost)
		gsw_set_ghost(&hdr, true);

	for (uint32_t i = 0; i < params->nr_badpages; i++)
		gsw_put32(page + GSW_OFF_BADPAGES + 4 * i, params->badpages[i], big);
	memcpy(page + ps - GSW_MAGIC_LEN, GSW_MAGIC_V1, GSW_MAGIC_LEN);
	return gsw_serialize(&hdr, page);
}

int gsw_serialize(const struct gsw_header *hdr, uint8_t *page)
{
	uint8_t *rec = page + GSW_EXT_OFFSET;
	bool big = hdr->big_endian;

	if (hdr->version != 1 || !valid_page_size(hdr->page_size))
		return -EINVAL;

	gsw_put32(page + GSW_OFF_VERSION, 1, big);
	gsw_put32(page + GSW_OFF_LAST_PAGE, hdr->last_page, big);
	gsw_put32(page + GSW_OFF_NR_BADPAGES, hdr->nr_badpages, big);
	memcpy(page + GSW_OFF_UUID, hdr->uuid, GSW_UUID_LEN);
	memcpy(page + GSW_OFF_LABEL, hdr->label, GSW_LABEL_LEN);

	if (hdr->has_ext)
		write_ext(&hdr->ext, big, rec);
	else if (gsw_get32(rec + GSW_EXT_OFF_MAGIC, big) == GSW_EXT_MAGIC)
		/* a record dropped from HDR leaves the plain v1 header */
		memset(rec, 0, GSW_EXT_LEN);
	return 0;
}

void gsw_set_ghost(struct gsw_header *hdr, bool ghost)
{
	if (ghost) {
		if (!hdr->has_ext) {
			memset(&hdr->ext, 0, sizeof(hdr->ext));
			hdr->has_ext = true;
		}
		hdr->ext.version = GSW_EXT_VERSION;
		hdr->ext.length = GSW_EXT_LEN;
		hdr->ext.incompat |= GSW_FEATURE_INCOMPAT_GHOST;
		hdr->ext.pages = gsw_advertised_pages(hdr);
		refresh_ext(hdr);
		return;
	}
	if (!hdr->has_ext)
		return;
	hdr->ext.incompat &= ~GSW_FEATURE_INCOMPAT_GHOST;
	/* a record that says nothing any more is not kept */
	if (!hdr->ext.compat && !hdr->ext.ro_compat && !hdr->ext.incompat)
		hdr->has_ext = false;
	refresh_ext(hdr);
}

int gsw_set_pages(struct gsw_header *hdr, uint64_t pages)
{
	if (pages < 2 || pages > GSW_MAX_PAGES ||
	    (gsw_is_ghost(hdr) && pages > GSW_GHOST_MAX_PAGES))
		return -ERANGE;
	hdr->last_page = (uint32_t)(pages - 1);
	if (hdr->has_ext)
		hdr->ext.pages = pages;
	refresh_ext(hdr);
	return 0;
}

bool gsw_set_label(struct gsw_header *hdr, const char *label)
{
	size_t len = strnlen(label, GSW_LABEL_LEN);
	bool cut = len > GSW_LABEL_MAX;

	if (cut)
		len = GSW_LABEL_MAX;
	memset(hdr->label, 0, GSW_LABEL_LEN);
	memcpy(hdr->label, label, len);
	return cut;
}

enum gsw_ghost_size gsw_ghost_size_check(uint64_t pages, unsigned int page_size,
					 uint64_t file_size)
{
	if (pages > GSW_GHOST_MAX_PAGES)
		return GSW_GHOST_SIZE_TOO_LARGE;
	/* pages <= 2^28 and page_size <= 2^16: the product fits */
	if (pages * page_size <= file_size)
		return GSW_GHOST_SIZE_NOT_LARGER;
	return GSW_GHOST_SIZE_OK;
}
