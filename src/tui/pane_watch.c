/* pane_watch.c: what :watch marks in a list pane: rows new since the watch began and rows
 * gone from the server, and rows it takes in without moving the selection. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tui/pane.h"
#include "tui/pane_impl.h"
#include "tui/tui.h"

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
