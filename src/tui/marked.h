/* marked.h: the console's marks and the bulk delete of the marked rows. Space marks or unmarks
 * the selected row, * (and :mark all) every row the filter shows, :mark none clears. d on a
 * pane with marks asks once (the count and the first few names; the count typed, and on a
 * production profile its name), then deletes them a few at a time (core/bulk, the profile's
 * in_flight) while the console stays free: a progress line, Esc stops sending more (those in
 * the air finish), each row goes as its delete succeeds, failures stay marked ("!") with their
 * error, and d again tries them again. */
#ifndef TENANTRY_MARKED_H
#define TENANTRY_MARKED_H

#include <stdbool.h>

#include "core/util.h"
#include "tui/action.h"

struct tui;

/* Space (ACT_MARK) or * (ACT_MARK_ALL) on the focused pane. */
void marked_key(struct tui *t, enum action act);
/* :mark all | none. */
void marked_command(struct tui *t, const char *arg);
/* d: the bulk delete's dialog when the focused pane has marks; false when it has none (a
 * delete of the selection then). */
bool marked_delete(struct tui *t);
/* True while a bulk delete runs (its answers would be lost by a profile switch or quit). */
bool marked_busy(const struct tui *t);
/* Append the progress line of a bulk delete running, or the error of the selected row when a
 * delete of it failed; false when there is neither. */
bool marked_status(const struct tui *t, struct strbuf *out);

#endif
