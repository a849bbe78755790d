/* pane_draw.c: a list pane on screen: measuring what its columns want, fitting them
 * (tui/columns) and drawing the title, the headings and the rows. */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "tui/pane.h"
#include "tui/pane_impl.h"
#include "tui/tui.h"

/* The key that reloads, for "press r to retry" (the keymap's, as remapped). */
static const char *refresh_key(const struct pane *p, char buf[32])
{
    return keymap_hint(tui_keymap(p->app), ACT_REFRESH, buf);
}

/* The cells left of the first column: the marks' (*, !, +, -), after the arrow's in arrow
 * mode when the pane has the focus (so that a marked row still shows its mark when the arrow
 * is on it); a pane without the focus shows its arrow in the marks' cell (a mark wins there),
 * leaving the width to the focused pane's columns. */
static int pane_margin(const struct pane *p, bool focused)
{
    return focused && tui_arrow(p->app) ? 2 : 1;
}

void pane_scroll_to_sel(struct pane *p, size_t rows)
{
    if (!rows)
        return;
    if (p->sel < p->top)
        p->top = p->sel;
    else if (p->sel >= p->top + rows)
        p->top = p->sel - rows + 1;
    size_t n = pane_shown(p);
    if (p->top && p->top + rows > n)
        p->top = n > rows ? n - rows : 0;
}

/* The data rows on screen in a pane of rows lines of rows: [*first, *last) of the view. */
static void on_screen(struct pane *p, int rows, size_t *first, size_t *last)
{
    size_t off = p->ops->all != NULL;
    pane_scroll_to_sel(p, (size_t)rows);
    *first = p->top > off ? p->top - off : 0;
    size_t vis_end = p->top + (size_t)rows;
    *last = vis_end > off ? vis_end - off : 0;
    if (*last > list_view_count(p->view))
        *last = list_view_count(p->view);
    if (*first > *last)
        *first = *last;
}

/* What each column wants: its heading (with room for the sort mark) or its widest value on
 * screen, and (vals, when not NULL) its widest value alone. */
static void measure(struct pane *p, size_t first, size_t last, size_t ncols, int *want,
                    int *vals)
{
    struct strbuf sb = SB_INIT;
    if (first > p->kept_first + 1 || first + 1 < p->kept_first)
        pane_forget_widths(p); /* not a one-row scroll (a page, a jump): measured afresh */
    p->kept_first = first;
    for (size_t c = 0; c < ncols; c++) {
        const struct column *col = &p->cs.v[c];
        int vw = 0;
        if (c == 0 && p->ops->all) /* the "all" row is read in the first column */
            vw = draw_width(_(p->ops->all));
        for (size_t r = first; r < last; r++) {
            int w = draw_width(columns_value(col, p->list, list_view_row(p->view, r), &sb));
            if (w > vw)
                vw = w;
        }
        int cw = draw_width(col->header) + 2;
        cw = vw > cw ? vw : cw;
        bool capped = col->style != COL_ID;
        want[c] = capped && cw > COLUMNS_TEXT_MAX ? COLUMNS_TEXT_MAX : cw;
        if (want[c] < p->kept_want[c]) /* never narrower than rows seen before */
            want[c] = p->kept_want[c];
        p->kept_want[c] = want[c];
        if (vals) {
            vals[c] = capped && vw > COLUMNS_TEXT_MAX ? COLUMNS_TEXT_MAX : vw;
            if (vals[c] < p->kept_vals[c])
                vals[c] = p->kept_vals[c];
            p->kept_vals[c] = vals[c];
        }
    }
    sb_free(&sb);
}

void pane_forget_widths(struct pane *p)
{
    memset(p->kept_want, 0, sizeof(p->kept_want));
    memset(p->kept_vals, 0, sizeof(p->kept_vals));
}

int pane_want(struct pane *p, int h, bool first_only)
{
    int want[COLUMNS_MAX], total = 0;
    size_t first, last, n = first_only && p->cs.n ? 1 : p->cs.n;
    if (!first_only && p->failed && !list_view_count(p->view))
        return INT_MAX / 4; /* a focused pane saying why it failed takes the width there is */
    on_screen(p, h - 2, &first, &last);
    measure(p, first, last, n, want, NULL);
    for (size_t c = 0; c < n; c++)
        total += want[c] + (c ? 1 : 0);
    return total + 1 + pane_margin(p, !first_only);
}

bool pane_id_cut(const struct pane *p)
{
    return p->id_cut;
}

/* The title: name, count, sort and filter. */
static void draw_title(struct pane *p, struct rect r, bool focused)
{
    char a[32], b[32];
    struct strbuf t = SB_INIT;
    sb_addf(&t, " %s", _(p->ops->title));
    if (list_started(p->list) && list_more(p->list) && p->has_total && !p->filter)
        /* TRANSLATORS: in a pane's title, after its name: the rows loaded, then the server's
         * total. Keep the leading space and keep it short. */
        sb_addf(&t, _(" (%s of %s)"), pane_count_text(list_view_count(p->view), a),
                pane_count_text(pane_total(p), b)); /* the server counts: say how many */
    else if (list_started(p->list))
        sb_addf(&t, " (%s%s)", pane_count_text(list_view_count(p->view), a),
                list_more(p->list) ? "+" : "");
    size_t marked = marks_count(p->marks);
    if (marked) /* TRANSLATORS: "  12 marked": rows marked with Space or * */
        sb_addf(&t, ngettext("  %s marked", "  %s marked", marked), pane_count_text(marked, a));
    if (p->sf.n)
        sb_addf(&t, "  :filter %s", p->sf.text);
    if (p->filter)
        sb_addf(&t, "  /%s", p->filter);
    draw_text(r.y, r.x, r.w, sb_str(&t), focused ? TH_TITLE_FOCUS : TH_TITLE, true);
    sb_free(&t);
}

/* No rows: why (a failure, a filter, loading...). */
static void draw_empty(struct pane *p, struct rect r, int y)
{
    if (p->failed) {
        draw_text(y++, r.x + 1, r.w - 1, _("Could not load:"), TH_ERROR, false);
        draw_wrapped(r.x + 1, &y, r.w - 2, r.y + r.h - 1, p->err.message, TH_NORMAL);
        if (p->err.hint)
            draw_wrapped(r.x + 1, &y, r.w - 2, r.y + r.h - 1, p->err.hint, TH_NORMAL);
        /* TRANSLATORS: %s is the reload key (r by default). */
        char key[32], *retry = xasprintf(_("Press %s to retry."), refresh_key(p, key));
        draw_text(y, r.x + 1, r.w - 1, retry, TH_DIM, false);
        free(retry);
        return;
    }
    char key[32], stopped[160];
    /* TRANSLATORS: %s is the reload key (r by default). */
    snprintf(stopped, sizeof(stopped), _("Stopped loading: press %s to load"),
             refresh_key(p, key));
    const char *msg = p->why            ? _(p->why)
                      : p->call         ? _("Loading...")
                      : p->stopped      ? stopped
                      : !list_started(p->list) ? ""
                      : p->filter       ? _("Nothing matches the filter")
                      : p->sf.n         ? _("Nothing matches the :filter")
                                        : _("Nothing here yet");
    draw_text(y, r.x + 1, r.w - 1, msg, TH_DIM, false);
}

void pane_draw(struct pane *p, struct rect r, bool focused)
{
    if (!focused && p->call && !list_started(p->list) && util_now_ms() < p->hold_until &&
        p->saved_ok && draw_restore(p->saved, r))
        return; /* the last rows a moment more: the terminal is sent nothing for them */
    draw_clear_rect(r, TH_NORMAL);
    if (r.h < 3 || r.w < 4)
        return;
    draw_title(p, r, focused);
    int rows = r.h - 2;
    p->height = rows;
    size_t off = p->ops->all != NULL, first, last;
    on_screen(p, rows, &first, &last);
    int want[COLUMNS_MAX], vals[COLUMNS_MAX];
    measure(p, first, last, p->cs.n, want, vals);
    bool arrow = tui_arrow(p->app);
    int margin = pane_margin(p, focused);
    struct colfit fit;
    columns_fit(&p->cs, want, vals, r.w - 1 - margin, &fit);
    /* no bar to fill the width: the first column takes no more than a long name needs, and
     * the space left over stays at the right, where no cell needs skipping */
    if (arrow && fit.n && fit.width[0] > COLUMNS_TEXT_MAX)
        fit.width[0] = COLUMNS_TEXT_MAX;
    p->id_cut = false;
    for (size_t c = 0; c < p->cs.n; c++) { /* is the ID on screen whole? */
        if (p->cs.v[c].style != COL_ID)
            continue;
        size_t k = 0;
        while (k < fit.n && fit.col[k] != c)
            k++;
        p->id_cut = k == fit.n || fit.width[k] < vals[c];
    }

    /* column headings */
    int x = r.x + margin;
    draw_fill(r.y + 1, r.x, r.w, TH_COLUMNS);
    for (size_t k = 0; k < fit.n; k++) {
        struct strbuf h = SB_INIT;
        sb_adds(&h, p->cs.v[fit.col[k]].header);
        if ((int)fit.col[k] == p->sort_col)
            sb_adds(&h, p->reverse ? (draw_utf8() ? " \xe2\x96\xbc" : " v")
                                   : (draw_utf8() ? " \xe2\x96\xb2" : " ^"));
        draw_text(r.y + 1, x, fit.width[k], sb_str(&h), TH_COLUMNS, true);
        sb_free(&h);
        x += fit.width[k] + 1;
    }

    /* rows, or why there are none */
    int y = r.y + 2;
    if (pane_shown(p) == 0) {
        draw_empty(p, r, y);
        p->saved_ok = false; /* no other list's rows put back after this */
        return;
    }
    struct strbuf sb = SB_INIT;
    for (size_t d = p->top; d < pane_shown(p) && y < r.y + r.h; d++, y++) {
        bool sel = d == p->sel, bar = sel && !arrow; /* (an arrow leaves the row as it is) */
        enum theme_role role = bar ? (focused ? TH_SELECTED : TH_SELECTED_DIM) : TH_NORMAL;
        draw_fill(y, r.x, r.w, role);
        if (sel && arrow) /* a glyph in plain text: two cells change when the selection moves */
            draw_text(y, r.x, 1, ">", focused ? TH_NORMAL : TH_DIM, false);
        if (d < off) {
            draw_text(y, r.x + margin, r.w - margin, _(p->ops->all), role, false);
            continue;
        }
        size_t row = list_view_row(p->view, d - off);
        unsigned flags = pane_flags(p, row);
        int mx = r.x + margin - 1; /* the marks' cell */
        if (flags & PANE_GONE) /* :watch: gone from the server, shown until a reload */
            draw_text(y, mx, 1, "-", bar ? role : TH_ERROR, false);
        else if (flags & PANE_NEW) /* :watch: came since the watch began */
            draw_text(y, mx, 1, "+", bar ? role : TH_TITLE_FOCUS, false);
        x = r.x + margin;
        for (size_t k = 0; k < fit.n; k++) {
            const struct column *col = &p->cs.v[fit.col[k]];
            columns_draw_cell(col, y, x, fit.width[k], columns_value(col, p->list, row, &sb),
                              role);
            x += fit.width[k] + 1;
        }
        const char *mark = pane_mark_glyph(p, row); /* in the left margin */
        if (mark)
            draw_text(y, mx, 1, mark, role, false);
    }
    sb_free(&sb);
    if (p->call && y < r.y + r.h)
        draw_text(y, r.x + margin, r.w - margin, _("Loading more..."), TH_DIM, false);
    p->saved_ok = !focused; /* (a focused pane is not held: its keys act on what is shown) */
    if (p->saved_ok)
        draw_save(&p->saved, r);
}
