/* docedit.h: editing an object's JSON document (a system tenant's data) in the operator's
 * editor: the file to edit, running $VISUAL/$EDITOR on it, and reading the edit back. No
 * curses here: the console suspends itself around editor_run. */
#ifndef TENANTRY_DOCEDIT_H
#define TENANTRY_DOCEDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/status.h"

#define DOCEDIT_MAX (1024 * 1024) /* the most an edited file may hold */

/* A new 0600 file (in $TMPDIR, else /tmp) named tenantry-WHAT-XXXXXX.json holding text; its
 * path (to free), or NULL with err set. */
char *docedit_write_temp(const char *what, const char *text, struct tn_error *err);
/* The text to edit for row: its JSON (pretty-printed) with the document field (row->def's
 * doc_field) present, {} when the server did not send it. */
char *docedit_text(const struct row *row);
/* True when row holds its document field as an object: false when the server did not send
 * it (a server that keeps data write-only), where an edit would replace data nobody saw. */
bool docedit_has_doc(const struct row *row);
/* The member of an edited file that lists the keys both sides changed, which must be removed
 * (once they are settled) before the file is accepted. */
#define DOCEDIT_CONFLICTS "_conflicts"
/* The text to merge by hand after a conflict: server (the object now) with the changes of
 * mine (the edited document, compact JSON) since base (the object the edit started from)
 * applied key by key to its document; keys both changed keep the server's value and are
 * listed first, in DOCEDIT_CONFLICTS, with the three values. *nconflicts: how many. When the
 * server did not send its document, the document is mine. */
char *docedit_merge_text(const struct row *base, const struct row *server, const char *mine,
                         size_t *nconflicts);
/* The command that edits files: $VISUAL, else $EDITOR, else "vi". */
const char *docedit_editor(void);
/* Run the editor on path and wait for it; false with err set when it could not start or did
 * not exit with status 0. The terminal must be the editor's meanwhile. */
bool editor_run(const char *path, struct tn_error *err);
/* Read a file (path "-": standard input) of at most DOCEDIT_MAX bytes into a new
 * NUL-terminated string; NULL with err set (naming the file). */
char *docedit_read_file(const char *path, struct tn_error *err);

/* What an edit of row's text gave. */
struct docedit_result {
    char *doc;          /* the document as compact JSON (to send), NULL when unusable */
    bool changed;       /* the document differs from the row's (when the row has none: the
                         * edit wrote something into the empty object it was given) */
    char *ignored;      /* other fields changed in the file (not sent), comma-separated, or NULL */
};
/* Read back text, an edit of docedit_text(row): it must be a JSON object whose doc field is
 * an object, without DOCEDIT_CONFLICTS. False with err set (ST_USAGE, saying what is wrong). */
bool docedit_parse(const struct row *row, const char *text, struct docedit_result *out,
                   struct tn_error *err);
void docedit_result_free(struct docedit_result *r);

#endif
