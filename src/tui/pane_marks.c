/* pane_marks.c: a list pane's marks (core/marks): Space marks or unmarks the selected row, *
 * every row the filter shows. They are kept by ID, so they outlive scrolling, sorting,
 * filtering, pages arriving and a refresh; they go when their row is deleted, and all of them
 * when the pane lists under another parent (another tenant's clients). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tui/pane.h"
#include "tui/pane_impl.h"
#include "tui/tui.h"

struct marks *pane_marks(const struct pane *p)
{
    return p->marks;
}

/* What row i is called: the pane's naming field (its breadcrumb), else its ID. */
static const char *row_name(const struct pane *p, size_t i)
{
    int f = model_field_index(p->kind, p->ops->crumb);
    const char *name = f >= 0 ? list_value(p->list, i, (size_t)f) : "";
    return *name ? name : list_id(p->list, i);
}

bool pane_mark_toggle(struct pane *p)
{
    size_t i = pane_selected(p);
    if (i == SIZE_MAX)
        return false;
    const char *id = list_id(p->list, i);
    if (!marks_remove(p->marks, id))
        marks_add(p->marks, id, row_name(p, i));
    pane_handle(p, ACT_MOVE_DOWN); /* on to the next, as ranger and mc do */
    tui_dirty(p->app);
    return true;
}

size_t pane_mark_all(struct pane *p)
{
    size_t n = list_view_count(p->view);
    for (size_t k = 0; k < n; k++) {
        size_t i = list_view_row(p->view, k);
        marks_add(p->marks, list_id(p->list, i), row_name(p, i));
    }
    tui_dirty(p->app);
    return n;
}

void pane_marks_under(struct pane *p, const char *parent)
{
    const char *was = p->marks_parent;
    if (was && parent ? !strcmp(was, parent) : was == parent)
        return; /* the same parent (a refresh): the marks stay */
    marks_clear(p->marks);
    free(p->marks_parent);
    p->marks_parent = parent ? xstrdup(parent) : NULL;
    tui_dirty(p->app);
}

void pane_mark_clear(struct pane *p)
{
    marks_clear(p->marks);
    tui_dirty(p->app);
}

const char *pane_mark_glyph(const struct pane *p, size_t i)
{
    const char *id = list_id(p->list, i);
    if (!marks_has(p->marks, id))
        return NULL;
    return marks_error(p->marks, id) ? "!" : "*"; /* a glyph: seen without colours too */
}
