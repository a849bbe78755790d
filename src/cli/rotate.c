/* rotate.c: a client's secret rotated: a new client with the old one's name and roles, then
 * the old one deleted or kept. The journal marks which is which ("rotates", "rotated_by"). */
#include "config.h"

#include "cli/rotate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/resource.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/rotate.h"
#include "core/text.h"
#include "core/util.h"

/* The old client's name and roles, read from its tenant's list (the API has no GET of one
 * client). False with c's error set when it cannot be found or read. */
static bool find_old(struct cli *c, const struct api_target *t, cJSON **out)
{
    char *next = NULL;
    bool found = false;
    do {
        struct outcome o = {.c = c};
        struct api_target lt = {.kind = t->kind, .parent = t->parent};
        api_list(c->conn.session, &lt, next, 1000, NULL, resource_on_page, &o);
        free(next);
        next = NULL;
        if (!resource_wait(c, &o)) {
            model_page_clear(&o.page);
            err_prefix(&c->conn.err, _("nothing was changed: the client could not be read"));
            return false;
        }
        for (size_t i = 0; i < o.page.n && !found; i++) {
            const struct row *r = o.page.rows[i];
            if (strcmp(model_row_id(r), t->id))
                continue;
            *out = r->raw ? json_parse(r->raw, strlen(r->raw)) : NULL;
            found = *out != NULL;
        }
        if (!found && o.page.n && o.page.next)
            next = xstrdup(o.page.next);
        model_page_clear(&o.page);
    } while (next);
    if (!found)
        err_set(&c->conn.err, ST_NOT_FOUND,
                /* TRANSLATORS: the tenant's ID, then the client's ID. */
                _("tenant %s has no client %s: nothing was changed"), t->parent, t->id);
    return found;
}

/* Create the new client with old's name and roles; its row, or NULL with c's error set. */
static struct row *create_new(struct cli *c, const struct api_target *t, const cJSON *old)
{
    const char *name = json_get_string(old, "name");
    const cJSON *roles = cJSON_GetObjectItemCaseSensitive(old, "roles");
    const char **v = xcalloc((size_t)cJSON_GetArraySize(roles) + 1, sizeof(*v));
    size_t k = 0;
    const cJSON *each;
    cJSON_ArrayForEach(each, roles)
    {
        if (cJSON_IsString(each))
            v[k++] = each->valuestring;
    }
    struct outcome o = {.c = c};
    struct api_call *call = rotate_create(c->conn.session, t, name, v, k, resource_on_row, &o,
                                          &c->conn.err);
    free(v);
    if (!call)
        return NULL;
    if (!resource_wait(c, &o)) {
        model_row_free(o.row);
        rotate_create_failed(&c->conn.err, t->id);
        return NULL;
    }
    return o.row;
}

/* Delete the old client, its journal line naming the new one. */
static int delete_old(struct cli *c, const struct api_target *t, const char *new_id)
{
    struct outcome o = {.c = c};
    struct api_call *call = rotate_delete_old(c->conn.session, t, new_id, resource_on_done, &o,
                                              &c->conn.err);
    if (!call || !resource_wait(c, &o)) {
        /* TRANSLATORS: the new client's ID, then the old client's ID. */
        err_prefix(&c->conn.err, _("the new client %s is created (its secret is above), but the "
                                   "old one, %s, could not be deleted: it still works"),
                   new_id, t->id);
        /* TRANSLATORS: the program's name, the tenant's ID, then the old client's ID: keep the
         * command as it is. */
        err_hint(&c->conn.err, _("Delete it when you can: %s clients delete %s %s"),
                 util_progname(), t->parent, t->id);
        return (int)c->conn.err.code;
    }
    /* TRANSLATORS: the old client's ID, then the new client's ID. */
    fprintf(stderr, _("Deleted the old client %s: only the new one, %s, works now.\n"), t->id,
            new_id);
    return ST_OK;
}

int rotate_run(struct cli *c, const struct api_target *t, enum rotate_old old)
{
    cJSON *was = NULL;
    if (!find_old(c, t, &was))
        return (int)c->conn.err.code;
    struct row *row = create_new(c, t, was);
    cJSON_Delete(was);
    if (!row)
        return (int)c->conn.err.code;
    char *new_id = xstrdup(model_row_id(row));
    resource_print_object(c, row); /* the new secret, once */
    model_row_free(row);
    fflush(stdout);
    /* TRANSLATORS: the new client's ID, then the old client's ID. */
    fprintf(stderr, _("Created client %s with the name and roles of %s; both work now.\n"),
            new_id, t->id);
    int rc = ST_OK;
    bool remove = old == ROTATE_DELETE;
    if (old == ROTATE_ASK) {
        /* TRANSLATORS: a question (followed by [y/N]): %s is the old client's ID; "n" is the
         * answer that keeps it. */
        char *q = xasprintf(_("delete the old client %s now (keep it while its users move to "
                              "the new one: answer n)"),
                            t->id);
        remove = cli_confirm(c, false, q);
        free(q);
        err_clear(&c->conn.err); /* not confirmed, or no terminal: the old one is kept */
    }
    if (remove)
        rc = delete_old(c, t, new_id);
    else
        /* TRANSLATORS: the old client's ID; then the program's name, the tenant's ID and the
         * client's ID in a command kept as is. */
        fprintf(stderr, _("Kept the old client %s. Delete it once nothing uses it: %s clients "
                          "delete %s %s\n"),
                t->id, util_progname(), t->parent, t->id);
    free(new_id);
    return rc;
}
