/* main.c: argv, locale and text domain, and dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/intl.h"
#include "core/util.h"
#include "cli/main.h"
#include "tui/tui.h"
#include "options.h"
#include "install_dirs.h"

#define EXIT_USAGE 2

int main(int argc, char **argv)
{
    struct option *all = xcalloc((size_t)options_nlong + 3, sizeof(*all));
    memcpy(all, options_long, (size_t)options_nlong * sizeof(*all));
    all[options_nlong] = (struct option){"help", no_argument, NULL, 'h'};
    all[options_nlong + 1] = (struct option){"version", no_argument, NULL, 'V'};
    struct options opt = {0};
    int c;
    options_from_environment(&opt); /* -p and -c below replace them */

    util_no_dump(); /* before any secret is read: no core file or ptrace shows it */
    setlocale(LC_ALL, "");
#if defined ENABLE_NLS && ENABLE_NLS
    /* TENANTRY_LOCALEDIR: catalogues from elsewhere than the installed prefix (a build tree's
     * tests, a relocated install) */
    const char *localedir = getenv("TENANTRY_LOCALEDIR");
    bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
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
            util_version(stdout, "tenantry");
            free(all);
            return 0;
        default:
            if (options_apply(&opt, c, optarg))
                break;
            /* getopt has said what is wrong */
            /* TRANSLATORS: %s is the program's name; keep '... --help' as it is. */
            fprintf(stderr, _("Try '%s --help' for more information.\n"), util_progname());
            free(all);
            return EXIT_USAGE;
        }
    }
    free(all);
    if (optind < argc)
        return cli_main(&opt, argc - optind, argv + optind);
    if (!tui_has_terminal()) {
        /* TRANSLATORS: the program's name (twice); keep '... --help' as it is. */
        fprintf(stderr, _("%s: the console needs a terminal; scripts give a command (see '%s "
                          "--help')\n"),
                util_progname(), util_progname());
        return EXIT_USAGE;
    }
    return tui_main(&opt);
}
