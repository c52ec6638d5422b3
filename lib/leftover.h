/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * leftover.h - telling the user about temporary files that interrupted
 * runs left, which the tools never remove themselves.
 */
#ifndef GSW_LEFTOVER_H
#define GSW_LEFTOVER_H

/*
 * Warn about each file in the directory of PATH that has the temporary
 * name of gsw_write_file_atomic() and that no writer holds locked: the
 * remains of a run killed while replacing a file there.  They are named,
 * never removed: only the user can tell that such a file is not theirs.
 */
void gsw_report_leftovers(const char *path);

#endif /* GSW_LEFTOVER_H */
