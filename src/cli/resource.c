/* resource.c: list, get, create, update and delete of a backend's resource kinds. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/bulk.h"
#include "cli/resource.h"
#include "cli/resource_verbs.h"
#include "cli/rotate.h"
#include "core/bulk.h"
#include "core/docedit.h"
#include "core/intl.h"
#include "core/phrase.h"
#include "core/api_mattr.h"
#include "core/api_system.h"
#include "core/walk.h"

/* Option codes: the inputs of a create or update from OPT_INPUT, a list's filters from
 * OPT_FILTER. */
enum { OPT_ALL = OPT_FIRST_LOCAL, OPT_LIMIT, OPT_CURSOR, OPT_YES, OPT_REPLACE_DATA, OPT_MERGE,
       OPT_FROM, OPT_IN_FLIGHT, OPT_DELETE_OLD, OPT_KEEP_OLD,
       OPT_INPUT = OPT_FIRST_LOCAL + 64,
       OPT_FILTER = OPT_FIRST_LOCAL + 128 };


/* What a verb's options said. */
struct args {
    const struct api_kind_def *kind;
    bool all, yes;
    bool replace_data, merge; /* edit: --replace-data, --merge */
    const char *from;         /* delete: --from FILE or - */
    long long in_flight;      /* delete: --in-flight N (0: the profile's) */
    enum rotate_old old;      /* rotate: --delete-old, --keep-old, else ask */
    long long limit; /* 0: the profile's page size */
    const char *cursor;
    struct api_value *values;
    size_t nvalues;
    struct api_value *filters;
    size_t nfilters;
};

void resource_on_page(void *ud, struct page *page, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    o->page = *page;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
}

void resource_on_row(void *ud, struct row *row, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    o->row = row;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
}

void resource_on_done(void *ud, const struct tn_error *err)
{
    struct outcome *o = ud;
    o->done = true;
    if (err->code != ST_OK)
        err_copy(&o->c->conn.err, err);
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
    case OPT_FROM:
        a->from = arg;
        return true;
    case OPT_DELETE_OLD:
    case OPT_KEEP_OLD:
        if (a->old != ROTATE_ASK && a->old != (opt == OPT_DELETE_OLD ? ROTATE_DELETE : ROTATE_KEEP)) {
            cli_usage_error(c, _("--delete-old and --keep-old contradict each other: give one"));
            return false;
        }
        a->old = opt == OPT_DELETE_OLD ? ROTATE_DELETE : ROTATE_KEEP;
        return true;
    case OPT_IN_FLIGHT:
        if (!str_to_llong(arg, 1, BULK_IN_FLIGHT_MAX, &a->in_flight)) {
            /* TRANSLATORS: the largest number allowed, then the value given; keep --in-flight as
             * it is. */
            cli_usage_error(c, _("--in-flight must be a whole number from 1 to %d, not '%s'"),
                            BULK_IN_FLIGHT_MAX, arg);
            return false;
        }
        return true;
    case OPT_REPLACE_DATA:
        a->replace_data = true;
        return true;
    case OPT_MERGE:
        a->merge = true;
        return true;
    default:
        if (opt >= OPT_INPUT && opt < OPT_INPUT + (int)a->kind->ninputs) {
            a->values = xreallocarray(a->values, a->nvalues + 1, sizeof(*a->values));
            a->values[a->nvalues++] =
                (struct api_value){a->kind->inputs[opt - OPT_INPUT].key, arg};
            return true;
        }
        if (opt >= OPT_FILTER && opt < OPT_FILTER + (int)a->kind->nfilters) {
            a->filters = xreallocarray(a->filters, a->nfilters + 1, sizeof(*a->filters));
            a->filters[a->nfilters++] =
                (struct api_value){a->kind->filters[opt - OPT_FILTER].key, arg};
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
    verbs_help(c, help_ctx.kind, help_ctx.verb, f);
}

/* The options a verb takes. */
static struct option *verb_options(const struct api_kind_def *kind, unsigned op)
{
    struct option *o = xcalloc(kind->ninputs + kind->nfilters + 5, sizeof(*o));
    size_t n = 0;
    if (op == API_OP_LIST) {
        o[n++] = (struct option){"all", no_argument, NULL, OPT_ALL};
        o[n++] = (struct option){"limit", required_argument, NULL, OPT_LIMIT};
        o[n++] = (struct option){"cursor", required_argument, NULL, OPT_CURSOR};
        for (size_t i = 0; i < kind->nfilters; i++)
            o[n++] = (struct option){kind->filters[i].flag, required_argument, NULL,
                                     OPT_FILTER + (int)i};
    } else if (op == API_OP_DELETE) {
        o[n++] = (struct option){"yes", no_argument, NULL, OPT_YES};
        o[n++] = (struct option){"from", required_argument, NULL, OPT_FROM};
        o[n++] = (struct option){"in-flight", required_argument, NULL, OPT_IN_FLIGHT};
    } else if (op == OP_ROTATE) {
        o[n++] = (struct option){"delete-old", no_argument, NULL, OPT_DELETE_OLD};
        o[n++] = (struct option){"keep-old", no_argument, NULL, OPT_KEEP_OLD};
    } else if (op == OP_EDIT) {
        o[n++] = (struct option){"replace-data", no_argument, NULL, OPT_REPLACE_DATA};
        o[n++] = (struct option){"merge", no_argument, NULL, OPT_MERGE};
    } else if (op == API_OP_CREATE || op == API_OP_UPDATE) {
        for (size_t i = 0; i < kind->ninputs; i++)
            if (op == API_OP_CREATE || (kind->inputs[i].flags & INPUT_UPDATE))
                o[n++] = (struct option){kind->inputs[i].flag, required_argument, NULL,
                                         OPT_INPUT + (int)i};
    }
    return o;
}

/* ------------------------------------------------------------------ running */

static int row_op(struct cli *c, struct args *a, const struct api_target *t, unsigned op);

bool resource_wait(struct cli *c, struct outcome *o)
{
    while (!o->done)
        cli_wait(c);
    return c->conn.err.code == ST_OK;
}

void resource_print_object(struct cli *c, const struct row *row)
{
    struct output *out = output_new(stdout, c->format, row->def, output_terminal_width(stdout));
    output_set_csv_raw(out, c->conn.opt.csv_raw);
    output_object(out, row);
    output_end(out);
}


static int run_row_op(struct cli *c, struct args *a, const struct api_target *t, unsigned op)
{
    char *owned[8] = {NULL};
    size_t nowned = 0;
    for (size_t i = 0; i < a->nvalues; i++) {
        for (size_t d = 0; d < t->kind->ninputs; d++) {
            const struct api_input *in = &t->kind->inputs[d];
            if (!in->ref || strcmp(in->key, a->values[i].key) || nowned == ARRAY_SIZE(owned))
                continue;
            bool ok = resource_resolve_ref(c, in->ref, &a->values[i].value, &owned[nowned]);
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
static int row_op(struct cli *c, struct args *a, const struct api_target *t, unsigned op)
{
    struct outcome o = {.c = c};
    struct api_values in = {a->values, a->nvalues};
    struct api_call *call;
    struct output *out = NULL;
    if (op == API_OP_GET) {
        out = cli_output(c, t->kind); /* --columns checked before anything is asked */
        if (!out)
            return (int)c->conn.err.code;
        call = api_get(c->conn.session, t, resource_on_row, &o);
    } else if (op == API_OP_CREATE) {
        call = api_create(c->conn.session, t, &in, resource_on_row, &o, &c->conn.err);
    } else {
        call = api_update(c->conn.session, t, &in, resource_on_row, &o, &c->conn.err);
    }
    if (!call || !resource_wait(c, &o)) {
        if (out)
            output_discard(out);
        model_row_free(o.row); /* a conflict's object as the server has it now */
        return (int)c->conn.err.code;
    }
    if (out) { /* get: the columns asked for */
        output_object(out, o.row);
        output_end(out);
    } else {
        resource_print_object(c, o.row);
    }
    bool lost = op == API_OP_CREATE && o.row->secret && (fflush(stdout) || ferror(stdout));
    if (lost) {
        err_set(&c->conn.err, ST_OTHER,
                phrase(t->kind, PH_CREATED_LOST,
                       _("%s was created, but its output (with the new secret) could not be "
                         "written")),
                model_row_id(o.row));
        err_hint(&c->conn.err, _("The secret is not shown again: delete this one and create "
                            "another."));
    }
    model_row_free(o.row);
    return lost ? ST_OTHER : ST_OK;
}

static int run_delete(struct cli *c, struct args *a, const struct api_target *t)
{
    char *question = resource_delete_question(c, a->yes, t);
    if (!question)
        return (int)c->conn.err.code;
    bool yes = cli_confirm(c, a->yes, question);
    free(question);
    if (!yes)
        return (int)c->conn.err.code;
    struct outcome o = {.c = c};
    if (!api_delete(c->conn.session, t, resource_on_done, &o, &c->conn.err))
        return (int)c->conn.err.code;
    if (!resource_wait(c, &o))
        return (int)c->conn.err.code;
    if (output_is_table(c->format)) {
        printf(phrase(t->kind, PH_DELETED_ID, _("Deleted %s.")), t->id);
        putchar('\n');
    }
    return ST_OK;
}

/* Delete the n IDs ids and those --from names, several at a time (cli/bulk.c). */
static int run_bulk_delete(struct cli *c, struct args *a, const struct api_target *t,
                           char **ids, int n)
{
    char **all = NULL;
    size_t nall = 0;
    for (int i = 0; i < n; i++) {
        all = xreallocarray(all, nall + 1, sizeof(*all));
        all[nall++] = xstrdup(ids[i]);
    }
    int rc = ST_OK;
    if (a->from && !bulk_read_ids(c, a->from, &all, &nall))
        rc = (int)c->conn.err.code;
    if (rc == ST_OK)
        rc = bulk_delete_run(c, t, all, nall, (int)a->in_flight, a->yes);
    while (nall)
        free(all[--nall]);
    free(all);
    return rc;
}

/* The verb called name, or NULL. */
static const struct verb *find_verb(const struct api_kind_def *kind, const char *name)
{
    for (size_t i = 0; i < verbs_n; i++)
        if (!strcmp(verbs[i].name, name) && (verbs_of_kind(kind) & verbs[i].op))
            return &verbs[i];
    return NULL;
}

const char *resource_verb(const struct api_kind_def *kind, size_t i, const char **summary)
{
    for (size_t v = 0; v < verbs_n; v++) {
        if (!(verbs_of_kind(kind) & verbs[v].op))
            continue;
        if (i-- == 0) {
            if (summary)
                *summary = _(verbs[v].summary);
            return verbs[v].name;
        }
    }
    return NULL;
}

struct option *resource_verb_options(const struct api_kind_def *kind, const char *verb,
                                     int *npositional)
{
    const struct verb *v = find_verb(kind, verb);
    if (!v)
        return NULL;
    const char *parent, *id;
    verbs_positionals(kind, v->op, &parent, &id);
    *npositional = (parent != NULL) + (id != NULL);
    return verb_options(kind, v->op);
}

/* Replace the values of file inputs (--data FILE or -) by the files' contents; the strings
 * read are added to owned (n of them). False with c->conn.err set. */
static bool read_file_inputs(struct cli *c, struct args *a, char **owned, size_t *n)
{
    for (size_t i = 0; i < a->nvalues; i++) {
        for (size_t d = 0; d < a->kind->ninputs; d++) {
            const struct api_input *in = &a->kind->inputs[d];
            if (!(in->flags & INPUT_FILE) || strcmp(in->key, a->values[i].key))
                continue;
            char *text = docedit_read_file(a->values[i].value, &c->conn.err);
            if (!text) {
                err_prefix(&c->conn.err, "--%s", in->flag);
                return false;
            }
            owned[(*n)++] = text;
            a->values[i].value = text;
        }
    }
    return true;
}

/* The kind name of the profile's API, for parsing the command's options: a first look at
 * the arguments for -p, -c and --demo. NULL when no profile can be chosen yet (that error
 * comes again when connecting). */
static const struct api_kind_def *profile_kind(struct cli *c, const char *name, int argc,
                                               char **argv, struct tn_error *why)
{
    /* every option any API's kind of this name takes, so that their values are skipped */
    size_t nb;
    const struct api_backend *const *backends = api_backends(&nb);
    struct option *all = xcalloc(1, sizeof(*all));
    size_t n = 0;
    for (size_t b = 0; b < nb; b++) {
        const struct api_kind_def *k = api_kind_find(backends[b], name);
        for (size_t v = 0; k && v < verbs_n; v++) {
            struct option *o = verb_options(k, verbs[v].op);
            size_t m = 0;
            while (o[m].name)
                m++;
            all = xreallocarray(all, n + m + 1, sizeof(*all));
            memcpy(all + n, o, m * sizeof(*o));
            n += m;
            all[n] = (struct option){0};
            free(o);
        }
    }
    char **copy = xcalloc((size_t)argc + 1, sizeof(*copy));
    memcpy(copy, argv, (size_t)argc * sizeof(*copy));
    int first;
    cli_parse(c, argc, copy, all, NULL, NULL, NULL, &first);
    free(copy);
    free(all);
    /* --demo's API is known without starting its sandbox (which happens once, to connect) */
    const char *api = c->conn.opt.demo ? (c->conn.opt.demo_api ? c->conn.opt.demo_api : "mattr")
                      : connect_pick_profile(&c->conn) ? c->conn.profile->api
                                                       : NULL;
    const struct api_backend *b = api ? api_backend_find(api) : NULL;
    err_move(why, &c->conn.err);
    return b ? api_kind_find(b, name) : NULL;
}

int cli_resource(struct cli *c, const struct api_kind_def *kind, int argc, char **argv)
{
    /* the options depend on the profile's API; when no profile can be had, a command the
     * MATTR API does not know is reported as that failure, which is the one to fix first */
    struct tn_error why = {0};
    const struct api_kind_def *mine = profile_kind(c, kind->name, argc - 1, argv + 1, &why);
    if (mine)
        kind = mine;
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        err_clear(&why);
        verbs_kind_help(c, kind, argc < 2 ? stderr : stdout);
        return argc < 2 ? ST_USAGE : -1;
    }
    const struct verb *v = find_verb(kind, argv[1]);
    if (!v && why.code != ST_OK) {
        err_move(&c->conn.err, &why);
        return (int)c->conn.err.code;
    }
    if (!v) {
        /* TRANSLATORS: the kind's command word (e.g. "tenants"), kept as is, then the verb
         * given. */
        cli_usage_error(c, _("%s has no verb '%s'"), kind->name, argv[1]);
        return ST_USAGE;
    }
    c->verb = v->name;
    struct args a = {.kind = kind};
    struct option *opts = verb_options(kind, v->op);
    help_ctx = (struct cli_help_ctx){kind, v};
    int first;
    char *owned[8] = {NULL};
    size_t nowned = 0;
    int rc = cli_parse(c, argc - 1, argv + 1, opts, on_opt, &a, help_cb, &first);
    free(opts);
    if (rc == ST_USAGE && why.code != ST_OK) {
        err_move(&c->conn.err, &why);
        rc = (int)c->conn.err.code;
    }
    if (rc != ST_OK)
        goto out;

    const char *parent_name, *id_name;
    verbs_positionals(kind, v->op, &parent_name, &id_name);
    int want = (parent_name != NULL) + (id_name != NULL);
    char **pos = argv + 1 + first;
    int npos = argc - 1 - first;
    bool from = v->op == API_OP_DELETE && a.from; /* the IDs may all come from --from */
    if (npos < want - from) {
        /* TRANSLATORS: the kind's command word and the verb (e.g. "tenants get"), kept as is,
         * then the missing argument's placeholder (e.g. UUID or TENANT). */
        cli_usage_error(c, _("%s %s needs %s"), kind->name, v->name,
                        npos == 0 && parent_name ? parent_name : id_name);
        rc = ST_USAGE;
        goto out;
    }
    if (npos > want && v->op != API_OP_DELETE) { /* a delete takes several IDs */
        cli_usage_error(c, _("unexpected argument '%s'"), pos[want]);
        rc = ST_USAGE;
        goto out;
    }
    struct api_target t = {.kind = kind};
    t.parent = parent_name ? pos[0] : NULL;
    t.id = id_name && npos >= want ? pos[want - 1] : NULL;
    if ((t.parent && !*t.parent) || (t.id && !*t.id)) {
        /* TRANSLATORS: the kind's command word and the verb (e.g. "tenants get"), kept as is,
         * then the argument's placeholder (e.g. UUID or TENANT). */
        cli_usage_error(c, _("%s %s: %s is empty"), kind->name, v->name,
                        t.parent && !*t.parent ? parent_name : id_name);
        rc = ST_USAGE;
        goto out;
    }
    struct api_values filter = {a.filters, a.nfilters};
    t.filter = &filter;

    struct api_values in = {a.values, a.nvalues};
    if (((v->op == API_OP_CREATE || v->op == API_OP_UPDATE) &&
         !api_check_input(kind, &in, v->op == API_OP_CREATE, &c->conn.err)) ||
        (v->op == API_OP_LIST && (!api_check_filter(kind, &filter, &c->conn.err) ||
                                  !api_check_cursor(kind, a.cursor, &c->conn.err)))) {
        char *said = c->conn.err.hint ? xasprintf("%s\n", c->conn.err.hint) : xstrdup("");
        /* TRANSLATORS: the 1st %s is the hint given already (a sentence and a line break) or
         * empty; then the program's name, the kind's command word and the verb: keep the command
         * in '...' as it is. */
        err_hint(&c->conn.err, _("%sTry '%s %s %s --help'."), said, util_progname(), kind->name,
                 v->name);
        free(said);
        rc = ST_USAGE;
        goto out;
    }
    if (v->op & (API_OP_CREATE | API_OP_UPDATE | API_OP_DELETE | OP_EDIT | OP_ROTATE)) {
        char *what = xasprintf("%s %s", kind->name, v->name);
        bool refused = cli_refuse_readonly(c, what);
        free(what);
        if (refused) {
            rc = (int)c->conn.err.code;
            goto out;
        }
    }
    if (!read_file_inputs(c, &a, owned, &nowned)) {
        rc = (int)c->conn.err.code;
        goto out;
    }
    if (!connect_open(&c->conn)) {
        rc = (int)c->conn.err.code;
        goto out;
    }
    /* the profile's API names the kinds; the command line used the common names */
    t.kind = api_kind_find(api_backend(c->conn.session), kind->name);
    if (!t.kind || !(verbs_of_kind(t.kind) & v->op)) {
        /* TRANSLATORS: the profile's name, its api ("mattr" or "system"), then the verb and the
         * kind's command word (e.g. "rotate tenants"), all kept as is. */
        err_set(&c->conn.err, ST_USAGE, _("profile \"%s\" (api %s) cannot %s %s"), c->conn.profile->name,
                api_backend(c->conn.session)->name, v->name, kind->name);
        rc = ST_USAGE;
        goto out;
    }
    switch (v->op) {
    case API_OP_LIST:
        /* json and jsonl print the objects as the server wrote them; tables and csv the values */
        t.parts = c->format == OUTPUT_JSON || c->format == OUTPUT_JSONL ? API_ROW_RAW
                                                                          : API_ROW_VALUES;
        rc = resource_list(c, &t, a.limit, a.all, a.cursor);
        break;
    case API_OP_DELETE:
        rc = a.from || npos > want ? run_bulk_delete(c, &a, &t, pos + want - 1, npos - want + 1)
                                   : run_delete(c, &a, &t);
        break;
    case OP_EDIT:
        rc = edit_run(c, &t, a.replace_data, a.merge);
        break;
    case OP_ROTATE:
        rc = rotate_run(c, &t, a.old);
        break;
    default:
        rc = run_row_op(c, &a, &t, v->op);
        break;
    }
out:
    err_clear(&why);
    while (nowned)
        free(owned[--nowned]);
    free(a.values);
    free(a.filters);
    return rc;
}
