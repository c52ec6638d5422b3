/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program outside the tree, built against the installed libghostswap
 * through pkg-config: builds the header of a 64 GiB ghost area, parses it
 * back and validates it: no finding.  Prints one line and exits 0 when all agree.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ghostswap.h>

int main(void)
{
	static const uint8_t uuid[GSW_UUID_LEN] = {
		0x3f, 0x1e, 0x2d, 0x4c, 0x5b, 0x6a, 0x47, 0x98,
		0x8a, 0x7b, 0x6c, 0x5d, 0x4e, 0x3f, 0x2a, 0x1b,
	};
	static uint8_t page[GSW_MIN_PAGE_SIZE];
	struct gsw_params params;
	struct gsw_header hdr;
	struct gsw_report report;
	uint64_t bytes;
	int rc, worst;

	rc = gsw_parse_size("64G", &bytes);
	if (rc != 0) {
		fprintf(stderr, "gsw_parse_size: %s\n", strerror(-rc));
		return 1;
	}
	memset(&params, 0, sizeof(params));
	params.page_size = GSW_MIN_PAGE_SIZE;
	params.order = GSW_ORDER_NATIVE;
	params.pages = bytes / GSW_MIN_PAGE_SIZE;
	params.uuid = uuid;
	params.label = "consumer";
	params.ghost = true;
	rc = gsw_build(&params, page);
	if (rc != 0) {
		fprintf(stderr, "gsw_build: %s\n", strerror(-rc));
		return 1;
	}

	rc = gsw_parse(page, sizeof(page), &hdr);
	if (rc != 0 || !gsw_is_ghost(&hdr) ||
	    gsw_advertised_pages(&hdr) != params.pages) {
		fprintf(stderr, "gsw_parse: not the header just built (%d)\n", rc);
		return 1;
	}

	/* no file facts: the header alone, which must raise no finding */
	worst = gsw_validate(page, sizeof(page), NULL, &report);
	for (unsigned int i = 0; i < report.count; i++)
		fprintf(stderr, "%s: %s: %s\n",
			gsw_severity_name(report.findings[i].severity),
			gsw_code_name(report.findings[i].code),
			report.findings[i].message);
	if (worst != -1) {
		fprintf(stderr, "gsw_validate: %u findings\n", report.count);
		return 1;
	}

	printf("ghost header for %llu pages of %u bytes: valid\n",
	       (unsigned long long)gsw_advertised_pages(&hdr), hdr.page_size);
	return 0;
}
