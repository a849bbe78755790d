/* jump.h: `:tenant X` and `:client X`: go to a row by its ID, subdomain label or name. */
#ifndef TENANTRY_JUMP_H
#define TENANTRY_JUMP_H

#include <stdbool.h>

struct tui;

/* Focus the pane of kind ("tenants", "clients") and select the row what names: its ID, its
 * subdomain's label or its name (any case) among the rows loaded; a UUID not loaded is read
 * (where the API can read one) and its row added and selected; anything else not loaded is
 * looked for in the pages loaded on until it is found or the list ends (progress in the status
 * line; Esc stops: jump_stop). While the pane is loading, the jump waits for it. What happened
 * is said in the status line. */
void jump_run(struct tui *t, const char *kind, const char *what);
/* Esc: stop a jump that loads on looking for a label or name; true when one ran. */
bool jump_stop(struct tui *t);
/* Forget a jump that loads on (the panes are going away). */
void jump_drop(struct tui *t);
/* Run a jump that waited for its pane's list, once the list is loaded (from the loop). */
void jump_tick(struct tui *t);

#endif
