/* pane_more.c: what the console's longer work asks of a list pane: its rows as shown
 * (:export), loading on to the end (L, a jump looking for a name), and what :watch marks (rows
 * new since it began, rows gone from the server) and takes in without moving the selection. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/pane.h"
#include "tui/pane_impl.h"
#include "tui/tui.h"

size_t *pane_rows(const struct pane *p, size_t *n)
{
    size_t count = list_view_count(p->view);
    size_t *rows = xcalloc(count ? count : 1, sizeof(*rows));
    for (size_t k = 0; k < count; k++)
        rows[k] = list_view_row(p->view, k);
    *n = count;
    return rows;
}

void pane_load_on(struct pane *p, bool on)
{
    p->load_on = on && (list_more(p->list) || !list_started(p->list));
    if (p->load_on) {
        p->stopped = p->failed = false;
        pane_tick(p);
    }
    tui_dirty(p->app);
}

void pane_on_page(struct pane *p, void (*fn)(void *ud, struct pane *p), void *ud)
{
    p->landed = fn;
    p->landed_ud = ud;
}

bool pane_loading_on(const struct pane *p)
{
    return p->load_on;
}

unsigned pane_flags(const struct pane *p, size_t i)
{
    return i < p->nflags ? p->flags[i] : 0;
}

void pane_set_flags(struct pane *p, size_t i, unsigned flags)
{
    if (i >= p->nflags) {
        if (!flags)
            return;
        size_t n = p->nflags ? p->nflags : 64;
        while (n <= i)
            n *= 2;
        p->flags = xreallocarray(p->flags, n, 1);
        memset(p->flags + p->nflags, 0, n - p->nflags);
        p->nflags = n;
    }
    if (p->flags[i] != flags)
        tui_dirty(p->app);
    p->flags[i] = (unsigned char)flags;
}

void pane_flags_clear(struct pane *p)
{
    free(p->flags);
    p->flags = NULL;
    p->nflags = 0;
}

size_t pane_insert_row(struct pane *p, const struct row *row)
{
    size_t keep = pane_selected(p);
    size_t i = list_add_row(p->list, row);
    p->total += p->has_total;
    list_view_update(p->view);
    if (keep != SIZE_MAX) /* the selection stays on its row, wherever the new one sorts */
        pane_select_index(p, keep);
    pane_set_flags(p, i, PANE_NEW);
    tui_dirty(p->app);
    return i;
}

bool pane_whole(const struct pane *p)
{
    return list_started(p->list) && (!list_more(p->list) || p->maybe_end);
}

const struct filter_terms *pane_server_terms(const struct pane *p)
{
    return &p->sf;
}
