/* profiles.c: `tenantry profile list|add|remove|default|test`. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/profiles.h"
#include "core/intl.h"
#include "core/json.h"
#include "core/secret.h"

enum {
    OPT_API = OPT_FIRST_LOCAL, OPT_URL, OPT_AUTH_URL, OPT_AUDIENCE, OPT_CLIENT_ID,
    OPT_SECRET_ENV, OPT_SECRET_COMMAND, OPT_SECRET_STDIN, OPT_RO, OPT_PRODUCTION,
    OPT_PAGE_SIZE, OPT_TIMEOUT, OPT_CA_FILE, OPT_DEFAULT, OPT_YES, OPT_USER, OPT_PAGE_PARAMS
};

/* How profiles are shown by `profile list`: never a secret, only where it comes from. */
static const struct api_field profile_fields[] = {
    /* TRANSLATORS: DEFAULT and the other words in capitals in this table are the column headings
     * of `profile list`; keep them short. */
    {"default", N_("DEFAULT"), FIELD_TABLE},
    {"name", N_("NAME"), FIELD_TABLE},
    {"api", N_("API"), FIELD_TABLE},
    {"url", N_("URL"), FIELD_TABLE},
    {"flags", N_("FLAGS"), FIELD_TABLE},
    {"auth_url", N_("AUTH URL"), 0},
    {"audience", N_("AUDIENCE"), 0},
    {"client_id", N_("CLIENT ID"), 0},
    {"user", N_("USER"), 0},
    {"secret_from", N_("SECRET FROM"), 0},
    {"page_params", N_("PAGE PARAMS"), 0},
    {"page_size", N_("PAGE SIZE"), 0},
    {"timeout", N_("TIMEOUT"), 0},
};
static const struct api_kind_def profile_kind = {
    .name = "profiles",
    .singular = N_("profile"),
    .fields = profile_fields,
    .nfields = ARRAY_SIZE(profile_fields),
    .id_field = 1,
};

/* What the options of a profile verb said. */
struct args {
    struct profile p;
    bool secret_stdin, make_default, yes;
    char *secret_env, *secret_command; /* the client secret's or the password's, by the API */
};

static bool on_opt(struct cli *c, void *ud, int opt, const char *arg)
{
    struct args *a = ud;
    long long n;
    char **field = NULL;
    switch (opt) {
    case OPT_API:
        field = &a->p.api;
        break;
    case OPT_URL:
        field = &a->p.url;
        break;
    case OPT_AUTH_URL:
        field = &a->p.auth_url;
        break;
    case OPT_AUDIENCE:
        field = &a->p.audience;
        break;
    case OPT_CLIENT_ID:
        field = &a->p.client_id;
        break;
    case OPT_SECRET_ENV:
        field = &a->secret_env;
        break;
    case OPT_SECRET_COMMAND:
        field = &a->secret_command;
        break;
    case OPT_USER:
        field = &a->p.user;
        break;
    case OPT_PAGE_PARAMS:
        field = &a->p.page_params;
        break;
    case OPT_CA_FILE:
        field = &a->p.ca_file;
        break;
    case OPT_SECRET_STDIN:
        a->secret_stdin = true;
        return true;
    case OPT_RO:
        a->p.readonly = true;
        return true;
    case OPT_PRODUCTION:
        a->p.production = true;
        return true;
    case OPT_DEFAULT:
        a->make_default = true;
        return true;
    case OPT_YES:
        a->yes = true;
        return true;
    case OPT_PAGE_SIZE:
        if (!str_to_llong(arg, 1, 1000, &n)) {
            cli_usage_error(c, _("--page-size must be a whole number from 1 to 1000, not '%s'"),
                            arg);
            return false;
        }
        a->p.page_size = (int)n;
        return true;
    case OPT_TIMEOUT:
        if (!str_to_llong(arg, 1, 3600, &n)) {
            cli_usage_error(c, _("--timeout must be a whole number of seconds from 1 to 3600, "
                                 "not '%s'"),
                            arg);
            return false;
        }
        a->p.timeout = (int)n;
        return true;
    default:
        return false;
    }
    free(*field);
    *field = xstrdup(arg);
    return true;
}

static const struct option add_options[] = {
    {"api", required_argument, NULL, OPT_API},
    {"url", required_argument, NULL, OPT_URL},
    {"auth-url", required_argument, NULL, OPT_AUTH_URL},
    {"audience", required_argument, NULL, OPT_AUDIENCE},
    {"client-id", required_argument, NULL, OPT_CLIENT_ID},
    {"secret-env", required_argument, NULL, OPT_SECRET_ENV},
    {"secret-command", required_argument, NULL, OPT_SECRET_COMMAND},
    {"secret-stdin", no_argument, NULL, OPT_SECRET_STDIN},
    {"readonly-profile", no_argument, NULL, OPT_RO},
    {"production", no_argument, NULL, OPT_PRODUCTION},
    {"page-size", required_argument, NULL, OPT_PAGE_SIZE},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"ca-file", required_argument, NULL, OPT_CA_FILE},
    {"default", no_argument, NULL, OPT_DEFAULT},
    {"user", required_argument, NULL, OPT_USER},
    {"page-params", required_argument, NULL, OPT_PAGE_PARAMS},
    {NULL, 0, NULL, 0},
};
static const struct option yes_options[] = {
    {"yes", no_argument, NULL, OPT_YES},
    {NULL, 0, NULL, 0},
};

static const char *const verbs[] = {"list", "add", "remove", "default", "test"};
static const char *const verb_summaries[] = {
    /* TRANSLATORS: a verb's summary, shown by shell completion next to "profile VERB". */
    N_("show the profiles (never their secrets)"), N_("add a profile"), N_("remove a profile"),
    N_("make a profile the default"), N_("get a token and make one request with a profile")};
static const int npos_min[] = {0, 1, 1, 1, 0}, npos_max[] = {0, 1, 1, 1, 1};

const char *profiles_verb(size_t i, const char **summary, const struct option **options,
                          int *npositional)
{
    if (i >= ARRAY_SIZE(verbs))
        return NULL;
    if (summary)
        *summary = _(verb_summaries[i]);
    if (options)
        *options = i == 1 ? add_options : i == 2 ? yes_options : NULL;
    if (npositional)
        *npositional = npos_max[i];
    return verbs[i];
}

static const char *help_verb;

static void help(struct cli *c, FILE *f)
{
    (void)c;
    if (!help_verb) {
        /* TRANSLATORS: %s is the program's name; keep "profile"; VERB, ARGUMENT and OPTION are
         * placeholders. */
        fprintf(f, _("Usage: %s profile VERB [ARGUMENT]... [OPTION]...\n"), util_progname());
        /* TRANSLATORS: help text: keep the verbs and options; the descriptions start at column
         * 19 and each line must fit in 80 columns. */
        fputs(_("\nVerbs:\n"
                "  list            show the profiles (never their secrets)\n"
                "  add NAME        add a profile ('profile add --help' for its options)\n"
                "  remove NAME     remove a profile (asks; --yes without a terminal)\n"
                "  default NAME    make NAME the default profile\n"
                "  test [NAME]     get a token and make one request with the profile\n"
                "\n"),
              f);
    } else if (!strcmp(help_verb, "add")) {
        /* TRANSLATORS: %s is the program's name (twice); keep the commands and options as they
         * are, translate only the placeholders' words (NAME, URL...) if your language does, and
         * keep the columns aligned. */
        fprintf(f, _("Usage: %s profile add NAME --url URL --auth-url URL --audience AUDIENCE\n"
                     "         --client-id ID [OPTION]...\n"
                     "   or: %s profile add NAME --api system --url URL --user USER [OPTION]...\n"),
                util_progname(), util_progname());
        /* TRANSLATORS: help text: keep the option names and settings' names; each line must fit
         * in 80 columns (options' descriptions start at column 28). */
        fputs(_("Add a profile to the profiles file. The client secret (the password of a system\n"
                "profile) is asked for on the terminal (not echoed) unless one of the --secret\n"
                "options says otherwise; it is never taken from the command line.\n"
                "\n"
                "      --url URL            the API's base URL (https; http only to loopback)\n"
                "      --auth-url URL       the token endpoint (mattr)\n"
                "      --audience AUDIENCE  the token audience (mattr)\n"
                "      --client-id ID       the API client's ID (mattr)\n"
                "      --user USER          the Basic auth user (system)\n"
                "      --page-params P,L    the paging parameters' names (system; default\n"
                "                           page,limit; some servers use _page,_limit)\n"
                "      --secret-stdin       read the secret from standard input (stored in the\n"
                "                           file, which is kept mode 0600)\n"
                "      --secret-env VAR     read the secret from environment variable VAR when\n"
                "                           used (nothing secret is stored)\n"
                "      --secret-command CMD run CMD (e.g. 'pass show mattr/prod') when used\n"
                "      --api API            the API the profile speaks: mattr (the default) or\n"
                "                           system (/system/tenants)\n"
                "      --readonly-profile   the profile refuses every change\n"
                "      --production         mark the profile as production\n"
                "      --page-size N        rows per page, 1 to 1000 (default 100)\n"
                "      --timeout SECONDS    per request, 1 to 3600 (default 30)\n"
                "      --ca-file FILE       a CA bundle for a private certificate authority\n"
                "      --default            make it the default profile\n"
                "\n"),
              f);
    } else if (!strcmp(help_verb, "list")) {
        /* TRANSLATORS: %s is the program's name; keep the command and the options as they are. */
        fprintf(f, _("Usage: %s profile list [OPTION]...\n"), util_progname());
        fputs(_("Show the profiles of the profiles file: name, API, URL, flags and where each\n"
                "secret comes from (never a secret).\n\n"),
              f);
    } else if (!strcmp(help_verb, "remove")) {
        /* TRANSLATORS: %s is the program's name; keep the command and the options as they are. */
        fprintf(f, _("Usage: %s profile remove NAME [--yes] [OPTION]...\n"), util_progname());
        /* TRANSLATORS: help text: keep the option names; each line must fit in 80 columns
         * (options' descriptions start at column 28). */
        fputs(_("Remove profile NAME from the profiles file (the file before is kept as\n"
                "config~).\n"
                "\n"
                "      --yes                do not ask (needed when there is no terminal)\n\n"),
              f);
    } else if (!strcmp(help_verb, "default")) {
        /* TRANSLATORS: %s is the program's name; keep the command and the options as they are. */
        fprintf(f, _("Usage: %s profile default NAME [OPTION]...\n"), util_progname());
        fputs(_("Make NAME the default profile (default_profile in the profiles file).\n\n"), f);
    } else if (!strcmp(help_verb, "test")) {
        /* TRANSLATORS: %s is the program's name; keep the command and the options as they are. */
        fprintf(f, _("Usage: %s profile test [NAME] [OPTION]...\n"), util_progname());
        fputs(_("Get a fresh token and make one request with profile NAME (default: the one\n"
                "-p, $TENANTRY_PROFILE or default_profile names); say how long it took and\n"
                "until when the token is valid.\n\n"),
              f);
    }
    options_help(f);
    util_help_bugs(f);
}

/* The set's profile called name; c->conn.err set when there is none. */
static const struct profile *need(struct cli *c, const char *name)
{
    const struct profile *p = profile_find(&c->conn.profiles, name);
    if (!p) {
        err_set(&c->conn.err, ST_USAGE, _("no profile called \"%s\" in %s"), name, c->conn.profiles.path);
        err_hint(&c->conn.err, _("`%s profile list` shows the profiles."), util_progname());
    }
    return p;
}

static int run_list(struct cli *c)
{
    if (!connect_load_profiles(&c->conn))
        return (int)c->conn.err.code;
    struct output *out = cli_output(c, &profile_kind);
    if (!out)
        return (int)c->conn.err.code;
    /* every row at once: a table measures them all */
    struct row **rows = xcalloc(c->conn.profiles.n + 1, sizeof(*rows));
    for (size_t i = 0; i < c->conn.profiles.n; i++) {
        const struct profile *p = &c->conn.profiles.v[i];
        cJSON *o = json_new_object();
        bool is_default = c->conn.profiles.default_name && !strcmp(c->conn.profiles.default_name, p->name);
        json_add_string(o, "default", is_default ? "*" : "");
        json_add_string(o, "name", p->name);
        json_add_string(o, "api", p->api ? p->api : "mattr");
        json_add_string(o, "url", p->url);
        struct strbuf flags = SB_INIT;
        if (p->readonly)
            sb_adds(&flags, "readonly ");
        if (p->production)
            sb_adds(&flags, "production ");
        if (flags.len)
            flags.buf[--flags.len] = '\0';
        json_add_string(o, "flags", sb_str(&flags));
        sb_free(&flags);
        json_add_string(o, "auth_url", p->auth_url);
        json_add_string(o, "audience", p->audience);
        json_add_string(o, "client_id", p->client_id);
        json_add_string(o, "user", p->user);
        struct profile_secret ps = profile_secret_of(p);
        char *from = ps.env ? xasprintf("env:%s", ps.env)
                     : ps.command ? xasprintf("command:%s", ps.command)
                                  : xstrdup("inline");
        json_add_string(o, "secret_from", from);
        free(from);
        json_add_string(o, "page_params", p->page_params);
        cJSON_AddNumberToObject(o, "page_size", p->page_size);
        cJSON_AddNumberToObject(o, "timeout", p->timeout);
        rows[i] = model_row_from_json(&profile_kind, o, false);
        /* json and jsonl: true and false, not the table's "*" and words */
        cJSON_ReplaceItemInObjectCaseSensitive(o, "default", cJSON_CreateBool(is_default));
        cJSON_DeleteItemFromObjectCaseSensitive(o, "flags");
        cJSON_AddBoolToObject(o, "readonly", p->readonly);
        cJSON_AddBoolToObject(o, "production", p->production);
        free(rows[i]->raw);
        rows[i]->raw = json_print(o);
        cJSON_Delete(o);
    }
    output_rows(out, rows, c->conn.profiles.n);
    for (size_t i = 0; i < c->conn.profiles.n; i++)
        model_row_free(rows[i]);
    free(rows);
    output_end(out);
    if (!c->conn.profiles.n && output_is_table(c->format))
        /* TRANSLATORS: the profiles file's path, then the program's name twice; keep the
         * commands in `...` as they are. */
        fprintf(stderr, _("No profiles in %s. Add one with `%s profile add NAME ...`, or try "
                          "`%s --demo tenants list`.\n"),
                c->conn.profiles.path, util_progname(), util_progname());
    return ST_OK;
}

static int run_add(struct cli *c, struct args *a, const char *name)
{
    if (!connect_load_profiles(&c->conn))
        return (int)c->conn.err.code;
    struct profile *p = &a->p;
    p->name = xstrdup(name);
    if (!p->page_size)
        p->page_size = PROFILE_DEFAULT_PAGE_SIZE;
    if (!p->timeout)
        p->timeout = PROFILE_DEFAULT_TIMEOUT;
    int sources = (a->secret_env != NULL) + (a->secret_command != NULL) + a->secret_stdin;
    if (sources > 1) {
        cli_usage_error(c, _("give only one of --secret-stdin, --secret-env and "
                             "--secret-command"));
        return ST_USAGE;
    }
    if (profile_find(&c->conn.profiles, name)) {
        /* TRANSLATORS: the profile's name, then the profiles file's path. */
        err_set(&c->conn.err, ST_USAGE, _("a profile called \"%s\" exists already in %s"), name,
                c->conn.profiles.path);
        /* TRANSLATORS: the program's name, then the profile's name: keep the command in `...` as
         * it is. */
        err_hint(&c->conn.err, _("Remove it first (`%s profile remove %s`) or pick another name."),
                 util_progname(), name);
        return ST_USAGE;
    }
    /* the --secret options set the client secret's source, or a system profile's password's */
    bool system = profile_is_system(p);
    char **env = system ? &p->password_env : &p->client_secret_env;
    char **command = system ? &p->password_command : &p->client_secret_command;
    char **inline_value = system ? &p->password : &p->client_secret;
    *env = a->secret_env;
    *command = a->secret_command;
    a->secret_env = a->secret_command = NULL;
    /* check everything but the secret (a placeholder source) before reading it */
    bool inline_secret = !*env && !*command;
    if (inline_secret)
        *env = xstrdup("TENANTRY_CHECK_ONLY");
    bool valid = profile_validate(p, &c->conn.err);
    if (inline_secret) {
        free(*env);
        *env = NULL;
    }
    if (!valid)
        return (int)c->conn.err.code;
    if (a->secret_stdin) {
        *inline_value = secret_read_line(stdin, &c->conn.err);
    } else if (!sources) {
        char *prompt = system ? xasprintf(_("Password for profile %s: "), name)
                              : xasprintf(_("Client secret for profile %s: "), name);
        *inline_value = secret_prompt(prompt, &c->conn.err);
        free(prompt);
        if (!*inline_value)
            err_hint(&c->conn.err, _("Use --secret-stdin, --secret-env VAR or --secret-command CMD "
                                "where there is no terminal."));
    }
    if (inline_secret && !*inline_value)
        return (int)c->conn.err.code;
    struct profile_change ch = {.add = p, .make_default = a->make_default ? name : NULL};
    if (!profile_apply(&c->conn.profiles, &ch, &c->conn.err))
        return (int)c->conn.err.code;
    /* TRANSLATORS: the profile's name, then the profiles file's path. */
    fprintf(stderr, _("Added profile %s to %s.\n"), name, c->conn.profiles.path);
    return ST_OK;
}

static int run_remove(struct cli *c, struct args *a, const char *name)
{
    if (!connect_load_profiles(&c->conn) || !need(c, name))
        return (int)c->conn.err.code;
    /* TRANSLATORS: the profile's name, then the profiles file's path; this is asked as a
     * question ("... [y/N]"). */
    char *q = xasprintf(_("remove profile %s from %s"), name, c->conn.profiles.path);
    bool yes = cli_confirm(c, a->yes, q);
    free(q);
    if (!yes || !profile_apply(&c->conn.profiles, &(struct profile_change){.remove = name},
                               &c->conn.err))
        return (int)c->conn.err.code;
    fprintf(stderr, _("Removed profile %s.\n"), name);
    return ST_OK;
}

static int run_default(struct cli *c, const char *name)
{
    if (!connect_load_profiles(&c->conn) || !need(c, name) ||
        !profile_apply(&c->conn.profiles, &(struct profile_change){.make_default = name},
                       &c->conn.err))
        return (int)c->conn.err.code;
    fprintf(stderr, _("Profile %s is now the default.\n"), name);
    return ST_OK;
}

/* The outcome of the test request. */
struct probe {
    struct cli *c;
    bool done;
    size_t rows;
};

static void on_probe(void *ud, struct page *page, const struct tn_error *err)
{
    struct probe *pr = ud;
    pr->done = true;
    pr->rows = page->n;
    model_page_clear(page);
    if (err->code != ST_OK)
        err_copy(&pr->c->conn.err, err);
}

static int run_test(struct cli *c, const char *name)
{
    if (name)
        c->conn.opt.profile = name;
    c->conn.opt.fresh_token = true; /* test the credentials, not a cached token */
    int64_t start = util_now_ms();
    if (!connect_open(&c->conn))
        return (int)c->conn.err.code;
    const struct api_backend *b = api_backend(c->conn.session);
    const struct api_kind_def *kind = NULL;
    for (size_t i = 0; i < b->nkinds && !kind; i++)
        if ((b->kinds[i]->ops & API_OP_LIST) && !b->kinds[i]->parent)
            kind = b->kinds[i];
    struct api_target t = {.kind = kind};
    struct probe pr = {.c = c};
    api_list(c->conn.session, &t, NULL, 1, NULL, on_probe, &pr);
    while (!pr.done)
        cli_wait(c);
    if (c->conn.err.code != ST_OK) {
        err_prefix(&c->conn.err, _("profile \"%s\" does not work"), c->conn.profile->name);
        return (int)c->conn.err.code;
    }
    int64_t expiry = api_token_expiry(c->conn.session);
    /* TRANSLATORS: the profile's name, the server's URL, the list's command word (e.g.
     * "tenants"), kept as is, then the time in milliseconds. */
    printf(_("Profile %s works: %s answered %s in %lld ms.\n"), c->conn.profile->name,
           c->conn.profile->url, kind->name, (long long)(util_now_ms() - start));
    if (expiry) {
        char when[32];
        util_format_iso8601(expiry, when);
        /* TRANSLATORS: %s is a date and time in the locale's format. */
        printf(_("The token is valid until %s.\n"), when);
    }
    return ST_OK;
}

int cli_profile(struct cli *c, int argc, char **argv)
{
    help_verb = argc > 1 ? argv[1] : NULL;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        help_verb = NULL;
        help(c, argc < 2 ? stderr : stdout);
        return argc < 2 ? ST_USAGE : -1;
    }
    size_t v = 0;
    while (v < ARRAY_SIZE(verbs) && strcmp(verbs[v], argv[1]))
        v++;
    if (v == ARRAY_SIZE(verbs)) {
        /* TRANSLATORS: %s is the verb given; keep "profile" (the command) as it is. */
        cli_usage_error(c, _("profile has no verb '%s'"), argv[1]);
        return ST_USAGE;
    }
    c->verb = verbs[v];
    struct args a;
    memset(&a, 0, sizeof(a));
    int first;
    const struct option *local = v == 1 ? add_options : v == 2 ? yes_options : NULL;
    int rc = cli_parse(c, argc - 1, argv + 1, local, on_opt, &a, help, &first);
    int npos = argc - 1 - first;
    char **pos = argv + 1 + first;
    if (rc == ST_OK && npos < npos_min[v]) {
        /* TRANSLATORS: %s is the verb (e.g. "remove"), kept as is; keep "profile" as it is. */
        cli_usage_error(c, _("profile %s needs a profile NAME"), verbs[v]);
        rc = ST_USAGE;
    } else if (rc == ST_OK && npos > npos_max[v]) {
        cli_usage_error(c, _("unexpected argument '%s'"), pos[npos_max[v]]);
        rc = ST_USAGE;
    }
    if (rc == ST_OK) {
        switch (v) {
        case 0:
            rc = run_list(c);
            break;
        case 1:
            rc = run_add(c, &a, pos[0]);
            break;
        case 2:
            rc = run_remove(c, &a, pos[0]);
            break;
        case 3:
            rc = run_default(c, pos[0]);
            break;
        default:
            rc = run_test(c, npos ? pos[0] : NULL);
            break;
        }
    }
    profile_free(&a.p);
    free(a.secret_env);
    free(a.secret_command);
    return rc;
}
