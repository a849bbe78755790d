/* plugins.c: the `plugins` list of the profiles file. */
#include "config.h"

#include "core/plugins.h"

#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"

/* The string member name of group g, or NULL. */
static const char *member(const config_setting_t *g, const char *name)
{
    const char *s = NULL;
    return config_setting_lookup_string(g, name, &s) == CONFIG_TRUE ? s : NULL;
}

bool plugins_load(const struct profile_set *set, struct plugin_set *out, struct tn_error *err)
{
    *out = (struct plugin_set){0};
    const config_t *cfg = set->cfg;
    const config_setting_t *list = cfg ? config_lookup(cfg, "plugins") : NULL;
    if (!list)
        return true;
    const char *file = set->path ? set->path : "?";
    if (!config_setting_is_list(list)) {
        /* TRANSLATORS: the settings file's path and the line number; keep the example plugins =
         * ( ... ); as it is (settings syntax). */
        err_set(err, ST_USAGE, _("%s:%u: \"plugins\" must be a list: plugins = ( { key = \"C-o\"; "
                                 "description = \"...\"; command = \"...\"; } );"),
                file, config_setting_source_line(list));
        return false;
    }
    int n = config_setting_length(list);
    out->v = xcalloc((size_t)n + 1, sizeof(*out->v));
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        const char *key = g ? member(g, "key") : NULL, *cmd = g ? member(g, "command") : NULL;
        if (!g || !config_setting_is_group(g) || !key || !*key || !cmd || !*cmd) {
            /* TRANSLATORS: the settings file's path and the line number, then the plugin's
             * number in its list (from 1); "key" and "command" are the settings' names. */
            err_set(err, ST_USAGE, _("%s:%u: plugin %d needs a key and a command, strings in "
                                     "double quotes"),
                    file, g ? config_setting_source_line(g) : config_setting_source_line(list),
                    i + 1);
            return false;
        }
        const char *desc = member(g, "description"), *kinds = member(g, "kinds");
        out->v[out->n++] = (struct plugin){xstrdup(key), xstrdup(desc ? desc : cmd),
                                           kinds && *kinds ? xstrdup(kinds) : NULL,
                                           xstrdup(cmd)};
    }
    return true;
}

bool plugin_applies(const struct plugin *p, const char *kind)
{
    if (!p->kinds)
        return true;
    size_t n = strlen(kind);
    for (const char *s = p->kinds; *s;) {
        s += strspn(s, " ,");
        size_t len = strcspn(s, " ,");
        if (len == n && !strncmp(s, kind, n))
            return true;
        s += len;
    }
    return false;
}

void plugins_free(struct plugin_set *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        free(ps->v[i].key);
        free(ps->v[i].description);
        free(ps->v[i].kinds);
        free(ps->v[i].command);
    }
    free(ps->v);
    *ps = (struct plugin_set){0};
}
