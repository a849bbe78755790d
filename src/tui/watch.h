/* watch.h: `:watch [SECONDS]`: the focused list re-read while the console is idle (the first
 * pages; on the system API only what changed since the last change seen), its new rows taken
 * in and flagged new, the rows gone from the server flagged gone, never moving the selection;
 * paused while a dialog, prompt or overlay is open; nothing redrawn when nothing changed. */
#ifndef TENANTRY_WATCH_H
#define TENANTRY_WATCH_H

struct tui;

/* :watch ARG: "" (the profile's period, else 10 s), a number of seconds, or "off". */
void watch_command(struct tui *t, const char *arg);
/* Start a re-read when one is due (from the loop). */
void watch_tick(struct tui *t);
/* Stop watching and free what the watch holds (the session or the panes are going away). */
void watch_free(struct tui *t);

#endif
