/* naming.c: how a confirmation names what a delete would remove: the object read first on a
 * terminal (its name, subdomain, a system tenant's data) and the PRODUCTION profile. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/resource.h"
#include "core/intl.h"
#include "core/text.h"

/* What the confirmation names: the object read first on a terminal (a tenant's name and
 * subdomain, a client's name, a system tenant's data), and the PRODUCTION profile; a new
 * string. NULL with c->conn.err set when the object is not there (nothing to delete). */
char *resource_delete_question(struct cli *c, bool yes, const struct api_target *t)
{
    const char *what = _(t->kind->singular);
    struct strbuf sb = SB_INIT;
    struct row *row = NULL;
    if (!yes && isatty(STDIN_FILENO) && (t->kind->ops & API_OP_GET)) {
        struct outcome o = {.c = c};
        api_get(c->conn.session, t, resource_on_row, &o);
        if (!resource_wait(c, &o) && c->conn.err.code == ST_NOT_FOUND)
            return NULL;
        err_clear(&c->conn.err); /* not read: the question names the ID alone */
        row = o.row;
    }
    const struct profile *p = c->conn.profile;
    if (p && p->production)
        /* TRANSLATORS: the start of the question "Really ...? [y/N]": %s is the profile's name;
         * the object to delete follows (e.g. tenant "acme" (acme, 7)); keep PRODUCTION in
         * capitals and the space at the end. */
        sb_addf(&sb, _("delete on the PRODUCTION profile \"%s\" "), p->name);
    else
        /* TRANSLATORS: the start of the question "Really ...? [y/N]": the object to delete
         * follows (e.g. tenant "acme" (acme, 7)); keep the space at the end. */
        sb_adds(&sb, _("delete "));
    const char *name = row ? model_row_get(row, "name") : NULL;
    const char *sub = row ? model_row_get(row, "subdomain") : NULL;
    const char *doc = row && t->kind->doc_field ? model_row_get(row, t->kind->doc_field) : NULL;
    struct strbuf words = SB_INIT; /* a system tenant's data: its name and plan, say */
    if (doc && *doc == '{') {
        static const char *const keys[] = {"name", "plan", "owner"};
        for (size_t k = 0; k < ARRAY_SIZE(keys); k++) {
            struct strbuf v = SB_INIT;
            model_json_key(doc, keys[k], &v);
            if (v.len)
                sb_addf(&words, "%s%s: %s", words.len ? ", " : "", keys[k], sb_str(&v));
            sb_free(&v);
        }
    }
    struct strbuf shown = SB_INIT; /* a server's words, made harmless for the terminal */
    if (name && *name) {
        text_add_neutral(&shown, name, false);
        sb_addf(&sb, "%s \"%s\" (", what, sb_str(&shown));
        sb_reset(&shown);
        if (sub && *sub) {
            text_add_neutral(&shown, sub, false);
            sb_addf(&sb, "%s, ", sb_str(&shown));
            sb_reset(&shown);
        }
        sb_addf(&sb, "%s)", t->id);
    } else if (words.len) {
        text_add_neutral(&shown, sb_str(&words), false);
        sb_addf(&sb, "%s %s (%s)", what, t->id, sb_str(&shown));
    } else {
        sb_addf(&sb, "%s %s", what, t->id);
    }
    if (t->parent)
        /* TRANSLATORS: follows a client in the delete question: %s is the tenant's ID; keep the
         * space at the start. */
        sb_addf(&sb, _(" of tenant %s"), t->parent);
    sb_free(&shown);
    sb_free(&words);
    model_row_free(row);
    return sb_steal(&sb);
}

