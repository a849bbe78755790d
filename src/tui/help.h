/* help.h: the help view, generated from the action table and the live keymap. */
#ifndef TENANTRY_HELP_H
#define TENANTRY_HELP_H

#include "tui/keys.h"
#include "tui/textview.h"

/* A ':' command as help shows it: its usage (":filter TERMS") and what it does, N_() marked. */
struct help_command {
    const char *usage;
    const char *help;
};

/* A help view listing every action by group with its keys (from km) and help text, then
 * the ':' commands (cmds, n of them; tui/command.c has them), then the plugins (plugins,
 * nplugins: their keys and descriptions, as the profiles file has them). Actions for which
 * hidden(ud, act) is true are left out (NULL: none). */
struct textview *help_new(const struct keymap *km, bool (*hidden)(void *ud, enum action act),
                          void *ud, const struct help_command *cmds, size_t n,
                          const struct help_command *plugins, size_t nplugins);

#endif
