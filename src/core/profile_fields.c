/* profile_fields.c: one profile's fields: the table of settings, checking a profile, reading
 * one from the libconfig tree and writing one back, copying and freeing. */
#include "config.h"

#include "core/profile_fields.h"

#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/http.h"
#include "core/http_proxy.h"
#include "core/intl.h"
#include "core/profile.h"
#include "core/profile_file.h"
#include "core/util.h"

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
    STR(cursor, SHOWN),
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

/* The values the cursor setting takes; the first is the default. */
static const char *const cursors[] = {"bar", "arrow"};

bool profile_cursor_ok(const char *v)
{
    for (size_t i = 0; v && i < ARRAY_SIZE(cursors); i++)
        if (!strcmp(v, cursors[i]))
            return true;
    return false;
}

bool profile_usage(struct tn_error *err, const char *fmt, ...)
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
        profile_usage(err, _("%s: field \"api\" must be one of: %s"), label, sb_str(&known));
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
            return profile_usage(err, _("%s: field \"%s\" is for api \"%s\"; this profile has api "
                                "\"%s\""),
                         label, f->name, system ? "mattr" : "system", system ? "system" : "mattr");
        if (!v && applies && (f->flags & REQUIRED))
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name (kept as is). */
            return profile_usage(err, _("%s: missing field \"%s\""), label, f->name);
        if (v && !*v && !(f->flags & GROUP))
            /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
             * field's name (kept as is). */
            return profile_usage(err, _("%s: field \"%s\" is empty"), label, f->name);
        int n = f->kind == F_INT ? *(int *)field_at(p, f) : 0;
        if (n && (n < f->min || n > f->max))
            /* TRANSLATORS: %s names the profile (e.g. profile "prod"), then a field's name (kept
             * as is), then the smallest and the largest value allowed. */
            return profile_usage(err, _("%s: field \"%s\" must be between %d and %d"), label,
                                 f->name, f->min, f->max);
    }
    if (!profile_name_ok(p->name))
        return profile_usage(
            err,
            /* TRANSLATORS: %s names the profile (e.g. profile "prod"), then the largest length;
             * keep "name" untranslated (a field name). */
            _("%s: field \"name\" must be 1 to %d letters, digits, '-', '_' or '.'"), label,
            NAME_MAX_LEN);
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
            return profile_usage(err, _("%s: field \"%s\" holds a user name or password (before "
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
        return profile_usage(err, _("%s: field \"user\" cannot hold ':' (Basic auth splits there)"),
                     label);
    struct profile_secret ps = profile_secret_of(p);
    int sources = !!ps.inline_value + !!ps.env + !!ps.command;
    if (sources == 0 && system)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"); the others are
         * settings' names kept as is (password, password_env, password_command). */
        return profile_usage(err, _("%s: no password: set one of %s, %s or %s"), label,
                             ps.name, ps.env_name, ps.command_name);
    if (sources == 0)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"); the others are
         * settings' names kept as is (client_secret, client_secret_env,
         * client_secret_command). */
        return profile_usage(err, _("%s: no client secret: set one of %s, %s or %s"), label,
                             ps.name, ps.env_name, ps.command_name);
    if (sources > 1)
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"); the others are
         * settings' names kept as is (e.g. client_secret, client_secret_env,
         * client_secret_command). */
        return profile_usage(err, _("%s: set only one of %s, %s and %s"), label, ps.name,
                             ps.env_name, ps.command_name);
    const char *env = ps.env;
    if (env && (strspn(env, LETTERS DIGITS "_") != strlen(env) || strchr(DIGITS, env[0])))
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
         * setting's name kept as is (e.g. client_secret_env). */
        return profile_usage(err, _("%s: field \"%s\" must name an environment variable "
                            "(letters, digits and '_')"), label, ps.env_name);
    if (p->cursor && !profile_cursor_ok(p->cursor))
        /* TRANSLATORS: the 1st %s names the profile (e.g. profile "prod"), the 2nd is a
         * field's name (kept as is), the 3rd the values it takes ("bar", "arrow": kept). */
        return profile_usage(err, _("%s: field \"%s\" must be one of: %s"), label, "cursor",
                             "\"bar\", \"arrow\"");
    char page[64], limit[64];
    if (p->page_params && (!split_page_params(p->page_params, page, limit) ||
                           !strcmp(page, limit)))
        return profile_usage(err,
                             /* TRANSLATORS: %s names the profile (e.g. profile "prod"); keep
                              * "page_params" and the example as they are. */
                             _("%s: field \"page_params\" must be two different parameter names "
                               "separated by a comma, e.g. \"_page,_limit\""),
                             label);
    return true;
}

bool profile_validate(const struct profile *p, struct tn_error *err)
{
    char *label = profile_label(p->name, 0);
    bool ok = validate(p, label, err);
    free(label);
    return ok;
}

void profile_fields_defaults(struct profile *p)
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
        profile_usage(err, _("%s: unknown field \"%s\""), label, name ? name : "?");
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
            return profile_usage(err, _("%s: field \"%s\" must be a group: %s = { tenants = "
                                "\"name,id\"; };"),
                         label, f->name, f->name);
        struct strbuf sb = SB_INIT;
        for (int i = 0; i < config_setting_length(s); i++) {
            const config_setting_t *m = config_setting_get_elem(s, (unsigned)i);
            if (config_setting_type(m) != CONFIG_TYPE_STRING) {
                sb_free(&sb);
                return profile_usage(err, _("%s: \"%s\" in field \"%s\" must be %s"), label,
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
        return profile_usage(err, _("%s: field \"%s\" must be %s"), label, f->name,
                             _(kind_text[f->kind]));
    if (f->kind == F_STRING) {
        *field_str(p, f) = xstrdup(config_setting_get_string(s));
    } else if (f->kind == F_BOOL) {
        *(bool *)field_at(p, f) = !config_setting_get_bool(s) == !!(f->flags & NEGATED);
    } else {
        long long v = config_setting_get_int64(s); /* never get_int: it reads 2^32 as 0 */
        if (v < f->min || v > f->max)
            return profile_usage(err, _("%s: field \"%s\" must be between %d and %d"), label,
                                 f->name, f->min, f->max);
        *(int *)field_at(p, f) = (int)v;
    }
    return true;
}

bool profile_fields_parse(config_setting_t *g, size_t number, struct profile *p,
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
        profile_fields_defaults(p);
        ok = validate(p, label, err);
    }
    if (!ok)
        profile_free(p);
    free(label);
    return ok;
}

void profile_fields_write(config_setting_t *list, const struct profile *p)
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
