/* jump.c: `:tenant X` and `:client X`: go to a row by its ID, label or name. */
#include "config.h"

#include "tui/jump.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/intl.h"
#include "core/list.h"
#include "core/util.h"
#include "tui/pane.h"
#include "tui/tui_state.h"

#define JUMP_WAIT_MS 30000 /* a jump waits this long for its list */

/* True when row i of l is what: its subdomain's label (field sub), or its name (field name),
 * in any case; a field index below 0 is a field the kind lacks. */
static bool names(const struct list *l, size_t i, int sub, int name, const char *what)
{
    if (sub >= 0) {
        const char *s = list_value(l, i, (size_t)sub);
        size_t n = strcspn(s, ".");
        if (n == strlen(what) && !strncasecmp(s, what, n))
            return true;
    }
    return name >= 0 && !strcasecmp(list_value(l, i, (size_t)name), what);
}

/* What the GET of an ID not loaded needs when it comes back. */
struct pending {
    struct tui *t;
    char *kind;
    char *what;
};

static void on_row(void *ud, struct row *row, const struct tn_error *err)
{
    struct pending *j = ud;
    j->t->jumps--;
    j->t->dirty = true;
    struct pane *p = tui_pane(j->t, j->kind);
    if (!row) {
        struct tn_error e = {0};
        err_copy(&e, err);
        /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English,
         * as in :tenants); the 2nd the ID or name looked for. */
        err_prefix(&e, _("no %s \"%s\""), j->kind, j->what);
        tui_error(j->t, &e);
        err_clear(&e);
    } else if (p && pane_show_row(p, row)) {
        /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English,
         * as in :tenants); the 2nd the ID or name looked for. */
        tui_message(j->t, _("Went to %s %s (read from the server: it was not loaded)"),
                    j->kind, j->what);
    } else if (p) {
        /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English,
         * as in :tenants); the 2nd the ID or name looked for. */
        tui_message(j->t, _("%s %s is there, but the filter hides it"), j->kind, j->what);
    }
    model_row_free(row);
    free(j->kind);
    free(j->what);
    free(j);
}

void jump_run(struct tui *t, const char *kind, const char *what)
{
    struct pane *p = tui_pane(t, kind);
    if (!p) {
        tui_message(t, _("This API has no %s"), kind);
        return;
    }
    if (!what || !*what) {
        /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English);
         * the 2nd the command ":tenant" or ":client" without its colon, kept as is; ID, LABEL
         * and NAME are placeholders. */
        tui_message(t, _("Name the %s to go to: :%s ID, LABEL or NAME"), kind,
                    !strcmp(kind, "tenants") ? "tenant" : "client");
        return;
    }
    for (size_t i = 0; i < t->npanes; i++)
        if (t->panes[i] == p)
            t->focus = i;
    t->dirty = true;
    if (pane_busy(p) || !list_started(pane_list(p))) { /* to be loaded: look when it is */
        free(t->jump_kind);
        free(t->jump_what);
        t->jump_kind = xstrdup(kind);
        t->jump_what = xstrdup(what);
        t->jump_since = util_now_ms();
        return;
    }
    const struct list *l = pane_list(p);
    const struct api_kind_def *k = pane_kind(p);
    size_t found = list_find(l, what);
    int sub = model_field_index(k, "subdomain"), name = model_field_index(k, "name");
    for (size_t i = 0; found == SIZE_MAX && i < list_count(l); i++)
        if (names(l, i, sub, name, what))
            found = i;
    if (found != SIZE_MAX) {
        if (!pane_select_index(p, found))
            /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients"
             * (English, as in :tenants); the 2nd the ID or name looked for. */
            tui_message(t, _("%s %s is loaded, but the filter hides it"), kind, what);
        return;
    }
    if (!(k->ops & API_OP_GET) || !t->c.session || !util_is_uuid(what)) {
        /* TRANSLATORS: the pane's command word, "tenants" or "clients" (English, as in
         * :tenants), the ID or name looked for, then the number loaded; G is a key, kept as is. */
        tui_message(t, _("No %s \"%s\" among the %zu loaded (G loads the rest)"), kind, what,
                    list_count(l));
        return;
    }
    struct pane *parent = k->parent ? tui_pane(t, k->parent) : NULL;
    struct api_target target = {.kind = k, .id = what,
                                .parent = parent ? pane_selected_id(parent) : NULL};
    struct pending *j = xcalloc(1, sizeof(*j));
    *j = (struct pending){t, xstrdup(kind), xstrdup(what)};
    api_get(t->c.session, &target, on_row, j);
    t->jumps++;
    /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English, as in
     * :tenants); the 2nd the ID or name looked for. */
    tui_message(t, _("Reading %s %s..."), kind, what);
}

void jump_tick(struct tui *t)
{
    if (!t->jump_what)
        return;
    struct pane *p = tui_pane(t, t->jump_kind);
    bool late = util_now_ms() - t->jump_since > JUMP_WAIT_MS;
    if (p && (pane_busy(p) || !list_started(pane_list(p))) && !late)
        return;
    char *kind = t->jump_kind, *what = t->jump_what;
    t->jump_kind = t->jump_what = NULL;
    if (p && late)
        /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients" (English,
         * as in :tenants); the 2nd the ID or name looked for. */
        tui_message(t, _("Gave up going to %s %s: its list did not load"), kind, what);
    else if (p)
        jump_run(t, kind, what);
    free(kind);
    free(what);
}
