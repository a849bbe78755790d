/* tui.h: the console: its state (session, panes, overlay, prompt, status) and what panes
 * and views may ask of it. The loop itself is display.c. */
#ifndef TENANTRY_TUI_H
#define TENANTRY_TUI_H

#include <stdbool.h>

#include "core/api.h"
#include "core/status.h"
#include "core/util.h"
#include "options.h"
#include "tui/keys.h"
#include "tui/view.h"

struct tui;
struct pane;

/* True when the console can run: on a terminal, or headless with TENANTRY_SCRIPT. */
bool tui_has_terminal(void);
/* Run the console with the global options; the exit status. */
int tui_main(const struct options *opt);

/* For panes: the session (NULL when none is open), the page size, the pane listing kind
 * ("tenants") or NULL. */
struct api_session *tui_session(struct tui *t);
int tui_page_size(const struct tui *t);
struct pane *tui_pane(const struct tui *t, const char *kind);
/* The columns setting of kind ("tenants"): the profile's columns group, else the profiles
 * file's; a new string of field paths, or NULL. */
char *tui_columns_setting(struct tui *t, const char *kind);
/* True when the selected row is shown by an arrow in the left margin (cursor = "arrow"; or
 * :cursor), false for the bar (the row drawn highlighted, the default). */
bool tui_arrow(const struct tui *t);
/* The keymap, for hints that name a key ("Press s to ..."). */
const struct keymap *tui_keymap(const struct tui *t);
/* The ID of the environment the tenants pane is narrowed to, or NULL for all. */
const char *tui_environment(const struct tui *t);
/* Show err in the status line (until the next key or success). */
void tui_error(struct tui *t, const struct tn_error *err);
/* Show a message in the status line. */
void tui_message(struct tui *t, const char *fmt, ...) TN_PRINTF(2, 3);
/* The last messages and errors shown, oldest first ("12:01:05  text"), for :messages; how
 * many. */
size_t tui_messages(const struct tui *t, const char *const **out);
/* Something changed on screen: redraw at the next pass. */
void tui_dirty(struct tui *t);

/* For the loop (display.c): handle a key; what to redraw; tick panes (start loads due); true
 * while a request is in flight or about to be; the engine; whether to quit. */
void tui_key(struct tui *t, int key);
void tui_draw(struct tui *t);
void tui_tick(struct tui *t);
bool tui_busy(const struct tui *t);
/* Do a slice of the work that runs in the background (an export's next rows); true while
 * more is due at once (the loop then does not wait). */
bool tui_work(struct tui *t);
bool tui_needs_draw(const struct tui *t);
struct http_engine *tui_engine(struct tui *t);
bool tui_quitting(const struct tui *t);
void tui_quit(struct tui *t);

#endif
