/* marked.c: marks (Space, *, :mark) and the bulk delete of the marked rows: its dialog (a
 * form of tui/edit), then a job that runs core/bulk from the loop's ticks as a layer that
 * draws nothing and takes only Esc, so every other key reaches the panes meanwhile. */
#include "config.h"

#include "tui/marked.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bulk.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "tui/edit.h"
#include "tui/edit_impl.h"

#define NAMES_SHOWN 3 /* names the confirmation shows */

/* A bulk delete running. */
struct job {
    struct layer base; /* first: the job is a layer */
    struct tui *t;
    struct bulk *b;
    const struct api_kind_def *kind;
    char *pane;   /* the kind of pane its rows are in ("tenants") */
    char *parent; /* the parent they are listed under, or NULL */
    size_t gone, failed, unknown; /* 404s (deleted meanwhile), failures, outcomes unknown */
    bool stopped;
};

static const struct layer_ops job_ops;

/* The job running, or NULL. */
static struct job *job_of(const struct tui *t)
{
    return (struct job *)layers_find(&t->layers, &job_ops);
}

bool marked_busy(const struct tui *t)
{
    return job_of(t) != NULL;
}

/* ------------------------------------------------------------------ marking */

void marked_key(struct tui *t, enum action act)
{
    struct pane *p = tui_focused(t);
    if (!p)
        return;
    if (act == ACT_MARK) {
        if (!pane_mark_toggle(p))
            tui_message(t, _("Nothing selected to mark"));
        return;
    }
    size_t before = marks_count(pane_marks(p)), shown = pane_mark_all(p);
    size_t added = marks_count(pane_marks(p)) - before;
    char a[32], b[32], key[32];
    const struct api_kind_def *k = pane_kind(p);
    if (list_more(pane_list(p)))
        tui_message(t,
                    phrase_n(k, PH_MARKED_SHOWN_MORE, shown,
                             /* TRANSLATORS: how many rows are shown, how many of them were not
                              * marked before, then the key that loads the rest (G). */
                             ngettext("Marked the %s row shown (%s new); more are not loaded "
                                      "yet: %s loads them",
                                      "Marked the %s rows shown (%s new); more are not loaded "
                                      "yet: %s loads them",
                                      shown)),
                    pane_count_text(shown, a), pane_count_text(added, b),
                    keymap_hint(t->km, ACT_LAST, key));
    else
        tui_message(t,
                    phrase_n(k, PH_MARKED_SHOWN, shown,
                             /* TRANSLATORS: how many rows are shown, then how many of them were
                              * not marked before. */
                             ngettext("Marked the %s row shown (%s new)",
                                      "Marked the %s rows shown (%s new)", shown)),
                    pane_count_text(shown, a), pane_count_text(added, b));
}

void marked_command(struct tui *t, const char *arg)
{
    struct pane *p = tui_focused(t);
    if (p && arg && !strcmp(arg, "all")) {
        marked_key(t, ACT_MARK_ALL);
    } else if (p && arg && !strcmp(arg, "none")) {
        char a[32];
        size_t n = marks_count(pane_marks(p));
        pane_mark_clear(p);
        tui_message(t, ngettext("Unmarked %s row", "Unmarked %s rows", n), pane_count_text(n, a));
    } else if (p) {
        struct tn_error e = {0};
        err_set(&e, ST_USAGE, _(":mark takes all or none"));
        char key[32];
        err_hint(&e, _(":mark all marks every row the filter shows, :mark none clears the marks; "
                       "%s marks one row."),
                 keymap_hint(t->km, ACT_MARK, key));
        tui_error(t, &e);
        err_clear(&e);
    }
}

/* ------------------------------------------------------------------ the job */

/* The pane the job's rows are in, while it still lists them. */
static struct pane *job_pane(const struct job *j)
{
    struct pane *p = tui_pane(j->t, j->pane);
    const char *parent = p ? pane_parent(p) : NULL;
    if (!p || (j->parent ? !parent || strcmp(parent, j->parent) : parent != NULL))
        return NULL;
    return p;
}

/* One delete ended: its row goes, or stays marked with the error. */
static void on_item(void *ud, size_t i, const char *id, const struct tn_error *err)
{
    struct job *j = ud;
    (void)i;
    struct pane *p = job_pane(j);
    bool gone = err->code == ST_NOT_FOUND && !err->maybe_done; /* deleted by someone else */
    if (err->code == ST_OK || gone) {
        j->gone += gone;
        if (p)
            pane_remove_row(p, id); /* its mark goes with it */
    } else {
        j->failed += !err->maybe_done;
        j->unknown += err->maybe_done;
        char *text = err_format_line(err);
        char *why = err->maybe_done ? xasprintf(_("unknown whether it was deleted (an answer "
                                                  "was lost): %s"),
                                                text)
                                    : xstrdup(text);
        if (p)
            marks_set_error(pane_marks(p), id, why);
        free(why);
        free(text);
    }
    tui_dirty(j->t);
}

/* The summary once every delete has ended. */
static void summary(struct job *j)
{
    struct tui *t = j->t;
    size_t total = bulk_total(j->b), done = bulk_succeeded(j->b) + j->gone;
    size_t unsent = total - bulk_ended(j->b);
    char key[32];
    if (done == total) {
        tui_message(t,
                    phrase_n(j->kind, PH_DELETED_N, done,
                             ngettext("Deleted %zu row", "Deleted %zu rows", done)),
                    done);
        return;
    }
    struct tn_error e = {0};
    err_set(&e, j->failed ? ST_OTHER : ST_NETWORK,
            phrase_n(j->kind, PH_DELETED_SOME, total,
                     /* TRANSLATORS: how many were deleted, of how many (the plural follows it),
                      * then how many failed, had an unknown outcome (an answer lost: maybe
                      * deleted), were never sent (Esc). */
                     ngettext("Deleted %zu of %zu row: %zu failed, %zu unknown, %zu not sent",
                              "Deleted %zu of %zu rows: %zu failed, %zu unknown, %zu not sent",
                              total)),
            done, total, j->failed, j->unknown, unsent);
    err_hint(&e, _("Those not deleted stay marked (!: select one to see why); %s tries them "
                   "again."),
             keymap_hint(t->km, ACT_DELETE, key));
    tui_error(t, &e);
    err_clear(&e);
}

/* Esc: send no more; every other key is the panes'. */
static layer_result job_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct job *j = (struct job *)l;
    (void)key;
    if (act != ACT_BACK || j->stopped)
        return LAYER_NOT_MINE;
    j->stopped = true;
    bulk_stop(j->b);
    tui_message(t, _("Stopping: the deletes sent finish, no more are sent"));
    return LAYER_HANDLED | LAYER_REDRAW;
}

/* Send what the free slots allow; the summary and the end once all have ended. */
static void job_tick(struct layer *l, struct tui *t)
{
    struct job *j = (struct job *)l;
    if (bulk_pump(j->b))
        return;
    summary(j);
    layers_close(&t->layers, l, t);
}

static bool job_busy(const struct layer *l, const struct tui *t)
{
    (void)l;
    (void)t;
    return true; /* until it closes itself */
}

/* A profile switch or quit: what is in the air is cancelled. */
static void job_free(struct layer *l, struct tui *t)
{
    struct job *j = (struct job *)l;
    bulk_free(j->b);
    free(j->pane);
    free(j->parent);
    free(j);
    t->dirty = true;
}

static const struct layer_ops job_ops = {
    .name = "bulk",
    .level = LEVEL_BASE,
    .key = job_key,
    .busy = job_busy,
    .tick = job_tick,
    .free = job_free,
};

bool marked_status(const struct tui *t, struct strbuf *out)
{
    const struct job *j = job_of(t);
    if (j) {
        size_t total = bulk_total(j->b), ended = bulk_ended(j->b);
        size_t done = bulk_succeeded(j->b) + j->gone;
        char key[32];
        sb_addf(out,
                phrase_n(j->kind, PH_DELETING, total,
                         /* TRANSLATORS: how many are being deleted (the plural follows it),
                          * then how many are deleted, failed, and in flight so far. */
                         ngettext("Deleting %zu row: %zu deleted, %zu failed, %zu in flight",
                                  "Deleting %zu rows: %zu deleted, %zu failed, %zu in flight",
                                  total)),
                total, done, ended - done, bulk_in_flight(j->b));
        if (!j->stopped)
            sb_addf(out, _("; %s stops"), keymap_hint(t->km, ACT_BACK, key));
        else
            sb_adds(out, _("; stopping"));
        sb_adds(out, "  ");
        return true;
    }
    struct pane *p = tui_focused(t);
    const char *id = p ? pane_selected_id(p) : NULL;
    const char *why = id ? marks_error(pane_marks(p), id) : NULL;
    if (!why)
        return false;
    sb_addf(out, _("Not deleted: %s  "), why);
    return true;
}

/* ------------------------------------------------------------------ the dialog */

/* Enter on the confirmation: start the job. */
static void start(struct tui *t, struct edit *e)
{
    struct pane *p = tui_pane(t, e->name);
    struct marks *m = p ? pane_marks(p) : NULL;
    size_t n = m ? marks_count(m) : 0;
    if (!n) { /* cannot happen: the dialog is modal */
        edit_close(t);
        return;
    }
    const char **ids = xcalloc(n, sizeof(*ids));
    marks_list(m, ids, NULL, n);
    const struct profile *prof = api_profile(t->c.session);
    int in_flight = prof->in_flight > 0 ? prof->in_flight : PROFILE_DEFAULT_IN_FLIGHT;
    struct job *j = xcalloc(1, sizeof(*j));
    j->base.ops = &job_ops;
    j->t = t;
    j->kind = e->def;
    j->pane = xstrdup(e->name);
    j->parent = e->parent ? xstrdup(e->parent) : NULL;
    struct api_target tg = {.kind = e->def, .parent = e->parent};
    j->b = bulk_delete_new(t->c.session, &tg, ids, n, in_flight, on_item, j);
    free(ids);
    edit_close(t);
    layers_push(&t->layers, &j->base); /* sends from its first tick */
    t->dirty = true;
}

bool marked_delete(struct tui *t)
{
    struct pane *p = tui_focused(t);
    struct marks *m = p ? pane_marks(p) : NULL;
    size_t n = m ? marks_count(m) : 0;
    if (!n)
        return false;
    if (marked_busy(t)) {
        char key[32];
        tui_message(t, _("A bulk delete is running: wait for it, or press %s to stop it"),
                    keymap_hint(t->km, ACT_BACK, key));
        return true;
    }
    if (!edit_can_open(t, true))
        return true;
    const struct api_kind_def *k = pane_kind(p);
    if (!(k->ops & API_OP_DELETE)) {
        tui_message(t, "%s", phrase(k, PH_CANNOT_DELETE, _("This API cannot delete these")));
        return true;
    }
    struct edit *e = edit_new(t, EK_DELETE, k);
    e->submit = start;
    e->name = xstrdup(pane_ops(p)->kind); /* the pane, found again on Enter */
    e->parent = pane_parent(p) ? xstrdup(pane_parent(p)) : NULL;
    const char *names[NAMES_SHOWN];
    size_t shown = marks_list(m, NULL, names, NAMES_SHOWN);
    struct strbuf list = SB_INIT;
    for (size_t i = 0; i < shown; i++)
        sb_addf(&list, "%s\"%s\"", i ? ", " : "", names[i]);
    char count[32];
    snprintf(count, sizeof(count), "%zu", n);
    char *title = xasprintf(phrase_n(k, PH_DELETE_MARKED, n,
                                     /* TRANSLATORS: a dialog's title. */
                                     ngettext("Delete %zu marked row", "Delete %zu marked rows",
                                              n)),
                            n);
    e->form = form_new(title, _("delete"));
    free(title);
    char *note;
    if (n > shown)
        note = xasprintf(phrase_n(k, PH_DELETES_MORE, n,
                                  /* TRANSLATORS: how many (the plural follows it), the first
                                   * names quoted ("a", "b", "c"), then how many more. */
                                  ngettext("This deletes %zu row: %s and %zu more. It cannot be "
                                           "undone.",
                                           "This deletes %zu rows: %s and %zu more. It cannot be "
                                           "undone.",
                                           n)),
                         n, sb_str(&list), n - shown);
    else
        note = xasprintf(phrase_n(k, PH_DELETES, n,
                                  /* TRANSLATORS: how many, then their names quoted ("a", "b"). */
                                  ngettext("This deletes %zu row: %s. It cannot be undone.",
                                           "This deletes %zu rows: %s. It cannot be undone.", n)),
                         n, sb_str(&list));
    form_note(e->form, note);
    free(note);
    sb_free(&list);
    if (marks_failed(m)) {
        note = xasprintf(ngettext("%zu of them failed before: it is tried again.",
                                  "%zu of them failed before: they are tried again.",
                                  marks_failed(m)),
                         marks_failed(m));
        form_note(e->form, note);
        free(note);
    }
    const struct profile *prof = api_profile(t->c.session);
    char key[32];
    /* TRANSLATORS: how many deletes at once (keep "in_flight", a setting's name), then the key
     * that stops (Esc). */
    note = xasprintf(_("%d at a time (in_flight); %s stops sending more."),
                     prof->in_flight > 0 ? prof->in_flight : PROFILE_DEFAULT_IN_FLIGHT,
                     keymap_hint(t->km, ACT_BACK, key));
    form_note(e->form, note);
    free(note);
    note = xasprintf(_("Type the count, %s, to confirm."), count);
    form_note(e->form, note);
    free(note);
    e->confirm.word = xstrdup(count);
    form_text(e->form, "confirm", _("Count"), NULL, edit_check_word, &e->confirm, false);
    edit_confirm_production(e, prof);
    return true;
}
