/* complete.c: `tenantry completion bash|zsh|fish` prints a shell's completion script, and the
 * hidden `tenantry __complete WORD...` those scripts call: what may stand in the last word,
 * from the same tables the commands parse their arguments with. */
#include "config.h"

#include "cli/complete.h"

#include <stdlib.h>
#include <string.h>

#include "cli/journal.h"
#include "cli/profiles.h"
#include "cli/resource.h"
#include "core/api.h"
#include "core/intl.h"
#include "core/keyring.h"
#include "core/rules.h"
#include "core/secret.h"
#include "core/text.h"
#include "connect.h"

/* The scripts, compiled in from etc/ (completion_scripts.h is made by make). */
#include "cli/completion_scripts.h"

/* What the last word is a value of. */
enum value_kind {
    V_NONE,     /* nothing can be guessed (an ID, a number, a date, a name) */
    V_FILES,    /* a file name */
    V_COMMANDS, /* a command name */
    V_VARIABLES, /* an environment variable's name */
    V_FORMATS, V_PROFILES, V_DEMO, V_ROLES, V_APIS, V_ENVIRONMENTS,
};

/* The command line as far as it is typed. */
struct line {
    const char *config, *profile; /* -c, -p as typed */
    bool demo;
    const char *demo_api;
    const char *resource, *verb;
    int npos;   /* arguments after the verb */
    bool ended; /* after "--" */
};

/* The backends the completion speaks for: the profile's, or every one when it is unknown. */
struct apis {
    const struct api_backend *const *v;
    size_t n;
    const struct api_backend *one;
};

static const struct api_backend *api_at(const struct apis *a, size_t i)
{
    return a->one ? (i == 0 ? a->one : NULL) : (i < a->n ? a->v[i] : NULL);
}

/* Print a candidate value (with its description, after a tab) when it starts with cur. */
static void offer(const char *value, const char *cur, const char *desc)
{
    if (strncmp(value, cur, strlen(cur)))
        return;
    if (desc && *desc)
        printf("%s\t%s\n", value, desc);
    else
        printf("%s\n", value);
}

/* The long options every command takes, and the top level's own. */
static const struct option top_only[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* True for a command that takes options but no verb (journal). */
static bool verbless(const char *resource)
{
    return !strcmp(resource, "journal");
}

/* The local options of resource/verb in the backends of a (all of them appended). */
static struct option *local_options(const struct apis *a, const char *resource, const char *verb,
                                    int *npos)
{
    struct option *all = xcalloc(1, sizeof(*all));
    size_t n = 0;
    *npos = 0;
    if (resource && !strcmp(resource, "journal")) { /* a command without verbs */
        for (const struct option *o = cli_journal_options(); o->name; o++) {
            all = xreallocarray(all, n + 2, sizeof(*all));
            all[n++] = *o;
        }
        all[n] = (struct option){0};
        return all;
    }
    if (!resource || !verb)
        return all;
    if (!strcmp(resource, "profile") || !strcmp(resource, "profiles")) {
        const char *name;
        const struct option *o;
        int np;
        for (size_t i = 0; (name = profiles_verb(i, NULL, &o, &np)); i++) {
            if (strcmp(name, verb))
                continue;
            *npos = np;
            for (; o && o->name; o++) {
                all = xreallocarray(all, n + 2, sizeof(*all));
                all[n++] = *o;
            }
        }
        all[n] = (struct option){0};
        return all;
    }
    const struct api_backend *b;
    for (size_t i = 0; (b = api_at(a, i)); i++) {
        const struct api_kind_def *k = api_kind_find(b, resource);
        int np = 0;
        struct option *o = k ? resource_verb_options(k, verb, &np) : NULL;
        if (!o)
            continue;
        *npos = np > *npos ? np : *npos;
        for (struct option *p = o; p->name; p++) {
            bool seen = false;
            for (size_t j = 0; j < n; j++)
                seen |= !strcmp(all[j].name, p->name);
            if (seen)
                continue;
            all = xreallocarray(all, n + 2, sizeof(*all));
            all[n++] = *p;
        }
        free(o);
    }
    all[n] = (struct option){0};
    return all;
}

/* The option called name (a long name, without "--") in the global or local options. */
static const struct option *find_long(const struct option *local, const char *name, size_t len)
{
    const struct option *sets[] = {options_long, local, top_only};
    for (size_t s = 0; s < ARRAY_SIZE(sets); s++)
        for (const struct option *o = sets[s]; o && o->name; o++)
            if (strlen(o->name) == len && !strncmp(o->name, name, len))
                return o;
    return NULL;
}

/* Read words[0..n) (the last one being completed is not among them) into l; *pending is the
 * option whose value the next word is, or NULL. */
static void read_line(const struct apis *a, char **words, int n, struct line *l,
                      const struct option **pending)
{
    static const struct option short_c = {"config", required_argument, NULL, 'c'},
                               short_p = {"profile", required_argument, NULL, 'p'},
                               short_o = {"output", required_argument, NULL, 'o'};
    struct option *local = NULL;
    int npos = 0;
    *pending = NULL;
    for (int i = 0; i < n; i++) {
        const char *w = words[i];
        if (*pending) {
            if ((*pending)->val == 'c')
                l->config = w;
            else if ((*pending)->val == 'p')
                l->profile = w;
            *pending = NULL;
            continue;
        }
        if (l->ended || w[0] != '-' || !w[1]) {
            if (!l->resource) {
                l->resource = w;
                free(local);
                local = local_options(a, l->resource, NULL, &npos);
            } else if (!l->verb && !verbless(l->resource)) {
                l->verb = w;
                free(local);
                local = local_options(a, l->resource, l->verb, &npos);
            } else {
                l->npos++;
            }
            continue;
        }
        if (!strcmp(w, "--")) {
            l->ended = true;
        } else if (w[1] == '-') {
            const char *eq = strchr(w, '=');
            size_t len = eq ? (size_t)(eq - w - 2) : strlen(w + 2);
            const struct option *o = find_long(local, w + 2, len);
            if (!o)
                continue;
            const char *value = eq ? eq + 1 : NULL;
            if (!strcmp(o->name, "demo")) {
                l->demo = true;
                l->demo_api = value;
            } else if (o->has_arg == required_argument && !value) {
                *pending = o;
            } else if (o->val == 'c') {
                l->config = value;
            } else if (o->val == 'p') {
                l->profile = value;
            }
        } else if (strchr("cpo", w[1])) { /* -c FILE, -cFILE */
            const struct option *o = w[1] == 'c' ? &short_c : w[1] == 'p' ? &short_p : &short_o;
            if (!w[2])
                *pending = o;
            else if (w[1] == 'c')
                l->config = w + 2;
            else if (w[1] == 'p')
                l->profile = w + 2;
        }
    }
    static struct option kept; /* local is freed */
    if (*pending) {
        kept = **pending;
        *pending = &kept;
    }
    free(local);
}

/* The profiles file the command line names (-c, TENANTRY_CONFIG, the default), loaded into
 * conn; false when it cannot be read. */
static bool load_profiles(struct connection *conn, const struct line *l)
{
    if (l->config)
        conn->opt.config = l->config;
    if (l->profile)
        conn->opt.profile = l->profile;
    return connect_load_profiles(conn);
}

/* The backend the command line's profile speaks: --demo's, else its profile's; NULL when it
 * cannot be told. */
static const struct api_backend *line_api(struct connection *conn, const struct line *l)
{
    if (l->demo)
        return api_backend_find(l->demo_api ? l->demo_api : "mattr");
    if (!load_profiles(conn, l) || !connect_pick_profile(conn))
        return NULL;
    return api_backend_find(profile_api_name(conn->profile));
}

/* True when s is a word a shell may be offered: valid UTF-8, no control character, no space. */
static bool plain_word(const char *s)
{
    if (!*s)
        return false;
    while (*s) {
        uint32_t cp;
        size_t n = text_decode(s, &cp);
        if (!n || !text_plain_char(cp) || cp == ' ')
            return false;
        s += n;
    }
    return true;
}

/* The first page of the environments, when it came. */
struct env_list {
    bool done;
    struct page page;
};

static void on_environments(void *ud, struct page *page, const struct tn_error *err)
{
    struct env_list *o = ud;
    o->done = true;
    if (err->code == ST_OK)
        o->page = *page;
    else
        model_page_clear(page);
}

/* Offer the names of the environments of the command line's profile, when that is cheap and
 * asks nothing: its secret is inline or in a variable that is set, or a token is cached (then
 * the secret is not resolved at all); within two seconds. */
static void offer_environments(struct connection *conn, const struct line *l, const char *cur)
{
    if (l->demo || !conn->profile || profile_is_system(conn->profile))
        return;
    struct profile p = *conn->profile;
    struct profile_secret ps = profile_secret_of(&p);
    bool cheap = ps.inline_value || (ps.env && getenv(ps.env) && !ps.command);
    if (!cheap && !p.no_token_cache && p.auth_url && p.client_id && p.audience) {
        char *name = keyring_token_name(p.auth_url, p.client_id, p.audience);
        char *token = NULL;
        int64_t expires, renew;
        if (keyring_token_load(name, &token, &expires, &renew)) {
            util_free_secret(token);
            /* the cached token is used: this stands for the secret, which is never asked for */
            static char stand_in[] = "-";
            p.client_secret = stand_in;
            p.client_secret_env = NULL;
            p.client_secret_command = NULL;
            cheap = true;
        }
        free(name);
    }
    if (!cheap)
        return;
    p.timeout = 2;
    struct http_engine *e = http_engine_new();
    struct tn_error err = {0};
    struct api_session *s = api_open(e, &p, &err);
    const struct api_kind_def *k = s ? api_kind_find(api_backend(s), "environments") : NULL;
    int name = k ? model_field_index(k, "name") : -1;
    if (name >= 0) {
        struct env_list o = {0};
        struct api_target t = {.kind = k, .parts = API_ROW_VALUES};
        api_list(s, &t, NULL, 100, NULL, on_environments, &o);
        while (!o.done)
            http_pump(e);
        for (size_t i = 0; i < o.page.n; i++)
            if (plain_word(o.page.rows[i]->values[name]))
                offer(o.page.rows[i]->values[name], cur, NULL);
        model_page_clear(&o.page);
    }
    api_close(s);
    http_engine_free(e);
    err_clear(&err);
}

/* Offer the values of option o (the part of cur after "--opt=" or the whole word). */
static enum value_kind value_kind(const struct apis *a, const struct line *l,
                                  const struct option *o)
{
    const char *n = o->name;
    if (!strcmp(n, "config") || !strcmp(n, "log") || !strcmp(n, "ca-file") ||
        !strcmp(n, "from"))
        return V_FILES;
    if (!strcmp(n, "output"))
        return V_FORMATS;
    if (!strcmp(n, "profile"))
        return V_PROFILES;
    if (!strcmp(n, "demo"))
        return V_DEMO;
    if (!strcmp(n, "api"))
        return V_APIS;
    if (!strcmp(n, "secret-env"))
        return V_VARIABLES;
    if (!strcmp(n, "secret-command"))
        return V_COMMANDS;
    if (!l->resource || !l->verb)
        return V_NONE;
    const struct api_backend *b;
    for (size_t i = 0; (b = api_at(a, i)); i++) {
        const struct api_kind_def *k = api_kind_find(b, l->resource);
        if (!k)
            continue;
        for (size_t j = 0; j < k->ninputs; j++) {
            const struct api_input *in = &k->inputs[j];
            if (strcmp(in->flag, n))
                continue;
            if (in->flags & INPUT_FILE)
                return V_FILES;
            if (!strcmp(in->key, "roles"))
                return V_ROLES;
            if (in->ref && !strcmp(in->ref, "environments"))
                return V_ENVIRONMENTS;
        }
    }
    return V_NONE;
}

/* Offer the words that may stand where cur is: options, or the next argument. */
static void offer_words(const struct apis *a, struct connection *conn, const struct line *l,
                        const char *cur)
{
    const struct api_backend *b;
    if (!l->ended && cur[0] == '-') {
        if (l->resource && !l->verb && !verbless(l->resource)) { /* only --help before a verb */
            offer("--help", cur, NULL);
            return;
        }
        for (const struct option *o = options_long; o->name; o++) {
            char *w = xasprintf("--%s", o->name);
            offer(w, cur, NULL);
            free(w);
        }
        int npos;
        struct option *local = local_options(a, l->resource, l->verb, &npos);
        for (const struct option *o = local; o->name; o++) {
            char *w = xasprintf("--%s", o->name);
            offer(w, cur, NULL);
            free(w);
        }
        free(local);
        offer("--help", cur, NULL);
        if (!l->resource)
            offer("--version", cur, NULL);
        return;
    }
    if (!l->resource) {
        const char *kinds[8];
        size_t nk = 0;
        for (size_t i = 0; (b = api_at(a, i)); i++) {
            for (size_t j = 0; j < b->nkinds; j++) {
                bool seen = false;
                for (size_t m = 0; m < nk; m++)
                    seen |= !strcmp(kinds[m], b->kinds[j]->name);
                if (!seen && nk < ARRAY_SIZE(kinds))
                    kinds[nk++] = b->kinds[j]->name;
            }
        }
        for (size_t m = 0; m < nk; m++)
            offer(kinds[m], cur, NULL);
        offer("profile", cur, _("manage the profiles file"));
        offer("journal", cur, _("the changes made"));
        offer("completion", cur, _("print a shell's completion script"));
        return;
    }
    bool profiles = !strcmp(l->resource, "profile") || !strcmp(l->resource, "profiles");
    if (verbless(l->resource))
        return;
    if (!strcmp(l->resource, "completion")) {
        if (!l->verb)
            for (size_t i = 0; i < ARRAY_SIZE(completion_shells); i++)
                offer(completion_shells[i].name, cur, NULL);
        return;
    }
    if (!l->verb) {
        const char *name, *summary;
        if (profiles) {
            for (size_t i = 0; (name = profiles_verb(i, &summary, NULL, NULL)); i++)
                offer(name, cur, summary);
            return;
        }
        const char *seen[8];
        size_t ns = 0;
        for (size_t i = 0; (b = api_at(a, i)); i++) {
            const struct api_kind_def *k = api_kind_find(b, l->resource);
            for (size_t v = 0; k && (name = resource_verb(k, v, &summary)); v++) {
                bool dup = false;
                for (size_t m = 0; m < ns; m++)
                    dup |= !strcmp(seen[m], name);
                if (dup || ns == ARRAY_SIZE(seen))
                    continue;
                seen[ns++] = name;
                offer(name, cur, summary);
            }
        }
        return;
    }
    /* an argument: a profile's NAME; the IDs of objects cannot be guessed */
    if (profiles && l->npos == 0 && strcmp(l->verb, "list") && strcmp(l->verb, "add") &&
        load_profiles(conn, l))
        for (size_t i = 0; i < conn->profiles.n; i++)
            offer(conn->profiles.v[i].name, cur, NULL);
}

/* Offer the values of an option of kind k. */
static void offer_values(enum value_kind k, const struct apis *a, struct connection *conn,
                         const struct line *l, const char *cur)
{
    switch (k) {
    case V_FORMATS:
        offer("table", cur, NULL);
        offer("json", cur, NULL);
        offer("jsonl", cur, NULL);
        offer("csv", cur, NULL);
        break;
    case V_PROFILES:
        if (load_profiles(conn, l))
            for (size_t i = 0; i < conn->profiles.n; i++)
                offer(conn->profiles.v[i].name, cur, NULL);
        break;
    case V_DEMO:
    case V_APIS: {
        size_t n;
        const struct api_backend *const *all = api_backends(&n);
        for (size_t i = 0; i < n; i++)
            offer(all[i]->name, cur, NULL);
        break;
    }
    case V_ROLES:
        for (size_t i = 0; i < RULES_NROLES; i++)
            offer(rules_roles[i], cur, NULL);
        break;
    case V_ENVIRONMENTS:
        if (a->one)
            offer_environments(conn, l, cur);
        break;
    default:
        break;
    }
}

int cli_complete(const struct options *opt, int argc, char **argv)
{
    /* argv: "__complete", [--], the words after the program name, the last being completed */
    int first = 1;
    if (first < argc && !strcmp(argv[first], "--"))
        first++;
    if (first >= argc) {
        puts("words");
        return 0;
    }
    char **words = argv + first;
    int n = argc - first - 1;
    const char *cur = words[n];
    struct apis all = {0};
    all.v = api_backends(&all.n);
    struct line l = {0};
    const struct option *pending;
    read_line(&all, words, n, &l, &pending);

    struct connection conn = {.opt = *opt};
    struct apis a = all;
    a.one = line_api(&conn, &l);
    err_clear(&conn.err);

    /* the value of an option: "--opt VALUE", "--opt=VALUE", "-pVALUE" */
    const char *prefix = "";
    char *prefix_owned = NULL;
    const struct option *o = pending;
    if (!o && !l.ended && !strncmp(cur, "--", 2) && strchr(cur, '=')) {
        const char *eq = strchr(cur, '=');
        int npos;
        struct option *local = local_options(&a, l.resource, l.verb, &npos);
        const struct option *found = find_long(local, cur + 2, (size_t)(eq - cur - 2));
        static struct option copy;
        if (found) {
            copy = *found;
            o = &copy;
        }
        free(local);
        prefix = prefix_owned = xstrndup(cur, (size_t)(eq - cur) + 1);
        cur = eq + 1;
        static const struct option unknown = {"", no_argument, NULL, 0};
        if (!o)
            o = &unknown;
    } else if (!o && !l.ended && cur[0] == '-' && cur[1] && strchr("cpo", cur[1]) && cur[2]) {
        static const struct option shorts[] = {{"config", required_argument, NULL, 'c'},
                                               {"profile", required_argument, NULL, 'p'},
                                               {"output", required_argument, NULL, 'o'}};
        o = &shorts[strchr("cpo", cur[1]) - "cpo"];
        prefix = prefix_owned = xstrndup(cur, 2);
        cur += 2;
    }
    if (o) {
        enum value_kind k = value_kind(&a, &l, o);
        static const char *const directive[] = {
            [V_FILES] = "files", [V_COMMANDS] = "commands", [V_VARIABLES] = "variables"};
        const char *d = k < ARRAY_SIZE(directive) && directive[k] ? directive[k] : "words";
        printf("%s\t%s\n", d, prefix);
        offer_values(k, &a, &conn, &l, cur);
    } else {
        puts("words\t");
        offer_words(&a, &conn, &l, cur);
    }
    free(prefix_owned);
    connect_close(&conn);
    return fflush(stdout) == 0 ? 0 : 1;
}

int cli_completion(int argc, char **argv)
{
    for (size_t i = 0; argc == 2 && i < ARRAY_SIZE(completion_shells); i++) {
        if (!strcmp(argv[1], completion_shells[i].name)) {
            fputs(completion_shells[i].script, stdout);
            return fflush(stdout) == 0 ? 0 : 1;
        }
    }
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        /* TRANSLATORS: %s is the program's name; keep "completion" and bash|zsh|fish as they
         * are. */
        printf(_("Usage: %s completion bash|zsh|fish\n"), util_progname());
        /* TRANSLATORS: help text: keep the commands and the file names as they are; each line
         * must fit in 80 columns. */
        fputs(_("Print the shell's completion script, to load in the shell's startup file:\n"
                "  bash: source <(tenantry completion bash)\n"
                "  zsh:  source <(tenantry completion zsh)\n"
                "  fish: tenantry completion fish | source\n"
                "Installed builds need none of this: the scripts are where each shell looks.\n"),
              stdout);
        util_help_bugs(stdout);
        return 0;
    }
    if (argc < 2)
        /* TRANSLATORS: %s is the program's name; keep bash, zsh and fish as they are. */
        fprintf(stderr, _("%s: completion needs a shell: bash, zsh or fish\n"), util_progname());
    else
        /* TRANSLATORS: the program's name, then the shell asked for; keep bash, zsh and fish as
         * they are. */
        fprintf(stderr, _("%s: completion: no script for '%s': bash, zsh or fish\n"),
                util_progname(), argv[1]);
    fprintf(stderr, _("Try '%s completion --help'.\n"), util_progname());
    return 2;
}
