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
	static uint8_t page[4096];
	struct gsw_params params;
	struct gsw_header hdr;
	struct gsw_report *report;
	const uint64_t bytes = (uint64_t)64 << 30;
	int rc;

	memset(&params, 0, sizeof(params));
	params.page_size = sizeof(page);
	params.order = GSW_ORDER_NATIVE;
	params.pages = bytes / sizeof(page);
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
	report = gsw_report_new();
	if (!report) {
		perror("gsw_report_new");
		return 1;
	}
	rc = gsw_validate(page, sizeof(page), NULL, report);
	if (rc != 0) {
		fprintf(stderr, "gsw_validate: %s\n", strerror(-rc));
		return 1;
	}
	for (unsigned int i = 0; i < gsw_report_count(report); i++)
		fprintf(stderr, "%s: %s: %s\n",
			gsw_severity_name(gsw_report_severity(report, i)),
			gsw_code_name(gsw_report_code(report, i)),
			gsw_report_message(report, i));
	if (gsw_report_worst(report) != GSW_SEVERITY_NONE) {
		fprintf(stderr, "gsw_validate: %u findings\n", gsw_report_count(report));
		gsw_report_free(report);
		return 1;
	}
	gsw_report_free(report);

	printf("ghost header for %llu pages of %u bytes: valid\n",
	       (unsigned long long)gsw_advertised_pages(&hdr), hdr.page_size);
	return 0;
}
