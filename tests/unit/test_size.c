/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <string.h>

#include "unit.h"

/*
 * gsw_parse_size() takes the strings util-linux's strtosize() takes.  The
 * first block is util-linux's own test (tests/ts/misc/strtosize and its
 * expected output), the rest the cases where a hand-written parser tends
 * to differ from it; each value was checked against util-linux 2.38.1's
 * fallocate -l.  Fractions are the one deliberate difference: util-linux
 * approximates each digit (the value it gives is in the comment), here
 * they are exact, rounded down.
 */
static const struct {
	const char *text;
	int rc;
	uint64_t bytes;
} size_table[] = {
	/* util-linux tests/expected/misc/strtosize */
	{ "-1", -EINVAL, 0 },
	{ "0", 0, 0 },
	{ "1", 0, 1 },
	{ "123", 0, 123 },
	{ "18446744073709551615", 0, 18446744073709551615ULL },
	{ "1K", 0, 1024 },
	{ "1KiB", 0, 1024 },
	{ "1M", 0, 1048576 },
	{ "1MiB", 0, 1048576 },
	{ "1G", 0, 1073741824 },
	{ "1GiB", 0, 1073741824 },
	{ "1T", 0, 1099511627776ULL },
	{ "1TiB", 0, 1099511627776ULL },
	{ "1P", 0, 1125899906842624ULL },
	{ "1PiB", 0, 1125899906842624ULL },
	{ "1E", 0, 1152921504606846976ULL },
	{ "1EiB", 0, 1152921504606846976ULL },
	{ "1KB", 0, 1000 },
	{ "1MB", 0, 1000000 },
	{ "1GB", 0, 1000000000 },
	{ "1TB", 0, 1000000000000ULL },
	{ "1PB", 0, 1000000000000000ULL },
	{ "1EB", 0, 1000000000000000000ULL },
	{ "", -EINVAL, 0 },
	{ " ", -EINVAL, 0 },
	{ " 1", 0, 1 },
	{ "1 ", -EINVAL, 0 },
	{ "0x0a", 0, 10 },
	{ "0xff00", 0, 65280 },
	{ "0x80000000", 0, 2147483648ULL },

	/* the number is strtoumax()'s in base 0 */
	{ "0x10K", 0, 16384 },
	{ "0X10k", 0, 16384 },
	{ "010", 0, 8 },
	{ "010K", 0, 8192 },
	{ "00000001K", 0, 1024 },
	{ "08", -EINVAL, 0 },
	{ "09K", -EINVAL, 0 },
	{ "0x", -EINVAL, 0 },
	{ "0xffB", 0, 0xffb },		/* B is a hex digit here */
	{ "0x1KB", 0, 1000 },
	{ "\t 64G", 0, 68719476736ULL },
	{ "+5K", 0, 5120 },
	{ "-5", -EINVAL, 0 },
	{ " -5K", -EINVAL, 0 },
	{ "+-5", -EINVAL, 0 },
	{ "1e3", -EINVAL, 0 },
	{ "18446744073709551616", -ERANGE, 0 },

	/* suffixes: a letter in either case, then nothing, "iB" or "B" */
	{ "64kib", 0, 65536 },
	{ "64Kib", 0, 65536 },
	{ "64kb", 0, 64000 },
	{ "64kB", 0, 64000 },
	{ "64Kb", 0, 64000 },
	{ "64KIB", -EINVAL, 0 },
	{ "64kIB", -EINVAL, 0 },
	{ "512m", 0, 536870912 },
	{ "64g", 0, 68719476736ULL },
	{ "64GB", 0, 64000000000ULL },
	{ "15E", 0, 17293822569102704640ULL },
	{ "18EB", 0, 18000000000000000000ULL },
	{ "16E", -ERANGE, 0 },
	{ "19EB", -ERANGE, 0 },
	{ "1Z", -ERANGE, 0 },
	{ "1ZiB", -ERANGE, 0 },
	{ "1YB", -ERANGE, 0 },
	{ "1y", -ERANGE, 0 },
	{ "0Z", 0, 0 },
	{ "0.0Y", 0, 0 },
	{ "K", -EINVAL, 0 },
	{ "G", -EINVAL, 0 },
	{ "1b", -EINVAL, 0 },
	{ "1B", -EINVAL, 0 },
	{ "1iB", -EINVAL, 0 },
	{ "1Ki", -EINVAL, 0 },
	{ "1KiBB", -EINVAL, 0 },
	{ "1X", -EINVAL, 0 },
	{ "1 G", -EINVAL, 0 },
	{ "1GiBx", -EINVAL, 0 },
	{ "12abc", -EINVAL, 0 },

	/* a fraction needs a suffix; an empty one is no fraction */
	{ "1.5K", 0, 1536 },
	{ "1.5KiB", 0, 1536 },
	{ "5.5KB", 0, 5500 },
	{ "0.5M", 0, 524288 },
	{ "1.5G", 0, 1610612736 },
	{ "2.5G", 0, 2684354560ULL },
	{ "1.05K", 0, 1075 },		/* util-linux: 1075 */
	{ "0000000.5K", 0, 512 },
	{ "5.K", 0, 5120 },
	{ "5.k", 0, 5120 },
	{ "5.KiB", 0, 5120 },
	{ "5.KB", 0, 5000 },
	{ "1.00K", 0, 1024 },
	{ "1.0.5K", 0, 1075 },		/* util-linux reads it as 1.05K */
	{ "1.5.5K", -EINVAL, 0 },
	{ "1.5", -EINVAL, 0 },
	{ "1.0", -EINVAL, 0 },
	{ "5.", -EINVAL, 0 },
	{ ".5K", -EINVAL, 0 },
	{ "1.iB", -EINVAL, 0 },
	{ "1.B", -EINVAL, 0 },
	{ "1.5x", -EINVAL, 0 },
	{ "1.5KiBx", -EINVAL, 0 },
	{ "1.99999999999999999999999K", -ERANGE, 0 },
	{ "0.5Z", -ERANGE, 0 },		/* util-linux: 576460752303423488 */
	{ "0.5ZB", -ERANGE, 0 },	/* util-linux: 500000000000000000 */

	/* exact fractions where util-linux approximates each digit */
	{ "1.9K", 0, 1945 },		/* util-linux: 2048 */
	{ "0.3K", 0, 307 },		/* util-linux: 341 */
	{ "1.10K", 0, 1126 },		/* util-linux: 2048 */
	{ "0.25G", 0, 268435456 },	/* util-linux: 268435455 */
	{ "0.75G", 0, 805306368 },	/* util-linux: 1127428915 */
	{ "1.9999999999999999999K", 0, 2047 },	/* util-linux: 2150 */
	{ "15.9999E", 0, 18446628781559090931ULL },
	{ "18.4EB", 0, 18400000000000000000ULL },	/* util-linux wraps */
	{ "18.5EB", -ERANGE, 0 },
};

START_TEST(parse_size_table)
{
	uint64_t bytes = 12345;
	int rc = gsw_parse_size(size_table[_i].text, &bytes);

	ck_assert_msg(rc == size_table[_i].rc, "\"%s\": rc %d, expected %d",
		      size_table[_i].text, rc, size_table[_i].rc);
	if (rc == 0)
		ck_assert_msg(bytes == size_table[_i].bytes, "\"%s\": %llu",
			      size_table[_i].text, (unsigned long long)bytes);
	else
		ck_assert_uint_eq(bytes, 12345);
}
END_TEST

static const struct {
	uint64_t bytes;
	const char *text;
} human_table[] = {
	{ 0, "0 B" },
	{ 1023, "1023 B" },
	{ 1024, "1 KiB" },
	{ 1044480, "1020 KiB" },
	{ 1536, "1.5 KiB" },
	{ 68719476736ULL, "64 GiB" },
	{ 68719472640ULL, "64 GiB" },
	{ 1610612736, "1.5 GiB" },
	{ 40960, "40 KiB" },
	{ 1099511627776ULL, "1 TiB" },
	{ 17179865088ULL, "16 GiB" },
};

START_TEST(human_size_table)
{
	char buf[32];

	gsw_human_size(human_table[_i].bytes, buf, sizeof(buf));
	ck_assert_str_eq(buf, human_table[_i].text);
}
END_TEST

Suite *size_suite(void)
{
	Suite *s = suite_create("size");
	TCase *tc = tcase_create("size");

	tcase_add_loop_test(tc, parse_size_table, 0,
			    sizeof(size_table) / sizeof(size_table[0]));
	tcase_add_loop_test(tc, human_size_table, 0,
			    sizeof(human_table) / sizeof(human_table[0]));
	suite_add_tcase(s, tc);
	return s;
}
