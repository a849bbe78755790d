/* profile.c: the profiles file (libconfig): load, validate, change, save. Reading the file and
 * the atomic save are in profile_file.c. */
#include "config.h"

#include "core/profile.h"

#include <errno.h>
#include <libconfig.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/http.h"
#include "core/http_proxy.h"
#include "core/intl.h"
#include "core/profile_file.h"
#include "core/util.h"
#include "core/xdg.h"

#define NAME_MAX_LEN 64

enum field_kind { F_STRING, F_BOOL, F_INT };
enum {
    REQUIRED = 1, /* required by the APIs the field is for */
    URL = 2,
    MATTR = 4,    /* only for api "mattr" */
    SYSTEM = 8,   /* only for api "system" */
    NEGATED = 16, /* a bool kept inverted in struct profile: the setting defaults to true */
    SHOWN = 32,   /* how things are shown, not how to connect: not among profile_api_settings */
    GROUP = 64,   /* a group of strings, kept as "name=value" lines (columns = { ... };) */
};

/* One field a profile group may hold, where it lives in struct profile and its bounds. */
struct field {
    const char *name;
    enum field_kind kind;
    size_t offset;
    int flags;         /* REQUIRED, URL, MATTR, SYSTEM */
    int min, max, def; /* F_INT only */
};

#define STR(n, flags) {#n, F_STRING, offsetof(struct profile, n), flags, 0, 0, 0}
static const struct field fields[] = {
    STR(name, REQUIRED),
    STR(api, 0),
    STR(url, REQUIRED | URL),
    STR(auth_url, REQUIRED | URL | MATTR),
    STR(audience, REQUIRED | MATTR),
    STR(client_id, REQUIRED | MATTR),
    STR(client_secret, MATTR),
    STR(client_secret_env, MATTR),
    STR(client_secret_command, MATTR),
    STR(user, REQUIRED | SYSTEM),
    STR(password, SYSTEM),
    STR(password_env, SYSTEM),
    STR(password_command, SYSTEM),
    STR(page_params, SYSTEM),
    STR(data_columns, SYSTEM | SHOWN),
    STR(columns, SHOWN | GROUP),
    STR(ca_file, 0),
    STR(proxy, 0),
    {"readonly", F_BOOL, offsetof(struct profile, readonly), 0, 0, 0, 0},
    {"production", F_BOOL, offsetof(struct profile, production), 0, 0, 0, 0},
    {"token_cache", F_BOOL, offsetof(struct profile, no_token_cache), MATTR | NEGATED, 0, 0, 0},
    {"journal", F_BOOL, offsetof(struct profile, no_journal), NEGATED, 0, 0, 0},
    {"page_size", F_INT, offsetof(struct profile, page_size), 0, 1, 1000, PROFILE_DEFAULT_PAGE_SIZE},
    {"timeout", F_INT, offsetof(struct profile, timeout), 0, 1, 3600, PROFILE_DEFAULT_TIMEOUT},
    {"parallel_pages", F_INT, offsetof(struct profile, parallel_pages), SYSTEM, 1, 16,
     PROFILE_DEFAULT_PARALLEL_PAGES},
    {"in_flight", F_INT, offsetof(struct profile, in_flight), 0, 1, 64, PROFILE_DEFAULT_IN_FLIGHT},
    {"watch", F_INT, offsetof(struct profile, watch), 0, 1, 86400, PROFILE_DEFAULT_WATCH},
};
#undef STR

/* What a field of each kind must hold, for messages. */
/* TRANSLATORS: what a profile field must hold, in "FIELD must be %s". */
static const char *const kind_text[] = {N_("a string in double quotes"), N_("true or false"),
                                        N_("a whole number")};

/* The APIs a profile may speak; the first is the default. */
static const char *const apis[] = {"mattr", "system"};

/* The flag of fields only for api (MATTR, SYSTEM), or 0 for an API not known. */
static int api_flag(const char *api)
{
    return !strcmp(api, "mattr") ? MATTR : !strcmp(api, "system") ? SYSTEM : 0;
}

size_t profile_api_settings(const char *api, const char **names, bool *required, size_t max)
{
    int mine = api_flag(api), other = mine == MATTR ? SYSTEM : MATTR;
    if (!mine)
        return 0;
    struct profile p = {.api = (char *)(uintptr_t)api};
    struct profile_secret sec = profile_secret_of(&p);
    size_t n = 0;
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        if (f->kind != F_STRING || (f->flags & (other | SHOWN)) || !(f->flags & (mine | REQUIRED)) ||
            !strcmp(f->name, "name") ||
            !strcmp(f->name, "api") || !strcmp(f->name, sec.name) ||
            !strcmp(f->name, sec.env_name) || !strcmp(f->name, sec.command_name))
            continue;
        if (n < max) {
            names[n] = f->name;
            required[n] = (f->flags & REQUIRED) != 0;
        }
        n++;
    }
    return n;
}

char *profile_group_value(const char *lines, const char *name)
{
    size_t n = strlen(name);
    for (const char *s = lines; s && *s;) {
        size_t len = strcspn(s, "\n");
        if (len > n && !strncmp(s, name, n) && s[n] == '=')
            return xstrndup(s + n + 1, len - n - 1);
        s += len + (s[len] == '\n');
    }
    return NULL;
}

const char *profile_api_name(const struct profile *p)
{
    return p->api ? p->api : apis[0];
}

bool profile_is_system(const struct profile *p)
{
    return p->api && !strcmp(p->api, "system");
}

struct profile_secret profile_secret_of(const struct profile *p)
{
    if (profile_is_system(p))
        return (struct profile_secret){p->password, p->password_env, p->password_command,
                                       "password", "password_env", "password_command"};
    return (struct profile_secret){p->client_secret, p->client_secret_env,
                                   p->client_secret_command, "client_secret",
                                   "client_secret_env", "client_secret_command"};
}

/* Split "page,limit" into its two names; false when it is not two names of 1..63 letters,
 * digits, '_', '-', '.', '[' or ']'. */
static bool split_page_params(const char *s, char page[64], char limit[64])
{
    static const char ok[] = LETTERS DIGITS "_-.[]";
    size_t a = strspn(s, ok);
    if (a == 0 || a > 63 || s[a] != ',')
        return false;
    size_t b = strspn(s + a + 1, ok);
    if (b == 0 || b > 63 || s[a + 1 + b] != '\0')
        return false;
    memcpy(page, s, a);
    page[a] = '\0';
    memcpy(limit, s + a + 1, b);
    limit[b] = '\0';
    return true;
}

void profile_page_params(const struct profile *p, char page[64], char limit[64])
{
    if (!p->page_params || !split_page_params(p->page_params, page, limit)) {
        strcpy(page, "page");
        strcpy(limit, "limit");
    }
}

/* Set err to a usage error (printf-style) and return false. */
static TN_PRINTF(2, 3) bool usage(struct tn_error *err, const char *fmt, ...)
{
    struct strbuf sb = SB_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    err_set(err, ST_USAGE, "%s", sb_str(&sb));
    sb_free(&sb);
    return false;
}

/* The member at f's offset in p (writable only where the caller's p is). */
static void *field_at(const struct profile *p, const struct field *f)
{
    return (char *)(uintptr_t)p + f->offset;
}

/* The string field f of p. */
static char **field_str(const struct profile *p, const struct field *f)
{
    return field_at(p, f);
}

/* The field called name, or NULL. */
static const struct field *field_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (!strcmp(fields[i].name, name))
            return &fields[i];
    return NULL;
}

bool profile_set_string(struct profile *p, const char *name, const char *value)
{
    const struct field *f = field_find(name);
    if (!f || f->kind != F_STRING)
        return false;
    char **slot = field_str(p, f);
    if (*slot && (!strcmp(name, "client_secret") || !strcmp(name, "password")))
        util_free_secret(*slot);
    else
        free(*slot);
    *slot = value ? xstrdup(value) : NULL;
    return true;
}

bool profile_name_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 1 && n <= NAME_MAX_LEN && strspn(s, LETTERS DIGITS "-_.") == n;
}

/* How a message names a profile: by its name when valid, else by its place (0: none). */
static char *profile_label(const char *name, size_t number)
{
    if (name && profile_name_ok(name))
        /* TRANSLATORS: how a message names a profile: %s is its name; the reason follows after
         * ": ". */
        return xasprintf(_("profile \"%s\""), name);
    /* TRANSLATORS: how a message names a profile that has no valid name: its place in the file
     * (from 1). */
    return number ? xasprintf(_("profile #%zu"), number) : xstrdup(_("the new profile"));
}

/* Check p's values under label; 0 page_size/timeout and a NULL api mean the defaults. */
static bool validate(const struct profile *p, const char *label, struct tn_error *err)
{
    struct strbuf known = SB_INIT;
    bool api_ok = !p->api;
    for (size_t i = 0; i < ARRAY_SIZE(apis); i++) {
        api_ok |= p->api && !strcmp(p->api, apis[i]);
        sb_addf(&known, "%s\"%s\"", i ? ", " : "", apis[i]);
    }
    if (!api_ok)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd lists the
         * known values; keep "api" untranslated (a field name). */
        usage(err, _("%s: field \"api\" must be one of: %s"), label, sb_str(&known));
    sb_free(&known);
    if (!api_ok)
        return false;
    bool system = profile_is_system(p);
    int mine = system ? SYSTEM : MATTR;
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        const char *v = f->kind == F_STRING ? *field_str(p, f) : NULL;
        if (f->kind == F_BOOL && *(const bool *)field_at(p, f))
            v = "set"; /* away from its default */
        if (f->kind == F_INT && (f->flags & (MATTR | SYSTEM)) && *(const int *)field_at(p, f) &&
            *(const int *)field_at(p, f) != f->def)
            v = "set";
        bool applies = !(f->flags & (MATTR | SYSTEM)) || (f->flags & mine);
        if (v && !applies)
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name, the 3rd and 4th are "mattr" or "system"; keep field names and "api"
             * untranslated. */
            return usage(err, _("%s: field \"%s\" is for api \"%s\"; this profile has api "
                                "\"%s\""),
                         label, f->name, system ? "mattr" : "system", system ? "system" : "mattr");
        if (!v && applies && (f->flags & REQUIRED))
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name (kept as is). */
            return usage(err, _("%s: missing field \"%s\""), label, f->name);
        if (v && !*v && !(f->flags & GROUP))
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name (kept as is). */
            return usage(err, _("%s: field \"%s\" is empty"), label, f->name);
        int n = f->kind == F_INT ? *(int *)field_at(p, f) : 0;
        if (n && (n < f->min || n > f->max))
            /* TRANSLATORS: %s names the profile (e.g. profile "prod"), then a field's name (kept
             * as is), then the smallest and the largest value allowed. */
            return usage(err, _("%s: field \"%s\" must be between %d and %d"), label, f->name,
                         f->min, f->max);
    }
    if (!profile_name_ok(p->name))
        /* TRANSLATORS: %s names the profile (e.g. profile "prod"), then the largest length; keep
         * "name" untranslated (a field name). */
        return usage(err, _("%s: field \"name\" must be 1 to %d letters, digits, '-', '_' or '.'"),
                     label, NAME_MAX_LEN);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) { /* the rule the HTTP layer applies */
        const char *url = (fields[i].flags & URL) ? *field_str(p, &fields[i]) : NULL;
        if (url && !http_url_allowed(url, err)) {
            /* TRANSLATORS: %s names the profile (e.g. profile "prod"), then a field's name (kept
             * as is); the reason the URL is refused follows after ": ". */
            err_prefix(err, _("%s: field \"%s\""), label, fields[i].name);
            return false;
        }
        /* a user and password in the URL would show in every message and log line */
        const char *host = url && strstr(url, "://") ? strstr(url, "://") + 3 : url;
        if (host && memchr(host, '@', strcspn(host, "/?#")))
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name; keep "user" and "password" untranslated (settings' names). */
            return usage(err, _("%s: field \"%s\" holds a user name or password (before "
                                "'@'): give them as user and password settings instead"),
                         label, fields[i].name);
    }
    if (p->proxy && !http_proxy_check(p->proxy, err)) {
        err_prefix(err, "%s", label);
        return false;
    }
    if (p->user && strchr(p->user, ':'))
        /* TRANSLATORS: %s names the profile (e.g. profile "prod"); keep "user" untranslated (a
         * field name). */
        return usage(err, _("%s: field \"user\" cannot hold ':' (Basic auth splits there)"),
                     label);
    struct profile_secret ps = profile_secret_of(p);
    int sources = !!ps.inline_value + !!ps.env + !!ps.command;
    if (sources == 0)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is "password"
         * or "client secret" (translated); the 3rd, 4th and 5th are settings' names kept as is
         * (e.g. client_secret, client_secret_env, client_secret_command). */
        return usage(err, _("%s: no %s: set one of %s, %s or %s"), label,
                     /* TRANSLATORS: what a profile lacks, in "%s: no %s: set one of ..."; a
                      * system profile has a password, the others a client secret. */
                     system ? _("password") : _("client secret"), ps.name, ps.env_name,
                     ps.command_name);
    if (sources > 1)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"); the others are
         * settings' names kept as is (e.g. client_secret, client_secret_env,
         * client_secret_command). */
        return usage(err, _("%s: set only one of %s, %s and %s"), label, ps.name, ps.env_name,
                     ps.command_name);
    const char *env = ps.env;
    if (env && (strspn(env, LETTERS DIGITS "_") != strlen(env) || strchr(DIGITS, env[0])))
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
         * setting's name kept as is (e.g. client_secret_env). */
        return usage(err, _("%s: field \"%s\" must name an environment variable "
                            "(letters, digits and '_')"), label, ps.env_name);
    char page[64], limit[64];
    if (p->page_params && (!split_page_params(p->page_params, page, limit) ||
                           !strcmp(page, limit)))
        /* TRANSLATORS: %s names the profile (e.g. profile "prod"); keep "page_params" and the
         * example as they are. */
        return usage(err, _("%s: field \"page_params\" must be two different parameter names "
                            "separated by a comma, e.g. \"_page,_limit\""), label);
    return true;
}

bool profile_validate(const struct profile *p, struct tn_error *err)
{
    char *label = profile_label(p->name, 0);
    bool ok = validate(p, label, err);
    free(label);
    return ok;
}

/* Fill in the defaults for what p leaves unset. */
static void fill_defaults(struct profile *p)
{
    if (!p->api)
        p->api = xstrdup(apis[0]);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i].kind == F_INT && !*(int *)field_at(p, &fields[i]))
            *(int *)field_at(p, &fields[i]) = fields[i].def;
}

/* Read one field setting s into p; false with err naming the field. */
static bool parse_field(config_setting_t *s, struct profile *p, const char *label,
                        struct tn_error *err)
{
    const char *name = config_setting_name(s);
    const struct field *f = field_find(name ? name : "");
    int type = config_setting_type(s);
    if (!f) {
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is the
         * unknown field's name. */
        usage(err, _("%s: unknown field \"%s\""), label, name ? name : "?");
        struct strbuf known = SB_INIT;
        for (size_t k = 0; k < ARRAY_SIZE(fields); k++)
            sb_addf(&known, "%s%s", k ? ", " : "", fields[k].name);
        /* TRANSLATORS: %s lists the fields' names, kept as is. */
        err_hint(err, _("a profile may hold: %s"), sb_str(&known));
        sb_free(&known);
        return false;
    }
    if (f->flags & GROUP) { /* name = "value" settings, one a line */
        if (type != CONFIG_TYPE_GROUP)
            return usage(err, _("%s: field \"%s\" must be a group: %s = { tenants = "
                                "\"name,id\"; };"),
                         label, f->name, f->name);
        struct strbuf sb = SB_INIT;
        for (int i = 0; i < config_setting_length(s); i++) {
            const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
            if (config_setting_type(m) != CONFIG_TYPE_STRING) {
                sb_free(&sb);
                return usage(err, _("%s: \"%s\" in field \"%s\" must be %s"), label,
                             config_setting_name(m) ? config_setting_name(m) : "?", f->name,
                             _(kind_text[F_STRING]));
            }
            sb_addf(&sb, "%s=%s\n", config_setting_name(m), config_setting_get_string(m));
        }
        *field_str(p, f) = sb_steal(&sb);
        return true;
    }
    if ((f->kind == F_STRING && type != CONFIG_TYPE_STRING) ||
        (f->kind == F_BOOL && type != CONFIG_TYPE_BOOL) ||
        (f->kind == F_INT && type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64))
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a field's
         * name (kept as is), the 3rd the kind of value (e.g. "true or false"). */
        return usage(err, _("%s: field \"%s\" must be %s"), label, f->name, _(kind_text[f->kind]));
    if (f->kind == F_STRING) {
        *field_str(p, f) = xstrdup(config_setting_get_string(s));
    } else if (f->kind == F_BOOL) {
        *(bool *)field_at(p, f) = !config_setting_get_bool(s) == !!(f->flags & NEGATED);
    } else {
        long long v = config_setting_get_int64(s); /* never get_int: it reads 2^32 as 0 */
        if (v < f->min || v > f->max)
            return usage(err, _("%s: field \"%s\" must be between %d and %d"), label, f->name,
                         f->min, f->max);
        *(int *)field_at(p, f) = (int)v;
    }
    return true;
}

/* Read one profile group (the number-th) into p; false with err naming the field. */
static bool parse_profile(config_setting_t *g, size_t number, struct profile *p,
                          struct tn_error *err)
{
    config_setting_t *ns = config_setting_get_member(g, "name");
    char *label = profile_label(ns && config_setting_type(ns) == CONFIG_TYPE_STRING
                                    ? config_setting_get_string(ns) : NULL, number);
    bool ok = true;
    *p = (struct profile){0};
    for (int i = 0; ok && i < config_setting_length(g); i++)
        ok = parse_field(config_setting_get_elem(g, (unsigned)i), p, label, err);
    if (ok) {
        fill_defaults(p);
        ok = validate(p, label, err);
    }
    if (!ok)
        profile_free(p);
    free(label);
    return ok;
}

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
                                       : usage(err, _("%s: %s"), file, strerror(errno));
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
    if (def && config_setting_type(def) != CONFIG_TYPE_STRING)
        return usage(err, _("default_profile must be a string in double quotes"));
    if (list && config_setting_type(list) != CONFIG_TYPE_LIST)
        return usage(err, _("\"profiles\" must be a list: profiles = ( { name = ...; }, ... );"));
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    set->v = xcalloc(n, sizeof(*set->v));
    for (size_t i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP)
            /* TRANSLATORS: the profile's place in the file (from 1); keep { name = ...; } as it
             * is (settings syntax). */
            return usage(err, _("profile #%zu must be a group: { name = ...; }"), i + 1);
        if (!parse_profile(g, i + 1, &set->v[i], err))
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
                return usage(err, _("profiles #%zu and #%zu are both called \"%s\""), i + 1, j + 1,
                             set->v[i].name);
    const char *name = def ? config_setting_get_string(def) : NULL;
    if (name && !profile_find(set, name)) {
        if (profile_name_ok(name))
            usage(err, _("default_profile \"%s\" names no profile"), name);
        else
            usage(err, _("default_profile names no profile"));
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
        return usage(err, "%s:%d: %s", file ? file : set->path, config_error_line(cfg),
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
        usage(err, _("no profiles file: neither XDG_CONFIG_HOME nor HOME is set"));
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
            usage(err, _("%s: default_profile \"%s\" names no profile"), path, set->default_name);
        return p;
    }
    if (set->n == 1)
        return &set->v[0];
    if (set->n == 0) {
        if (set->exists)
            usage(err, _("no profile in %s"), path);
        else
            usage(err, _("no profile: %s does not exist"), path);
        err_hint(err, _("add one with `tenantry profile add NAME ...` or try `tenantry --demo`"));
        return NULL;
    }
    /* TRANSLATORS: how many profiles, the profiles file's path; keep the commands. */
    usage(err,
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

/* Write p as a new group at the end of list (defaults left out). */
static void tree_add(config_setting_t *list, const struct profile *p)
{
    config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        const void *at = field_at(p, f);
        if (f->flags & GROUP)
            continue; /* (a new profile has none) */
        if (f->kind == F_STRING && *field_str(p, f))
            config_setting_set_string(config_setting_add(g, f->name, CONFIG_TYPE_STRING),
                                      *field_str(p, f));
        else if (f->kind == F_BOOL && *(const bool *)at)
            config_setting_set_bool(config_setting_add(g, f->name, CONFIG_TYPE_BOOL),
                                    !(f->flags & NEGATED));
        else if (f->kind == F_INT && *(const int *)at != f->def)
            config_setting_set_int(config_setting_add(g, f->name, CONFIG_TYPE_INT), *(const int *)at);
    }
}

bool profile_add(struct profile_set *set, const struct profile *p, struct tn_error *err)
{
    if (!profile_validate(p, err))
        return false;
    if (profile_find(set, p->name)) {
        usage(err, _("a profile called \"%s\" exists already"), p->name);
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
    fill_defaults(q);
    tree_add(list, q);
    if (set->n == 1) /* the only profile: `tenantry` alone uses it */
        return profile_set_default(set, q->name, err);
    return true;
}

/* Report that no profile is called name. */
static bool unknown_profile(const struct profile_set *set, const char *name, struct tn_error *err)
{
    if (profile_name_ok(name))
        /* TRANSLATORS: the profile's name, then the profiles file's path. */
        return usage(err, _("no profile called \"%s\" in %s"), name, set->path ? set->path : "?");
    return usage(err, _("no such profile in %s"), set->path ? set->path : "?");
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
        return usage(err, _("no profiles file to write to"));
    set_root(set); /* an empty tree when nothing was ever loaded */
    bool ok = profile_file_save(set->path, set->cfg, err);
    set->exists |= ok;
    return ok;
}

bool profile_apply(struct profile_set *set, const struct profile_change *ch,
                   struct tn_error *err)
{
    if (!set->path)
        return usage(err, _("no profiles file to write to"));
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

void profile_copy(struct profile *dst, const struct profile *src)
{
    *dst = *src;
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i].kind == F_STRING && *field_str(src, &fields[i]))
            *field_str(dst, &fields[i]) = xstrdup(*field_str(src, &fields[i]));
}

void profile_free(struct profile *p)
{
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i].kind == F_STRING)
            util_free_secret(*field_str(p, &fields[i])); /* wiping the others does no harm */
    *p = (struct profile){0};
}

void profile_set_free(struct profile_set *set)
{
    for (size_t i = 0; i < set->n; i++)
        profile_free(&set->v[i]);
    free(set->v);
    free(set->path);
    free(set->default_name);
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
