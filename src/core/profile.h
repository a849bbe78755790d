/* profile.h: the profiles file (libconfig): load, validate, change, atomic save. */
#ifndef TENANTRY_PROFILE_H
#define TENANTRY_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/status.h"

#define PROFILE_DEFAULT_PAGE_SIZE 100
#define PROFILE_DEFAULT_TIMEOUT 30 /* seconds, for a whole request */
#define PROFILE_DEFAULT_PARALLEL_PAGES 4 /* pages of a bulk load in flight (system API) */
#define PROFILE_DEFAULT_IN_FLIGHT 4 /* requests of a bulk change at once */
#define PROFILE_DEFAULT_WATCH 10    /* seconds between :watch re-reads */

/* One profile: where the API is and how to authenticate. Strings are NULL when unset. */
struct profile {
    char *name;
    char *api;                   /* "mattr" (the default when absent) or "system" */
    char *url;                   /* API base URL, e.g. https://tenant.vii.au01.mattr.global */
    /* api "mattr": OAuth client credentials */
    char *auth_url;              /* token endpoint */
    char *audience;
    char *client_id;
    char *client_secret;         /* inline secret (file must be 0600) */
    char *client_secret_env;     /* name of an environment variable holding it */
    char *client_secret_command; /* a shell command printing it */
    /* api "system": Basic auth, and the paging parameters' names */
    char *user;
    char *password;              /* inline (file must be 0600) */
    char *password_env;
    char *password_command;
    char *page_params;           /* "page,limit" (the default) or e.g. "_page,_limit" */
    char *data_columns;          /* the keys of a tenant's data shown as columns: "name,plan" */
    char *columns;               /* columns = { tenants = "..."; }: "tenants=...\n" lines */
    char *cursor;                /* how the console marks the selected row: "bar" or "arrow" */
    char *ca_file;
    char *proxy;                 /* proxy URL, may hold USER:PASSWORD@ (file must be 0600) */
    bool readonly;
    bool production;
    bool no_token_cache;         /* token_cache = false: no token kept in the kernel keyring */
    bool no_journal;             /* journal = false: changes are not written to the journal */
    bool fresh_token;            /* not a setting: never take a cached token (profile test) */
    int page_size;               /* 1..1000 */
    int timeout;                 /* seconds, 1..3600 */
    int parallel_pages;          /* api "system": pages of --all or G in flight, 1..16 */
    int in_flight;               /* requests of a bulk change at once, 1..64 */
    int watch;                   /* seconds between the console's :watch re-reads, 1..86400 */
};

/* The profiles file as loaded: its path, the profiles and the default's name. */
struct profile_set {
    char *path;
    bool exists;          /* false when the file is not there yet */
    struct profile *v;
    size_t n;
    char *default_name;   /* NULL when unset */
    char *cursor;         /* the top-level cursor setting ("bar" or "arrow"), or NULL */
    void *cfg;            /* the libconfig tree, so a save keeps settings it does not know */
};

/* $XDG_CONFIG_HOME/tenantry/config, else $HOME/.config/tenantry/config (new string). */
char *profile_default_path(void);
/* Load and validate path (a missing file gives an empty set). False with err set on a parse
 * error (file and line), an invalid profile (names profile and field), or an inline secret
 * in a file others can read (with the chmod 600 hint). */
bool profile_load(const char *path, struct profile_set *set, struct tn_error *err);
/* The secret settings of p's API: the inline value, the environment variable's name and the
 * command (any may be NULL), and the setting names ("client_secret" or "password"). */
struct profile_secret {
    const char *inline_value, *env, *command;
    const char *name, *env_name, *command_name;
};
struct profile_secret profile_secret_of(const struct profile *p);
/* The string settings a profile of api ("mattr", "system") needs or has for that API alone,
 * besides its name, its API and its secret, in the file's order ("url", "auth_url", ...; not
 * the optional settings of every API, such as ca_file): up to max names into names,
 * required[i] when that API needs it; how many there are. 0 for an API the core does not
 * know. */
size_t profile_api_settings(const char *api, const char **names, bool *required, size_t max);
/* Set p's string setting called name to a copy of value (NULL: unset); false when there is
 * no such string setting. */
bool profile_set_string(struct profile *p, const char *name, const char *value);
/* True when v is a value the cursor setting takes: "bar" or "arrow". */
bool profile_cursor_ok(const char *v);
/* The value of name in lines of "name=value" (a group setting such as a profile's columns),
 * as a new string, or NULL. */
char *profile_group_value(const char *lines, const char *name);
/* The API p speaks: its api setting, or the default ("mattr"). */
const char *profile_api_name(const struct profile *p);
/* True when p speaks the /system/tenants API. */
bool profile_is_system(const struct profile *p);
/* The paging parameter names of a system profile (page_params, or "page" and "limit"), in
 * page and limit (each at most 63 bytes). */
void profile_page_params(const struct profile *p, char page[64], char limit[64]);

/* Check one profile's fields; false with err naming the profile and the field. */
bool profile_validate(const struct profile *p, struct tn_error *err);
/* The profile called name, or NULL. */
const struct profile *profile_find(const struct profile_set *set, const char *name);
/* The default profile: default_profile, else the only one; NULL with err set otherwise. */
const struct profile *profile_default(const struct profile_set *set, struct tn_error *err);
/* True when s is a valid profile name: 1..64 of letters, digits, '-', '_', '.'. */
bool profile_name_ok(const char *s);
/* Add a copy of p (validated, name unused); the first profile of the set becomes the
 * default. */
bool profile_add(struct profile_set *set, const struct profile *p, struct tn_error *err);
/* Remove the profile called name (and the default mark if it pointed there). */
bool profile_remove(struct profile_set *set, const char *name, struct tn_error *err);
/* Make name the default profile. */
bool profile_set_default(struct profile_set *set, const char *name, struct tn_error *err);
/* Write the set to set->path atomically: a 0600 temp file in the same folder, fsync, the
 * old file kept as "config~", rename, fsync of the folder. On failure nothing changes. */
bool profile_save(struct profile_set *set, struct tn_error *err);
/* One change to the profiles file for profile_apply: each part is optional and they are
 * applied in this order. */
struct profile_change {
    const char *remove;          /* the name of a profile to remove */
    const struct profile *add;   /* a profile to add (copied) */
    const char *make_default;    /* the name of the profile to make the default */
};
/* Apply ch to the profiles file as it is now, so that concurrent writers lose nothing: take
 * the lock file PATH.lock (waiting a while for another writer), read the file again, apply ch,
 * remove the temp files of an interrupted save, save as profile_save does, unlock. On success
 * set holds the file's new content; on failure neither set nor the file changes and err says
 * why (a lock left behind or held too long is named with its age and how to remove it). */
bool profile_apply(struct profile_set *set, const struct profile_change *ch,
                   struct tn_error *err);
/* Called by profile_group_strings for each setting; false (with err set) stops the walk. */
typedef bool (*profile_setting_fn)(void *ud, const char *name, const char *value,
                                   struct tn_error *err);
/* Call fn for each setting of the top-level group called group, in file order: of the
 * loaded file (set->cfg), or of text parsed as libconfig when text is not NULL (set may
 * then be NULL). No group: true and no calls. False with err set on a parse error of text,
 * when group is not a group, or when one of its settings is not a string (the file or
 * "built-in GROUP" and the line named; the other settings are still passed), or as soon as
 * fn returns false (err set by fn). */
bool profile_group_strings(const struct profile_set *set, const char *text, const char *group,
                           profile_setting_fn fn, void *ud, struct tn_error *err);
/* Deep-copy a profile into dst. */
void profile_copy(struct profile *dst, const struct profile *src);
/* Free a profile's strings (wiping the inline secret). */
void profile_free(struct profile *p);
/* Free everything the set holds. */
void profile_set_free(struct profile_set *set);

#endif
