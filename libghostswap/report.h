/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * report.h - how the validator records a finding; the report itself is
 * opaque to callers (ghostswap.h), so its layout may change freely.
 */
#ifndef GSW_REPORT_H
#define GSW_REPORT_H

#include <stdarg.h>

#include "ghostswap.h"

/* one more than the highest code: the size of tables indexed by code */
#define GSW_CODE_COUNT	(GSW_FS_NO_SWAP + 1)

/* Empty REPORT for a new validation. */
void gsw_report_clear(struct gsw_report *report);
/* 0, or -ENOMEM when a finding since the last clear could not be kept. */
int gsw_report_status(const struct gsw_report *report);
/* Append a finding, its message from FMT; -ENOMEM when it cannot. */
int gsw_report_addv(struct gsw_report *report, enum gsw_code code,
		    enum gsw_severity severity, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

#endif /* GSW_REPORT_H */
