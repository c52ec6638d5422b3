/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check: run the validator over the area and map the worst finding to an
 * exit code scripts can tell apart.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "nls.h"
#include "swaplabel-ext.h"

void print_findings(FILE *out, const struct gsw_report *report,
		    enum gsw_severity min)
{
	for (unsigned int i = 0; i < gsw_report_count(report); i++) {
		enum gsw_severity severity = gsw_report_severity(report, i);

		if (severity < min)
			continue;
		/* scripts match severity and code: never translated */
		fprintf(out, "%s: %s: %s\n", gsw_severity_name(severity),
			gsw_code_name(gsw_report_code(report, i)),
			gsw_report_message(report, i));
	}
}

static void print_json(const struct gsw_report *report)
{
	struct json j;

	json_init(&j, stdout);
	json_open_object(&j, NULL);
	json_open_array(&j, "findings");
	for (unsigned int i = 0; i < gsw_report_count(report); i++) {
		const char *message = gsw_report_message(report, i);

		json_open_object(&j, NULL);
		json_string(&j, "severity",
			    gsw_severity_name(gsw_report_severity(report, i)));
		json_string(&j, "code", gsw_code_name(gsw_report_code(report, i)));
		/* the library's words are ASCII, but a message is never trusted */
		json_string(&j, "message",
			    json_is_utf8(message, strlen(message)) ? message : NULL);
		json_close(&j);
	}
	json_close(&j);
	json_close(&j);
}

int check_area(struct swap_area *area, bool json)
{
	struct gsw_report *report = area_validate(area, area->buf);
	enum gsw_severity worst = gsw_report_worst(report);

	if (json)
		print_json(report);
	else
		print_findings(stdout, report, GSW_NOTE);
	gsw_report_free(report);

	switch (worst) {
	case GSW_ERROR:
		return SL_EXIT_INVALID;
	case GSW_WARNING:
		return SL_EXIT_WARNINGS;
	default:
		return SL_EXIT_VALID;
	}
}
