/* terminal.h: the terminal: curses started and restored (on quit, on SIGTERM/SIGHUP/SIGINT and
 * on a crash), lent to another program (an editor, a secret command) and taken back, the
 * clipboard. */
#ifndef TENANTRY_TERMINAL_H
#define TENANTRY_TERMINAL_H

#include <stdbool.h>

/* Start curses on the terminal, or (headless) on /dev/null with a fixed size for a script;
 * false (said on stderr) when the terminal cannot be used. */
bool terminal_start(bool headless);
/* Restore the terminal and free curses. */
void terminal_stop(void);
/* Catch SIGTERM, SIGHUP and SIGINT (terminal_signal), ignore SIGPIPE, and restore the
 * terminal on a crash before dying of it. */
void terminal_catch_signals(void);
/* The signal that asks the console to end, or 0. */
int terminal_signal(void);
/* Give the terminal back for a moment (a secret command may prompt, an editor runs) and take
 * it again: the screen is repainted whole, keys typed meanwhile are dropped, and C-c meanwhile
 * is left to the other program. */
void terminal_suspend(void);
void terminal_resume(void);
/* Repaint everything at the next refresh. */
void terminal_redraw(void);
/* Put text on the terminal's clipboard (OSC 52); false where it cannot. */
bool terminal_clipboard(const char *text);

#endif
