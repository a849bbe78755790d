/* pane.c: a list pane: loading, selection, scrolling, filter and sort (its columns are
 * pane_columns.c's, its drawing pane_draw.c's). */
#include "config.h"

#include "tui/pane.h"
#include "tui/pane_impl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/log.h"
#include "core/text.h"
#include "tui/draw.h"
#include "tui/tui.h"

/* Every kind of pane; a kind is listed by the first that fits it. */
static const struct pane_ops *const all_panes[] = {&env_pane_ops, &tenant_pane_ops,
                                                   &client_pane_ops, &systenant_pane_ops};

const struct pane_ops *pane_ops_for(const struct api_kind_def *k)
{
    for (size_t i = 0; i < ARRAY_SIZE(all_panes); i++)
        if (!strcmp(all_panes[i]->kind, k->name) && (!all_panes[i]->fits || all_panes[i]->fits(k)))
            return all_panes[i];
    return NULL;
}

struct pane *pane_new(const struct pane_ops *ops, struct tui *app, const struct api_kind_def *k)
{
    if (!k)
        return NULL;
    struct pane *p = xcalloc(1, sizeof(*p));
    p->ops = ops;
    p->app = app;
    p->kind = k;
    p->list = list_new(k, !(k->ops & API_OP_GET)); /* (and pane_load asks for no raw then) */
    p->view = list_view_new(p->list);
    p->walk = walk_new();
    p->marks = marks_new();
    p->sort_col = -1;
    char *setting = tui_columns_setting(app, k->name); /* columns = { tenants = "..."; } */
    pane_set_columns(p, setting);
    free(setting);
    list_view_set(p->view, NULL, NULL, 0, ops->keep, p, -1, false);
    return p;
}

void pane_free(struct pane *p)
{
    if (!p)
        return;
    pane_cancel(p);
    list_view_free(p->view);
    columns_clear(&p->cs);
    free(p->dataspec);
    free(p->colspec);
    list_free(p->list);
    walk_free(p->walk);
    marks_free(p->marks);
    free(p->marks_parent);
    free(p->filter);
    free(p->parent);
    free(p->want_id);
    free(p->flags);
    filter_terms_free(&p->sf);
    err_clear(&p->err);
    draw_saved_free(p->saved);
    free(p);
}

const struct pane_ops *pane_ops(const struct pane *p)
{
    return p->ops;
}

struct tui *pane_app(const struct pane *p)
{
    return p->app;
}

const struct list *pane_list(const struct pane *p)
{
    return p->list;
}

const struct api_kind_def *pane_kind(const struct pane *p)
{
    return p->kind;
}

const char *pane_filter(const struct pane *p)
{
    return p->filter ? p->filter : "";
}

size_t pane_shown(const struct pane *p)
{
    return list_view_count(p->view) + (p->ops->all != NULL);
}

size_t pane_position(const struct pane *p)
{
    size_t off = p->ops->all != NULL;
    return p->sel >= off && p->sel < pane_shown(p) ? p->sel - off + 1 : 0;
}

size_t pane_selected(const struct pane *p)
{
    size_t off = p->ops->all != NULL;
    if (p->sel < off || p->sel >= pane_shown(p))
        return SIZE_MAX;
    return list_view_row(p->view, p->sel - off);
}

const char *pane_selected_id(const struct pane *p)
{
    size_t i = pane_selected(p);
    return i == SIZE_MAX ? NULL : list_id(p->list, i);
}

const char *pane_selected_name(const struct pane *p)
{
    size_t i = pane_selected(p);
    if (i == SIZE_MAX)
        return NULL;
    int f = model_field_index(p->kind, p->ops->crumb);
    const char *name = f >= 0 ? list_value(p->list, i, (size_t)f) : "";
    return *name ? name : list_id(p->list, i);
}

/* Keep the selection inside the rows shown. */
static void clamp(struct pane *p)
{
    size_t n = pane_shown(p);
    if (p->sel >= n)
        p->sel = n ? n - 1 : 0;
}

/* Select the list row i when it is shown. */
static bool select_row(struct pane *p, size_t i)
{
    size_t pos = list_view_find(p->view, i);
    if (pos == SIZE_MAX)
        return false;
    p->sel = pos + (p->ops->all != NULL);
    return true;
}

/* Rebuild the view (filter, keep, sort changed), keeping the selected row when it stays. */
static void rebuild(struct pane *p)
{
    size_t keep = pane_selected(p);
    int sort = p->sort_col >= 0 ? (int)p->cs.v[p->sort_col].field : -1;
    list_view_sort_key(p->view, p->sort_col >= 0 ? p->cs.v[p->sort_col].key : NULL);
    /* the filter searches every field loaded (a system tenant's data too) */
    list_view_set(p->view, p->filter, NULL, 0, p->ops->keep, p, sort, p->reverse);
    pane_forget_widths(p); /* other rows: measured afresh (scrolling only widens) */
    if (keep == SIZE_MAX || !select_row(p, keep))
        p->sel = 0;
    clamp(p);
    tui_dirty(p->app);
}

void pane_rekeep(struct pane *p)
{
    rebuild(p);
}

void pane_set_filter(struct pane *p, const char *text)
{
    free(p->filter);
    p->filter = text && *text ? xstrdup(text) : NULL;
    if (!p->filter)
        p->load_on = false; /* loading on was for the filter */
    int64_t t0 = util_now_ms();
    rebuild(p);
    log_printf("%s pane: filter of %zu characters: %zu of %zu rows (%lld ms)", p->kind->name,
               p->filter ? strlen(p->filter) : 0, list_view_count(p->view), list_count(p->list),
               (long long)(util_now_ms() - t0));
}

bool pane_cancel(struct pane *p)
{
    bool was = p->call != NULL;
    if (p->call)
        api_cancel(tui_session(p->app), p->call);
    p->call = NULL;
    p->load_all = false;
    p->load_on = false;
    return was;
}

bool pane_stop(struct pane *p)
{
    bool was = pane_cancel(p);
    if (was) {
        p->stopped = true;
        free(p->want_id);
        p->want_id = NULL;
        tui_dirty(p->app);
    }
    return was;
}

void pane_reset(struct pane *p)
{
    pane_cancel(p);
    list_clear(p->list);
    list_view_update(p->view);
    free(p->parent);
    p->parent = NULL;
    p->sel = p->top = 0;
    p->failed = false;
    p->stopped = false;
    p->has_total = false;
    walk_reset(p->walk);
    p->last_n = 0;
    p->maybe_end = false;
    p->paged = false;
    p->hold_until = 0;
    pane_forget_widths(p);
    pane_flags_clear(p);
    err_clear(&p->err);
    free(p->want_id);
    p->want_id = NULL;
    tui_dirty(p->app);
}

void pane_refresh(struct pane *p)
{
    const char *id = pane_selected_id(p);
    char *want = id ? xstrdup(id) : NULL;
    size_t rows = list_count(p->list);
    bool had_all = p->ops->all && p->sel == 0;
    pane_reset(p);
    p->want_id = want;
    p->want_rows = rows;
    if (had_all)
        p->sel = 0;
    pane_tick(p);
}

const char *pane_parent(const struct pane *p)
{
    return p->parent;
}

void pane_set_server_filter(struct pane *p, struct filter_terms *f)
{
    filter_terms_free(&p->sf);
    if (f->n)
        p->sf = *f;
    else
        filter_terms_free(f);
    *f = (struct filter_terms){0};
    pane_reset(p); /* other rows: from the first page, the selection on the first */
    pane_tick(p);
}

const char *pane_server_filter(const struct pane *p)
{
    return p->sf.n ? p->sf.text : NULL;
}

/* pane_add_row (created: the server holds one more) and pane_show_row. */
static bool take_row(struct pane *p, const struct row *row, bool created)
{
    size_t keep = pane_selected(p);
    /* a page may have brought it in already (loading went on while it was being created) */
    size_t i = list_find(p->list, model_row_id(row));
    if (i != SIZE_MAX) {
        list_set_row(p->list, i, row);
    } else {
        i = list_add_row(p->list, row);
        p->total += created && p->has_total;
    }
    list_view_update(p->view);
    tui_dirty(p->app);
    if (select_row(p, i))
        return true;
    if (keep != SIZE_MAX)
        select_row(p, keep);
    return false;
}

bool pane_add_row(struct pane *p, const struct row *row)
{
    return take_row(p, row, true);
}

bool pane_show_row(struct pane *p, const struct row *row)
{
    return take_row(p, row, false);
}

bool pane_select_index(struct pane *p, size_t i)
{
    if (!select_row(p, i))
        return false;
    clamp(p);
    tui_dirty(p->app);
    return true;
}

void pane_update_row(struct pane *p, const struct row *row)
{
    size_t i = list_find(p->list, model_row_id(row));
    if (i == SIZE_MAX)
        return;
    size_t keep = pane_selected(p);
    list_set_row(p->list, i, row);
    list_view_update(p->view);
    if (keep != SIZE_MAX)
        select_row(p, keep);
    clamp(p);
    tui_dirty(p->app);
}

void pane_remove_row(struct pane *p, const char *id)
{
    marks_remove(p->marks, id); /* its row loaded or not */
    size_t i = list_find(p->list, id);
    if (i == SIZE_MAX)
        return;
    size_t keep = pane_selected(p);
    list_remove(p->list, i);
    if (p->has_total && p->total)
        p->total--;
    list_view_update(p->view);
    /* the selection stays on its row; when that row went, on the one that took its place
     * (the next, or the previous at the end) */
    if (keep != i && keep != SIZE_MAX)
        select_row(p, keep);
    clamp(p);
    tui_dirty(p->app);
}

/* A page came (or the load failed). */
static void on_page(void *ud, struct page *page, const struct tn_error *err)
{
    struct pane *p = ud;
    p->call = NULL;
    if (err->code != ST_OK && page->n) { /* a list that loops: the new rows that came first */
        list_add_page(p->list, page);
        model_page_clear(page);
        list_view_update(p->view);
    }
    if (err->code != ST_OK) {
        p->failed = true;
        p->load_all = false;
        p->load_on = false;
        err_copy(&p->err, err);
        tui_error(p->app, err);
        tui_dirty(p->app);
        return;
    }
    size_t keep = pane_selected(p);
    if (page->has_total) {
        p->has_total = true;
        p->total = page->total;
    }
    /* a short page is not the end, but likely is: the next is asked for at the last row */
    p->maybe_end = page->next && page->n < (size_t)p->asked && !page->has_total &&
                   (!list_started(p->list) || page->n < p->last_n);
    p->last_n = page->n;
    if (page->warning) /* a filter the server did not apply */
        tui_message(p->app, "%s", page->warning);
    list_add_page(p->list, page);
    model_page_clear(page);
    list_view_update(p->view);
    pane_find_data_columns(p);
    if (keep != SIZE_MAX) /* rows merged into a sorted view: stay on the same row */
        select_row(p, keep);
    if (p->want_id) {
        size_t i = list_find(p->list, p->want_id);
        if (i != SIZE_MAX || !list_more(p->list) || list_count(p->list) >= p->want_rows) {
            if (i != SIZE_MAX)
                select_row(p, i);
            free(p->want_id);
            p->want_id = NULL;
        }
    }
    if (p->load_all) {
        p->sel = pane_shown(p) ? pane_shown(p) - 1 : 0;
        if (!list_more(p->list))
            p->load_all = false;
    }
    if (!list_more(p->list))
        p->load_on = false;
    clamp(p);
    tui_dirty(p->app);
    if (p->landed) /* (a jump looking for a row may stop loading on) */
        p->landed(p->landed_ud, p);
    pane_tick(p);
}

/* True when the next page is wanted now. */
static bool want_more(const struct pane *p)
{
    if (!list_more(p->list))
        return false;
    if (p->load_all || p->load_on || p->want_id)
        return true;
    if (p->filter) /* a filter searches what is loaded; it does not fetch the world */
        return false;
    if (p->maybe_end) /* probably the end: one request, once the last row is reached */
        return p->sel + 1 >= pane_shown(p);
    /* past the first screen or once paged down (PgDn from the top lands on the first screen's
     * last row), a page and a screen ahead: a page in flight lands before PgDn held reaches
     * the last row; else a screen ahead (the first page alone for the first screen); sorted,
     * a screen (new rows land anywhere, not below). A page counts the rows it brings to the
     * view: a view narrowed to a few rows of each page asks for no more than a page more. */
    size_t screen = (size_t)(p->height > MIN_SCREEN ? p->height : MIN_SCREEN);
    size_t page = 0;
    if ((p->sel >= screen || p->paged) && p->sort_col < 0 && list_live(p->list))
        page = (size_t)((unsigned long long)tui_page_size(p->app) * list_view_count(p->view) /
                        list_live(p->list));
    return pane_shown(p) <= p->sel + screen + page;
}

void pane_tick(struct pane *p)
{
    if (p->call || !tui_session(p->app))
        return;
    struct api_values filter = {p->sf.v, p->sf.n};
    struct api_target t = {.kind = p->kind, .filter = p->sf.n ? &filter : NULL};
    if (p->ops->open) {
        const char *why = NULL;
        if (!p->ops->open(p, &t, &why)) {
            if (p->parent || list_started(p->list))
                pane_reset(p);
            pane_marks_under(p, NULL); /* no rows: no marks */
            if (p->why != why)
                tui_dirty(p->app);
            p->why = why;
            return;
        }
        if (!p->parent || !t.parent || strcmp(p->parent, t.parent)) {
            int64_t now = util_now_ms();
            bool had_rows = pane_shown(p) > 0;
            int64_t held = p->hold_until > now ? p->hold_until : 0; /* still shown: kept */
            if (p->parent || list_started(p->list))
                pane_reset(p);
            /* its last rows stay a moment: a quick answer replaces them (rows already kept
             * while another list loaded stay no longer than they were to) */
            p->hold_until = had_rows ? now + PANE_HOLD_MS : held;
            p->parent = t.parent ? xstrdup(t.parent) : NULL;
        }
        pane_marks_under(p, t.parent); /* another parent's rows: not these marks */
    }
    p->why = NULL;
    if (p->failed || p->stopped)
        return;
    if (list_started(p->list) && !want_more(p))
        return;
    const char *next = list_started(p->list) ? list_next(p->list) : NULL;
    /* a kind that can be fetched one by one keeps no raw JSON in its list: build none */
    t.parts = t.kind->ops & API_OP_GET ? API_ROW_VALUES : 0;
    /* G loads in the largest pages the API serves (unless the profile sets page_size) */
    bool bulk = p->load_all || p->load_on;
    p->asked = bulk ? api_page_size(tui_session(p->app), true) : tui_page_size(p->app);
    t.bulk = bulk; /* the system API fetches the pages after it ahead */
    p->call = api_list(tui_session(p->app), &t, next, p->asked, p->walk, on_page, p);
    tui_dirty(p->app);
}

bool pane_busy(const struct pane *p)
{
    return p->call != NULL;
}

const char *pane_count_text(size_t n, char buf[32])
{
    return text_count(n, buf, 32);
}

size_t pane_total(const struct pane *p)
{
    size_t n = list_live(p->list);
    return p->has_total && p->total > n ? (size_t)p->total : n;
}

void pane_status(const struct pane *p, struct strbuf *out)
{
    char a[32], b[32];
    size_t n = list_live(p->list), v = list_view_count(p->view);
    if (!list_started(p->list)) {
        sb_adds(out, p->call ? _("loading...") : "");
        return;
    }
    char c[32];
    size_t total = pane_total(p);
    if (p->filter && p->has_total)
        /* TRANSLATORS: status-line counts, grouped per thousands: the rows matching the filter
         * (the plural follows it), the rows loaded, then the server's total. Keep it short: it
         * shares the status line. */
        sb_addf(out, ngettext("%s matching of %s loaded, %s in all",
                              "%s matching of %s loaded, %s in all", v),
                pane_count_text(v, a), pane_count_text(n, b), pane_count_text(total, c));
    else if (p->filter)
        /* TRANSLATORS: status-line counts, grouped per thousands: the rows matching the filter
         * (the plural follows it), then the rows loaded. Keep it short: it shares the status
         * line. */
        sb_addf(out, ngettext("%s matching of %s loaded", "%s matching of %s loaded", v),
                pane_count_text(v, a), pane_count_text(n, b));
    else if (p->has_total)
        /* TRANSLATORS: status-line counts, grouped per thousands: the rows loaded (the plural
         * follows it), then the server's total. Keep it short: it shares the status line. */
        sb_addf(out, ngettext("%s of %s loaded", "%s of %s loaded", n), pane_count_text(n, a),
                pane_count_text(total, b));
    else
        /* TRANSLATORS: status-line count, grouped per thousands: the rows loaded (the plural
         * follows it). Keep it short: it shares the status line. */
        sb_addf(out, ngettext("%s loaded", "%s loaded", n), pane_count_text(n, a));
    char key[32];
    if (p->call && p->load_all)
        /* TRANSLATORS: added after the count in the status line: keep the leading comma, keep
         * Esc (a key name) and keep it short. */
        sb_adds(out, _(", loading to the end (Esc stops)"));
    else if (p->load_on && list_more(p->list))
        sb_adds(out, _(", loading on (Esc stops)"));
    else if (p->stopped && list_more(p->list))
        /* TRANSLATORS: added after the count in the status line: keep the leading comma, keep r
         * (the reload key) and keep it short. */
        sb_adds(out, _(", stopped (r reloads)"));
    else if (p->filter && list_more(p->list)) /* the filter sees only what is loaded */
        /* TRANSLATORS: follows "5 matching of 100 loaded"; %s is a key (L). */
        sb_addf(out, _("; %s loads on"), keymap_hint(tui_keymap(p->app), ACT_LOAD_ON, key));
    else if (list_more(p->list) && p->maybe_end)
        /* TRANSLATORS: added after the count in the status line: keep the leading comma and keep
         * it short. */
        sb_adds(out, _(", more may be available"));
    else if (list_more(p->list))
        /* TRANSLATORS: added after the count in the status line: keep the leading comma and keep
         * it short. */
        sb_adds(out, _(", more available"));
}

/* ------------------------------------------------------------------ actions */

/* Move the selection by delta rows (clamped). */
static void move_by(struct pane *p, long delta)
{
    size_t n = pane_shown(p);
    if (!n)
        return;
    if (delta < 0 && (size_t)-delta > p->sel)
        p->sel = 0;
    else if (delta > 0 && p->sel + (size_t)delta >= n)
        p->sel = n - 1;
    else
        p->sel = (size_t)((long)p->sel + delta);
}

enum tui_result pane_handle(struct pane *p, enum action act)
{
    long screen = p->height > 1 ? p->height - 1 : 1;
    size_t before = p->sel;
    switch (act) {
    case ACT_MOVE_DOWN:
        move_by(p, 1);
        break;
    case ACT_MOVE_UP:
        move_by(p, -1);
        break;
    case ACT_PAGE_DOWN:
        p->paged = true;
        move_by(p, screen);
        break;
    case ACT_PAGE_UP:
        move_by(p, -screen);
        break;
    case ACT_FIRST:
        p->sel = 0;
        break;
    case ACT_LAST:
        p->stopped = false;
        p->sel = pane_shown(p) ? pane_shown(p) - 1 : 0;
        if ((list_more(p->list) || !list_started(p->list)) && !p->failed) {
            p->load_all = true; /* also before the first page came */
            pane_tick(p);
        }
        return TR_REDRAW;
    case ACT_LOAD_ON:
        if (list_started(p->list) && !list_more(p->list)) {
            tui_message(p->app, _("The whole list is loaded"));
            return TR_REDRAW;
        }
        pane_load_on(p, true);
        return TR_REDRAW;
    case ACT_SORT:
        pane_next_sort(p);
        return TR_REDRAW;
    case ACT_SORT_REVERSE:
        if (p->sort_col < 0) {
            char key[32];
            /* TRANSLATORS: %s is the sort key (s by default). */
            tui_message(p->app, _("Press %s to choose a sort column first"),
                        keymap_hint(tui_keymap(p->app), ACT_SORT, key));
            return TR_REDRAW;
        }
        p->reverse = !p->reverse;
        rebuild(p);
        return TR_REDRAW;
    case ACT_REFRESH:
        pane_refresh(p);
        return TR_REDRAW;
    default:
        return TR_NONE;
    }
    if (p->sel != before && p->sel > before)
        p->stopped = false; /* scrolling on towards the end asks for more again */
    pane_tick(p);
    return p->sel != before ? TR_REDRAW : TR_NONE;
}
