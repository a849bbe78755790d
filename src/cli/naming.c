/* naming.c: how a confirmation names what a delete would remove: the object read first on a
 * terminal (its name, subdomain, a system tenant's data) and the PRODUCTION profile. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/resource.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/text.h"

/* What the confirmation names: the object read first on a terminal (a tenant's name and
 * subdomain, a client's name, a system tenant's data), and the PRODUCTION profile; a new
 * string. NULL with c->conn.err set when the object is not there (nothing to delete). */
char *resource_delete_question(struct cli *c, bool yes, const struct api_target *t)
{
    struct strbuf sb = SB_INIT; /* the object: "acme" (acme, ID), ID (its data) or ID */
    struct row *row = NULL;
    if (!yes && isatty(STDIN_FILENO) && (t->kind->ops & API_OP_GET)) {
        struct outcome o = {.c = c};
        api_get(c->conn.session, t, resource_on_row, &o);
        if (!resource_wait(c, &o) && c->conn.err.code == ST_NOT_FOUND)
            return NULL;
        err_clear(&c->conn.err); /* not read: the question names the ID alone */
        row = o.row;
    }
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
        sb_addf(&sb, "\"%s\" (", sb_str(&shown));
        sb_reset(&shown);
        if (sub && *sub) {
            text_add_neutral(&shown, sub, false);
            sb_addf(&sb, "%s, ", sb_str(&shown));
            sb_reset(&shown);
        }
        sb_addf(&sb, "%s)", t->id);
    } else if (words.len) {
        text_add_neutral(&shown, sb_str(&words), false);
        sb_addf(&sb, "%s (%s)", t->id, sb_str(&shown));
    } else {
        sb_adds(&sb, t->id);
    }
    sb_free(&shown);
    sb_free(&words);
    model_row_free(row);
    const struct profile *p = c->conn.profile;
    const struct api_kind_def *k = t->kind;
    char *q;
    if (p && p->production && t->parent)
        q = xasprintf(phrase(k, PH_DELETE_IN_PROD,
                             /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the
                              * profile's name, the object ("x" (ID), or its ID), then its
                              * parent's ID; keep PRODUCTION in capitals. */
                             _("delete on the PRODUCTION profile \"%s\" %s of %s")),
                      p->name, sb_str(&sb), t->parent);
    else if (p && p->production)
        q = xasprintf(phrase(k, PH_DELETE_ONE_PROD,
                             /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the
                              * profile's name, then the object ("x" (ID), or its ID); keep
                              * PRODUCTION in capitals. */
                             _("delete on the PRODUCTION profile \"%s\" %s")),
                      p->name, sb_str(&sb));
    else if (t->parent)
        q = xasprintf(phrase(k, PH_DELETE_IN,
                             /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the
                              * object ("x" (ID), or its ID), then its parent's ID. */
                             _("delete %s of %s")),
                      sb_str(&sb), t->parent);
    else
        q = xasprintf(phrase(k, PH_DELETE_ONE,
                             /* TRANSLATORS: the question "Really %s? [y/N]" asks this: the
                              * object ("x" (ID), or its ID). */
                             _("delete %s")),
                      sb_str(&sb));
    sb_free(&sb);
    return q;
}

