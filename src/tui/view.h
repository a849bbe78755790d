/* view.h: what a handler returns (it never paints), and the interface of an overlay view
 * (detail, help, profiles) that covers the panes until closed. */
#ifndef TENANTRY_VIEW_H
#define TENANTRY_VIEW_H

#include <stdbool.h>

#include "tui/draw.h"
#include "tui/action.h"

/* What must happen after a handler ran. */
enum tui_result {
    TR_NONE,   /* nothing changed */
    TR_REDRAW, /* something on screen changed */
    TR_CLOSE,  /* close this view */
    TR_SEARCH, /* open the search prompt for this view */
    TR_SELECT, /* the view chose something (the profiles list: a profile) */
    TR_QUIT,
};

struct view;
/* An overlay view's operations. */
struct view_ops {
    /* Paint into r (through draw only). */
    void (*draw)(struct view *v, struct rect r);
    /* Handle an action (ACT_NONE for a key that maps to none: key is the raw key). */
    enum tui_result (*handle)(struct view *v, enum action act, int key);
    /* Search for text (forward or backward from the current match); "" clears. */
    void (*search)(struct view *v, const char *text, bool forward);
    void (*free)(struct view *v);
};
struct view {
    const struct view_ops *ops;
};

#endif
