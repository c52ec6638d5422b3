/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The validator's report: findings on the heap, as many as there are,
 * each message as long as it needs to be.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"

struct gsw_finding {
	enum gsw_code code;
	enum gsw_severity severity;
	char *message;
};

struct gsw_report {
	unsigned int count, allocated;
	struct gsw_finding *findings;
	bool lost;		/* a finding could not be recorded */
};

struct gsw_report *gsw_report_new(void)
{
	return calloc(1, sizeof(struct gsw_report));
}

void gsw_report_clear(struct gsw_report *report)
{
	for (unsigned int i = 0; i < report->count; i++)
		free(report->findings[i].message);
	report->count = 0;
	report->lost = false;
}

int gsw_report_status(const struct gsw_report *report)
{
	return report->lost ? -ENOMEM : 0;
}

void gsw_report_free(struct gsw_report *report)
{
	if (!report)
		return;
	gsw_report_clear(report);
	free(report->findings);
	free(report);
}

int gsw_report_addv(struct gsw_report *report, enum gsw_code code,
		    enum gsw_severity severity, const char *fmt, va_list ap)
{
	struct gsw_finding *f;

	if (report->count == report->allocated) {
		unsigned int n = report->allocated ? 2 * report->allocated : 8;
		struct gsw_finding *grown = realloc(report->findings,
						    n * sizeof(*grown));

		if (!grown) {
			report->lost = true;
			return -ENOMEM;
		}
		report->findings = grown;
		report->allocated = n;
	}
	f = &report->findings[report->count];
	if (vasprintf(&f->message, fmt, ap) < 0) {
		report->lost = true;
		return -ENOMEM;
	}
	f->code = code;
	f->severity = severity;
	report->count++;
	return 0;
}

unsigned int gsw_report_count(const struct gsw_report *report)
{
	return report->count;
}

/* Finding I, or NULL past the end: the accessors then give neutral values. */
static const struct gsw_finding *finding(const struct gsw_report *report,
					 unsigned int i)
{
	return i < report->count ? &report->findings[i] : NULL;
}

enum gsw_code gsw_report_code(const struct gsw_report *report, unsigned int i)
{
	const struct gsw_finding *f = finding(report, i);

	return f ? f->code : GSW_NO_SIGNATURE;
}

enum gsw_severity gsw_report_severity(const struct gsw_report *report,
				      unsigned int i)
{
	const struct gsw_finding *f = finding(report, i);

	return f ? f->severity : GSW_SEVERITY_NONE;
}

const char *gsw_report_message(const struct gsw_report *report, unsigned int i)
{
	const struct gsw_finding *f = finding(report, i);

	return f ? f->message : "";
}

enum gsw_severity gsw_report_worst(const struct gsw_report *report)
{
	enum gsw_severity max = GSW_SEVERITY_NONE;

	for (unsigned int i = 0; i < report->count; i++)
		if (report->findings[i].severity > max)
			max = report->findings[i].severity;
	return max;
}

bool gsw_report_has(const struct gsw_report *report, enum gsw_code code)
{
	for (unsigned int i = 0; i < report->count; i++)
		if (report->findings[i].code == code)
			return true;
	return false;
}
