/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Other formats on a new swap area, made invisible through libblkid so
 * that blkid never reports two formats on one area.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <blkid.h>

#include "ghostswap.h"
#include "io.h"
#include "wipe.h"

static blkid_probe new_probe(int fd)
{
	blkid_probe pr = blkid_new_probe();

	if (pr && blkid_probe_set_device(pr, fd, 0, 0) != 0) {
		blkid_free_probe(pr);
		pr = NULL;
	}
	return pr;
}

/* Is the signature PR found the swap one whose magic starts at OFF? */
static bool is_swap_at(blkid_probe pr, uint64_t off)
{
	const char *type = NULL, *magic_off = NULL;

	if (off == UINT64_MAX ||
	    blkid_probe_lookup_value(pr, "TYPE", &type, NULL) != 0 || !type ||
	    strcmp(type, "swap") != 0 ||
	    blkid_probe_lookup_value(pr, "SBMAGIC_OFFSET", &magic_off, NULL) != 0 ||
	    !magic_off)
		return false;
	return strtoumax(magic_off, NULL, 10) == off;
}

int gsw_wipe_foreign(int fd, bool keep_partition_table, char *pttype,
		     size_t pttype_len, uint64_t keep_swap_magic,
		     gsw_signature_cb cb, void *data)
{
	static const uint8_t zeros[GSW_OFF_VERSION];
	blkid_probe pr = new_probe(fd);
	int rc;

	if (!pr)
		return -ENOMEM;

	if (keep_partition_table) {
		const char *type = NULL;

		blkid_probe_enable_partitions(pr, 1);
		blkid_probe_enable_superblocks(pr, 0);
		if (blkid_do_fullprobe(pr) == 0 &&
		    blkid_probe_lookup_value(pr, "PTTYPE", &type, NULL) == 0 && type) {
			if (pttype && pttype_len) {
				strncpy(pttype, type, pttype_len - 1);
				pttype[pttype_len - 1] = '\0';
			}
			blkid_free_probe(pr);
			return 1;
		}
	}

	rc = gsw_pwrite_all(fd, zeros, sizeof(zeros), 0);
	if (rc == 0) {
		/*
		 * The same probe hunts the signatures: what it read before the
		 * boot sector was zeroed decides what it reports, as in mkswap.
		 */
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_enable_partitions(pr, 0);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_MAGIC | BLKID_SUBLKS_TYPE);
		while (blkid_do_probe(pr) == 0) {
			const char *type = NULL;
			bool keep = is_swap_at(pr, keep_swap_magic);

			if (cb && blkid_probe_lookup_value(pr, "TYPE", &type, NULL) == 0 && type)
				cb(type, data);
			/* a dry run hides it from the probe, which goes on */
			if (blkid_do_wipe(pr, keep) != 0) {
				rc = -EIO;
				break;
			}
			if (keep)
				rc = 2;
		}
	}
	blkid_free_probe(pr);
	return rc;
}
