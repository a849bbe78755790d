/* colchooser.h: :columns, a dialog to choose the focused pane's columns: every field of its
 * kind (and the keys of a system tenant's data) with a mark on those shown, in their order;
 * Space shows or hides one, - and + move it up or down, Enter applies, Esc cancels. */
#ifndef TENANTRY_COLCHOOSER_H
#define TENANTRY_COLCHOOSER_H

struct tui;

/* Open the chooser over the focused pane (a message when there is no pane). */
void colchooser_open(struct tui *t);

#endif
