/* help.h: the help view, generated from the action table and the live keymap. */
#ifndef TENANTRY_HELP_H
#define TENANTRY_HELP_H

#include "tui/keys.h"
#include "tui/textview.h"

/* A help view listing every action by group with its keys (from km) and help text, then
 * the ':' commands. Actions for which hidden(ud, act) is true are left out (NULL: none). */
struct textview *help_new(const struct keymap *km, bool (*hidden)(void *ud, enum action act),
                          void *ud);

#endif
