/* resource.h: the verbs of a resource (environments, tenants, clients: list, get, create,
 * update, edit, delete, as the profile's API offers them), and what resource.c shares with
 * the edit verb (edit.c). */
#ifndef TENANTRY_CLI_RESOURCE_H
#define TENANTRY_CLI_RESOURCE_H

#include <stdbool.h>

#include "cli/cli.h"

/* Run `RESOURCE VERB ...` (argv[0] is the resource) for kind; ST_OK, an error code (c's error
 * set), or -1 when help was printed. */
int cli_resource(struct cli *c, const struct api_kind_def *kind, int argc, char **argv);

/* For completion: the i-th verb kind offers (NULL past the last), and its summary. */
const char *resource_verb(const struct api_kind_def *kind, size_t i, const char **summary);
/* For completion: the long options of verb on kind (NULL-terminated, to be freed) and how many
 * arguments it takes; NULL when kind has no such verb. */
struct option *resource_verb_options(const struct api_kind_def *kind, const char *verb,
                                     int *npositional);

/* The outcome a callback stores for the waiting command. */
struct outcome {
    struct cli *c;
    struct page page;
    struct row *row;
    bool done;
};

/* The callback of a get, create or update: stores the row and the error in the outcome ud. */
void resource_on_row(void *ud, struct row *row, const struct tn_error *err);
/* The callback of a list: stores the page and the error in the outcome ud. */
void resource_on_page(void *ud, struct page *page, const struct tn_error *err);
/* The callback of a delete: stores the error in the outcome ud. */
void resource_on_done(void *ud, const struct tn_error *err);
/* Wait for a call; false when it failed (c->conn.err set). */
bool resource_wait(struct cli *c, struct outcome *o);
/* The list verb (list.c): one page of limit rows (0: the profile's page size) from cursor
 * (NULL: the first), or every page when all; the exit status. */
int resource_list(struct cli *c, const struct api_target *t, long long limit, bool all,
                  const char *cursor);
/* Replace *value, a name of an object of kind ref (an environment called "au01"), by its ID
 * (list.c): list the kind and match the ID or the name. False with c->conn.err set when none
 * or several match; *owned receives the new string to free. */
bool resource_resolve_ref(struct cli *c, const char *ref, const char **value, char **owned);
/* The words of a delete's confirmation (naming.c): "delete tenant \"Acme\" (acme..., ID)",
 * the object read first on a terminal unless yes, and "on the PRODUCTION profile" where so; a
 * new string. NULL with c->conn.err set when the object is not there. */
char *resource_delete_question(struct cli *c, bool yes, const struct api_target *t);
/* Print a row on its own, in the command's format. */
void resource_print_object(struct cli *c, const struct row *row);

/* The edit verb on t: the object's document in $VISUAL or $EDITOR, sent with the version
 * read. replace_data: edit from an empty object where the server does not return the
 * document (else refused); merge: after a conflict, merge the changes into the server's
 * version in the editor without asking. The exit status. */
int edit_run(struct cli *c, const struct api_target *t, bool replace_data, bool merge);

#endif
