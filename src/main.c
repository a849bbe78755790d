/* main.c: argv, locale and text domain, and dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"
#include "cli/cli.h"
#include "demo.h"
#include "options.h"

#define EXIT_USAGE 2

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
    struct option *all = xcalloc((size_t)options_nlong + 3, sizeof(*all));
    memcpy(all, options_long, (size_t)options_nlong * sizeof(*all));
    all[options_nlong] = (struct option){"help", no_argument, NULL, 'h'};
    all[options_nlong + 1] = (struct option){"version", no_argument, NULL, 'V'};
    struct options opt = {0};
    int c;

    setlocale(LC_ALL, "");
#if ENABLE_NLS
    bindtextdomain(PACKAGE, LOCALEDIR);
    textdomain(PACKAGE);
#endif
    util_set_progname(argv[0]);
    char *slash = strrchr(argv[0], '/');
    if (slash) /* getopt's own messages name the program as ours do */
        argv[0] = slash + 1;

    /* '+': the global options before the command; the command parses the rest */
    while ((c = getopt_long(argc, argv, "+hV" OPTIONS_SHORT, all, NULL)) != -1) {
        switch (c) {
        case 'h':
            cli_help(stdout);
            free(all);
            return 0;
        case 'V':
            printf("tenantry %s\n", PACKAGE_VERSION);
            free(all);
            return 0;
        default:
            if (options_apply(&opt, c, optarg))
                break;
            /* getopt has said what is wrong */
            fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
            free(all);
            return EXIT_USAGE;
        }
    }
    free(all);
    if (optind < argc)
        return cli_main(&opt, argc - optind, argv + optind);
    if (opt.demo)
        return run_demo();
    cli_help(stderr);
    fprintf(stderr, _("\nThe interactive console is not in this version yet: give a command.\n"));
    return EXIT_USAGE;
}
