/* copymenu.h: Y, a small menu of what to copy from the selected row: its ID, its name, its
 * subdomain (the full host name), the row as JSON; chosen by number or Up/Down and Enter. */
#ifndef TENANTRY_COPYMENU_H
#define TENANTRY_COPYMENU_H

struct tui;

/* Open the menu over the focused pane's selection (a message when nothing is selected). */
void copymenu_open(struct tui *t);

#endif
