/* xdg.h: where tenantry's files go (the XDG base directories: the profiles file under
 * $XDG_CONFIG_HOME, the journal and histories under $XDG_STATE_HOME) and making their folders. */
#ifndef TENANTRY_XDG_H
#define TENANTRY_XDG_H

#include <stdbool.h>

#include "core/status.h"

/* $ENV/NAME when the variable env holds an absolute path, else $HOME/HOME_SUB/NAME (the
 * password database's home when HOME is unset), e.g. ("XDG_STATE_HOME", ".local/state",
 * "tenantry/journal.jsonl"). NULL when there is no home folder. A new string. */
char *xdg_path(const char *env, const char *home_sub, const char *name);
/* mkdir -p dir, new folders mode 0700. False with err set (the folder, and why). */
bool xdg_make_dirs(const char *dir, struct tn_error *err);
/* Make the folders above the file path (as xdg_make_dirs). */
bool xdg_make_parent(const char *path, struct tn_error *err);

#endif
