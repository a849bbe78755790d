/* plugins.h: commands the operator adds to the console, as k9s's plugins: a `plugins` list in
 * the profiles file, each with a key, a description, the kinds it applies to and a shell
 * command run with the selected row's fields in TENANTRY_* environment variables. */
#ifndef TENANTRY_PLUGINS_H
#define TENANTRY_PLUGINS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/profile.h"
#include "core/status.h"

struct plugin {
    char *key;         /* a key name as the keys group takes it ("C-o", "O") */
    char *description; /* for help and the status line */
    char *kinds;       /* "tenants,clients"; NULL: every kind */
    char *command;     /* run with /bin/sh -c */
};

struct plugin_set {
    struct plugin *v;
    size_t n;
};

/* Read the `plugins` list of the profiles file set into out (empty when there is none).
 * False with err set (the file, the line and what is wrong) on a malformed entry; the
 * entries before it are kept. */
bool plugins_load(const struct profile_set *set, struct plugin_set *out, struct tn_error *err);
/* True when plugin p applies to rows of kind (its kinds list names it, or is empty). */
bool plugin_applies(const struct plugin *p, const char *kind);
void plugins_free(struct plugin_set *ps);

#endif
