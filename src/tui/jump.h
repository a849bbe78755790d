/* jump.h: `:tenant X` and `:client X`: go to a row by its ID, subdomain label or name. */
#ifndef TENANTRY_JUMP_H
#define TENANTRY_JUMP_H

struct tui;

/* Focus the pane of kind ("tenants", "clients") and select the row what names: its ID, its
 * subdomain's label or its name (any case) among the rows loaded; a UUID not loaded is read
 * (where the API can read one) and its row added and selected. While the pane is loading,
 * the jump waits for it. What happened is said in the status line. */
void jump_run(struct tui *t, const char *kind, const char *what);
/* Run a jump that waited for its pane's list, once the list is loaded (from the loop). */
void jump_tick(struct tui *t);

#endif
