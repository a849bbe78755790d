/* main.c: argv, locale and text domain, and dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/intl.h"
#include "core/util.h"
#include "demo.h"

#define EXIT_USAGE 2

static void usage(FILE *out)
{
    fprintf(out, _("Usage: %s [OPTION]...\n"), util_progname());
    fputs(_("A terminal console for multi-tenant platforms (MATTR VII Management API).\n"
            "\n"
            "      --demo       start a local sandbox server with seeded data and show how to\n"
            "                   reach it; Ctrl-C stops it\n"
            "  -h, --help       show this help and exit\n"
            "  -V, --version    show the version and exit\n"
            "\n"
            "The interactive console and the subcommands are not in this version yet.\n"),
          out);
}

static int run_demo(void)
{
    sigset_t wait_for;
    sigemptyset(&wait_for);
    sigaddset(&wait_for, SIGINT);
    sigaddset(&wait_for, SIGTERM);
    sigaddset(&wait_for, SIGHUP);
    sigaddset(&wait_for, SIGCHLD);
    sigprocmask(SIG_BLOCK, &wait_for, NULL);

    char *err = NULL;
    struct demo *d = demo_start(&err);
    if (!d) {
        fprintf(stderr, "%s: %s\n", util_progname(), err);
        free(err);
        return 1;
    }
    printf(_("The demo server is running at %s\n"), d->url);
    printf(_("  token URL:     %s\n"), d->token_url);
    printf(_("  client ID:     %s\n"), d->client_id);
    printf(_("  client secret: %s\n"), d->client_secret);
    printf(_("  audience:      %s\n"), d->audience);
    printf(_("Try:\n"));
    printf("  TOKEN=$(curl -s %s -d grant_type=client_credentials \\\n"
           "      -d client_id=%s -d client_secret=%s \\\n"
           "      --data-urlencode audience=%s \\\n"
           "      | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')\n"
           "  curl -s -H \"Authorization: Bearer $TOKEN\" '%s/v1/tenants?limit=5'\n",
           d->token_url, d->client_id, d->client_secret, d->audience, d->url);
    printf(_("Press Ctrl-C to stop the demo server.\n"));
    fflush(stdout);

    int sig = 0;
    sigwait(&wait_for, &sig);
    demo_stop(d);
    if (sig == SIGCHLD) {
        fprintf(stderr, _("%s: the demo server stopped unexpectedly\n"), util_progname());
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        {"demo", no_argument, NULL, 'D'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    bool demo = false;
    int c;

    setlocale(LC_ALL, "");
#if ENABLE_NLS
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);
#endif
    util_set_progname(argv[0]);

    while ((c = getopt_long(argc, argv, "+hV", options, NULL)) != -1) {
        switch (c) {
        case 'D':
            demo = true;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("tenantry %s\n", PACKAGE_VERSION);
            return 0;
        default: /* getopt has said what is wrong */
            fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("%s: unknown command '%s'\n"), util_progname(), argv[optind]);
        fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
        return EXIT_USAGE;
    }
    if (demo)
        return run_demo();
    usage(stderr);
    return EXIT_USAGE;
}
