/* profile.c: the profiles file (libconfig): load, validate, change, atomic save. */
#include "config.h"

#include "core/profile.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <libconfig.h>
#include <limits.h>
#include <pwd.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/intl.h"
#include "core/util.h"

#define NAME_MAX_LEN 64
#define FILE_MAX_BYTES (1024 * 1024) /* a profiles file is a few KiB */

enum field_kind { F_STRING, F_BOOL, F_INT };
enum { REQUIRED = 1, URL = 2 };

/* One field a profile group may hold, where it lives in struct profile and its bounds. */
struct field {
    const char *name;
    enum field_kind kind;
    size_t offset;
    int flags;         /* REQUIRED, URL */
    int min, max, def; /* F_INT only */
};

#define STR(n, flags) {#n, F_STRING, offsetof(struct profile, n), flags, 0, 0, 0}
static const struct field fields[] = {
    STR(name, REQUIRED),
    STR(api, 0),
    STR(url, REQUIRED | URL),
    STR(auth_url, REQUIRED | URL),
    STR(audience, REQUIRED),
    STR(client_id, REQUIRED),
    STR(client_secret, 0),
    STR(client_secret_env, 0),
    STR(client_secret_command, 0),
    STR(ca_file, 0),
    {"readonly", F_BOOL, offsetof(struct profile, readonly), 0, 0, 0, 0},
    {"production", F_BOOL, offsetof(struct profile, production), 0, 0, 0, 0},
    {"page_size", F_INT, offsetof(struct profile, page_size), 0, 1, 1000, PROFILE_DEFAULT_PAGE_SIZE},
    {"timeout", F_INT, offsetof(struct profile, timeout), 0, 1, 3600, PROFILE_DEFAULT_TIMEOUT},
};
#undef STR

/* The APIs a profile may speak; the first is the default. */
static const char *const apis[] = {"mattr"};

/* The string field f of p. */
static char **field_str(struct profile *p, const struct field *f)
{
    return (char **)(void *)((char *)p + f->offset);
}

/* The string field f of a read-only p. */
static const char *field_cstr(const struct profile *p, const struct field *f)
{
    return *(char *const *)(const void *)((const char *)p + f->offset);
}

/* The field called name, or NULL. */
static const struct field *field_find(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (!strcmp(fields[i].name, name))
            return &fields[i];
    return NULL;
}

/* True when s is a valid profile name: 1..64 of letters, digits, '-', '_', '.'. */
static bool name_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        unsigned char c = (unsigned char)s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return false;
    }
    return n >= 1 && n <= NAME_MAX_LEN;
}

/* True when s can name an environment variable. */
static bool env_name_ok(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

/* How a message names a profile: by its name when valid, else by its place (0: none). */
static char *profile_label(const char *name, size_t number)
{
    if (name && name_ok(name))
        return xasprintf(_("profile \"%s\""), name);
    if (number)
        return xasprintf(_("profile #%zu"), number);
    return xstrdup(_("the new profile"));
}

/* s quoted for a shell command line when it needs quoting (for hints). */
static char *shell_quote(const char *s)
{
    if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+:@%,=~") ==
                  strlen(s))
        return xstrdup(s);
    struct strbuf sb = SB_INIT;
    sb_addc(&sb, '\'');
    for (; *s; s++)
        sb_adds(&sb, *s == '\'' ? "'\\''" : (char[]){*s, '\0'});
    sb_addc(&sb, '\'');
    return sb_steal(&sb);
}

/* True when host (as curl gives it) is 127.0.0.0/8, ::1 or localhost. */
static bool host_is_loopback(const char *host)
{
    if (!strcasecmp(host, "localhost") || !strcasecmp(host, "localhost."))
        return true;
    unsigned char addr[16];
    size_t n = strlen(host);
    if (n > 2 && host[0] == '[' && host[n - 1] == ']') {
        char *inner = xstrndup(host + 1, n - 2);
        bool ok = inet_pton(AF_INET6, inner, addr) == 1 &&
                  !memcmp(addr, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16);
        free(inner);
        return ok;
    }
    return inet_pton(AF_INET, host, addr) == 1 && addr[0] == 127;
}

/* True when url is https://HOST..., or http:// to a loopback host. */
static bool url_ok(const char *url)
{
    CURLU *h = curl_url();
    char *scheme = NULL, *host = NULL;
    bool ok = false;
    if (h && curl_url_set(h, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(h, CURLUPART_HOST, &host, 0) == CURLUE_OK && *host)
        ok = !strcasecmp(scheme, "https") || (!strcasecmp(scheme, "http") && host_is_loopback(host));
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(h);
    return ok;
}

/* Check p's values under label; 0 page_size/timeout and a NULL api mean the defaults. */
static bool validate(const struct profile *p, const char *label, struct tn_error *err)
{
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        const char *v = f->kind == F_STRING ? field_cstr(p, f) : NULL;
        if (!v && (f->flags & REQUIRED)) {
            err_set(err, ST_USAGE, _("%s: missing field \"%s\""), label, f->name);
            return false;
        }
        if (v && !*v) {
            err_set(err, ST_USAGE, _("%s: field \"%s\" is empty"), label, f->name);
            return false;
        }
    }
    if (!name_ok(p->name)) {
        err_set(err, ST_USAGE, _("%s: field \"name\" must be 1 to %d letters, digits, '-', '_' or '.'"),
                label, NAME_MAX_LEN);
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if ((fields[i].flags & URL) && !url_ok(field_cstr(p, &fields[i]))) {
            err_set(err, ST_USAGE, _("%s: field \"%s\" must be an https:// URL"), label,
                    fields[i].name);
            err_hint(err, _("http:// is allowed only to this machine: http://127.0.0.1:PORT, "
                             "http://[::1]:PORT or http://localhost:PORT"));
            return false;
        }
    int sources = !!p->client_secret + !!p->client_secret_env + !!p->client_secret_command;
    if (sources != 1) {
        err_set(err, ST_USAGE,
                sources ? _("%s: set only one of client_secret, client_secret_env and "
                            "client_secret_command")
                        : _("%s: no client secret: set one of client_secret, client_secret_env "
                            "or client_secret_command"),
                label);
        return false;
    }
    if (p->client_secret_env && !env_name_ok(p->client_secret_env)) {
        err_set(err, ST_USAGE, _("%s: field \"client_secret_env\" must name an environment variable "
                                 "(letters, digits and '_')"), label);
        return false;
    }
    bool api_known = !p->api;
    for (size_t i = 0; i < ARRAY_SIZE(apis) && !api_known; i++)
        api_known = !strcmp(p->api, apis[i]);
    if (!api_known) {
        struct strbuf list = SB_INIT;
        for (size_t i = 0; i < ARRAY_SIZE(apis); i++)
            sb_addf(&list, "%s\"%s\"", i ? ", " : "", apis[i]);
        err_set(err, ST_USAGE, _("%s: field \"api\" must be one of: %s"), label, sb_str(&list));
        sb_free(&list);
        return false;
    }
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        int v = f->kind == F_INT ? *(const int *)(const void *)((const char *)p + f->offset) : 0;
        if (v && (v < f->min || v > f->max)) {
            err_set(err, ST_USAGE, _("%s: field \"%s\" must be between %d and %d"), label, f->name,
                    f->min, f->max);
            return false;
        }
    }
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
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        int *v = (int *)(void *)((char *)p + fields[i].offset);
        if (fields[i].kind == F_INT && !*v)
            *v = fields[i].def;
    }
}

/* The English words for what a field of kind k must hold. */
static const char *kind_text(enum field_kind k)
{
    switch (k) {
    case F_STRING:
        return _("a string in double quotes");
    case F_BOOL:
        return _("true or false");
    case F_INT:
        break;
    }
    return _("a whole number");
}

/* Read one profile group (the number-th) into p; false with err naming the field. */
static bool parse_profile(config_setting_t *g, size_t number, struct profile *p,
                          struct tn_error *err)
{
    config_setting_t *ns = config_setting_get_member(g, "name");
    const char *name = ns && config_setting_type(ns) == CONFIG_TYPE_STRING
                           ? config_setting_get_string(ns) : NULL;
    char *label = profile_label(name, number);
    bool ok = true;
    *p = (struct profile){0};
    for (int i = 0; ok && i < config_setting_length(g); i++) {
        config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *sname = config_setting_name(s);
        const struct field *f = field_find(sname ? sname : "");
        int type = config_setting_type(s);
        if (!f) {
            err_set(err, ST_USAGE, _("%s: unknown field \"%s\""), label, sname ? sname : "?");
            struct strbuf known = SB_INIT;
            for (size_t k = 0; k < ARRAY_SIZE(fields); k++)
                sb_addf(&known, "%s%s", k ? ", " : "", fields[k].name);
            err_hint(err, _("a profile may hold: %s"), sb_str(&known));
            sb_free(&known);
            ok = false;
        } else if ((f->kind == F_STRING && type != CONFIG_TYPE_STRING) ||
                   (f->kind == F_BOOL && type != CONFIG_TYPE_BOOL) ||
                   (f->kind == F_INT && type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64)) {
            err_set(err, ST_USAGE, _("%s: field \"%s\" must be %s"), label, f->name,
                    kind_text(f->kind));
            ok = false;
        } else if (f->kind == F_STRING) {
            *field_str(p, f) = xstrdup(config_setting_get_string(s));
        } else if (f->kind == F_BOOL) {
            *(bool *)(void *)((char *)p + f->offset) = config_setting_get_bool(s);
        } else {
            long long v = config_setting_get_int64(s);
            if (v < f->min || v > f->max) {
                err_set(err, ST_USAGE, _("%s: field \"%s\" must be between %d and %d"), label,
                        f->name, f->min, f->max);
                ok = false;
            } else {
                *(int *)(void *)((char *)p + f->offset) = (int)v;
            }
        }
    }
    if (ok) {
        fill_defaults(p);
        ok = validate(p, label, err);
    }
    if (!ok)
        profile_free(p);
    free(label);
    return ok;
}

/* Copy text to out, marking with "L" every integer literal beyond 32 bits: libconfig 1.5 would
 * cut it to an int silently (4294967396 reads as 100), while as a 64-bit literal the range
 * check sees its real value. Strings and comments are copied as they are. */
static void widen_int_literals(const char *text, struct strbuf *out)
{
    const char *p = text;
    while (*p) {
        const char *start = p;
        if (*p == '"') {
            for (p++; *p && *p != '"'; p++)
                if (*p == '\\' && p[1])
                    p++;
            if (*p)
                p++;
        } else if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
            p += strcspn(p, "\n");
        } else if (p[0] == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '*' || *p == '@') {
            p += 1 + strspn(p + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_*");
        } else if ((*p >= '0' && *p <= '9') || ((*p == '-' || *p == '+') && p[1] >= '0' && p[1] <= '9')) {
            p++;
            while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   *p == '.' || ((*p == '-' || *p == '+') && (p[-1] == 'e' || p[-1] == 'E')))
                p++;
            sb_add(out, start, (size_t)(p - start));
            char *tok = xstrndup(start, (size_t)(p - start));
            const char *digits = tok + (*tok == '-' || *tok == '+');
            bool hex = digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
            size_t span = hex ? 2 + strspn(digits + 2, "0123456789abcdefABCDEF")
                              : strspn(digits, "0123456789");
            if (digits[span] == '\0' && span > (hex ? 2u : 0u)) {
                errno = 0;
                bool big;
                if (hex) {
                    unsigned long long u = strtoull(tok, NULL, 16);
                    big = errno == ERANGE || u > INT_MAX;
                } else {
                    long long v = strtoll(tok, NULL, 10);
                    big = errno == ERANGE || v > INT_MAX || v < INT_MIN;
                }
                if (big)
                    sb_addc(out, 'L');
            }
            free(tok);
            continue;
        } else {
            p++;
        }
        sb_add(out, start, (size_t)(p - start));
    }
}

/* Refuse a file others own or can write (the ssh rule), before reading it. */
static bool check_owner(const char *path, const struct stat *st, struct tn_error *err)
{
    char *q = shell_quote(path);
    bool ok = false;
    if (st->st_uid != geteuid() && st->st_uid != 0) {
        err_set(err, ST_USAGE, _("%s is owned by another user (uid %lu); refusing to use it"), path,
                (unsigned long)st->st_uid);
        err_hint(err, _("Use a profiles file of your own (-c FILE), or run: chown %lu %s"),
                 (unsigned long)geteuid(), q);
    } else if (st->st_mode & 022) {
        err_set(err, ST_USAGE, _("%s can be changed by other users (mode %04o); refusing to use it"),
                path, (unsigned)(st->st_mode & 07777));
        err_hint(err, _("Run: chmod go-w %s"), q);
    } else {
        ok = true;
    }
    free(q);
    return ok;
}

/* Read the whole of fd (at most FILE_MAX_BYTES) into sb. */
static bool read_all(int fd, const char *path, struct strbuf *sb, size_t hint,
                     struct tn_error *err)
{
    sb_grow(sb, hint + 1);
    for (;;) {
        if (sb->len > FILE_MAX_BYTES) {
            err_set(err, ST_USAGE, _("%s: larger than %d KiB; is it the right file?"), path,
                    FILE_MAX_BYTES / 1024);
            return false;
        }
        sb_grow(sb, 4096);
        ssize_t n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
            return false;
        }
        if (n == 0)
            break;
        sb->len += (size_t)n;
        sb->buf[sb->len] = '\0';
    }
    if (memchr(sb->buf, '\0', sb->len)) {
        err_set(err, ST_USAGE, _("%s: holds a NUL byte; is it the right file?"), path);
        return false;
    }
    return true;
}

/* The folder part of path ("." when none). */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

/* Read the profiles list and default_profile of the parsed tree into set (messages without
 * the path); *inline_secret tells whether a profile holds its secret inline. */
static bool read_profiles(struct profile_set *set, bool *inline_secret, struct tn_error *err)
{
    config_t *cfg = set->cfg;
    config_setting_t *root = config_root_setting(cfg);
    config_setting_t *def = config_setting_get_member(root, "default_profile");
    if (def && config_setting_type(def) != CONFIG_TYPE_STRING) {
        err_set(err, ST_USAGE, _("default_profile must be a string in double quotes"));
        return false;
    }
    config_setting_t *list = config_setting_get_member(root, "profiles");
    if (list && config_setting_type(list) != CONFIG_TYPE_LIST) {
        err_set(err, ST_USAGE, _("\"profiles\" must be a list: profiles = ( { name = ...; }, ... );"));
        return false;
    }
    size_t n = list ? (size_t)config_setting_length(list) : 0;
    set->v = xcalloc(n, sizeof(*set->v));
    for (size_t i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            err_set(err, ST_USAGE, _("profile #%zu must be a group: { name = ...; }"), i + 1);
            return false;
        }
        if (!parse_profile(g, i + 1, &set->v[i], err))
            return false;
        set->n++;
        *inline_secret |= set->v[i].client_secret != NULL;
    }
    for (size_t i = 0; i < set->n; i++)
        for (size_t j = i + 1; j < set->n; j++)
            if (!strcmp(set->v[i].name, set->v[j].name)) {
                err_set(err, ST_USAGE, _("profiles #%zu and #%zu are both called \"%s\""), i + 1,
                        j + 1, set->v[i].name);
                return false;
            }
    if (def) {
        const char *name = config_setting_get_string(def);
        if (!profile_find(set, name)) {
            if (name_ok(name))
                err_set(err, ST_USAGE, _("default_profile \"%s\" names no profile"), name);
            else
                err_set(err, ST_USAGE, _("default_profile names no profile"));
            err_hint(err, _("set it to the name of a profile, or remove it"));
            return false;
        }
        set->default_name = xstrdup(name);
    }
    return true;
}

/* Parse text into set->cfg and check it; st gives the file's mode. */
static bool load_tree(struct profile_set *set, const char *text, const struct stat *st,
                      struct tn_error *err)
{
    config_t *cfg = set->cfg;
    struct strbuf wide = SB_INIT;
    sb_grow(&wide, strlen(text) + strlen(text) / 8 + 16); /* no realloc: no stray copies */
    widen_int_literals(text, &wide);
    char *dir = dir_of(set->path);
    config_set_include_dir(cfg, dir);
    int parsed = config_read_string(cfg, sb_str(&wide));
    sb_wipe(&wide);
    free(dir);
    if (!parsed) {
        const char *file = config_error_file(cfg);
        err_set(err, ST_USAGE, "%s:%d: %s", file ? file : set->path, config_error_line(cfg),
                config_error_text(cfg));
        return false;
    }
    bool inline_secret = false;
    if (!read_profiles(set, &inline_secret, err)) {
        err_prefix(err, "%s", set->path);
        return false;
    }
    if (inline_secret && (st->st_mode & 077)) {
        char *q = shell_quote(set->path);
        err_set(err, ST_USAGE, _("%s holds an inline client secret but others can read it (mode %04o)"),
                set->path, (unsigned)(st->st_mode & 07777));
        err_hint(err, _("Run: chmod 600 %s"), q);
        free(q);
        return false;
    }
    return true;
}

bool profile_load(const char *path, struct profile_set *set, struct tn_error *err)
{
    *set = (struct profile_set){0};
    set->path = xstrdup(path);
    set->cfg = xmalloc(sizeof(config_t));
    config_init(set->cfg);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0 && errno == ENOENT)
        return true;
    if (fd < 0) {
        err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
        profile_set_free(set);
        return false;
    }
    set->exists = true;
    struct stat st;
    struct strbuf text = SB_INIT;
    bool ok = false;
    if (fstat(fd, &st) != 0)
        err_set(err, ST_OTHER, _("%s: %s"), path, strerror(errno));
    else if (!S_ISREG(st.st_mode))
        err_set(err, ST_USAGE, _("%s: not a regular file"), path);
    else if (check_owner(path, &st, err) &&
             read_all(fd, path, &text, (size_t)st.st_size, err)) {
        ok = load_tree(set, sb_str(&text), &st, err);
    }
    close(fd);
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
            err_set(err, ST_USAGE, _("%s: default_profile \"%s\" names no profile"), path,
                    set->default_name);
        return p;
    }
    if (set->n == 1)
        return &set->v[0];
    if (set->n == 0) {
        err_set(err, ST_USAGE, set->exists ? _("no profile in %s") : _("no profile: %s does not exist"),
                path);
        err_hint(err, _("add one with `tenantry profile add NAME ...` or try `tenantry --demo`"));
        return NULL;
    }
    err_set(err, ST_USAGE,
            _("no default profile: %zu profiles in %s; pick one with -p NAME or "
              "`tenantry profile default NAME`"),
            set->n, path);
    return NULL;
}

/* The libconfig tree of set, made empty on first use. */
static config_t *set_cfg(struct profile_set *set)
{
    if (!set->cfg) {
        set->cfg = xmalloc(sizeof(config_t));
        config_init(set->cfg);
    }
    return set->cfg;
}

/* Overwrite the inline secrets libconfig holds in the profile group g. */
static void wipe_group(config_setting_t *g)
{
    config_setting_t *s = config_setting_get_member(g, "client_secret");
    const char *v = s && config_setting_type(s) == CONFIG_TYPE_STRING ? config_setting_get_string(s)
                                                                     : NULL;
    if (v)
        util_wipe((void *)(uintptr_t)v, strlen(v));
}

/* Write p as a new group at the end of list (defaults left out). */
static void tree_add(config_setting_t *list, const struct profile *p)
{
    config_setting_t *g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        const struct field *f = &fields[i];
        const void *at = (const char *)p + f->offset;
        if (f->kind == F_STRING && field_cstr(p, f))
            config_setting_set_string(config_setting_add(g, f->name, CONFIG_TYPE_STRING),
                                      field_cstr(p, f));
        else if (f->kind == F_BOOL && *(const bool *)at)
            config_setting_set_bool(config_setting_add(g, f->name, CONFIG_TYPE_BOOL), 1);
        else if (f->kind == F_INT && *(const int *)at != f->def)
            config_setting_set_int(config_setting_add(g, f->name, CONFIG_TYPE_INT), *(const int *)at);
    }
}

bool profile_add(struct profile_set *set, const struct profile *p, struct tn_error *err)
{
    if (!profile_validate(p, err))
        return false;
    if (profile_find(set, p->name)) {
        err_set(err, ST_USAGE, _("a profile called \"%s\" exists already"), p->name);
        err_hint(err, _("remove it first with `tenantry profile remove %s`"), p->name);
        return false;
    }
    config_setting_t *root = config_root_setting(set_cfg(set));
    config_setting_t *list = config_setting_get_member(root, "profiles");
    if (!list)
        list = config_setting_add(root, "profiles", CONFIG_TYPE_LIST);
    set->v = xreallocarray(set->v, set->n + 1, sizeof(*set->v));
    struct profile *q = &set->v[set->n++];
    profile_copy(q, p);
    fill_defaults(q);
    tree_add(list, q);
    return true;
}

/* Report that no profile is called name. */
static void unknown_profile(const struct profile_set *set, const char *name, struct tn_error *err)
{
    if (name_ok(name))
        err_set(err, ST_USAGE, _("no profile called \"%s\" in %s"), name, set->path ? set->path : "?");
    else
        err_set(err, ST_USAGE, _("no such profile in %s"), set->path ? set->path : "?");
}

bool profile_remove(struct profile_set *set, const char *name, struct tn_error *err)
{
    const struct profile *p = profile_find(set, name);
    if (!p) {
        unknown_profile(set, name, err);
        return false;
    }
    size_t i = (size_t)(p - set->v);
    config_setting_t *root = config_root_setting(set_cfg(set));
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
    profile_free(&set->v[i]);
    memmove(&set->v[i], &set->v[i + 1], (set->n - i - 1) * sizeof(*set->v));
    set->n--;
    return true;
}

bool profile_set_default(struct profile_set *set, const char *name, struct tn_error *err)
{
    if (!profile_find(set, name)) {
        unknown_profile(set, name, err);
        return false;
    }
    config_setting_t *root = config_root_setting(set_cfg(set));
    config_setting_t *def = config_setting_get_member(root, "default_profile");
    if (!def)
        def = config_setting_add(root, "default_profile", CONFIG_TYPE_STRING);
    config_setting_set_string(def, name);
    char *copy = xstrdup(name); /* name may be set->default_name itself */
    free(set->default_name);
    set->default_name = copy;
    return true;
}

/* mkdir -p dir, new folders 0700. */
static bool make_dirs(const char *dir, struct tn_error *err)
{
    char *buf = xstrdup(dir);
    bool ok = true;
    for (char *p = buf + 1; ok; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST) {
            err_set(err, ST_OTHER, _("cannot create the folder %s: %s"), buf, strerror(errno));
            ok = false;
        }
        if (end)
            break;
        *p = '/';
    }
    free(buf);
    return ok;
}

/* Copy the file from into a new 0600 file to (replacing it). */
static bool copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    bool ok = out >= 0 && fchmod(out, 0600) == 0;
    char buf[8192];
    while (ok) {
        ssize_t n = read(in, buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ok = n == 0;
            break;
        }
        for (ssize_t off = 0; ok && off < n;) {
            ssize_t w = write(out, buf + off, (size_t)(n - off));
            if (w < 0 && errno == EINTR)
                continue;
            ok = w > 0;
            off += w > 0 ? w : 0;
        }
    }
    util_wipe(buf, sizeof(buf));
    ok = ok && fsync(out) == 0;
    int saved = errno;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) != 0)
        ok = false;
    errno = saved;
    return ok;
}

/* Make backup a copy (a hard link where possible) of path, replacing an older backup. */
static bool keep_backup(const char *path, const char *backup)
{
    if (link(path, backup) == 0)
        return true;
    if (errno == EEXIST) {
        if (unlink(backup) != 0 && errno != ENOENT)
            return false;
        if (link(path, backup) == 0)
            return true;
    }
    return copy_file(path, backup);
}

/* Write cfg into the open temp file fd (0600 first, then the bytes, then fsync). */
static bool write_temp(int fd, const config_t *cfg)
{
    if (fchmod(fd, 0600) != 0) {
        close(fd);
        return false;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return false;
    }
    char iobuf[BUFSIZ]; /* ours, so that it can be wiped */
    setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
    config_write(cfg, f);
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    int saved = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    util_wipe(iobuf, sizeof(iobuf));
    errno = saved;
    return ok;
}

/* The steps of profile_save once the real file name is known. */
static bool save_to(const char *target, const config_t *cfg, struct tn_error *err)
{
    char *dir = dir_of(target);
    const char *slash = strrchr(target, '/');
    char *tmp = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : target);
    char *backup = xasprintf("%s~", target);
    struct stat st;
    bool ok = false, had_old = false;
    int fd = -1, dfd = -1;
    if (!make_dirs(dir, err))
        goto out;
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        err_set(err, ST_OTHER, _("cannot write %s: %s"), target, strerror(errno));
        goto out;
    }
    if (!write_temp(fd, cfg)) {
        err_set(err, ST_OTHER, _("cannot write %s: %s"), tmp, strerror(errno));
        goto fail;
    }
    had_old = lstat(target, &st) == 0;
    if (had_old && !keep_backup(target, backup)) {
        err_set(err, ST_OTHER, _("cannot keep the previous file as %s: %s"), backup, strerror(errno));
        goto fail;
    }
    if (rename(tmp, target) != 0) {
        err_set(err, ST_OTHER, _("cannot replace %s: %s"), target, strerror(errno));
        goto fail;
    }
    if (had_old)
        (void)chmod(backup, 0600); /* it may be a hard link to a 0644 file */
    dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || (fsync(dfd) != 0 && errno != EINVAL && errno != ENOTSUP))
        err_set(err, ST_OTHER, _("%s was written, but syncing its folder failed: %s"), target,
                strerror(errno));
    else
        ok = true;
    if (dfd >= 0)
        close(dfd);
    goto out;
fail:
    unlink(tmp);
out:
    free(backup);
    free(tmp);
    free(dir);
    return ok;
}

bool profile_save(struct profile_set *set, struct tn_error *err)
{
    if (!set->path) {
        err_set(err, ST_USAGE, _("no profiles file to write to"));
        return false;
    }
    struct stat st;
    char *target;
    if (lstat(set->path, &st) == 0 && S_ISLNK(st.st_mode)) {
        target = realpath(set->path, NULL); /* write where the link points (dotfile managers) */
        if (!target) {
            err_set(err, ST_OTHER, _("%s: %s"), set->path, strerror(errno));
            return false;
        }
    } else {
        target = xstrdup(set->path);
    }
    bool ok = save_to(target, set_cfg(set), err);
    free(target);
    if (ok)
        set->exists = true;
    return ok;
}

void profile_copy(struct profile *dst, const struct profile *src)
{
    *dst = *src;
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
        if (fields[i].kind == F_STRING && field_cstr(src, &fields[i]))
            *field_str(dst, &fields[i]) = xstrdup(field_cstr(src, &fields[i]));
}

void profile_free(struct profile *p)
{
    for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
        if (fields[i].kind != F_STRING)
            continue;
        char **s = field_str(p, &fields[i]);
        if (s == &p->client_secret)
            util_free_secret(*s);
        else
            free(*s);
    }
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
        for (int i = 0; list && config_setting_is_list(list) && i < config_setting_length(list); i++) {
            config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
            if (config_setting_is_group(g))
                wipe_group(g);
        }
        config_destroy(set->cfg);
        free(set->cfg);
    }
    *set = (struct profile_set){0};
}

char *profile_default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *base = NULL, *sub = NULL;
    if (xdg && xdg[0] == '/') {
        base = xdg;
        sub = "tenantry/config";
    } else {
        base = getenv("HOME");
        if (!base || base[0] != '/') {
            struct passwd *pw = getpwuid(getuid());
            base = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
        }
        sub = ".config/tenantry/config";
    }
    if (!base)
        return NULL;
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/')
        n--;
    return xasprintf("%.*s%s%s", (int)n, base, n == 1 ? "" : "/", sub);
}
