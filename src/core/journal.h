/* journal.h: the journal of every change. Each create, update and delete, from the console
 * or the command line, appends one JSON line to $XDG_STATE_HOME/tenantry/journal.jsonl (mode
 * 0600, its folder made 0700): when, which profile and API, what, which object, and how it
 * ended. Never a secret or a token. A line is one append (O_APPEND), so several processes
 * writing at once lose none. */
#ifndef TENANTRY_JOURNAL_H
#define TENANTRY_JOURNAL_H

#include <stdbool.h>

#include "core/json.h"
#include "core/status.h"

struct journal_entry;

/* The journal's path: $TENANTRY_JOURNAL when set, else $XDG_STATE_HOME/tenantry/journal.jsonl,
 * else under $HOME/.local/state. NULL without a home folder. A new string. */
char *journal_path(void);
/* A new entry for operation ("create", "update", "delete") on kind ("tenants"), timed now. */
struct journal_entry *journal_entry_new(const char *operation, const char *kind);
/* Set one of its strings: "profile", "api", "parent", "id", "name" (NULL: left out; set once
 * more, the last wins). */
void journal_entry_set(struct journal_entry *e, const char *key, const char *value);
/* An update: add a field it sent. */
void journal_entry_add_field(struct journal_entry *e, const char *field);
/* How it ended: code (ST_OK when done), the answer's HTTP status (0 when none came) and our
 * words for a failure (no server text, no secret; NULL when done). */
void journal_entry_end(struct journal_entry *e, enum status_code code, long status,
                       const char *error);
/* A failure that may have been carried out all the same (a send of it got no answer before a
 * refusal): its outcome is unknown. */
void journal_entry_unknown(struct journal_entry *e);
/* The outcome in words: "done", "failed", or "unknown: answer lost" (no answer came, or one
 * send got none before a refusal, so the change may or may not have been made). */
const char *journal_entry_outcome(const struct journal_entry *e);
/* Append e as one line to the journal at path, making its folder. False with err set. */
bool journal_append(const char *path, const struct journal_entry *e, struct tn_error *err);
void journal_entry_free(struct journal_entry *e);
/* Call fn(ud, entry) for each line of the journal at path, oldest first; a line that is not a
 * JSON object is counted in *bad and skipped. A journal not there yet has no lines. False with
 * err set when it cannot be read. */
bool journal_each(const char *path, void (*fn)(void *ud, const cJSON *entry), void *ud,
                  size_t *bad, struct tn_error *err);

#endif
