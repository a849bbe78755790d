/* draw.h: the only code that writes to the screen. Text from servers is neutralised (see
 * core/text) and measured in cells; lines use ACS characters or ASCII in other locales. */
#ifndef TENANTRY_DRAW_H
#define TENANTRY_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/util.h"
#include "tui/theme.h"

/* A rectangle of the screen. */
struct rect {
    int y, x, h, w;
};

/* Decide UTF-8 or ASCII drawing (after setlocale and initscr). */
void draw_init(void);
/* True when the locale is UTF-8. */
bool draw_utf8(void);
/* The cells s takes once neutralised. */
int draw_width(const char *s);
/* Write s at (y, x) in at most w cells with role's attributes; a cut text ends in an
 * ellipsis; with pad the rest of the w cells is filled with spaces. Returns the cells used. */
int draw_text(int y, int x, int w, const char *s, enum theme_role role, bool pad);
/* Like draw_text (unpadded), but a cut text keeps both ends around an ellipsis in its
 * middle (7a46dfb1…85b53b33): for IDs. */
int draw_text_middle(int y, int x, int w, const char *s, enum theme_role role);
/* s past its first cells cells (as drawn: a wide character is skipped whole). */
const char *draw_skip(const char *s, int cells);
/* Like draw_text, but s is right-aligned in the w cells. */
int draw_text_right(int y, int x, int w, const char *s, enum theme_role role);
/* Write s from row *y at column x wrapped at spaces into lines of at most w cells, no lower
 * than row last; *y moves past what was written. */
void draw_wrapped(int x, int *y, int w, int last, const char *s, enum theme_role role);
/* The bytes of the first line of s wrapped at w cells (at a space when there is one). */
size_t draw_wrap_len(const char *s, int w);
/* The screen's width in cells. */
int draw_cols(void);
/* Write only line j (from 0) of what draw_wrapped would write, at (y, x). */
void draw_wrapped_line(int y, int x, int w, const char *s, int j, enum theme_role role);
/* The lines draw_wrapped would write s in at w cells. */
int draw_wrapped_lines(int w, const char *s);
/* Fill w cells at (y, x) with spaces. */
void draw_fill(int y, int x, int w, enum theme_role role);
/* Fill a whole rectangle with spaces. */
void draw_clear_rect(struct rect r, enum theme_role role);
/* The cells of a rectangle as drawn, kept to be put back (a pane loading its next list shows
 * its last one a moment: the terminal is sent nothing for it). */
struct draw_saved;
/* Keep the cells of r drawn so far in *s (made or resized as needed). */
void draw_save(struct draw_saved **s, struct rect r);
/* Put back the cells s kept when they were kept at r; false (nothing drawn) otherwise. */
bool draw_restore(const struct draw_saved *s, struct rect r);
/* Free what draw_save made (NULL is fine). */
void draw_saved_free(struct draw_saved *s);
/* Horizontal and vertical lines. */
void draw_hline(int y, int x, int w, enum theme_role role);
void draw_vline(int y, int x, int h, enum theme_role role);
/* Put the terminal cursor at (y, x) and show it; draw_cursor_hide() hides it. */
void draw_cursor(int y, int x);
void draw_cursor_hide(void);
/* Clear the whole screen (before a full redraw). */
void draw_erase(void);
/* Send what was drawn to the terminal. */
void draw_flush(void);
/* Ask the terminal to put text on the clipboard (OSC 52; wrapped for tmux when $TMUX is
 * set). False when it cannot be sent (no terminal, or TERM=dumb/linux/vt*). */
bool draw_clipboard(const char *text);
/* Wipe the buffer text passes through on its way to the screen (after a secret was drawn). */
void draw_forget(void);
/* Clear r and draw a frame around it. */
void draw_box(struct rect r, enum theme_role role);
/* The width of a dialog over area: at most max cells and 4 fewer than area, unless that
 * leaves under 24 (then the whole width). */
int draw_dialog_width(struct rect area, int max);
/* Clear and frame a dialog of width cells, centred in area, around lines lines of content (as
 * many as fit), with title in its top border; the rectangle inside (one cell of margin left
 * and right). */
struct rect draw_dialog(struct rect area, int width, int lines, const char *title);
/* Write the screen as text, one line per row, trailing spaces dropped, to path (for
 * headless tests); false on an I/O error. */
bool draw_dump(const char *path);
/* Append the screen's text to out as draw_dump writes it. */
void draw_screen_text(struct strbuf *out);

#endif
