/* jump.c: `:tenant X` and `:client X`: go to a row by its ID, label or name. */
#include "config.h"

#include "tui/jump.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/intl.h"
#include "core/list.h"
#include "core/phrase.h"
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
    size_t n = list_count(l);
    sb_reset(&t->progress);
    sb_addf(&t->progress,
            phrase_named_n(t->seek_kind, PH_JUMP_LOOKING, n,
                           /* TRANSLATORS: the label or name looked for, then the rows loaded
                            * ("1,200"; the plural follows it); Esc is a key. */
                           ngettext("Looking for \"%s\": %s loaded so far (Esc stops)",
                                    "Looking for \"%s\": %s loaded so far (Esc stops)", n)),
            t->seek_what, pane_count_text(n, a));
    t->dirty = true;
}

/* Say that what is loaded in the pane of kind, but its filter hides it. */
static void hidden(struct tui *t, const char *kind, const char *what)
{
    tui_message(t,
                phrase_named(kind, PH_JUMP_HIDDEN,
                             /* TRANSLATORS: %s is the ID, label or name looked for. */
                             _("%s is loaded, but the filter hides it")),
                what);
}

/* Say that none of the n rows of the whole list of kind is what. */
static void not_among(struct tui *t, const char *kind, const char *what, size_t n)
{
    tui_message(t,
                phrase_named_n(kind, PH_JUMP_NOT_AMONG, n,
                               /* TRANSLATORS: the ID, label or name looked for, then how many
                                * rows the whole list holds (the plural follows it). */
                               ngettext("No \"%s\" among the %zu (the whole list)",
                                        "No \"%s\" among the %zu (the whole list)", n)),
                what, n);
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
    size_t n = list_count(l); /* a variable: ngettext's two same forms fold to a literal */
    if (found != SIZE_MAX) {
        pane_load_on(p, false);
        if (pane_select_index(p, found))
            tui_message(t,
                        phrase_named_n(t->seek_kind, PH_JUMP_FOUND, n,
                                       /* TRANSLATORS: the label or name looked for, then the
                                        * rows loaded ("1,200"; the plural follows it). */
                                       ngettext("Went to %s (found after loading %s)",
                                                "Went to %s (found after loading %s)", n)),
                        t->seek_what, pane_count_text(n, a));
        else
            hidden(t, t->seek_kind, t->seek_what);
        seek_end(t);
    } else if (!list_more(l) && !pane_busy(p)) {
        not_among(t, t->seek_kind, t->seek_what, list_count(l));
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
    size_t n = p ? list_count(pane_list(p)) : 0;
    tui_message(t,
                phrase_named_n(t->seek_kind, PH_JUMP_STOPPED, n,
                               /* TRANSLATORS: the label or name looked for, then the rows
                                * loaded ("1,200"; the plural follows it). */
                               ngettext("Stopped looking for \"%s\" after loading %s",
                                        "Stopped looking for \"%s\" after loading %s", n)),
                t->seek_what, pane_count_text(n, a));
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
        err_prefix(&e,
                   phrase_named(j->kind, PH_JUMP_NO_SUCH,
                                /* TRANSLATORS: the start of an error (the reason follows): %s is
                                 * the ID looked for. */
                                _("no \"%s\"")),
                   j->what);
        tui_error(j->t, &e);
        err_clear(&e);
    } else if (p && pane_show_row(p, row)) {
        tui_message(j->t,
                    phrase_named(j->kind, PH_JUMP_READ,
                                 /* TRANSLATORS: %s is the ID looked for. */
                                 _("Went to %s (read from the server: it was not loaded)")),
                    j->what);
    } else if (p) {
        tui_message(j->t,
                    phrase_named(j->kind, PH_JUMP_THERE,
                                 /* TRANSLATORS: %s is the ID looked for. */
                                 _("%s is there, but the filter hides it")),
                    j->what);
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
        tui_message(t, "%s", phrase_named(kind, PH_NO_PANE, _("This API has no such list")));
        return;
    }
    if (!what || !*what) {
        tui_message(t, "%s",
                    phrase_named(kind, PH_JUMP_NAME_IT,
                                 /* TRANSLATORS: ID, LABEL and NAME are placeholders. */
                                 _("Name what to go to: ID, LABEL or NAME")));
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
            hidden(t, kind, what);
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
            not_among(t, kind, what, list_count(l));
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
    tui_message(t,
                phrase_named(kind, PH_JUMP_READING,
                             /* TRANSLATORS: %s is the ID looked for. */
                             _("Reading %s...")),
                what);
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
        tui_message(t,
                    phrase_named(kind, PH_JUMP_GAVE_UP,
                                 /* TRANSLATORS: %s is the ID, label or name looked for. */
                                 _("Gave up going to %s: its list did not load")),
                    what);
    else if (p)
        jump_run(t, kind, what);
    free(kind);
    free(what);
}
