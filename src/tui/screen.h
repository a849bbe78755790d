/* screen.h: painting the console: header, breadcrumb, panes side by side or one at a time,
 * the status line, the setup screen and the too-small notice; then the layers (tui/layer)
 * paint themselves bottom-up. */
#ifndef TENANTRY_SCREEN_H
#define TENANTRY_SCREEN_H

#include <stdbool.h>

#include "tui/draw.h"

struct tui;
struct pane;

#define SCREEN_MIN_COLS 60
#define SCREEN_MIN_LINES 15
#define SCREEN_WIDE_COLS 120 /* from here the panes stand side by side */

/* The panes in area (side by side when wide, else the focused one), then the status line
 * again (the selected ID in full when its column was cut). */
void screen_draw_panes(struct tui *t, struct rect area);
/* The panes alone. */
void screen_layout_panes(struct tui *t, struct rect area);
/* The status line: spinner, message or error or key hints, the focused pane's counts. */
void screen_draw_status(struct tui *t);
/* No session: say in area why and how to get one. */
void screen_draw_setup(const struct tui *t, struct rect area);
/* True when one pane fills the screen (narrow, or zoomed with z). */
bool screen_one_pane(const struct tui *t);
/* True when pane p is on screen in the current layout. */
bool screen_pane_visible(const struct tui *t, const struct pane *p);

#endif
