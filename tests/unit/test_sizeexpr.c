/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>

#include "sizeexpr.h"
#include "unit.h"

#define GIB	(1024ULL * 1024 * 1024)

/* with ram = 4 GiB */
static const struct {
	const char *text;
	int rc;
	uint64_t bytes;
	size_t errpos;		/* for an error */
} expr_table[] = {
	{ "ram", 0, 4 * GIB, 0 },
	{ "ram * 4", 0, 16 * GIB, 0 },
	{ "ram*4", 0, 16 * GIB, 0 },
	{ "ram / 2", 0, 2 * GIB, 0 },
	{ "  64G  ", 0, 64 * GIB, 0 },
	{ "64GiB", 0, 64 * GIB, 0 },
	{ "1GB", 0, 1000000000ULL, 0 },
	{ "0x10", 0, 16, 0 },
	{ "ram * 1.5", 0, 6 * GIB, 0 },
	{ "1.5G", 0, 3 * GIB / 2, 0 },
	{ "ram / 3", 0, 4 * GIB / 3, 0 },
	{ "1 + 2 * 3", 0, 7, 0 },
	{ "(1 + 2) * 3", 0, 9, 0 },
	{ "10 - 2 - 3", 0, 5, 0 },
	{ "64 / 4 / 2", 0, 8, 0 },
	{ "min(ram / 2, 4G)", 0, 2 * GIB, 0 },
	{ "min(ram * 2, 4G)", 0, 4 * GIB, 0 },
	{ "max(ram, 1G) + 1G", 0, 5 * GIB, 0 },
	{ "min(1, 1)", 0, 1, 0 },
	{ "18446744073709551615", 0, UINT64_MAX, 0 },
	{ "8E * 2", -ERANGE, 0, 3 },
	{ "ram * 4G", -ERANGE, 0, 4 },
	{ "16E", -ERANGE, 0, 0 },
	{ "1G - 2G", -ERANGE, 0, 3 },
	{ "ram / 0", -EDOM, 0, 4 },
	{ "ram / (1 - 1)", -EDOM, 0, 4 },
	{ "", -EINVAL, 0, 0 },
	{ "ram *", -EINVAL, 0, 5 },
	{ "rom", -EINVAL, 0, 0 },
	{ "ram 2", -EINVAL, 0, 4 },
	{ "(ram", -EINVAL, 0, 4 },
	{ "min(ram)", -EINVAL, 0, 7 },
	{ "64Q", -EINVAL, 0, 0 },
	{ "-1", -EINVAL, 0, 0 },
	{ "1..5", -EINVAL, 0, 0 },
};

START_TEST(test_expr_table)
{
	uint64_t bytes = 12345;
	size_t pos = 999;
	int rc = gsw_eval_size_expr(expr_table[_i].text, 4 * GIB, &bytes, &pos);

	ck_assert_msg(rc == expr_table[_i].rc, "'%s': rc %d, expected %d",
		      expr_table[_i].text, rc, expr_table[_i].rc);
	if (rc == 0)
		ck_assert_msg(bytes == expr_table[_i].bytes, "'%s': %llu, expected %llu",
			      expr_table[_i].text, (unsigned long long)bytes,
			      (unsigned long long)expr_table[_i].bytes);
	else
		ck_assert_msg(pos == expr_table[_i].errpos, "'%s': error at %zu, expected %zu",
			      expr_table[_i].text, pos, expr_table[_i].errpos);
}
END_TEST

Suite *sizeexpr_suite(void)
{
	Suite *s = suite_create("sizeexpr");
	TCase *tc = tcase_create("eval");

	tcase_add_loop_test(tc, test_expr_table, 0,
			    (int)(sizeof(expr_table) / sizeof(expr_table[0])));
	suite_add_tcase(s, tc);
	return s;
}
