/* cli.c: what every command shares: parsing its arguments, usage errors, refusing on a
 * read-only profile, confirming, waiting for the engine. The entry point is cli/main.c. */
#include "config.h"

#include "cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/http.h"
#include "core/intl.h"
#include "core/log.h"
#include "core/phrase.h"
#include "demo.h"

void cli_usage_error(struct cli *c, const char *fmt, ...)
{
    struct strbuf sb = SB_INIT;
    va_list ap;
    va_start(ap, fmt);
    sb_vaddf(&sb, fmt, ap);
    va_end(ap);
    err_set(&c->conn.err, ST_USAGE, "%s", sb_str(&sb));
    sb_free(&sb);
    if (c->verb)
        /* TRANSLATORS: the program's name, then command words (e.g. "tenants list"): keep the
         * whole command as it is. */
        err_hint(&c->conn.err, _("Try '%s %s %s --help'."), util_progname(), c->resource, c->verb);
    else if (c->resource)
        /* TRANSLATORS: the program's name, then a command word (e.g. "tenants"): keep the whole
         * command as it is. */
        err_hint(&c->conn.err, _("Try '%s %s --help'."), util_progname(), c->resource);
    else
        /* TRANSLATORS: %s is the program's name; keep '... --help' as it is. */
        err_hint(&c->conn.err, _("Try '%s --help'."), util_progname());
}

int cli_parse(struct cli *c, int argc, char **argv, const struct option *local,
              bool (*on_opt)(struct cli *c, void *ctx, int opt, const char *arg), void *ctx,
              void (*help)(struct cli *c, FILE *f), int *first)
{
    size_t nlocal = 0;
    while (local && local[nlocal].name)
        nlocal++;
    struct option *all = xcalloc((size_t)options_nlong + nlocal + 2, sizeof(*all));
    memcpy(all, options_long, (size_t)options_nlong * sizeof(*all));
    if (nlocal)
        memcpy(all + options_nlong, local, nlocal * sizeof(*all));
    all[options_nlong + nlocal] = (struct option){"help", no_argument, NULL, 'h'};

    struct strbuf shorts = SB_INIT;
    sb_adds(&shorts, ":h" OPTIONS_SHORT); /* ':' first: we word the errors ourselves */
    for (size_t i = 0; i < nlocal; i++) {
        if (local[i].val > 0 && local[i].val < 128) {
            sb_addc(&shorts, (char)local[i].val);
            if (local[i].has_arg == required_argument)
                sb_addc(&shorts, ':');
        }
    }

    int rc = ST_OK, opt, idx;
    optind = 0; /* GNU: start afresh */
    opterr = 0;
    while (rc == ST_OK && (opt = getopt_long(argc, argv, sb_str(&shorts), all, &idx)) != -1) {
        if (!help) { /* a first look, for the global options only */
            if (opt != 'h' && opt != '?' && opt != ':')
                options_apply(&c->conn.opt, opt, optarg);
        } else if (opt == 'h') {
            help(c, stdout);
            rc = -1;
        } else if (opt == '?') {
            if (optopt && optopt < 128)
                cli_usage_error(c, _("unknown option '-%c'"), optopt);
            else
                cli_usage_error(c, _("unknown option '%s'"), argv[optind - 1]);
            rc = ST_USAGE;
        } else if (opt == ':') {
            cli_usage_error(c, _("option '%s' needs a value"), argv[optind - 1]);
            rc = ST_USAGE;
        } else if (!options_apply(&c->conn.opt, opt, optarg)) {
            if (!on_opt(c, ctx, opt, optarg))
                rc = ST_USAGE;
        }
    }
    free(all);
    sb_free(&shorts);
    *first = optind;
    if (!help)
        return ST_OK;
    if (rc == ST_OK && !cli_parse_format(c))
        rc = ST_USAGE;
    return rc;
}

bool cli_parse_format(struct cli *c)
{
    if (!c->conn.opt.output || output_parse_format(c->conn.opt.output, &c->format))
        return true;
    /* TRANSLATORS: %s is the format asked for; keep the formats' names (table, wide, json,
     * jsonl, csv) as they are. */
    cli_usage_error(c, _("unknown output format '%s': use table, wide, json, jsonl or csv"),
                    c->conn.opt.output);
    return false;
}

bool cli_refuse_readonly(struct cli *c, const char *what)
{
    if (!connect_pick_profile(&c->conn))
        return true;
    if (!c->conn.opt.readonly && !c->conn.profile->readonly)
        return false;
    if (c->conn.opt.readonly)
        /* TRANSLATORS: %s is the command refused (e.g. "tenants delete"), kept as is; keep
         * --readonly as it is. */
        err_set(&c->conn.err, ST_USAGE, _("%s refused: --readonly is set (nothing was sent)"), what);
    else
        /* TRANSLATORS: the 1st %s is the command refused (e.g. "tenants delete"), kept as is;
         * the 2nd the profile's name. */
        err_set(&c->conn.err, ST_USAGE, _("%s refused: profile \"%s\" is read-only (nothing was "
                                     "sent)"),
                what, c->conn.profile->name);
    return true;
}

/* True when answer says yes: y or yes in any case, or the locale's yes (rpmatch: "j" and
 * "ja" in German, "o" and "oui" in French...). */
static bool answer_yes(const char *answer)
{
    if (!strcasecmp(answer, "y") || !strcasecmp(answer, "yes") ||
        /* TRANSLATORS: the short and the long answer "yes" to a question on the terminal (as in
         * [y/N]), compared without case; give your language's (e.g. "j" and "ja"), or keep "y"
         * and "yes" (they are always accepted too). */
        !strcasecmp(answer, _("y")) || !strcasecmp(answer, _("yes")))
        return true;
#ifdef HAVE_RPMATCH
    return *answer && rpmatch(answer) == 1;
#else
    return false;
#endif
}

bool cli_confirm(struct cli *c, bool yes, const char *action)
{
    if (yes)
        return true;
    int fd = isatty(STDIN_FILENO) ? open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY) : -1;
    if (fd < 0) {
        /* TRANSLATORS: %s is what would be done, a phrase starting with a verb (e.g. "delete
         * tenant "acme" (...)"), as in "Really %s? [y/N]". */
        err_set(&c->conn.err, ST_USAGE, _("not going to %s without confirmation: there is no "
                                     "terminal to ask"),
                action);
        err_hint(&c->conn.err, _("Add --yes to confirm without a terminal."));
        return false;
    }
    /* TRANSLATORS: a question on the terminal: %s is what would be done, a phrase starting with
     * a verb (e.g. "delete tenant "acme" (...)"). The answers accepted are y or yes, their
     * translations (the messages "y" and "yes"), and the locale's yes (rpmatch): write [y/N]
     * with your language's letters if they differ. */
    char *prompt = xasprintf(_("Really %s? [y/N] "), action);
    if (write(fd, prompt, strlen(prompt)) < 0) {
        /* the read below fails too and says no */
    }
    free(prompt);
    char answer[16] = "";
    ssize_t n = read(fd, answer, sizeof(answer) - 1);
    close(fd);
    answer[n > 0 ? n : 0] = '\0';
    answer[strcspn(answer, "\r\n")] = '\0';
    if (answer_yes(answer))
        return true;
    err_set(&c->conn.err, ST_USAGE, _("not confirmed: nothing was changed"));
    return false;
}

struct output *cli_output(struct cli *c, const struct api_kind_def *def)
{
    struct output *out = output_new(stdout, c->format, def, output_terminal_width(stdout));
    output_set_csv_raw(out, c->conn.opt.csv_raw);
    output_set_headers(out, !c->conn.opt.no_headers);
    char *bad = NULL;
    if (c->conn.opt.columns && !output_set_columns(out, c->conn.opt.columns, &bad)) {
        char *names = output_column_names(def);
        cli_usage_error(c,
                        phrase(def, PH_NO_COLUMN,
                               /* TRANSLATORS: the option or command (--columns or :columns, kept
                                * as is), then the column asked for. */
                               _("%s: no column %s")),
                        "--columns", bad);
        struct strbuf hint = SB_INIT; /* the fields, then the usual "Try --help" */
        sb_addf(&hint,
                phrase(def, PH_COLUMNS_OF,
                       /* TRANSLATORS: %s is the column names separated by commas (kept as is);
                        * keep FIELD.KEY as it is. */
                       _("Columns: %s (a key of an object field as FIELD.KEY).")),
                names);
        if (c->conn.err.hint)
            sb_addf(&hint, "\n%s", c->conn.err.hint);
        err_hint(&c->conn.err, "%s", sb_str(&hint));
        sb_free(&hint);
        free(names);
        free(bad);
        output_discard(out);
        return NULL;
    }
    return out;
}

void cli_wait(struct cli *c)
{
    /* one round, not until the engine is idle: pages fetched ahead may still be in flight */
    http_wait(c->conn.engine, -1, -1);
    http_dispatch(c->conn.engine);
}
