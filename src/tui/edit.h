/* edit.h: what changes things from the console: create, edit and delete dialogs for tenants
 * and clients, the panel that shows a new client's secret once, and adding or removing a
 * profile. Each is a form (tui/form) in a dialog layer over the panes (tui/layer); one request
 * per Enter; Esc cancels. */
#ifndef TENANTRY_EDIT_H
#define TENANTRY_EDIT_H

#include <stdbool.h>


struct tui;

/* c: a create form for the focused pane's kind (tenants or clients). */
void edit_create(struct tui *t);
/* e: an edit form for the focused pane's selection (a client). */
void edit_change(struct tui *t);
/* d: the type-to-confirm delete dialog for the focused pane's selection. */
void edit_delete(struct tui *t);
/* R: rotate the focused clients pane's selected client (edit_rotate.c): a new client with its
 * name and roles, its secret shown once, then the old one deleted after a typed confirmation,
 * or kept. */
void edit_rotate(struct tui *t);
/* In the profiles list: a form adding a profile; a dialog removing the profile name. */
void edit_profile_add(struct tui *t);
void edit_profile_remove(struct tui *t, const char *name);
/* In the profiles list: make name the default profile (saved at once; no dialog). */
void edit_profile_default(struct tui *t, const char *name);

/* True while a change is in flight. */
bool edit_busy(const struct tui *t);
/* Close everything (profile switch, quit): cancel what is in flight, wipe any secret. */
void edit_close(struct tui *t);

#endif
