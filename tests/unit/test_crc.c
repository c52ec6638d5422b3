/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "unit.h"

/* Published CRC-32C check values (RFC 3720 appendix B.4 and "123456789"). */
START_TEST(crc_known_answers)
{
	uint8_t buf[32];

	ck_assert_uint_eq(gsw_crc32c("123456789", 9), 0xe3069283u);
	memset(buf, 0, sizeof(buf));
	ck_assert_uint_eq(gsw_crc32c(buf, sizeof(buf)), 0x8a9136aau);
	memset(buf, 0xff, sizeof(buf));
	ck_assert_uint_eq(gsw_crc32c(buf, sizeof(buf)), 0x62a8ab43u);
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)i;
	ck_assert_uint_eq(gsw_crc32c(buf, sizeof(buf)), 0x46dd794eu);
	for (unsigned int i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(31 - i);
	ck_assert_uint_eq(gsw_crc32c(buf, sizeof(buf)), 0x113fdb5cu);
	ck_assert_uint_eq(gsw_crc32c(buf, 0), 0);
}
END_TEST

/* The stored CRC covers exactly record bytes 0..59. */
START_TEST(crc_covers_record)
{
	struct area a;
	struct gsw_header hdr;

	area_make(&a, 4096, GSW_ORDER_LITTLE, 1000, true);
	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	ck_assert(hdr.ext.crc_ok);
	ck_assert_uint_eq(hdr.ext.crc, gsw_crc32c(a.buf + GSW_EXT_OFFSET, 60));
	/* a byte after the record is not covered */
	a.buf[GSW_EXT_OFFSET + GSW_EXT_LEN] ^= 1;
	ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
	ck_assert(hdr.ext.crc_ok);
	/* every byte inside it is */
	for (unsigned int i = 4; i < GSW_EXT_OFF_CRC; i++) {
		a.buf[GSW_EXT_OFFSET + i] ^= 0x10;
		ck_assert_int_eq(gsw_parse(a.buf, a.len, &hdr), 0);
		ck_assert_msg(!hdr.ext.crc_ok, "byte %u not covered", i);
		a.buf[GSW_EXT_OFFSET + i] ^= 0x10;
	}
	area_free(&a);
}
END_TEST

Suite *crc_suite(void)
{
	Suite *s = suite_create("crc32c");
	TCase *tc = tcase_create("crc32c");

	tcase_add_test(tc, crc_known_answers);
	tcase_add_test(tc, crc_covers_record);
	suite_add_tcase(s, tc);
	return s;
}
