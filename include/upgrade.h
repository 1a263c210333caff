/*
 * upgrade: the line that says the store is being upgraded, for
 * store_open_notice's notice: the commands, and the reader before curses
 * starts, say it on stderr while a long upgrade runs.
 */
#ifndef ORRERY_UPGRADE_H
#define ORRERY_UPGRADE_H

#include <stdint.h>

/* "orrery: upgrading the store (1,000,000 entries)..." on stderr. */
void upgrade_notice(int64_t entries);

#endif
