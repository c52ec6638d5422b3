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
	for (unsigned int i = 0; i < report->count; i++) {
		const struct gsw_finding *f = &report->findings[i];

		if (f->severity < min)
			continue;
		/* scripts match severity and code: never translated */
		fprintf(out, "%s: %s: %s\n", gsw_severity_name(f->severity),
			gsw_code_name(f->code), f->message);
	}
}

static void print_json(const struct gsw_report *report)
{
	struct json j;

	json_init(&j, stdout);
	json_open_object(&j, NULL);
	json_open_array(&j, "findings");
	for (unsigned int i = 0; i < report->count; i++) {
		const struct gsw_finding *f = &report->findings[i];

		json_open_object(&j, NULL);
		json_string(&j, "severity", gsw_severity_name(f->severity));
		json_string(&j, "code", gsw_code_name(f->code));
		/* the library's words are ASCII, but a message is never trusted */
		json_string(&j, "message",
			    json_is_utf8(f->message, strlen(f->message)) ? f->message : NULL);
		json_close(&j);
	}
	json_close(&j);
	json_close(&j);
}

int check_area(struct swap_area *area, bool json)
{
	struct gsw_report report = { 0 };
	int worst;

	worst = gsw_validate(area->buf, area->len,
			     area->facts.known ? &area->facts : NULL, &report);
	if (json)
		print_json(&report);
	else
		print_findings(stdout, &report, GSW_NOTE);

	switch (worst) {
	case GSW_ERROR:
		return SL_EXIT_INVALID;
	case GSW_WARNING:
		return SL_EXIT_WARNINGS;
	default:
		return SL_EXIT_VALID;
	}
}
