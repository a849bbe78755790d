/* profile.c: the profiles file (libconfig): load, find, change, save. One profile's fields are
 * in profile_fields.c; reading the file and the atomic save in profile_file.c. */
#include "config.h"

#include "core/profile.h"

#include <errno.h>
#include <libconfig.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/http_proxy.h"
#include "core/intl.h"
#include "core/profile_fields.h"
#include "core/profile_file.h"
#include "core/util.h"
#include "core/xdg.h"

/* Note in *in_main when the profile group g holds an inline secret (or a proxy with its
 * password) written in the profiles file itself; one written in an @included file is checked
 * here: false with err set when others can read that file. */
static bool check_inline_secrets(const config_setting_t *g, const char *dir, bool *in_main,
                                 struct tn_error *err)
{
    static const char *const names[] = {"client_secret", "password", "proxy"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        const config_setting_t *s = config_setting_get_member(g, names[i]);
        if (s && !strcmp(names[i], "proxy") && /* a secret only when it holds a password */
            !http_proxy_has_credentials(config_setting_get_string(s)))
            continue;
        const char *name = s ? config_setting_source_file(s) : NULL; /* as @include says */
        if (s && !name)
            *in_main = true;
        if (!name)
            continue;
        char *file = name[0] == '/' ? xstrdup(name) : xasprintf("%s/%s", dir, name);
        struct stat st;
        bool ok = stat(file, &st) == 0 ? profile_file_check_private(file, &st, err)
                                       /* TRANSLATORS: a file's path (or where a setting comes
                                        * from), then the reason (often the system's error
                                        * message). */
                                       : profile_usage(err, _("%s: %s"), file, strerror(errno));
        free(file);
        if (!ok)
            return false;
    }
    return true;
}

/* Read the profiles list and default_profile of the parsed tree into set (messages without
 * the path); *inline_secret tells whether a profile holds its secret inline. */
static bool read_profiles(struct profile_set *set, bool *inline_secret, struct tn_error *err)
{
    config_t *cfg = set->cfg;
    config_setting_t *root = config_root_setting(cfg);
    config_setting_t *def = config_setting_get_member(root, "default_profile");
    config_setting_t *list = config_setting_get_member(root, "profiles");
    config_setting_t *cursor = config_setting_get_member(root, "cursor");
    if (def && config_setting_type(def) != CONFIG_TYPE_STRING)
        return profile_usage(err, _("default_profile must be a string in double quotes"));
    const char *cv = cursor ? config_setting_get_string(cursor) : NULL; /* NULL: not a string */
    if (cursor && !profile_cursor_ok(cv))
        /* TRANSLATORS: a setting's name (kept as is), then the values it takes ("bar",
         * "arrow": kept). */
        return profile_usage(err, _("\"%s\" must be one of: %s"), "cursor",
                             "\"bar\", \"arrow\"");
    set->cursor = cv ? xstrdup(cv) : NULL;
    if (list && config_setting_type(list) != CONFIG_TYPE_LIST)
        return profile_usage(
            err, _("\"profiles\" must be a list: profiles = ( { name = ...; }, ... );"));
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    set->v = xcalloc(n, sizeof(*set->v));
    for (size_t i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP)
            /* TRANSLATORS: the profile's place in the file (from 1); keep { name = ...; } as it
             * is (settings syntax). */
            return profile_usage(err, _("profile #%zu must be a group: { name = ...; }"), i + 1);
        if (!profile_fields_parse(g, i + 1, &set->v[i], err))
            return false;
        set->n++;
        char *dir = profile_file_dir(set->path);
        bool private = check_inline_secrets(g, dir, inline_secret, err);
        free(dir);
        if (!private)
            return false;
    }
    for (size_t i = 0; i < set->n; i++)
        for (size_t j = i + 1; j < set->n; j++)
            if (!strcmp(set->v[i].name, set->v[j].name))
                /* TRANSLATORS: the two numbers are the profiles' places in the file (from 1), %s
                 * their name. */
                return profile_usage(err, _("profiles #%zu and #%zu are both called \"%s\""), i + 1,
                                     j + 1, set->v[i].name);
    const char *name = def ? config_setting_get_string(def) : NULL;
    if (name && !profile_find(set, name)) {
        if (profile_name_ok(name))
            profile_usage(err, _("default_profile \"%s\" names no profile"), name);
        else
            profile_usage(err, _("default_profile names no profile"));
        err_hint(err, _("set it to the name of a profile, or remove it"));
        return false;
    }
    set->default_name = name ? xstrdup(name) : NULL;
    return true;
}

/* Parse text (as profile_file_read gives it) into set->cfg and check it; st gives the file's
 * mode. */
static bool load_tree(struct profile_set *set, const char *text, const struct stat *st,
                      struct tn_error *err)
{
    config_t *cfg = set->cfg;
    char *dir = profile_file_dir(set->path);
    config_set_include_dir(cfg, dir);
    bool includes_ok = profile_file_check_includes(text, dir, err);
    int parsed = includes_ok && config_read_string(cfg, text);
    free(dir);
    if (!includes_ok) {
        err_prefix(err, _("%s includes a file that is not safe to use"), set->path);
        return false;
    }
    bool inline_secret = false;
    if (!parsed) {
        const char *file = config_error_file(cfg);
        return profile_usage(err, "%s:%d: %s", file ? file : set->path, config_error_line(cfg),
                     config_error_text(cfg));
    }
    if (!read_profiles(set, &inline_secret, err)) {
        err_prefix(err, "%s", set->path);
        return false;
    }
    return !inline_secret || profile_file_check_private(set->path, st, err);
}

bool profile_load(const char *path, struct profile_set *set, struct tn_error *err)
{
    *set = (struct profile_set){0};
    if (!path) { /* as profile_default_path() gives when there is no home folder */
        profile_usage(err, _("no profiles file: neither XDG_CONFIG_HOME nor HOME is set"));
        err_hint(err, _("name one with -c FILE"));
        return false;
    }
    set->path = xstrdup(path);
    set->cfg = xmalloc(sizeof(config_t));
    config_init(set->cfg);
    struct stat st;
    struct strbuf text = SB_INIT; /* with integer literals beyond 32 bits marked "L" */
    bool ok = profile_file_read(path, &set->exists, &st, &text, err) &&
              (!set->exists || load_tree(set, sb_str(&text), &st, err));
    sb_wipe(&text);
    if (!ok)
        profile_set_free(set);
    return ok;
}

const struct profile *profile_find(const struct profile_set *set, const char *name)
{
    for (size_t i = 0; name && i < set->n; i++)
        if (!strcmp(set->v[i].name, name))
            return &set->v[i];
    return NULL;
}

const struct profile *profile_default(const struct profile_set *set, struct tn_error *err)
{
    const char *path = set->path ? set->path : "?";
    if (set->default_name) {
        const struct profile *p = profile_find(set, set->default_name);
        if (!p)
            /* TRANSLATORS: the profiles file's path, then the name it gives; keep
             * default_profile untranslated (a setting). */
            profile_usage(err, _("%s: default_profile \"%s\" names no profile"), path,
                          set->default_name);
        return p;
    }
    if (set->n == 1)
        return &set->v[0];
    if (set->n == 0) {
        if (set->exists)
            profile_usage(err, _("no profile in %s"), path);
        else
            profile_usage(err, _("no profile: %s does not exist"), path);
        err_hint(err, _("add one with `tenantry profile add NAME ...` or try `tenantry --demo`"));
        return NULL;
    }
    /* TRANSLATORS: how many profiles, the profiles file's path; keep the commands. */
    profile_usage(err,
          ngettext("no default profile: %zu profile in %s; pick one with -p NAME or "
                   "`tenantry profile default NAME`",
                   "no default profile: %zu profiles in %s; pick one with -p NAME or "
                   "`tenantry profile default NAME`",
                   set->n),
          set->n, path);
    return NULL;
}

/* The root of set's libconfig tree, made empty on first use. */
static config_setting_t *set_root(struct profile_set *set)
{
    if (!set->cfg) {
        set->cfg = xmalloc(sizeof(config_t));
        config_init(set->cfg);
    }
    config_t *cfg = set->cfg;
    return config_root_setting(cfg);
}

/* Overwrite the inline secret libconfig holds in the profile group g. */
static void wipe_group(config_setting_t *g)
{
    static const char *const names[] = {"client_secret", "password"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
        config_setting_t *s =
            config_setting_is_group(g) ? config_setting_get_member(g, names[i]) : NULL;
        const char *v = s && config_setting_type(s) == CONFIG_TYPE_STRING
                            ? config_setting_get_string(s) : NULL;
        if (v)
            util_wipe((void *)(uintptr_t)v, strlen(v));
    }
}

bool profile_add(struct profile_set *set, const struct profile *p, struct tn_error *err)
{
    if (!profile_validate(p, err))
        return false;
    if (profile_find(set, p->name)) {
        profile_usage(err, _("a profile called \"%s\" exists already"), p->name);
        /* TRANSLATORS: %s is the profile's name; keep the command in `...` as it is. */
        err_hint(err, _("remove it first with `tenantry profile remove %s`"), p->name);
        return false;
    }
    config_setting_t *root = set_root(set);
    config_setting_t *list = config_setting_get_member(root, "profiles");
    if (!list)
        list = config_setting_add(root, "profiles", CONFIG_TYPE_LIST);
    set->v = xreallocarray(set->v, set->n + 1, sizeof(*set->v));
    struct profile *q = &set->v[set->n++];
    profile_copy(q, p);
    profile_fields_defaults(q);
    profile_fields_write(list, q);
    if (set->n == 1) /* the only profile: `tenantry` alone uses it */
        return profile_set_default(set, q->name, err);
    return true;
}

/* Report that no profile is called name. */
static bool unknown_profile(const struct profile_set *set, const char *name, struct tn_error *err)
{
    if (profile_name_ok(name))
        /* TRANSLATORS: the profile's name, then the profiles file's path. */
        return profile_usage(err, _("no profile called \"%s\" in %s"), name,
                             set->path ? set->path : "?");
    return profile_usage(err, _("no such profile in %s"), set->path ? set->path : "?");
}

bool profile_remove(struct profile_set *set, const char *name, struct tn_error *err)
{
    const struct profile *p = profile_find(set, name);
    if (!p)
        return unknown_profile(set, name, err);
    size_t i = (size_t)(p - set->v);
    config_setting_t *root = set_root(set);
    config_setting_t *list = config_setting_get_member(root, "profiles");
    if (list) {
        wipe_group(config_setting_get_elem(list, (unsigned)i));
        config_setting_remove_elem(list, (unsigned)i);
    }
    if (set->default_name && !strcmp(set->default_name, name)) {
        free(set->default_name);
        set->default_name = NULL;
        config_setting_remove(root, "default_profile");
    }
    profile_free(&set->v[i]); /* name may point into it: not used after this */
    memmove(&set->v[i], &set->v[i + 1], (set->n - i - 1) * sizeof(*set->v));
    set->n--;
    return true;
}

bool profile_set_default(struct profile_set *set, const char *name, struct tn_error *err)
{
    if (!profile_find(set, name))
        return unknown_profile(set, name, err);
    config_setting_t *root = set_root(set);
    config_setting_t *def = config_setting_get_member(root, "default_profile");
    if (!def)
        def = config_setting_add(root, "default_profile", CONFIG_TYPE_STRING);
    config_setting_set_string(def, name);
    char *copy = xstrdup(name); /* name may be set->default_name itself */
    free(set->default_name);
    set->default_name = copy;
    return true;
}

bool profile_save(struct profile_set *set, struct tn_error *err)
{
    if (!set->path)
        return profile_usage(err, _("no profiles file to write to"));
    set_root(set); /* an empty tree when nothing was ever loaded */
    bool ok = profile_file_save(set->path, set->cfg, err);
    set->exists |= ok;
    return ok;
}

bool profile_apply(struct profile_set *set, const struct profile_change *ch,
                   struct tn_error *err)
{
    if (!set->path)
        return profile_usage(err, _("no profiles file to write to"));
    sigset_t stop, old; /* a Ctrl-C now would leave the lock behind */
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    sigaddset(&stop, SIGQUIT);
    sigprocmask(SIG_BLOCK, &stop, &old);
    char *lock = profile_file_lock(set->path, err);
    struct profile_set now = {0};
    bool ok = lock && profile_load(set->path, &now, err) &&
              (!ch->remove || profile_remove(&now, ch->remove, err)) &&
              (!ch->add || profile_add(&now, ch->add, err)) &&
              (!ch->make_default || profile_set_default(&now, ch->make_default, err));
    if (ok) {
        profile_file_clean_temps(set->path);
        ok = profile_save(&now, err);
    }
    profile_file_unlock(lock);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (ok) {
        profile_set_free(set);
        *set = now;
    } else if (lock) {
        profile_set_free(&now);
    }
    return ok;
}

void profile_set_free(struct profile_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        profile_free(&set->v[i]);
    free(set->v);
    free(set->path);
    free(set->default_name);
    free(set->cursor);
    if (set->cfg) {
        config_setting_t *list = config_lookup(set->cfg, "profiles");
        for (int i = 0; list && config_setting_is_list(list) && i < config_setting_length(list); i++)
            wipe_group(config_setting_get_elem(list, (unsigned)i));
        config_destroy(set->cfg);
        free(set->cfg);
    }
    *set = (struct profile_set){0};
}

char *profile_default_path(void)
{
    return xdg_path("XDG_CONFIG_HOME", ".config", "tenantry/config");
}
