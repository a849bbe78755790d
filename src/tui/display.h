/* display.h: the one loop: keys and network in one wait (http_wait); the terminal itself is
 * tui/terminal.h. */
#ifndef TENANTRY_DISPLAY_H
#define TENANTRY_DISPLAY_H

struct tui;
struct script;

/* Start curses (or a headless screen when script is set), run until the console quits,
 * restore the terminal; the exit status. */
int display_run(struct tui *t, struct script *script);
#endif
