/* textview.h: a scrollable view of text lines with a title, searchable (/ then n/N), used by
 * the detail and help views. Lines may hold hostile text: draw neutralises it. */
#ifndef TENANTRY_TEXTVIEW_H
#define TENANTRY_TEXTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/view.h"

struct textview;

/* A new empty view titled title (copied). Its base is a struct view (ops set). */
struct textview *textview_new(const char *title);
/* The view as a struct view, for the overlay stack. */
struct view *textview_view(struct textview *t);
/* Replace the title. */
void textview_set_title(struct textview *t, const char *title);
/* Append a line (copied), or the lines of text split at newlines. */
void textview_add(struct textview *t, const char *line, enum theme_role role);
/* Append a line (copied) that wraps at spaces to the view's width, its continuation rows
 * indent cells in (none when the view is too narrow for that). */
void textview_add_wrapped(struct textview *t, const char *line, enum theme_role role, int indent);
void textview_add_text(struct textview *t, const char *text, enum theme_role role);
/* Show the last lines (at the next draw). */
void textview_show_end(struct textview *t);
/* Remove every line (keeping the title and search). */
void textview_clear(struct textview *t);
/* The number of lines added, and the first row shown. */
size_t textview_lines(const struct textview *t);
size_t textview_top(const struct textview *t);
/* A status text for the view's last line ("12 matches", "no match for 'x'"), or "". */
const char *textview_status(const struct textview *t);

#endif
