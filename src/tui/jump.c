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

/* The first row from from on that what names (its ID, label or name), or SIZE_MAX. */
static size_t find(const struct list *l, size_t from, const char *what)
{
    const struct api_kind_def *k = list_kind(l);
    int sub = model_field_index(k, "subdomain"), name = model_field_index(k, "name");
    size_t found = list_find(l, what);
    if (found != SIZE_MAX && found >= from)
        return found;
    for (size_t i = from; i < list_count(l); i++)
        if (!list_removed(l, i) && names(l, i, sub, name, what))
            return i;
    return SIZE_MAX;
}

/* The search by name is over (found, at the end, or stopped). */
static void seek_end(struct tui *t)
{
    struct pane *p = t->seek_kind ? tui_pane(t, t->seek_kind) : NULL;
    if (p)
        pane_on_page(p, NULL, NULL);
    free(t->seek_kind);
    free(t->seek_what);
    t->seek_kind = t->seek_what = NULL;
    sb_reset(&t->progress);
    t->dirty = true;
}

/* Say how far the search by name is. */
static void seek_progress(struct tui *t, const struct list *l)
{
    char a[32];
    sb_reset(&t->progress);
    /* TRANSLATORS: the pane's command word, "tenants" or "clients" (English, as in :tenants),
     * the label or name looked for, the rows loaded ("1,200"); Esc is a key. */
    sb_addf(&t->progress, _("Looking for %s \"%s\": %s loaded so far (Esc stops)"),
            t->seek_kind, t->seek_what, pane_count_text(list_count(l), a));
    t->dirty = true;
}

/* Look at the rows the last pages brought; stop when found or at the end of the list. */
static void seek_tick(struct tui *t)
{
    struct pane *p = tui_pane(t, t->seek_kind);
    const struct list *l = p ? pane_list(p) : NULL;
    if (!p || list_generation(l) != t->seek_gen) { /* the list was loaded again */
        seek_end(t);
        return;
    }
    size_t found = find(l, t->seek_from, t->seek_what);
    t->seek_from = list_count(l);
    char a[32];
    if (found != SIZE_MAX) {
        pane_load_on(p, false);
        if (pane_select_index(p, found))
            /* TRANSLATORS: the pane's command word, "tenants" or "clients" (English), the
             * label or name looked for, the rows loaded ("1,200"). */
            tui_message(t, _("Went to %s %s (found after loading %s)"), t->seek_kind,
                        t->seek_what, pane_count_text(list_count(l), a));
        else
            tui_message(t, _("%s %s is loaded, but the filter hides it"), t->seek_kind,
                        t->seek_what);
        seek_end(t);
    } else if (!list_more(l) && !pane_busy(p)) {
        /* TRANSLATORS: as "No %s \"%s\" among the %zu (the whole list)" above. */
        tui_message(t, _("No %s \"%s\" among the %zu (the whole list)"), t->seek_kind,
                    t->seek_what, list_count(l));
        seek_end(t);
    } else if (!pane_busy(p) && !pane_loading_on(p)) { /* a page failed (its error shown) */
        seek_end(t);
    } else {
        seek_progress(t, l);
    }
}

/* A page came while looking: look at it before the next is asked for. */
static void seek_landed(void *ud, struct pane *p)
{
    (void)p;
    seek_tick(ud);
}

bool jump_stop(struct tui *t)
{
    if (!t->seek_what)
        return false;
    struct pane *p = tui_pane(t, t->seek_kind);
    if (p)
        pane_stop(p);
    char a[32];
    /* TRANSLATORS: the pane's command word, "tenants" or "clients" (English), the label or
     * name looked for, the rows loaded ("1,200"). */
    tui_message(t, _("Stopped looking for %s \"%s\" after loading %s"), t->seek_kind,
                t->seek_what, pane_count_text(p ? list_count(pane_list(p)) : 0, a));
    seek_end(t);
    return true;
}

void jump_drop(struct tui *t)
{
    seek_end(t);
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
    size_t found = find(l, 0, what);
    if (found != SIZE_MAX) {
        if (!pane_select_index(p, found))
            /* TRANSLATORS: the 1st %s is the pane's command word, "tenants" or "clients"
             * (English, as in :tenants); the 2nd the ID or name looked for. */
            tui_message(t, _("%s %s is loaded, but the filter hides it"), kind, what);
        return;
    }
    if (!(k->ops & API_OP_GET) || !t->c.session || !util_is_uuid(what)) {
        if (list_more(l)) { /* load on, looking at each page, until found or the end */
            seek_end(t);
            t->seek_kind = xstrdup(kind);
            t->seek_what = xstrdup(what);
            t->seek_from = list_count(l);
            t->seek_gen = list_generation(l);
            pane_on_page(p, seek_landed, t);
            pane_load_on(p, true);
            seek_progress(t, l);
        } else {
            /* TRANSLATORS: the pane's command word, "tenants" or "clients" (English, as in
             * :tenants), the ID or name looked for, then the number of rows in the list. */
            tui_message(t, _("No %s \"%s\" among the %zu (the whole list)"), kind, what,
                        list_count(l));
        }
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
    if (t->seek_what)
        seek_tick(t);
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
