/* plugins.h: the profiles file's plugins (core/plugins.h) in the console: their keys checked
 * against the keymap, run on the selected row with the terminal lent to them (as for
 * $EDITOR), listed in help. */
#ifndef TENANTRY_TUI_PLUGINS_H
#define TENANTRY_TUI_PLUGINS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/plugins.h"
#include "tui/help.h"
#include "tui/keys.h"

struct api_kind_def;
struct list;

/* The plugins as the console uses them: each with its key parsed. */
struct tui_plugins {
    struct plugin_set set;
    int *keys; /* set.n of them; 0 for a plugin left out (its key is taken or not a key) */
};

/* Load the plugins of the profiles file into tp (freeing what it held); a plugin whose key is
 * not a key name or is bound to an action is left out, the first such said in err (false). */
bool tui_plugins_load(struct tui_plugins *tp, const struct profile_set *set,
                      const struct keymap *km, struct tn_error *err);
/* The plugin key runs on rows of kind, or NULL. */
const struct plugin *tui_plugins_find(const struct tui_plugins *tp, int key, const char *kind);
/* Help's lines for the plugins (key: description), into out (at most max); how many. */
size_t tui_plugins_docs(const struct tui_plugins *tp, struct help_command *out, size_t max);
/* The environment of a plugin run on row i of list l (kind k): TENANTRY_KIND, TENANTRY_ID,
 * a TENANTRY_FIELD for each field of the row (environment.name: TENANTRY_ENVIRONMENT_NAME;
 * never a secret), and what extra (NAME=VALUE, NULL-terminated) adds. A NULL-terminated
 * array of new strings (util_free_strv). */
char **tui_plugins_env(const struct api_kind_def *k, const struct list *l, size_t i,
                       const char *const *extra);
void tui_plugins_free(struct tui_plugins *tp);

#endif
