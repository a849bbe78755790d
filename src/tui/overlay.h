/* overlay.h: the views that cover the panes until closed, as layers: details of the
 * selection, help, the profiles list. One at a time (opening one closes the other); Esc, q,
 * or the key that opened it closes it. */
#ifndef TENANTRY_OVERLAY_H
#define TENANTRY_OVERLAY_H

struct tui;

/* Open the help view (without the actions a layer hides: read-only leaves out changing). */
void overlay_help(struct tui *t);
/* The journal of changes, newest first. */
void overlay_journal(struct tui *t);
/* :messages: the last messages and errors, whole (the status line may cut them). */
void overlay_messages(struct tui *t);
/* Open the details of the focused pane's selection (its row as loaded, or read with a GET). */
void overlay_details(struct tui *t);
/* Show the profiles list (again, after a change), with the profile select (or the one in
 * use, when NULL) selected. */
void overlay_profiles(struct tui *t, const char *select);
/* Search the overlay shown for text (the search prompt's Enter). */
void overlay_search(struct tui *t, const char *text);

#endif
