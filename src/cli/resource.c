/* resource.c: list, get, create, update and delete of a backend's resource kinds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/intl.h"
#include "core/mattr.h"

enum { OPT_ALL = OPT_FIRST_LOCAL, OPT_LIMIT, OPT_CURSOR, OPT_YES, OPT_INPUT };

/* What a verb's options said. */
struct args {
    const struct api_kind_def *kind;
    bool all, yes;
    long long limit; /* 0: the profile's page size */
    const char *cursor;
    struct api_value *values;
    size_t nvalues;
};

/* The outcome a callback stores for the waiting command. */
struct outcome {
    struct cli *c;
    struct page page;
    struct row *row;
    bool done;
};

static void on_page(void *ud, struct page *page, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    o->page = *page;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
}

static void on_row(void *ud, struct row *row, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    o->row = row;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
}

static void on_done(void *ud, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
}

/* ------------------------------------------------------------------ verbs */

struct verb {
    const char *name;
    enum api_op op;
    const char *summary;
};

static const struct verb verbs[] = {
    {"list", API_OP_LIST, N_("list them, a page at a time or --all")},
    {"get", API_OP_GET, N_("show one")},
    {"create", API_OP_CREATE, N_("create one")},
    {"update", API_OP_UPDATE, N_("change one")},
    {"delete", API_OP_DELETE, N_("delete one")},
};

/* The positional arguments a verb takes, for help and checks: the parent's ID, the ID. */
static void verb_positionals(const struct api_kind_def *kind, enum api_op op, const char **parent,
                             const char **id)
{
    *parent = kind->parent ? _("TENANT") : NULL;
    *id = (op == API_OP_GET || op == API_OP_UPDATE || op == API_OP_DELETE)
              ? (kind->parent ? _("CLIENT") : _("ID"))
              : NULL;
}

/* The verb's help. */
static void verb_help(struct cli *c, const struct api_kind_def *kind, const struct verb *v,
                      FILE *f)
{
    const char *parent, *id;
    verb_positionals(kind, v->op, &parent, &id);
    fprintf(f, _("Usage: %s %s %s"), util_progname(), kind->name, v->name);
    if (parent)
        fprintf(f, " %s", parent);
    if (id)
        fprintf(f, " %s", id);
    fprintf(f, _(" [OPTION]...\n%s %s: %s\n\n"), kind->name, v->name, _(v->summary));
    if (parent)
        fprintf(f, _("  %-26s the ID of the tenant the clients belong to\n"), parent);
    if (id)
        fprintf(f, _("  %-26s the ID of the %s\n"), id, _(kind->singular));
    switch (v->op) {
    case API_OP_LIST:
        fputs(_("      --all                fetch every page (streamed; progress on a terminal)\n"
                "      --limit N            rows per page, 1 to 1000 (default: the profile's\n"
                "                           page_size)\n"
                "      --cursor CURSOR      start at the page a previous list pointed to\n"),
              f);
        break;
    case API_OP_CREATE:
    case API_OP_UPDATE:
        for (size_t i = 0; i < kind->ninputs; i++) {
            const struct api_input *in = &kind->inputs[i];
            if (v->op == API_OP_UPDATE && !(in->flags & INPUT_UPDATE))
                continue;
            char *flag = xasprintf("--%s %s", in->flag, in->arg);
            fprintf(f, "      %-21s%s%s\n", flag, _(in->help),
                    v->op == API_OP_CREATE && (in->flags & INPUT_REQUIRED) ? _(" (required)")
                                                                          : "");
            free(flag);
        }
        break;
    case API_OP_DELETE:
        fputs(_("      --yes                do not ask (needed when there is no terminal)\n"), f);
        break;
    default:
        break;
    }
    fputc('\n', f);
    options_help(f);
    (void)c;
}

/* The help of a resource: its verbs. */
static void resource_help(struct cli *c, const struct api_kind_def *kind, FILE *f)
{
    fprintf(f, _("Usage: %s %s VERB [ARGUMENT]... [OPTION]...\n\nVerbs:\n"), util_progname(),
            kind->name);
    for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
        if (kind->ops & verbs[i].op)
            fprintf(f, "  %-8s %s\n", verbs[i].name, _(verbs[i].summary));
    fprintf(f, _("\n'%s %s VERB --help' tells more.\n"), util_progname(), kind->name);
    (void)c;
}

static bool on_opt(struct cli *c, void *ud, int opt, const char *arg)
{
    struct args *a = ud;
    switch (opt) {
    case OPT_ALL:
        a->all = true;
        return true;
    case OPT_LIMIT:
        if (!str_to_llong(arg, 1, 1000, &a->limit)) {
            cli_usage_error(c, _("--limit must be a whole number from 1 to 1000, not '%s'"),
                            arg);
            return false;
        }
        return true;
    case OPT_CURSOR:
        a->cursor = arg;
        return true;
    case OPT_YES:
        a->yes = true;
        return true;
    default:
        if (opt >= OPT_INPUT && opt < OPT_INPUT + (int)a->kind->ninputs) {
            a->values = xreallocarray(a->values, a->nvalues + 1, sizeof(*a->values));
            a->values[a->nvalues++] =
                (struct api_value){a->kind->inputs[opt - OPT_INPUT].key, arg};
            return true;
        }
        return false;
    }
}

static struct cli_help_ctx {
    const struct api_kind_def *kind;
    const struct verb *verb;
} help_ctx;

static void help_cb(struct cli *c, FILE *f)
{
    verb_help(c, help_ctx.kind, help_ctx.verb, f);
}

/* The options a verb takes. */
static struct option *verb_options(const struct api_kind_def *kind, enum api_op op)
{
    struct option *o = xcalloc(kind->ninputs + 5, sizeof(*o));
    size_t n = 0;
    if (op == API_OP_LIST) {
        o[n++] = (struct option){"all", no_argument, NULL, OPT_ALL};
        o[n++] = (struct option){"limit", required_argument, NULL, OPT_LIMIT};
        o[n++] = (struct option){"cursor", required_argument, NULL, OPT_CURSOR};
    } else if (op == API_OP_DELETE) {
        o[n++] = (struct option){"yes", no_argument, NULL, OPT_YES};
    } else if (op == API_OP_CREATE || op == API_OP_UPDATE) {
        for (size_t i = 0; i < kind->ninputs; i++)
            if (op == API_OP_CREATE || (kind->inputs[i].flags & INPUT_UPDATE))
                o[n++] = (struct option){kind->inputs[i].flag, required_argument, NULL,
                                         OPT_INPUT + (int)i};
    }
    return o;
}

/* ------------------------------------------------------------------ running */

static int row_op(struct cli *c, struct args *a, const struct api_target *t, enum api_op op);

/* Wait for a call; false when it failed (c->conn.err set). */
static bool wait_call(struct cli *c, struct outcome *o)
{
    while (!o->done)
        cli_wait(c);
    return c->conn.err.code == ST_OK;
}

/* Show "N tenants loaded" on a terminal's stderr, or (n == 0) erase it. */
static void progress(size_t n, const struct api_kind_def *kind)
{
    if (n)
        fprintf(stderr, _("\r%zu %s loaded, more to come..."), n, kind->name);
    else
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

static int run_list(struct cli *c, struct args *a, const struct api_target *t)
{
    int limit = a->limit ? (int)a->limit : c->conn.profile->page_size;
    if (limit <= 0)
        limit = PROFILE_DEFAULT_PAGE_SIZE;
    bool show_progress = a->all && isatty(STDERR_FILENO);
    struct output *out =
        output_new(stdout, c->format, t->kind, output_terminal_width(stdout));
    char *next = a->cursor ? xstrdup(a->cursor) : NULL;
    size_t total = 0;
    bool ok = true;
    struct outcome o = {.c = c};
    api_list(c->conn.session, t, next, limit, on_page, &o);
    for (;;) {
        if (!wait_call(c, &o)) {
            ok = false;
            break;
        }
        struct page page = o.page;
        free(next);
        next = page.next ? xstrdup(page.next) : NULL;
        /* ask for the next page before printing this one: the server works meanwhile */
        o = (struct outcome){.c = c};
        bool more = a->all && next;
        if (more)
            api_list(c->conn.session, t, next, limit, on_page, &o);
        output_rows(out, page.rows, page.n);
        total += page.n;
        model_page_clear(&page);
        if (show_progress && more)
            progress(total, t->kind);
        if (!more || ferror(stdout))
            break;
    }
    if (show_progress)
        progress(0, t->kind);
    output_end(out);
    if (ok && !a->all && next)
        fprintf(stderr, _("Next page: --cursor %s (or --all for every page).\n"),
                next);
    if (ok && total == 0 && c->format == OUTPUT_TABLE)
        fprintf(stderr, _("No %s.\n"), t->kind->name);
    free(next);
    return ok ? ST_OK : (int)c->conn.err.code;
}

/* Print a row on its own. */
static void print_object(struct cli *c, const struct row *row)
{
    struct output *out = output_new(stdout, c->format, row->def, output_terminal_width(stdout));
    output_object(out, row);
    output_end(out);
}

/* True when s looks like a UUID (then it is taken as an ID without a lookup). */
static bool looks_like_uuid(const char *s)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (strlen(s) != sizeof(shape) - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == '-' ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    return true;
}

/* Replace *value, a name of a ref kind object (an environment called "au01"), by its ID:
 * list the kind and match the ID or the name. False with c->conn.err set when none or several
 * match. *owned receives the new string to free. */
static bool resolve_ref(struct cli *c, const char *ref, const char **value, char **owned)
{
    const struct api_kind_def *kind = api_kind_find(api_backend(c->conn.session), ref);
    if (!kind || looks_like_uuid(*value))
        return true;
    struct api_target t = {.kind = kind};
    char *next = NULL, *found = NULL;
    size_t matches = 0;
    do {
        struct outcome o = {.c = c};
        api_list(c->conn.session, &t, next, 1000, on_page, &o);
        free(next);
        next = NULL;
        if (!wait_call(c, &o))
            return false;
        for (size_t i = 0; i < o.page.n; i++) {
            const struct row *r = o.page.rows[i];
            const char *name = model_row_get(r, "name");
            if (!strcmp(model_row_id(r), *value) || (name && !strcmp(name, *value))) {
                matches++;
                free(found);
                found = xstrdup(model_row_id(r));
            }
        }
        next = o.page.next;
        o.page.next = NULL;
        model_page_clear(&o.page);
    } while (next);
    if (matches == 1) {
        *owned = found;
        *value = found;
        return true;
    }
    free(found);
    if (matches)
        err_set(&c->conn.err, ST_USAGE, _("%zu %s are called '%s': give the ID"), matches, ref,
                *value);
    else
        err_set(&c->conn.err, ST_NOT_FOUND, _("no %s is called '%s'"), _(kind->singular), *value);
    err_hint(&c->conn.err, _("`%s %s list` shows them."), util_progname(), ref);
    return false;
}

static int run_row_op(struct cli *c, struct args *a, const struct api_target *t, enum api_op op)
{
    char *owned[8] = {NULL};
    size_t nowned = 0;
    for (size_t i = 0; i < a->nvalues; i++) {
        for (size_t d = 0; d < t->kind->ninputs; d++) {
            const struct api_input *in = &t->kind->inputs[d];
            if (!in->ref || strcmp(in->key, a->values[i].key) || nowned == ARRAY_SIZE(owned))
                continue;
            bool ok = resolve_ref(c, in->ref, &a->values[i].value, &owned[nowned]);
            nowned += owned[nowned] != NULL;
            if (!ok) {
                while (nowned)
                    free(owned[--nowned]);
                return (int)c->conn.err.code;
            }
        }
    }
    int rc = row_op(c, a, t, op);
    while (nowned)
        free(owned[--nowned]);
    return rc;
}

/* Send a get, create or update and print the object it answers with. */
static int row_op(struct cli *c, struct args *a, const struct api_target *t, enum api_op op)
{
    struct outcome o = {.c = c};
    struct api_values in = {a->values, a->nvalues};
    struct api_call *call;
    if (op == API_OP_GET)
        call = api_get(c->conn.session, t, on_row, &o);
    else if (op == API_OP_CREATE)
        call = api_create(c->conn.session, t, &in, on_row, &o, &c->conn.err);
    else
        call = api_update(c->conn.session, t, &in, on_row, &o, &c->conn.err);
    if (!call)
        return (int)c->conn.err.code;
    if (!wait_call(c, &o))
        return (int)c->conn.err.code;
    print_object(c, o.row);
    bool lost = op == API_OP_CREATE && o.row->secret && (fflush(stdout) || ferror(stdout));
    if (lost) {
        err_set(&c->conn.err, ST_OTHER, _("%s %s was created, but its output (with the new client "
                                     "secret) could not be written"),
                _(t->kind->singular), model_row_id(o.row));
        err_hint(&c->conn.err, _("The secret is not shown again: delete this one and create "
                            "another."));
    }
    model_row_free(o.row);
    return lost ? ST_OTHER : ST_OK;
}

static int run_delete(struct cli *c, struct args *a, const struct api_target *t)
{
    char *question = t->parent
                         ? xasprintf(_("delete %s %s of tenant %s"), _(t->kind->singular),
                                     t->id, t->parent)
                         : xasprintf(_("delete %s %s"), _(t->kind->singular), t->id);
    bool yes = cli_confirm(c, a->yes, question);
    free(question);
    if (!yes)
        return (int)c->conn.err.code;
    struct outcome o = {.c = c};
    if (!api_delete(c->conn.session, t, on_done, &o, &c->conn.err))
        return (int)c->conn.err.code;
    if (!wait_call(c, &o))
        return (int)c->conn.err.code;
    if (c->format == OUTPUT_TABLE)
        printf(_("Deleted %s %s.\n"), _(t->kind->singular), t->id);
    return ST_OK;
}

/* The verb called name, or NULL. */
static const struct verb *find_verb(const struct api_kind_def *kind, const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(verbs); i++)
        if (!strcmp(verbs[i].name, name) && (kind->ops & verbs[i].op))
            return &verbs[i];
    return NULL;
}

int cli_resource(struct cli *c, const struct api_kind_def *kind, int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        resource_help(c, kind, argc < 2 ? stderr : stdout);
        return argc < 2 ? ST_USAGE : -1;
    }
    const struct verb *v = find_verb(kind, argv[1]);
    if (!v) {
        cli_usage_error(c, _("%s has no verb '%s'"), kind->name, argv[1]);
        return ST_USAGE;
    }
    c->verb = v->name;
    struct args a = {.kind = kind};
    struct option *opts = verb_options(kind, v->op);
    help_ctx = (struct cli_help_ctx){kind, v};
    int first;
    int rc = cli_parse(c, argc - 1, argv + 1, opts, on_opt, &a, help_cb, &first);
    free(opts);
    if (rc != ST_OK)
        goto out;

    const char *parent_name, *id_name;
    verb_positionals(kind, v->op, &parent_name, &id_name);
    int want = (parent_name != NULL) + (id_name != NULL);
    char **pos = argv + 1 + first;
    int npos = argc - 1 - first;
    if (npos < want) {
        cli_usage_error(c, _("%s %s needs %s"), kind->name, v->name,
                        npos == 0 && parent_name ? parent_name : id_name);
        rc = ST_USAGE;
        goto out;
    }
    if (npos > want) {
        cli_usage_error(c, _("unexpected argument '%s'"), pos[want]);
        rc = ST_USAGE;
        goto out;
    }
    struct api_target t = {.kind = kind};
    t.parent = parent_name ? pos[0] : NULL;
    t.id = id_name ? pos[want - 1] : NULL;

    struct api_values in = {a.values, a.nvalues};
    if ((v->op == API_OP_CREATE || v->op == API_OP_UPDATE) &&
        !api_check_input(kind, &in, v->op == API_OP_CREATE, &c->conn.err)) {
        err_hint(&c->conn.err, _("Try '%s %s %s --help'."), util_progname(), kind->name, v->name);
        rc = ST_USAGE;
        goto out;
    }
    if (v->op & (API_OP_CREATE | API_OP_UPDATE | API_OP_DELETE)) {
        char *what = xasprintf("%s %s", kind->name, v->name);
        bool refused = cli_refuse_readonly(c, what);
        free(what);
        if (refused) {
            rc = (int)c->conn.err.code;
            goto out;
        }
    }
    if (!connect_open(&c->conn)) {
        rc = (int)c->conn.err.code;
        goto out;
    }
    /* the profile's API names the kinds; the command line used the common names */
    t.kind = api_kind_find(api_backend(c->conn.session), kind->name);
    if (!t.kind || !(t.kind->ops & v->op)) {
        err_set(&c->conn.err, ST_USAGE, _("profile \"%s\" (api %s) cannot %s %s"), c->conn.profile->name,
                api_backend(c->conn.session)->name, v->name, kind->name);
        rc = ST_USAGE;
        goto out;
    }
    switch (v->op) {
    case API_OP_LIST:
        rc = run_list(c, &a, &t);
        break;
    case API_OP_DELETE:
        rc = run_delete(c, &a, &t);
        break;
    default:
        rc = run_row_op(c, &a, &t, v->op);
        break;
    }
out:
    free(a.values);
    return rc;
}
