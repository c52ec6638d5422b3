/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz.h - what the libFuzzer targets share: the entry point's prototype,
 * a check that aborts with the broken invariant named, and a reader that
 * turns the fuzzer's bytes into parameters.
 */
#ifndef GSW_FUZZ_H
#define GSW_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ghostswap.h"
#include "report.h"	/* GSW_CODE_COUNT */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * abort() rather than assert(): the check must hold in every build type,
 * and libFuzzer keeps the input that aborted as a crash.
 */
#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant broken: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/*
 * Parameters are taken from the input front to back; once it runs out
 * every further value is zero, so that a short input still means
 * something and libFuzzer can grow it a byte at a time.
 */
struct fuzz_bytes {
	const uint8_t *p;
	size_t left;
};

static inline uint8_t fuzz_u8(struct fuzz_bytes *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static inline uint32_t fuzz_u32(struct fuzz_bytes *in)
{
	uint32_t v = 0;

	for (int i = 0; i < 4; i++)
		v = v << 8 | fuzz_u8(in);
	return v;
}

static inline uint64_t fuzz_u64(struct fuzz_bytes *in)
{
	uint64_t hi = fuzz_u32(in);

	return hi << 32 | fuzz_u32(in);
}

static inline bool fuzz_bool(struct fuzz_bytes *in)
{
	return fuzz_u8(in) & 1;
}

/*
 * A report for each SLOT, made once and reachable to the end of the run:
 * a target calls the validator millions of times.
 */
static inline struct gsw_report *fuzz_report(unsigned int slot)
{
	static struct gsw_report *reports[4];

	FUZZ_CHECK(slot < 4);
	if (!reports[slot])
		reports[slot] = gsw_report_new();
	FUZZ_CHECK(reports[slot] != NULL);
	return reports[slot];
}

/* gsw_validate(), which must not fail, then the worst severity or -1. */
static inline int fuzz_validate(const uint8_t *buf, size_t len,
				const struct gsw_file_facts *facts,
				struct gsw_report *report)
{
	FUZZ_CHECK(gsw_validate(buf, len, facts, report) == 0);
	return gsw_report_worst(report) == GSW_SEVERITY_NONE ? -1 :
	       (int)gsw_report_worst(report);
}

/* The findings' invariants that hold for any input. */
static inline void fuzz_check_report(const struct gsw_report *report, int worst)
{
	int max = -1;

	for (unsigned int i = 0; i < gsw_report_count(report); i++) {
		enum gsw_code code = gsw_report_code(report, i);
		enum gsw_severity severity = gsw_report_severity(report, i);

		FUZZ_CHECK((unsigned int)code < GSW_CODE_COUNT);
		FUZZ_CHECK(gsw_code_name(code) != NULL);
		FUZZ_CHECK(severity == GSW_NOTE || severity == GSW_WARNING ||
			   severity == GSW_ERROR);
		FUZZ_CHECK(gsw_severity_name(severity) != NULL);
		FUZZ_CHECK(gsw_report_message(report, i)[0] != '\0');
		if ((int)severity > max)
			max = (int)severity;
	}
	FUZZ_CHECK(worst == max);
}

static inline bool fuzz_has(const struct gsw_report *report, enum gsw_code code)
{
	return gsw_report_has(report, code);
}

/*
 * The ghost size rule in the words of ghostswap.h, written out again so
 * that gsw_ghost_size_check() is checked against it rather than trusted:
 * at most GSW_GHOST_MAX_PAGES, and more than the file holds.
 */
static inline enum gsw_ghost_size fuzz_ghost_rule(uint64_t pages,
						  unsigned int page_size,
						  uint64_t file_size)
{
	if (pages > GSW_GHOST_MAX_PAGES)
		return GSW_GHOST_SIZE_TOO_LARGE;
	/* at most 2^28 pages of at most 2^16 bytes */
	if (pages * page_size <= file_size)
		return GSW_GHOST_SIZE_NOT_LARGER;
	return GSW_GHOST_SIZE_OK;
}

#endif /* GSW_FUZZ_H */
