/* profile_file.h: the profiles file on disk, for core/profile.c only: reading it safely and
 * the atomic save. */
#ifndef TENANTRY_PROFILE_FILE_H
#define TENANTRY_PROFILE_FILE_H

#include <libconfig.h>
#include <stdbool.h>
#include <sys/stat.h>

#include "core/status.h"
#include "core/util.h"

#define DIGITS "0123456789"
#define LETTERS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/* The folder part of path ("." when none; a new string). */
char *profile_file_dir(const char *path);
/* Read path into text (empty; wipe it after use) and its status into st. A missing file gives
 * true with *exists false. Refuses anything but a regular file, a file someone else owns or can
 * change, one over 1 MiB or with a NUL byte. Integer literals beyond 32 bits come out marked
 * with "L", so that libconfig sees their real value rather than cutting them to an int. */
bool profile_file_read(const char *path, bool *exists, struct stat *st, struct strbuf *text,
                       struct tn_error *err);
/* Check each file that text names with "@include" (relative names are in dir), and each file
 * those include, as profile_file_read checks the profiles file: false with err naming the
 * first one refused. */
bool profile_file_check_includes(const char *text, const char *dir, struct tn_error *err);
/* For a file holding an inline secret: false with err set (and the chmod 600 hint) when its
 * mode in st lets others read it. */
bool profile_file_check_private(const char *path, const struct stat *st, struct tn_error *err);
/* Write cfg to path (through a symbolic link to where it points) atomically, as profile_save
 * in core/profile.h describes. */
bool profile_file_save(const char *path, const config_t *cfg, struct tn_error *err);

/* How long profile_file_lock waits for another writer's lock (ms). */
#define PROFILE_LOCK_WAIT_MS 20000
/* Take the lock file of path (PATH.lock, made with O_EXCL and holding our process ID, as git
 * does), waiting up to PROFILE_LOCK_WAIT_MS for another writer; its name (for
 * profile_file_unlock), or NULL with err set: a lock left by a process that is gone, or held
 * too long, is named with its age and the command that removes it. */
char *profile_file_lock(const char *path, struct tn_error *err);
/* Remove the lock file lock and free the name; NULL is fine. */
void profile_file_unlock(char *lock);
/* Remove the temp files an interrupted save of path left in its folder (call it holding the
 * lock). */
void profile_file_clean_temps(const char *path);

#endif
