/* journal.c: `tenantry journal`: the journal of changes (core/journal.h), oldest first,
 * optionally since a date and for one profile, as a table, JSON, JSON lines or CSV. */
#include "config.h"

#include "cli/journal.h"

#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/journal.h"
#include "core/json.h"
#include "core/phrase.h"
#include "core/util.h"

enum { OPT_SINCE = OPT_FIRST_LOCAL };

static const struct option local[] = {
    {"since", required_argument, NULL, OPT_SINCE},
    {NULL, 0, NULL, 0},
};

const struct option *cli_journal_options(void)
{
    return local;
}

static const struct api_field journal_fields[] = {
    /* TRANSLATORS: TIME and the other words in capitals in this table are the column headings of
     * `journal`; keep them short. */
    {"time", N_("TIME"), FIELD_TABLE},
    {"profile", N_("PROFILE"), FIELD_TABLE},
    {"api", N_("API"), 0},
    {"operation", N_("OPERATION"), FIELD_TABLE},
    {"kind", N_("KIND"), FIELD_TABLE},
    {"parent", N_("PARENT"), 0},
    {"id", N_("ID"), FIELD_TABLE},
    {"name", N_("NAME"), FIELD_TABLE},
    {"fields", N_("FIELDS"), 0},
    {"outcome", N_("OUTCOME"), FIELD_TABLE},
    {"status", N_("STATUS"), FIELD_TABLE},
    {"error", N_("ERROR"), 0},
};
static const struct api_kind_def journal_kind = {
    .name = "journal",
    .singular = N_("change"),
    .fields = journal_fields,
    .nfields = ARRAY_SIZE(journal_fields),
    .id_field = 6,
};

struct args {
    bool has_since;
    int64_t since; /* microseconds since the epoch */
};

static bool on_opt(struct cli *c, void *ud, int opt, const char *arg)
{
    struct args *a = ud;
    if (opt != OPT_SINCE)
        return true;
    if (!util_parse_iso8601(arg, &a->since)) {
        cli_usage_error(c, _("--since wants a date such as 2026-12-01 or 2026-12-01T10:00Z, "
                             "not '%s'"), arg);
        return false;
    }
    a->has_since = true;
    return true;
}

static void help(struct cli *c, FILE *f)
{
    (void)c;
    /* TRANSLATORS: %s is the program's name; keep the command and the options as they are. */
    fprintf(f, _("Usage: %s journal [--since DATE] [-p PROFILE] [-o FORMAT]\n"), util_progname());
    /* TRANSLATORS: help text: keep the option names; each line must fit in 80 columns (options'
     * descriptions start at column 24). */
    fputs(_("Print the journal of changes: every create, update and delete made from the\n"
            "console or the command line, oldest first, with its outcome (done, failed, or\n"
            "unknown when the answer was lost). It never holds a secret.\n"
            "\n"
            "      --since DATE     only changes at or after DATE (2026-12-01, or with a\n"
            "                       time)\n"
            "  -p, --profile NAME   only the changes made with profile NAME\n"
            "  -o, --output FORMAT  table (the default), json, jsonl or csv\n"
            "\n"
            "The journal is $XDG_STATE_HOME/tenantry/journal.jsonl\n"
            "(~/.local/state/tenantry/ when XDG_STATE_HOME is unset); `journal = false;` in a\n"
            "profile keeps its changes out.\n"),
          f);
    util_help_bugs(f);
}

/* True when the line's object passes the filters. */
static bool wanted(const cJSON *o, const struct args *a, const char *profile)
{
    const char *p = json_get_string(o, "profile");
    if (profile && (!p || strcmp(p, profile)))
        return false;
    int64_t when;
    const char *t = json_get_string(o, "time");
    return !a->has_since || (t && util_parse_iso8601(t, &when) && when >= a->since);
}

/* What print_one needs. */
struct printing {
    struct cli *c;
    const struct args *a;
    struct output *out;
    size_t printed;
};

/* journal_each's callback: print the entry when it passes the filters. */
static void print_one(void *ud, const cJSON *o)
{
    struct printing *pr = ud;
    if (!wanted(o, pr->a, pr->c->conn.opt.profile))
        return;
    struct row *row = model_row_from_json(&journal_kind, o, false);
    output_rows(pr->out, &row, 1);
    model_row_free(row);
    pr->printed++;
}

int cli_journal(struct cli *c, int argc, char **argv)
{
    struct args a = {0};
    int first;
    c->verb = NULL;
    int rc = cli_parse(c, argc, argv, local, on_opt, &a, help, &first);
    if (rc != ST_OK)
        return rc;
    if (first < argc) {
        cli_usage_error(c, _("unexpected argument '%s'"), argv[first]);
        return ST_USAGE;
    }
    char *path = journal_path();
    if (!path) {
        err_set(&c->conn.err, ST_OTHER, _("no journal: neither XDG_STATE_HOME nor HOME is set"));
        return ST_OTHER;
    }
    struct output *out = output_new(stdout, c->format, &journal_kind,
                                    output_terminal_width(stdout));
    output_set_csv_raw(out, c->conn.opt.csv_raw);
    size_t bad = 0;
    struct printing pr = {c, &a, out, 0};
    bool ok = journal_each(path, print_one, &pr, &bad, &c->conn.err);
    output_end(out);
    if (ok && !pr.printed && output_is_table(c->format) && !c->conn.opt.quiet)
        fprintf(stderr, "%s\n", phrase(&journal_kind, PH_NONE, _("Nothing to list.")));
    if (bad)
        /* TRANSLATORS: the program's name, the number of lines, then the journal's path. */
        fprintf(stderr, ngettext("%s: %zu line of %s is not a journal entry: skipped\n",
                                 "%s: %zu lines of %s are not journal entries: skipped\n", bad),
                util_progname(), bad, path);
    free(path);
    return ok ? ST_OK : ST_OTHER;
}
