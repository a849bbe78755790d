/* export.h: `:export FILE`: the focused pane's rows as shown (filter, sort) written to FILE,
 * a chunk at a time from the loop, so keys and the network go on meanwhile; Esc stops. */
#ifndef TENANTRY_TUI_EXPORT_H
#define TENANTRY_TUI_EXPORT_H

#include <stdbool.h>

struct tui;

/* Start exporting the focused pane's rows to path (format by its extension); what is wrong
 * (no such format, the file exists...) is said in the status line and nothing is written. */
void export_start(struct tui *t, const char *path);
/* Write the next chunk, from the loop; true while rows remain (the loop then does not wait). */
bool export_step(struct tui *t);
/* True while an export runs. */
bool export_running(const struct tui *t);
/* Esc: stop the export (nothing is left behind); true when one ran. */
bool export_stop(struct tui *t);
/* Drop the export without a word (the panes are going away). */
void export_drop(struct tui *t);

#endif
