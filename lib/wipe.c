/*
 * Foreign signatures, found and erased through libblkid so that blkid
 * never sees two formats on one area.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <blkid.h>

#include "ghostswap.h"

static blkid_probe new_probe(int fd, uint64_t offset)
{
	blkid_probe pr = blkid_new_probe();

	if (!pr)
		return NULL;
	if (blkid_probe_set_device(pr, fd, (blkid_loff_t)offset, 0) != 0) {
		blkid_free_probe(pr);
		return NULL;
	}
	return pr;
}

int gsw_probe_partition_table(int fd, uint64_t offset, char *type,
			      size_t typelen)
{
	blkid_probe pr = new_probe(fd, offset);
	const char *value = NULL;
	int found = 0;

	if (!pr)
		return -ENOMEM;
	blkid_probe_enable_superblocks(pr, 0);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC);
	if (blkid_do_fullprobe(pr) == 0 &&
	    blkid_probe_lookup_value(pr, "PTTYPE", &value, NULL) == 0 && value) {
		found = 1;
		if (type && typelen) {
			strncpy(type, value, typelen - 1);
			type[typelen - 1] = '\0';
		}
	}
	blkid_free_probe(pr);
	return found;
}

int gsw_wipe_signatures(int fd, uint64_t offset, bool wipe,
			gsw_signature_cb cb, void *data)
{
	blkid_probe pr = new_probe(fd, offset);
	int count = 0, rc = 0;

	if (!pr)
		return -ENOMEM;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_MAGIC | BLKID_SUBLKS_TYPE |
					  BLKID_SUBLKS_BADCSUM);
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_MAGIC | BLKID_PARTS_FORCE_GPT);

	while (blkid_do_probe(pr) == 0) {
		const char *type = NULL, *off = NULL;

		if (blkid_probe_lookup_value(pr, "TYPE", &type, NULL) != 0 &&
		    blkid_probe_lookup_value(pr, "PTTYPE", &type, NULL) != 0)
			type = "unknown";
		if (blkid_probe_lookup_value(pr, "SBMAGIC_OFFSET", &off, NULL) != 0)
			blkid_probe_lookup_value(pr, "PTMAGIC_OFFSET", &off, NULL);
		count++;
		if (cb)
			cb(type, off ? strtoll(off, NULL, 10) : -1, data);
		if (wipe && blkid_do_wipe(pr, 0) != 0) {
			rc = errno ? -errno : -EIO;
			break;
		}
	}
	blkid_free_probe(pr);
	return rc < 0 ? rc : count;
}
