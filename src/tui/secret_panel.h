/* secret_panel.h: the panel that shows a new client's ID and secret once, over the panes: y copies
 * the selected line (OSC 52), Up/Down choose; closing takes two presses of Enter (or Esc), so
 * an Enter typed ahead cannot close it unseen. Freeing it wipes the secret. */
#ifndef TENANTRY_SECRET_PANEL_H
#define TENANTRY_SECRET_PANEL_H

#include <stdbool.h>

#include "tui/draw.h"

struct secret_panel;

/* A panel about what (translated: "The new client "ci""), showing id and secret (copied). */
struct secret_panel *secret_panel_new(const char *what, const char *id, const char *secret);
/* Handle a key (as typed); true when the operator confirmed closing. */
bool secret_panel_key(struct secret_panel *sp, int key);
/* Draw the panel centred in area; the values wrap, never cut. */
void secret_panel_draw(const struct secret_panel *sp, struct rect area);
/* Free the panel, wiping the secret and what drew it. NULL is fine. */
void secret_panel_free(struct secret_panel *sp);

#endif
