/* history.h: what was typed at a prompt (filter, search, command line), kept between runs in
 * $XDG_STATE_HOME/tenantry/ (mode 0600, the folder 0700). Never a secret: only prompts that
 * hold none use it. */
#ifndef TENANTRY_HISTORY_H
#define TENANTRY_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX 200 /* lines kept a history */

struct history;

/* The history called name ("filter"): its lines read from $XDG_STATE_HOME/tenantry/NAME_history
 * (else $HOME/.local/state/...), or empty when there is none or it cannot be read. */
struct history *history_open(const char *name);
void history_free(struct history *h);
/* The number of lines, and line i (0 is the oldest). */
size_t history_count(const struct history *h);
const char *history_get(const struct history *h, size_t i);
/* Add text (not empty, one line) at the end, dropping an older copy of it and the oldest line
 * past HISTORY_MAX, and write the file (created 0600 in a 0700 folder, replaced atomically);
 * a file that cannot be written is left alone (the history stays for this run). */
void history_add(struct history *h, const char *text);

#endif
