/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Suites of the library's unit tests; each file contributes one. */
#ifndef GSW_UNIT_H
#define GSW_UNIT_H

#include <check.h>
#include <stdint.h>

#include "ghostswap.h"
#include "io.h"
#include "size.h"
#include "system.h"

Suite *crc_suite(void);
Suite *header_suite(void);
Suite *size_suite(void);
Suite *sizeexpr_suite(void);
Suite *system_suite(void);
Suite *validate_suite(void);

/* A whole area in memory: its first page holds a fresh header. */
struct area {
	uint8_t *buf;
	size_t len;
	bool big;		/* byte order of the header */
	struct gsw_file_facts facts;
};

void area_make(struct area *a, unsigned int page_size, enum gsw_byte_order order,
	       uint64_t pages, bool ghost);
void area_free(struct area *a);

#endif
