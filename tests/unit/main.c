/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

void area_make(struct area *a, unsigned int page_size, enum gsw_byte_order order,
	       uint64_t pages, bool ghost)
{
	static const uint8_t uuid[16] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	};
	struct gsw_params p = {
		.page_size = page_size, .order = order, .pages = pages,
		.uuid = uuid, .label = "unit", .ghost = ghost,
	};

	a->len = page_size;
	a->big = gsw_order_is_big(order);
	a->buf = calloc(1, a->len);
	ck_assert_ptr_nonnull(a->buf);
	ck_assert_int_eq(gsw_build(&p, a->buf), 0);

	/* the file such a header would live in, as mkswap-ghost makes it */
	memset(&a->facts, 0, sizeof(a->facts));
	a->facts.known = true;
	a->facts.mode = 0100600;
	a->facts.size = ghost ? (uint64_t)GSW_GHOST_FILE_PAGES * page_size
			      : pages * page_size;
	a->facts.allocated = a->facts.size;
}

void area_free(struct area *a)
{
	free(a->buf);
	a->buf = NULL;
}

int main(void)
{
	SRunner *sr = srunner_create(header_suite());
	int failed;

	srunner_add_suite(sr, crc_suite());
	srunner_add_suite(sr, size_suite());
	srunner_add_suite(sr, sizeexpr_suite());
	srunner_add_suite(sr, validate_suite());
	srunner_add_suite(sr, system_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
