/* plugins.c: the profiles file's plugins in the console. */
#include "config.h"

#include "tui/plugins.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/list.h"
#include "core/util.h"

bool tui_plugins_load(struct tui_plugins *tp, const struct profile_set *set,
                      const struct keymap *km, struct tn_error *err)
{
    tui_plugins_free(tp);
    bool ok = plugins_load(set, &tp->set, err);
    tp->keys = xcalloc(tp->set.n + 1, sizeof(*tp->keys));
    for (size_t i = 0; i < tp->set.n; i++) {
        const struct plugin *p = &tp->set.v[i];
        int key = 0;
        enum action taken = ACT_NONE;
        if (!keys_parse(p->key, &key, NULL) || (taken = keymap_lookup(km, key)) != ACT_NONE) {
            if (ok) {
                if (taken != ACT_NONE)
                    /* TRANSLATORS: the plugin's description, its key's name (kept as is), then
                     * the name of the action that already has the key (kept as is). */
                    err_set(err, ST_USAGE, _("plugin \"%s\": its key %s is the key of \"%s\"; "
                                             "give it another (the plugin is left out)"),
                            p->description, p->key, action_name(taken));
                else
                    /* TRANSLATORS: the plugin's description, then the key's name as written;
                     * keep C-o, O and F5 as they are (key names). */
                    err_set(err, ST_USAGE, _("plugin \"%s\": \"%s\" is not a key name (such as "
                                             "C-o, O or F5); the plugin is left out"),
                            p->description, p->key);
            }
            ok = false;
            key = 0;
        }
        tp->keys[i] = key;
    }
    return ok;
}

const struct plugin *tui_plugins_find(const struct tui_plugins *tp, int key, const char *kind)
{
    for (size_t i = 0; key && i < tp->set.n; i++)
        if (tp->keys[i] == key && plugin_applies(&tp->set.v[i], kind))
            return &tp->set.v[i];
    return NULL;
}

size_t tui_plugins_docs(const struct tui_plugins *tp, struct help_command *out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < tp->set.n && n < max; i++)
        if (tp->keys[i])
            out[n++] = (struct help_command){tp->set.v[i].key, tp->set.v[i].description};
    return n;
}

/* "TENANTRY_" and path in capitals, other characters as '_', "=" value. */
static char *env_entry(const char *path, const char *value)
{
    struct strbuf sb = SB_INIT;
    sb_adds(&sb, "TENANTRY_");
    for (const char *s = path; *s; s++)
        sb_addc(&sb, isalnum((unsigned char)*s) ? (char)toupper((unsigned char)*s) : '_');
    sb_addc(&sb, '=');
    sb_adds(&sb, value ? value : "");
    return sb_steal(&sb);
}

char **tui_plugins_env(const struct api_kind_def *k, const struct list *l, size_t i,
                       const char *const *extra)
{
    size_t nextra = 0;
    while (extra && extra[nextra])
        nextra++;
    char **env = xcalloc(k->nfields + nextra + 3, sizeof(*env));
    size_t n = 0;
    env[n++] = env_entry("kind", k->name);
    env[n++] = env_entry("id", list_id(l, i));
    for (size_t f = 0; f < k->nfields; f++)
        if (!(k->fields[f].flags & FIELD_SECRET) && strcmp(k->fields[f].path, "id"))
            env[n++] = env_entry(k->fields[f].path, list_value(l, i, f));
    for (size_t e = 0; e < nextra; e++)
        env[n++] = xstrdup(extra[e]);
    return env;
}

void tui_plugins_free(struct tui_plugins *tp)
{
    plugins_free(&tp->set);
    free(tp->keys);
    tp->keys = NULL;
}
