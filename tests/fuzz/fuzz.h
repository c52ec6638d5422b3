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

/* The findings' invariants that hold for any input. */
static inline void fuzz_check_report(const struct gsw_report *report, int worst)
{
	int max = -1;

	FUZZ_CHECK(report->count <= GSW_MAX_FINDINGS);
	for (unsigned int i = 0; i < report->count; i++) {
		const struct gsw_finding *f = &report->findings[i];

		FUZZ_CHECK((unsigned int)f->code < GSW_CODE_COUNT);
		FUZZ_CHECK(strcmp(gsw_code_name(f->code), "unknown") != 0);
		FUZZ_CHECK(f->severity == GSW_NOTE || f->severity == GSW_WARNING ||
			   f->severity == GSW_ERROR);
		FUZZ_CHECK(strcmp(gsw_severity_name(f->severity), "unknown") != 0);
		FUZZ_CHECK(memchr(f->message, '\0', sizeof(f->message)) != NULL);
		FUZZ_CHECK(f->message[0] != '\0');
		if ((int)f->severity > max)
			max = (int)f->severity;
	}
	FUZZ_CHECK(worst == max);
}

static inline bool fuzz_has(const struct gsw_report *report, enum gsw_code code)
{
	for (unsigned int i = 0; i < report->count; i++)
		if (report->findings[i].code == code)
			return true;
	return false;
}

/* A finding may be missing only because the report was full. */
static inline bool fuzz_room(const struct gsw_report *report)
{
	return report->count < GSW_MAX_FINDINGS;
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
