/* main.c: the command line's entry point: the top-level help and running a command (a
 * resource's verbs or the profile verbs), reporting its error and its exit status. */
#include "config.h"

#include "cli/main.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/journal.h"
#include "cli/complete.h"
#include "cli/profiles.h"
#include "cli/resource.h"
#include "core/intl.h"
#include "core/log.h"

void cli_help(FILE *f)
{
    /* TRANSLATORS: %s is the program's name; OPTION, RESOURCE, VERB and ARGUMENT are
     * placeholders: translate them as your language writes such placeholders, consistently
     * across the help. */
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
            "  clients rotate TENANT CLIENT   renew its secret: new client, old deleted\n"
            "\n"
            "Commands (system profiles):\n"
            "  tenants list [--id N]... [--uuid UUID]... [--created-before DATE]\n"
            "      [--created-after DATE] [--updated-before DATE] [--updated-after DATE]\n"
            "                                 list the tenants the server's filters keep\n"
            "  tenants get UUID               show one tenant\n"
            "  tenants create --data FILE|- [--uuid UUID] [--version N]\n"
            "                                 create a tenant from a JSON object (at version\n"
            "                                 N, default 1)\n"
            "  tenants update UUID --data FILE|- --version N\n"
            "                                 replace its data (N: the version read)\n"
            "  tenants edit UUID              edit its data in $EDITOR, saved version-checked\n"
            "  tenants delete UUID            delete a tenant\n"
            "\n"
            "  profile list|add|remove|default|test\n"
            "                                 manage the profiles file\n"
            "  journal [--since DATE]         the changes made (console and command line)\n"
            "  completion bash|zsh|fish       print the shell's completion script\n"
            "\n"),
          f);
    options_help(f);
    /* TRANSLATORS: help text: keep the option names; the descriptions start at column 24 and
     * each line must fit in 80 columns; keep the commands as they are. */
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
    util_help_bugs(f);
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

/* Print c->conn.err as "tenantry: message" and the hint (not with --quiet). */
static void report(const struct cli *c)
{
    struct tn_error e = c->conn.err; /* --quiet: the error, not its hint */
    if (c->conn.opt.quiet)
        e.hint = NULL;
    char *text = err_format(&e);
    fprintf(stderr, "%s: %s\n", util_progname(), text);
    free(text);
}

int cli_main(const struct options *opt, int argc, char **argv)
{
    struct cli c = {.conn.opt = *opt, .format = OUTPUT_TABLE};
    int rc;
    c.resource = argv[0];
    if (!cli_parse_format(&c)) {
        rc = ST_USAGE;
    } else if (!strcmp(argv[0], "__complete")) {
        return cli_complete(opt, argc, argv);
    } else if (!strcmp(argv[0], "completion")) {
        return cli_completion(argc, argv);
    } else if (!strcmp(argv[0], "profile") || !strcmp(argv[0], "profiles")) {
        rc = cli_profile(&c, argc, argv);
    } else if (!strcmp(argv[0], "journal")) {
        rc = cli_journal(&c, argc, argv);
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
            /* TRANSLATORS: the program's name, then the system's error message. */
            fprintf(stderr, _("%s: cannot write the output: %s\n"), util_progname(),
                    strerror(errno));
        if (rc <= 0)
            rc = ST_OTHER;
    }
    if (c.conn.session && api_journal_problem(c.conn.session))
        /* TRANSLATORS: the program's name, then why the journal could not be written. */
        fprintf(stderr, _("%s: warning: the change is not in the journal: %s\n"),
                util_progname(), api_journal_problem(c.conn.session));
    connect_close(&c.conn);
    log_close();
    return rc < 0 ? 0 : status_exit_code((enum status_code)rc);
}
