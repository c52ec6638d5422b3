#include <errno.h>
#include <string.h>

#include "unit.h"

static const struct {
	const char *text;
	int rc;
	uint64_t bytes;
} size_table[] = {
	{ "0", 0, 0 },
	{ "4096", 0, 4096 },
	{ "10K", 0, 10240 },
	{ "10k", 0, 10240 },
	{ "10KiB", 0, 10240 },
	{ "10KB", 0, 10000 },
	{ "512M", 0, 536870912 },
	{ "512MiB", 0, 536870912 },
	{ "512MB", 0, 512000000 },
	{ "64G", 0, 68719476736ULL },
	{ "64GiB", 0, 68719476736ULL },
	{ "64GB", 0, 64000000000ULL },
	{ "1T", 0, 1099511627776ULL },
	{ "1TB", 0, 1000000000000ULL },
	{ "2P", 0, 2251799813685248ULL },
	{ "15E", 0, 17293822569102704640ULL },
	{ "1.5G", 0, 1610612736 },
	{ "1.5K", 0, 1536 },
	{ "0.5M", 0, 524288 },
	{ "16E", -ERANGE, 0 },
	{ "18446744073709551615", 0, 18446744073709551615ULL },
	{ "18446744073709551616", -ERANGE, 0 },
	{ "", -EINVAL, 0 },
	{ "G", -EINVAL, 0 },
	{ "-1G", -EINVAL, 0 },
	{ " 1G", -EINVAL, 0 },
	{ "1 G", -EINVAL, 0 },
	{ "1X", -EINVAL, 0 },
	{ "1Gi", -EINVAL, 0 },
	{ "1GiBx", -EINVAL, 0 },
	{ "1.G", -EINVAL, 0 },
	{ "1b", -EINVAL, 0 },
	{ "12abc", -EINVAL, 0 },
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
