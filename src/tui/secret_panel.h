/* secret_panel.h: the panel that shows a new client's ID and secret once, over the panes: the
 * copy key copies the selected line (OSC 52), Up/Down (and the moving keys) choose; closing takes two presses of Enter (or Esc), so
 * an Enter typed ahead cannot close it unseen. Freeing it wipes the secret. */
#ifndef TENANTRY_SECRET_PANEL_H
#define TENANTRY_SECRET_PANEL_H

#include <stdbool.h>

#include "tui/action.h"
#include "tui/draw.h"

struct secret_panel;
struct keymap;

/* A panel about what (translated: "The new client "ci""), showing id and secret (copied). */
struct secret_panel *secret_panel_new(const char *what, const char *id, const char *secret);
/* Handle a key (as typed, and act, the action the keymap gives it); true when the operator
 * confirmed closing. */
bool secret_panel_key(struct secret_panel *sp, enum action act, int key);
/* Draw the panel centred in area, its hint naming km's keys; the values wrap, never cut. */
void secret_panel_draw(const struct secret_panel *sp, struct rect area, const struct keymap *km);
/* Free the panel, wiping the secret and what drew it. NULL is fine. */
void secret_panel_free(struct secret_panel *sp);

#endif
