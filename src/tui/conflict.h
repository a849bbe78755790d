/* conflict.h: the view of an edit that lost a race: the tenant as the server has it now beside
 * the operator's edit, field by field (version, updatedAt, then each top-level key of the
 * data), the fields that differ marked with who changed them since the edit was read, and
 * where the edit is kept. Scrollable; it only shows: sysedit.c takes the operator's choice. */
#ifndef TENANTRY_CONFLICT_H
#define TENANTRY_CONFLICT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "tui/draw.h"
#include "tui/action.h"

struct conflict;
struct keymap;

/* A view of mine (the edited document, compact JSON), based on base (the tenant as read),
 * against server (the tenant now); path is the file the edit is kept in. All copied. */
struct conflict *conflict_new(const struct row *base, const struct row *server, const char *mine,
                              const char *path);
void conflict_free(struct conflict *c);
/* The number of fields whose values differ (version included). */
size_t conflict_differences(const struct conflict *c);
/* Scroll for a moving action (down, up, page, first, last); true when the view moved. */
bool conflict_scroll(struct conflict *c, enum action act);
/* Draw over r: a title, the comparison, and the keys that choose (from km) on the last line. */
void conflict_draw(struct conflict *c, struct rect r, const struct keymap *km);

#endif
