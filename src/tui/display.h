/* display.h: the curses lifecycle and the one loop: keys and network in one wait (http_wait),
 * the terminal restored on quit, on SIGTERM/SIGHUP/SIGINT and on a crash. */
#ifndef TENANTRY_DISPLAY_H
#define TENANTRY_DISPLAY_H

#include <stdbool.h>

struct tui;
struct script;

/* Start curses (or a headless screen when script is set), run until the console quits,
 * restore the terminal; the exit status. */
int display_run(struct tui *t, struct script *script);
/* Give the terminal back for a moment (a secret command may prompt, an editor runs) and take
 * it again: the screen is repainted whole, keys typed meanwhile are dropped, and C-c meanwhile
 * is left to the other program. */
void display_suspend(void);
void display_resume(void);
/* Repaint everything at the next refresh. */
void display_redraw(void);
/* Put text on the terminal's clipboard (OSC 52); false where it cannot. */
bool display_clipboard(const char *text);

#endif
