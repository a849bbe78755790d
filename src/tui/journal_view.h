/* journal_view.h: the journal of changes (core/journal.h) as a text view, newest first. */
#ifndef TENANTRY_JOURNAL_VIEW_H
#define TENANTRY_JOURNAL_VIEW_H

#include "tui/textview.h"

/* A view of the journal at path (NULL: none, there is no home folder): one line a change,
 * newest first: when, profile, what, which object, how it ended. */
struct textview *journal_view_new(const char *path);

#endif
