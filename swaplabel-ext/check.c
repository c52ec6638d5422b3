/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * --check: run the validator over the area and map the worst finding to an
 * exit code scripts can tell apart.
 */
#include <err.h>
#include <libsmartcols.h>
#include <stdio.h>
#include <stdlib.h>

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
	static const char *const names[] = { "severity", "code", "message" };
	struct libscols_table *tb;

	tb = scols_new_table();
	if (!tb)
		err(EXIT_FAILURE, _("failed to allocate output table"));
	scols_table_enable_json(tb, 1);
	scols_table_set_name(tb, "findings");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!scols_table_new_column(tb, names[i], 0, 0))
			err(EXIT_FAILURE, _("failed to allocate output column"));

	for (unsigned int i = 0; i < report->count; i++) {
		const struct gsw_finding *f = &report->findings[i];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);

		if (!ln ||
		    scols_line_set_data(ln, 0, gsw_severity_name(f->severity)) ||
		    scols_line_set_data(ln, 1, gsw_code_name(f->code)) ||
		    scols_line_set_data(ln, 2, f->message))
			err(EXIT_FAILURE, _("failed to allocate output line"));
	}
	scols_print_table(tb);
	scols_unref_table(tb);
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
