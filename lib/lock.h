/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lock.h - the exclusive lock the tools take before they rewrite a device
 * or file, as util-linux mkswap --lock does: flock(LOCK_EX), waited for or
 * not.  Tool policy (it reads LOCK_BLOCK_DEVICE and speaks in mkswap's
 * words on stderr), so not part of the library's API.
 */
#ifndef GSW_LOCK_H
#define GSW_LOCK_H

enum gsw_lock {
	GSW_LOCK_NO = 0,
	GSW_LOCK_WAIT,		/* "yes" or "1" */
	GSW_LOCK_NONBLOCK,	/* "nonblock" */
	GSW_LOCK_INVALID,
};
/*
 * The mode string of --lock[=MODE], as mkswap reads it: "yes" without
 * MODE, and MODE without one leading '='.
 */
const char *gsw_lock_arg(const char *optarg);
/*
 * The mode ARG names (a --lock argument, NULL when not given), else the
 * one LOCK_BLOCK_DEVICE names, else DFLT.  An unknown name is reported
 * ("unsupported lock mode: ...") and gives GSW_LOCK_INVALID.
 */
enum gsw_lock gsw_lock_mode(const char *arg, enum gsw_lock dflt);
/*
 * Take the lock MODE asks for on FD; a wait is announced on stderr with
 * NAME as mkswap does.  Returns 0, -EWOULDBLOCK when MODE is
 * GSW_LOCK_NONBLOCK and another holds the lock (the caller says so), or
 * another -errno after saying why.
 */
int gsw_lock_fd(int fd, const char *name, enum gsw_lock mode);

#endif /* GSW_LOCK_H */
