/* screen.h: painting the console: header, breadcrumb, panes side by side or one at a time,
 * the overlay, the status line or prompt, the setup screen and the too-small notice. */
#ifndef TENANTRY_SCREEN_H
#define TENANTRY_SCREEN_H

#include <stdbool.h>

struct tui;
struct pane;

#define SCREEN_MIN_COLS 60
#define SCREEN_MIN_LINES 15
#define SCREEN_WIDE_COLS 120 /* from here the panes stand side by side */

/* True when pane p is on screen in the current layout. */
bool screen_pane_visible(const struct tui *t, const struct pane *p);

#endif
