/* cli.c: the non-interactive commands: dispatch, parsing, profiles, sessions, messages. */
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
        err_hint(&c->conn.err, _("Try '%s %s %s --help'."), util_progname(), c->resource, c->verb);
    else if (c->resource)
        err_hint(&c->conn.err, _("Try '%s %s --help'."), util_progname(), c->resource);
    else
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
    if (rc == ST_OK && c->conn.opt.output && !output_parse_format(c->conn.opt.output, &c->format)) {
        cli_usage_error(c, _("unknown output format '%s': use table, json, jsonl or csv"),
                        c->conn.opt.output);
        rc = ST_USAGE;
    }
    return rc;
}

bool cli_refuse_readonly(struct cli *c, const char *what)
{
    if (!connect_pick_profile(&c->conn))
        return true;
    if (!c->conn.opt.readonly && !c->conn.profile->readonly)
        return false;
    if (c->conn.opt.readonly)
        err_set(&c->conn.err, ST_USAGE, _("%s refused: --readonly is set (nothing was sent)"), what);
    else
        err_set(&c->conn.err, ST_USAGE, _("%s refused: profile \"%s\" is read-only (nothing was "
                                     "sent)"),
                what, c->conn.profile->name);
    return true;
}

bool cli_confirm(struct cli *c, bool yes, const char *action)
{
    if (yes)
        return true;
    int fd = isatty(STDIN_FILENO) ? open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY) : -1;
    if (fd < 0) {
        err_set(&c->conn.err, ST_USAGE, _("not going to %s without confirmation: there is no "
                                     "terminal to ask"),
                action);
        err_hint(&c->conn.err, _("Add --yes to confirm without a terminal."));
        return false;
    }
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
    if (!strcasecmp(answer, "y") || !strcasecmp(answer, "yes") ||
        !strcasecmp(answer, _("y")) || !strcasecmp(answer, _("yes")))
        return true;
    err_set(&c->conn.err, ST_USAGE, _("not confirmed: nothing was changed"));
    return false;
}

void cli_wait(struct cli *c)
{
    http_pump(c->conn.engine);
}

void cli_help(FILE *f)
{
    fprintf(f, _("Usage: %s [OPTION]... [RESOURCE VERB [ARGUMENT]...]\n"), util_progname());
    fputs(_("With no command, open the interactive console (? inside shows its keys).\n"), f);
    fputs(_("A terminal console for multi-tenant platforms: the MATTR VII Management API, and\n"
            "the /system/tenants API for profiles with api = \"system\".\n"
            "\n"
            "Commands (MATTR):\n"
            "  environments list              list the environments\n"
            "  tenants list                   list the tenants\n"
            "  tenants get ID                 show one tenant\n"
            "  tenants create --subdomain LABEL --environment ENV [--name NAME]\n"
            "                                 create a tenant (prints its client secret once)\n"
            "  tenants delete ID              delete a tenant\n"
            "  clients list TENANT            list a tenant's clients\n"
            "  clients create TENANT --name NAME --role ROLE...\n"
            "                                 create a client (prints its secret once)\n"
            "  clients update TENANT CLIENT [--name NAME] [--role ROLE]...\n"
            "                                 change a client's name or roles\n"
            "  clients delete TENANT CLIENT   delete a client\n"
            "\n"
            "Commands (system profiles):\n"
            "  tenants list [--id N]... [--uuid UUID]... [--created-before DATE]\n"
            "               [--created-after DATE] [--updated-before DATE] [--updated-after DATE]\n"
            "                                 list the tenants the server's filters keep\n"
            "  tenants get UUID               show one tenant\n"
            "  tenants create --data FILE|- [--uuid UUID]\n"
            "                                 create a tenant from a JSON object\n"
            "  tenants update UUID --data FILE|- --version N\n"
            "                                 replace its data; N is the version it was read at\n"
            "  tenants edit UUID              edit its data in $EDITOR, saved version-checked\n"
            "  tenants delete UUID            delete a tenant\n"
            "\n"
            "  profile list|add|remove|default|test\n"
            "                                 manage the profiles file\n"
            "\n"),
          f);
    options_help(f);
    fputs(_("  -h, --help           show help (also after any command) and exit\n"
            "  -V, --version        show the version and exit\n"
            "\n"
            "With --demo, run against a throwaway local sandbox: the console, or the command.\n"
            "\n"
            "Exit status: 0 ok, 1 other error, 2 usage, 3 authentication, 4 not found,\n"
            "5 validation or conflict, 6 network or server error (also a list --all that\n"
            "failed part way: stderr names the --cursor to go on from), 7 created but the\n"
            "answer could not be read (do not create it again).\n"),
          f);
}

/* The kind called name in any backend (the command names are the same across APIs). */
static const struct api_kind_def *any_kind(const char *name)
{
    size_t n;
    const struct api_backend *const *b = api_backends(&n);
    for (size_t i = 0; i < n; i++)
        if (api_kind_find(b[i], name))
            return api_kind_find(b[i], name);
    return NULL;
}

/* Print c->conn.err as "tenantry: message" and the hint. */
static void report(const struct cli *c)
{
    char *text = err_format(&c->conn.err);
    fprintf(stderr, "%s: %s\n", util_progname(), text);
    free(text);
}

int cli_main(const struct options *opt, int argc, char **argv)
{
    struct cli c = {.conn.opt = *opt, .format = OUTPUT_TABLE};
    int rc;
    c.resource = argv[0];
    if (c.conn.opt.output && !output_parse_format(c.conn.opt.output, &c.format)) {
        cli_usage_error(&c, _("unknown output format '%s': use table, json, jsonl or csv"),
                        c.conn.opt.output);
        rc = ST_USAGE;
    } else if (!strcmp(argv[0], "profile") || !strcmp(argv[0], "profiles")) {
        rc = cli_profile(&c, argc, argv);
    } else if (any_kind(argv[0])) {
        rc = cli_resource(&c, any_kind(argv[0]), argc, argv);
    } else {
        c.resource = NULL;
        cli_usage_error(&c, _("unknown command '%s'"), argv[0]);
        rc = ST_USAGE;
    }
    if (rc > 0 && c.conn.err.code == ST_OK)
        err_set(&c.conn.err, (enum status_code)rc, "%s", status_text((enum status_code)rc));
    if (rc > 0)
        report(&c);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE && rc <= 0)
            fprintf(stderr, _("%s: cannot write the output: %s\n"), util_progname(),
                    strerror(errno));
        if (rc <= 0)
            rc = ST_OTHER;
    }
    connect_close(&c.conn);
    log_close();
    return rc < 0 ? 0 : status_exit_code((enum status_code)rc);
}
