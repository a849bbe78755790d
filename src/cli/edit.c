/* edit.c: the edit verb: an object's document in the operator's editor, saved with the
 * version it was read at; after a conflict, the changes merged into the server's version
 * (core/merge) and edited again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/resource.h"
#include "core/docedit.h"
#include "core/intl.h"
#include "core/text.h"

/* One edit under way. */
struct edit {
    struct cli *c;
    const struct api_target *t;
    struct row *base; /* the object the edit is based on (its version is sent) */
    char *path;       /* the file holding the edit */
};

/* Read the object; NULL with c->conn.err set. */
static struct row *read_object(struct cli *c, const struct api_target *t)
{
    struct outcome o = {.c = c};
    api_get(c->conn.session, t, resource_on_row, &o);
    if (!resource_wait(c, &o)) {
        model_row_free(o.row);
        return NULL;
    }
    return o.row;
}

/* Refuse an edit of a document the server does not return, unless replace_data. */
static bool may_edit(struct edit *e, bool replace_data)
{
    const struct api_kind_def *k = e->t->kind;
    if (docedit_has_doc(e->base))
        return true;
    if (replace_data) {
        /* TRANSLATORS: the program's name, then the name of the edited field (e.g. "data"), kept
         * as is; keep --replace-data as it is. */
        fprintf(stderr, _("%s: this server does not return %s: what you save replaces all of "
                          "it (--replace-data)\n"), util_progname(), k->doc_field);
        return true;
    }
    /* TRANSLATORS: the 1st %s is the edited field's name (e.g. "data"); the 2nd and 3rd make a
     * command: the kind's command word (e.g. "tenants") and the field's name as an option; keep
     * them and FILE as they are. */
    err_set(&e->c->conn.err, ST_USAGE, _("this server does not return %s; an edit would "
                                         "replace all of it: use %s update --%s FILE"),
            k->doc_field, k->name, k->doc_field);
    /* TRANSLATORS: the part in `...` is a command, kept as is: the program's name, the kind's
     * command word, the ID, the field's name (an option), the version field's name (an option)
     * and the version; the last %s is the field's name (e.g. "data"); keep --replace-data as it
     * is. */
    err_hint(&e->c->conn.err, _("`%s %s update %s --%s FILE --%s %s` sends a whole new %s; "
                                "--replace-data edits from an empty object, replacing all of "
                                "it. Nothing was sent."),
             util_progname(), k->name, e->t->id, k->doc_field, k->version_field,
             model_row_get(e->base, k->version_field), k->doc_field);
    return false;
}

/* Whether to merge after a conflict: --merge, or the operator says so on the terminal. The
 * conflict's error stays in c->conn.err either way. */
static bool want_merge(struct edit *e, const char *version, bool merge)
{
    if (merge)
        return true;
    if (!isatty(STDIN_FILENO))
        return false;
    struct tn_error conflict = {0};
    err_move(&conflict, &e->c->conn.err);
    fprintf(stderr, "%s: %s\n", util_progname(), conflict.message);
    /* TRANSLATORS: the question "Really %s? [y/N]" asks this: %s is the server's version. */
    char *what = xasprintf(_("merge your changes into version %s in the editor"), version);
    bool yes = cli_confirm(e->c, false, what);
    free(what);
    err_move(&e->c->conn.err, &conflict);
    return yes;
}

/* After a conflict (server: the object now): the file to merge by hand, replacing the edit's
 * file; false (c->conn.err kept) when it cannot be written. */
static bool start_merge(struct edit *e, struct row *server, const char *mine)
{
    size_t n;
    char *text = docedit_merge_text(e->base, server, mine, &n);
    struct tn_error err = {0};
    char *path = docedit_write_temp(e->t->kind->name, text, &err);
    free(text);
    if (!path) {
        err_clear(&err);
        return false;
    }
    unlink(e->path); /* the merge holds the edit too: each change applied, or listed */
    free(e->path);
    e->path = path;
    model_row_free(e->base);
    e->base = server;
    err_clear(&e->c->conn.err);
    if (n)
        /* TRANSLATORS: the program's name, the server's version, then the member's name
         * "_conflicts" (kept as is). */
        fprintf(stderr, _("%s: merging into version %s: the keys changed on both sides are "
                          "listed in \"%s\" at the top of the file; settle them, then remove "
                          "it\n"), util_progname(), model_row_get(server, e->t->kind->version_field),
                DOCEDIT_CONFLICTS);
    else
        /* TRANSLATORS: the program's name, then the server's version. */
        fprintf(stderr, _("%s: merging into version %s: your changes are applied to it\n"),
                util_progname(), model_row_get(server, e->t->kind->version_field));
    return true;
}

/* Run the editor on the file and send what it holds. ST_OK when saved or unchanged (*again:
 * false), the failure otherwise (*again: true when a merge is to be edited). */
static int edit_once(struct edit *e, bool merge, bool *again)
{
    struct cli *c = e->c;
    const struct api_kind_def *k = e->t->kind;
    *again = false;
    if (!editor_run(e->path, &c->conn.err))
        return (int)c->conn.err.code;
    struct docedit_result r = {0};
    char *edited = docedit_read_file(e->path, &c->conn.err);
    if (!edited || !docedit_parse(e->base, edited, &r, &c->conn.err)) {
        free(edited);
        return (int)c->conn.err.code;
    }
    free(edited);
    if (r.ignored) { /* key names the server's data held: neutralised */
        struct strbuf keys = SB_INIT;
        text_add_neutral(&keys, r.ignored, false);
        /* TRANSLATORS: the program's name, the edited field's name (e.g. "data"), then the other
         * keys changed (names, kept as is). */
        fprintf(stderr, _("%s: only \"%s\" is sent; the changes to %s are not\n"),
                util_progname(), k->doc_field, sb_str(&keys));
        sb_free(&keys);
    }
    if (!r.changed) {
        fprintf(stderr, _("Nothing changed; nothing was sent.\n"));
        docedit_result_free(&r);
        return ST_OK;
    }
    struct api_value v[] = {{k->doc_field, r.doc},
                            {k->version_field, model_row_get(e->base, k->version_field)}};
    struct api_values in = {v, ARRAY_SIZE(v)};
    struct outcome o = {.c = c};
    if (api_update(c->conn.session, e->t, &in, resource_on_row, &o, &c->conn.err) &&
        resource_wait(c, &o)) {
        resource_print_object(c, o.row);
        model_row_free(o.row);
        docedit_result_free(&r);
        return ST_OK;
    }
    int rc = (int)c->conn.err.code;
    struct row *server = c->conn.err.code == ST_CONFLICT ? o.row : NULL;
    const char *now = server ? model_row_get(server, k->version_field) : NULL;
    if (server && docedit_has_doc(server) && want_merge(e, now, merge) &&
        start_merge(e, server, r.doc)) {
        *again = true;
        o.row = NULL; /* the edit's base now */
    } else if (server) {
        /* TRANSLATORS: the 1st %s is the server's version; the 2nd is ", or add --merge to have
         * your changes merged into it in the editor" or empty. */
        err_hint(&c->conn.err, _("Someone changed it since it was read (it is at version %s "
                                 "now). Run the edit again and apply your change to that "
                                 "version%s."),
                 /* TRANSLATORS: added before the full stop of "...apply your change to that
                  * version%s."; keep the comma and the space at the start and --merge as it is. */
                 now, docedit_has_doc(server) ? _(", or add --merge to have your changes "
                                                 "merged into it in the editor")
                                              : "");
    }
    model_row_free(o.row);
    docedit_result_free(&r);
    return *again ? ST_OK : rc;
}

int edit_run(struct cli *c, const struct api_target *t, bool replace_data, bool merge)
{
    struct edit e = {.c = c, .t = t};
    e.base = read_object(c, t);
    if (!e.base)
        return (int)c->conn.err.code;
    if (!may_edit(&e, replace_data)) {
        model_row_free(e.base);
        return (int)c->conn.err.code;
    }
    char *text = docedit_text(e.base);
    e.path = docedit_write_temp(t->kind->name, text, &c->conn.err);
    free(text);
    int rc = e.path ? ST_OK : (int)c->conn.err.code;
    bool again = e.path != NULL;
    while (again)
        rc = edit_once(&e, merge, &again);
    if (e.path && rc != ST_OK) { /* said after the error, as its hint's last line */
        char *hint = c->conn.err.hint ? xstrdup(c->conn.err.hint) : NULL;
        /* TRANSLATORS: the 1st %s is the hint given already, the 2nd a line break after it (both
         * empty when there is none), the 3rd the file's path. */
        err_hint(&c->conn.err, _("%s%sYour edit is kept in %s"), hint ? hint : "",
                 hint ? "\n" : "", e.path);
        free(hint);
    } else if (e.path) {
        unlink(e.path);
    }
    free(e.path);
    model_row_free(e.base);
    return rc;
}
