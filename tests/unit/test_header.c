/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

static const unsigned int page_sizes[] = { 4096, 8192, 16384, 32768, 65536 };
static const enum gsw_byte_order orders[] = { GSW_ORDER_LITTLE, GSW_ORDER_BIG };

/* Loop index _i of a tcase_add_loop_test walks page size x order x kind. */
#define ROUND_TRIPS (5 * 2 * 2)

static uint32_t raw32(const uint8_t *p, bool big)
{
	return big ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
		   : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

START_TEST(round_trip)
{
	unsigned int ps = page_sizes[_i / 4];
	bool big = orders[(_i / 2) % 2] == GSW_ORDER_BIG;
	bool ghost = _i % 2;
	uint64_t pages = ghost ? 16777216 : 4242;
	struct area a;
	struct gsw_header hdr;
	uint8_t *copy;

	area_make(&a, ps, big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE, pages, ghost);

	/* the on-disk bytes, read without the library */
	ck_assert_mem_eq(a.buf + ps - 10, "SWAPSPACE2", 10);
	ck_assert_uint_eq(raw32(a.buf + 1024, big), 1);
	ck_assert_uint_eq(raw32(a.buf + 1028, big), pages - 1);
	ck_assert_mem_eq(a.buf + 1052, "unit\0", 5);
	ck_assert_uint_eq(raw32(a.buf + 1068, big), ghost ? 0x47485354u : 0);

	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	ck_assert_uint_eq(hdr.page_size, ps);
	ck_assert_int_eq(hdr.big_endian, big);
	ck_assert_uint_eq(hdr.last_page, pages - 1);
	ck_assert_uint_eq(gsw_advertised_pages(&hdr), pages);
	ck_assert_int_eq(gsw_is_ghost(&hdr), ghost);
	ck_assert_int_eq(hdr.has_ext, ghost);
	if (ghost) {
		ck_assert_uint_eq(hdr.ext.pages, pages);
		ck_assert_uint_eq(hdr.ext.version, 1);
		ck_assert_uint_eq(hdr.ext.length, 64);
		ck_assert(hdr.ext.crc_ok);
	}

	/* serializing what was parsed writes the very same page */
	copy = malloc(ps);
	memcpy(copy, a.buf, ps);
	ck_assert_int_eq(gsw_serialize(&hdr, copy), 0);
	ck_assert_mem_eq(copy, a.buf, ps);
	free(copy);
	area_free(&a);
}
END_TEST

START_TEST(regular_header_has_no_padding)
{
	struct area a;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 100, false);
	for (unsigned int i = GSW_OFF_PADDING; i < GSW_OFF_BADPAGES; i++)
		ck_assert_uint_eq(a.buf[i], 0);
	area_free(&a);
}
END_TEST

START_TEST(ghost_record_avoids_reserved_words)
{
	struct area a;

	area_make(&a, 4096, GSW_ORDER_BIG, 1 << 20, true);
	/* padding[32..33] (blkid) and everything after the record stay zero */
	for (unsigned int i = GSW_EXT_OFFSET + GSW_EXT_LEN; i < 4086; i++)
		ck_assert_msg(a.buf[i] == 0, "byte %u is set", i);
	area_free(&a);
}
END_TEST

START_TEST(bootbits_kept)
{
	uint8_t page[4096];
	struct gsw_params p = { .page_size = 4096, .pages = 20 };

	memset(page, 0xa5, sizeof(page));
	ck_assert_int_eq(gsw_build(&p, page), 0);
	for (unsigned int i = 0; i < 1024; i++)
		ck_assert_uint_eq(page[i], 0xa5);
	ck_assert_uint_eq(page[1100], 0);
}
END_TEST

START_TEST(build_rejects_bad_params)
{
	static uint8_t page[GSW_MAX_PAGE_SIZE];
	uint32_t bad[2] = { 1, 2 };
	struct gsw_params p = { .page_size = 4096, .pages = 20 };

	p.page_size = 1024;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.page_size = 12288;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.page_size = 524288;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	/* mkswap's smallest and Linux's largest */
	p.page_size = 2048;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	p.page_size = 262144;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	p.page_size = 4096;
	p.pages = 1;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.pages = GSW_MAX_PAGES + 1;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.pages = GSW_MAX_PAGES;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	/* a ghost area stops at its own, lower limit */
	p.ghost = true;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.pages = GSW_GHOST_MAX_PAGES + 1;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.pages = GSW_GHOST_MAX_PAGES;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	p.page_size = 65536;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	p.pages = GSW_GHOST_MAX_PAGES + 1;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.page_size = 4096;
	p.ghost = false;
	p.pages = 20;
	p.nr_badpages = gsw_max_badpages(4096) + 1;
	p.badpages = bad;
	ck_assert_int_eq(gsw_build(&p, page), -EINVAL);
	p.nr_badpages = 2;
	ck_assert_int_eq(gsw_build(&p, page), 0);
	ck_assert_uint_eq(page[1536], 1);
	ck_assert_uint_eq(page[1540], 2);
}
END_TEST

START_TEST(max_badpages)
{
	ck_assert_uint_eq(gsw_max_badpages(4096), 637);
	ck_assert_uint_eq(gsw_max_badpages(65536), 15997);
}
END_TEST

START_TEST(label_cut_at_15)
{
	struct gsw_header hdr;

	memset(&hdr, 0, sizeof(hdr));
	ck_assert(!gsw_set_label(&hdr, "fifteen chars!!"));
	ck_assert_mem_eq(hdr.label, "fifteen chars!!\0", 16);
	ck_assert(gsw_set_label(&hdr, "exactly16chars!!"));
	ck_assert_mem_eq(hdr.label, "exactly16chars!\0", 16);
	ck_assert(gsw_set_label(&hdr, "this label is far too long"));
	ck_assert_mem_eq(hdr.label, "this label is f\0", 16);
	ck_assert(!gsw_set_label(&hdr, "ab"));
	ck_assert_mem_eq(hdr.label, "ab\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
}
END_TEST

/* util-linux keeps a NUL: GSW_LABEL_MAX bytes fit, one more is cut. */
START_TEST(label_cut_at_label_max)
{
	char label[GSW_LABEL_LEN + 2];
	struct gsw_header hdr;

	memset(&hdr, 0x55, sizeof(hdr));
	memset(label, 'x', sizeof(label));
	label[GSW_LABEL_MAX] = '\0';
	ck_assert(!gsw_set_label(&hdr, label));
	ck_assert_uint_eq(strnlen(hdr.label, GSW_LABEL_LEN), GSW_LABEL_MAX);
	ck_assert_mem_eq(hdr.label, label, GSW_LABEL_MAX + 1);

	memset(label, 'y', sizeof(label));
	label[GSW_LABEL_MAX + 1] = '\0';
	ck_assert(gsw_set_label(&hdr, label));
	ck_assert_uint_eq(strnlen(hdr.label, GSW_LABEL_LEN), GSW_LABEL_MAX);
	ck_assert_mem_eq(hdr.label, label, GSW_LABEL_MAX);
	ck_assert_uint_eq(hdr.label[GSW_LABEL_LEN - 1], 0);

	ck_assert(!gsw_set_label(&hdr, ""));
	ck_assert_uint_eq(hdr.label[0], 0);
}
END_TEST

/* The one rule, at its four edges. */
START_TEST(ghost_size_check_boundaries)
{
	static const unsigned int sizes[] = { 4096, 16384, 65536 };

	for (unsigned int i = 0; i < 3; i++) {
		uint64_t ps = sizes[i];

		/* the file holds exactly what is advertised: not larger */
		ck_assert_int_eq(gsw_ghost_size_check(10, sizes[i], 10 * ps),
				 GSW_GHOST_SIZE_NOT_LARGER);
		ck_assert_int_eq(gsw_ghost_size_check(10, sizes[i], 10 * ps + 1),
				 GSW_GHOST_SIZE_NOT_LARGER);
		ck_assert_int_eq(gsw_ghost_size_check(10, sizes[i], 10 * ps - 1),
				 GSW_GHOST_SIZE_OK);
		ck_assert_int_eq(gsw_ghost_size_check(11, sizes[i], 10 * ps),
				 GSW_GHOST_SIZE_OK);
		ck_assert_int_eq(gsw_ghost_size_check(GSW_GHOST_MAX_PAGES, sizes[i], 10 * ps),
				 GSW_GHOST_SIZE_OK);
		ck_assert_int_eq(gsw_ghost_size_check(GSW_GHOST_MAX_PAGES + 1, sizes[i], 10 * ps),
				 GSW_GHOST_SIZE_TOO_LARGE);
		ck_assert_int_eq(gsw_ghost_size_check(GSW_GHOST_MAX_PAGES, sizes[i],
						      GSW_GHOST_MAX_PAGES * ps),
				 GSW_GHOST_SIZE_NOT_LARGER);
		ck_assert_int_eq(gsw_ghost_size_check(GSW_GHOST_MAX_PAGES, sizes[i],
						      GSW_GHOST_MAX_PAGES * ps - 1),
				 GSW_GHOST_SIZE_OK);
		/* too large wins, however long the file */
		ck_assert_int_eq(gsw_ghost_size_check(GSW_MAX_PAGES, sizes[i], UINT64_MAX),
				 GSW_GHOST_SIZE_TOO_LARGE);
	}
}
END_TEST

/*
 * A parsed record with stray reserved bytes and a wrong CRC.  After a
 * setter the struct must say what gsw_serialize() writes, and parsing that
 * page must give the struct back.
 */
static void damaged_ghost(struct area *a, struct gsw_header *hdr, bool big)
{
	uint8_t *rec;

	area_make(a, 4096, big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE, 5000, true);
	rec = a->buf + GSW_EXT_OFFSET;
	rec[GSW_EXT_OFF_RESERVED + 3] = 0xaa;
	rec[GSW_EXT_OFF_CRC] ^= 0x5a;
	ck_assert_int_eq(gsw_parse(a->buf, a->len, hdr), 0);
	ck_assert(!hdr->ext.crc_ok);
	ck_assert(!hdr->ext.reserved_zero);
}

static void assert_consistent(const struct gsw_header *hdr, const struct area *a)
{
	uint8_t *page = malloc(a->len);
	struct gsw_header again;

	ck_assert_ptr_nonnull(page);
	memcpy(page, a->buf, a->len);
	ck_assert(hdr->ext.crc_ok);
	ck_assert(hdr->ext.reserved_zero);
	ck_assert_int_eq(gsw_serialize(hdr, page), 0);
	ck_assert_uint_eq(hdr->ext.crc,
			  raw32(page + GSW_EXT_OFFSET + GSW_EXT_OFF_CRC, hdr->big_endian));
	for (unsigned int i = GSW_EXT_OFF_RESERVED; i < GSW_EXT_OFF_CRC; i++)
		ck_assert_uint_eq(page[GSW_EXT_OFFSET + i], 0);
	ck_assert_int_eq(gsw_parse(page, a->len, &again), 0);
	ck_assert_uint_eq(again.last_page, hdr->last_page);
	ck_assert_int_eq(again.has_ext, hdr->has_ext);
	ck_assert_uint_eq(again.ext.version, hdr->ext.version);
	ck_assert_uint_eq(again.ext.length, hdr->ext.length);
	ck_assert_uint_eq(again.ext.compat, hdr->ext.compat);
	ck_assert_uint_eq(again.ext.ro_compat, hdr->ext.ro_compat);
	ck_assert_uint_eq(again.ext.incompat, hdr->ext.incompat);
	ck_assert_uint_eq(again.ext.pages, hdr->ext.pages);
	ck_assert_uint_eq(again.ext.crc, hdr->ext.crc);
	ck_assert_int_eq(again.ext.crc_ok, hdr->ext.crc_ok);
	ck_assert_int_eq(again.ext.reserved_zero, hdr->ext.reserved_zero);
	free(page);
}

START_TEST(setters_leave_the_struct_consistent)
{
	bool big = _i;
	struct gsw_header hdr;
	struct area a;

	damaged_ghost(&a, &hdr, big);
	gsw_set_ghost(&hdr, true);
	assert_consistent(&hdr, &a);
	area_free(&a);

	damaged_ghost(&a, &hdr, big);
	ck_assert_int_eq(gsw_set_pages(&hdr, 123456), 0);
	ck_assert_uint_eq(hdr.ext.pages, 123456);
	assert_consistent(&hdr, &a);
	area_free(&a);

	/* a record kept for another feature when the ghost one goes */
	damaged_ghost(&a, &hdr, big);
	hdr.ext.compat = 4;
	gsw_set_ghost(&hdr, false);
	ck_assert(hdr.has_ext);
	assert_consistent(&hdr, &a);
	area_free(&a);

	/* a header that had no record gets a consistent one */
	area_make(&a, 4096, big ? GSW_ORDER_BIG : GSW_ORDER_LITTLE, 5000, false);
	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	gsw_set_ghost(&hdr, true);
	assert_consistent(&hdr, &a);
	area_free(&a);
}
END_TEST

START_TEST(parse_failures)
{
	uint8_t page[8192];
	struct gsw_header hdr;

	memset(page, 0, sizeof(page));
	ck_assert_int_eq(gsw_parse(page, sizeof(page), &hdr), -EINVAL);
	ck_assert_uint_eq(hdr.page_size, 0);
	/* magic of an 8 KiB page, not visible in a 4 KiB buffer */
	memcpy(page + 8182, "SWAPSPACE2", 10);
	ck_assert_int_eq(gsw_parse(page, 4096, &hdr), -EINVAL);
	ck_assert_int_eq(gsw_parse(page, sizeof(page), &hdr), -EPROTO);
	ck_assert_uint_eq(hdr.page_size, 8192);
	memcpy(page + 8182, "SWAP-SPACE", 10);
	ck_assert_int_eq(gsw_parse(page, sizeof(page), &hdr), -EPROTO);
	ck_assert_int_eq(hdr.version, 0);
}
END_TEST

START_TEST(toggle_ghost_and_size)
{
	struct area ghost, plain;
	struct gsw_header hdr;

	area_make(&ghost, 4096, GSW_ORDER_BIG, 5000, true);
	area_make(&plain, 4096, GSW_ORDER_BIG, 5000, false);

	/* dropping the flag gives the bytes of a plain header */
	ck_assert_int_eq(gsw_parse(ghost.buf, ghost.len, &hdr), 0);
	gsw_set_ghost(&hdr, false);
	ck_assert(!hdr.has_ext);
	ck_assert_int_eq(gsw_serialize(&hdr, ghost.buf), 0);
	ck_assert_mem_eq(ghost.buf, plain.buf, 4096);

	/* and setting it again gives the ghost header back */
	gsw_set_ghost(&hdr, true);
	ck_assert_int_eq(gsw_serialize(&hdr, plain.buf), 0);
	area_free(&ghost);
	area_make(&ghost, 4096, GSW_ORDER_BIG, 5000, true);
	ck_assert_mem_eq(ghost.buf, plain.buf, 4096);

	ck_assert_int_eq(gsw_set_pages(&hdr, 1), -ERANGE);
	ck_assert_int_eq(gsw_set_pages(&hdr, GSW_MAX_PAGES + 1), -ERANGE);
	ck_assert_int_eq(gsw_set_pages(&hdr, 9000), 0);
	ck_assert_uint_eq(hdr.last_page, 8999);
	ck_assert_uint_eq(hdr.ext.pages, 9000);
	ck_assert_int_eq(gsw_set_pages(&hdr, GSW_GHOST_MAX_PAGES + 1), -ERANGE);
	ck_assert_uint_eq(hdr.last_page, 8999);
	ck_assert_int_eq(gsw_set_pages(&hdr, GSW_GHOST_MAX_PAGES), 0);
	ck_assert_uint_eq(hdr.ext.pages, GSW_GHOST_MAX_PAGES);
	/* without the ghost feature only last_page limits the size */
	gsw_set_ghost(&hdr, false);
	ck_assert_int_eq(gsw_set_pages(&hdr, GSW_GHOST_MAX_PAGES + 1), 0);
	ck_assert_uint_eq(hdr.last_page, GSW_GHOST_MAX_PAGES);
	area_free(&ghost);
	area_free(&plain);
}
END_TEST

START_TEST(other_features_keep_record)
{
	struct area a;
	struct gsw_header hdr;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 5000, true);
	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	hdr.ext.compat = 4;
	gsw_set_ghost(&hdr, false);
	ck_assert(hdr.has_ext);
	ck_assert(!gsw_is_ghost(&hdr));
	area_free(&a);
}
END_TEST

START_TEST(native_order)
{
	struct area a;
	struct gsw_header hdr;

	area_make(&a, 4096, GSW_ORDER_NATIVE, 50, false);
	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	ck_assert_int_eq(hdr.big_endian, gsw_host_is_big_endian());
	ck_assert_str_eq(gsw_order_name(true), "big");
	ck_assert_str_eq(gsw_order_name(false), "little");
	area_free(&a);
}
END_TEST

Suite *header_suite(void)
{
	Suite *s = suite_create("header");
	TCase *tc = tcase_create("header");

	tcase_add_loop_test(tc, round_trip, 0, ROUND_TRIPS);
	tcase_add_test(tc, regular_header_has_no_padding);
	tcase_add_test(tc, ghost_record_avoids_reserved_words);
	tcase_add_test(tc, bootbits_kept);
	tcase_add_test(tc, build_rejects_bad_params);
	tcase_add_test(tc, max_badpages);
	tcase_add_test(tc, label_cut_at_15);
	tcase_add_test(tc, label_cut_at_label_max);
	tcase_add_test(tc, ghost_size_check_boundaries);
	tcase_add_loop_test(tc, setters_leave_the_struct_consistent, 0, 2);
	tcase_add_test(tc, parse_failures);
	tcase_add_test(tc, toggle_ghost_and_size);
	tcase_add_test(tc, other_features_keep_record);
	tcase_add_test(tc, native_order);
	suite_add_tcase(s, tc);
	return s;
}
