/* watch.c: `:watch`: the focused list re-read while idle, what changed flagged in the pane. */
#include "config.h"

#include "tui/watch.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/list.h"
#include "core/walk.h"
#include "tui/pane.h"
#include "tui/tui_state.h"

#define WATCH_PAGES 5         /* a re-read reads at most this many pages (of the largest size) */
#define WATCH_MAX_S 86400     /* the longest period :watch takes */
#define SINCE_KEY "updated-after" /* the filter that asks only for what changed since */

struct watch {
    int64_t period_ms;
    int64_t next_at;          /* when the next re-read is due */
    struct pane *pane;        /* the pane the re-read in flight is for */
    unsigned gen;             /* its list's generation when the re-read began */
    struct api_call *call;
    struct walk *walk;
    struct page acc;          /* the rows read so far this round */
    struct list *seen;        /* the same, to look IDs up */
    size_t want;              /* rows to cover: as many as the pane has loaded */
    int pages;
    bool since_mode;          /* the kind can be asked for what changed after a date */
    char *since;              /* the latest change seen (the date), or NULL */
    bool failing;             /* the last re-read failed (said once) */
};

/* Forget the round in flight (cancelled), keeping the period. */
static void round_end(struct tui *t)
{
    struct watch *w = t->watch;
    if (w->call && t->c.session)
        api_cancel(t->c.session, w->call);
    w->call = NULL;
    w->pane = NULL;
    model_page_clear(&w->acc);
    list_free(w->seen);
    w->seen = NULL;
}

void watch_free(struct tui *t)
{
    if (!t->watch)
        return;
    round_end(t);
    walk_free(t->watch->walk);
    free(t->watch->since);
    free(t->watch);
    t->watch = NULL;
}

/* True when kind k's lists take the filter SINCE_KEY. */
static bool can_since(const struct api_kind_def *k)
{
    for (size_t i = 0; i < k->nfilters; i++)
        if (!strcmp(k->filters[i].key, SINCE_KEY))
            return true;
    return false;
}

/* Make *since the later of itself and date (an ISO 8601 text), when date is one. */
static void later(char **since, const char *date)
{
    int64_t a, b;
    if (!date || !util_parse_iso8601(date, &b))
        return;
    if (*since && util_parse_iso8601(*since, &a) && a >= b)
        return;
    free(*since);
    *since = xstrdup(date);
}

/* The latest updatedAt among the rows of l (the system API's tenants), into *since. */
static void latest_loaded(const struct list *l, char **since)
{
    int f = model_field_index(list_kind(l), "updatedAt");
    for (size_t i = 0; f >= 0 && i < list_count(l); i++)
        if (!list_removed(l, i))
            later(since, list_value(l, i, (size_t)f));
}

void watch_command(struct tui *t, const char *arg)
{
    long long secs = t->c.profile && t->c.profile->watch > 0 ? t->c.profile->watch
                                                            : PROFILE_DEFAULT_WATCH;
    if (arg && !strcmp(arg, "off")) {
        if (t->watch)
            tui_message(t, _("Stopped watching"));
        else
            tui_message(t, _("Not watching"));
        watch_free(t);
        return;
    }
    if (arg && *arg && !str_to_llong(arg, 1, WATCH_MAX_S, &secs)) {
        struct tn_error e = {0};
        /* TRANSLATORS: keep ":watch" as it is; the text typed, then the largest number. */
        err_set(&e, ST_USAGE, _(":watch %s: not a number of seconds from 1 to %d"), arg,
                WATCH_MAX_S);
        err_hint(&e, _("Try :watch 10, :watch (the profile's watch setting, else 10 s) or "
                       ":watch off."));
        tui_error(t, &e);
        err_clear(&e);
        return;
    }
    struct pane *p = tui_focused(t);
    if (!p || !t->c.session) {
        tui_message(t, _("Nothing to watch here"));
        return;
    }
    watch_free(t);
    struct watch *w = xcalloc(1, sizeof(*w));
    w->period_ms = secs * 1000;
    w->next_at = util_now_ms() + w->period_ms;
    w->walk = walk_new();
    t->watch = w;
    /* TRANSLATORS: %lld is a number of seconds; + and - are the marks drawn, ":watch off" a
     * command: keep them as they are. */
    tui_message(t, _("Watching the list every %lld s: new rows marked +, rows gone - (:watch off "
                     "stops)"),
                secs);
}

static void ask(struct tui *t, struct pane *p, const char *next);

/* Compare what the round read with the pane's rows, and take in what changed. */
static void compare(struct tui *t, struct pane *p, bool ended)
{
    struct watch *w = t->watch;
    const struct list *l = pane_list(p);
    const struct api_kind_def *k = pane_kind(p);
    size_t added = 0, gone = 0, changed = 0, last_known = 0;
    for (size_t r = 0; r < w->acc.n; r++) /* past the last row loaded: not loaded yet */
        if (list_find(l, model_row_id(w->acc.rows[r])) != SIZE_MAX)
            last_known = r + 1;
    int upd = model_field_index(k, "updatedAt");
    for (size_t r = 0; r < w->acc.n; r++) {
        const struct row *row = w->acc.rows[r];
        size_t i = list_find(l, model_row_id(row));
        if (w->since_mode && upd >= 0)
            later(&w->since, row->values ? row->values[upd] : NULL);
        if (i == SIZE_MAX) {
            /* new: among the rows loaded, or at the end of a list the pane holds whole (else
             * a row past what the pane loaded, not new) */
            if (w->since_mode || r < last_known || (ended && pane_whole(p))) {
                pane_insert_row(p, row);
                added++;
            }
            continue;
        }
        if (pane_flags(p, i) & PANE_GONE) /* back again */
            pane_set_flags(p, i, pane_flags(p, i) & ~PANE_GONE);
        bool same = true;
        for (size_t f = 0; row->values && f < k->nfields && same; f++)
            same = !strcmp(list_value(l, i, f), row->values[f] ? row->values[f] : "");
        if (!same) {
            pane_update_row(p, row);
            changed++;
        }
    }
    /* rows gone: only a re-read of the whole list can tell (the system API's changes since a
     * date never name a deleted tenant) */
    for (size_t i = 0; ended && !w->since_mode && i < list_count(l); i++)
        if (!list_removed(l, i) && !(pane_flags(p, i) & PANE_GONE) &&
            list_find(w->seen, list_id(l, i)) == SIZE_MAX) {
            pane_set_flags(p, i, pane_flags(p, i) | PANE_GONE);
            gone++;
        }
    if (added || gone || changed) /* else nothing is redrawn */
        /* TRANSLATORS: how many rows came, went and changed since the last re-read: three
         * counts, each 0, 1 or more, so write words that need not agree with them (as
         * "neu, weg, geändert", or "nouvelle(s)"). */
        tui_message(t, _("Watch: %zu new, %zu gone, %zu changed"), added, gone, changed);
}

/* A page of the re-read came. */
static void on_page(void *ud, struct page *page, const struct tn_error *err)
{
    struct tui *t = ud;
    struct watch *w = t->watch;
    struct pane *p = w->pane;
    w->call = NULL;
    if (err->code != ST_OK) {
        if (!w->failing) { /* said once, not every period */
            struct tn_error e = {0};
            err_copy(&e, err);
            /* TRANSLATORS: the start of an error's message: "watch: ..." (the :watch command). */
            err_prefix(&e, _("watch"));
            tui_error(t, &e);
            err_clear(&e);
        }
        w->failing = true;
        model_page_clear(page);
        round_end(t);
        return;
    }
    w->failing = false;
    if (!p || list_generation(pane_list(p)) != w->gen || tui_focused(t) != p) {
        model_page_clear(page); /* the list was loaded again, or another was focused */
        round_end(t);
        return;
    }
    list_add_page(w->seen, page);
    char *next = page->next && page->n ? xstrdup(page->next) : NULL;
    for (size_t i = 0; i < page->n; i++)
        model_page_add(&w->acc, page->rows[i]);
    page->n = 0;
    model_page_clear(page);
    w->pages++;
    /* on to the end when the pane holds the whole list; else as far as the pane has loaded */
    if (next && w->pages < WATCH_PAGES && (w->since_mode || pane_whole(p) || w->acc.n <= w->want)) {
        ask(t, p, next); /* the next page of the same round */
        free(next);
        return;
    }
    compare(t, p, !next);
    free(next);
    round_end(t);
}

/* The filters of a re-read of p: the pane's own, and on the system API the date of the last
 * change seen; into a new array *out (n of them). */
static struct api_value *round_filter(struct tui *t, struct pane *p, size_t *n)
{
    struct watch *w = t->watch;
    const struct filter_terms *sf = pane_server_terms(p);
    struct api_value *v = xcalloc(sf->n + 1, sizeof(*v));
    if (sf->n) /* (none: sf->v may be NULL) */
        memcpy(v, sf->v, sf->n * sizeof(*v));
    *n = sf->n;
    if (w->since_mode && w->since)
        v[(*n)++] = (struct api_value){SINCE_KEY, w->since};
    return v;
}

/* Ask for the next page of the round (next: its token, NULL for the first). */
static void ask(struct tui *t, struct pane *p, const char *next)
{
    struct watch *w = t->watch;
    size_t n;
    struct api_value *v = round_filter(t, p, &n);
    struct api_values filter = {v, n};
    struct api_target tg = {.kind = pane_kind(p), .parent = pane_parent(p),
                            .filter = n ? &filter : NULL, .parts = API_ROW_VALUES};
    w->call = api_list(t->c.session, &tg, next, api_page_size(t->c.session, true), w->walk,
                       on_page, t);
    free(v);
}

void watch_tick(struct tui *t)
{
    struct watch *w = t->watch;
    if (!w || w->call || !t->c.session)
        return;
    int64_t now = util_now_ms();
    if (now < w->next_at)
        return;
    /* paused while something covers the panes or waits for an answer */
    if (layers_at(&t->layers, LEVEL_OVERLAY) || layers_at(&t->layers, LEVEL_CONFLICT) ||
        layers_at(&t->layers, LEVEL_PROMPT) || layers_at(&t->layers, LEVEL_DIALOG))
        return;
    struct pane *p = tui_focused(t);
    if (!p || pane_busy(p) || !list_started(pane_list(p)) || t->export)
        return; /* the pane's own loading first */
    w->next_at = now + w->period_ms;
    w->pane = p;
    w->gen = list_generation(pane_list(p));
    w->want = list_live(pane_list(p));
    w->pages = 0;
    w->since_mode = can_since(pane_kind(p));
    if (w->since_mode && !w->since)
        latest_loaded(pane_list(p), &w->since);
    w->seen = list_new(pane_kind(p), false);
    walk_reset(w->walk);
    ask(t, p, NULL);
}
