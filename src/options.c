/* options.c: the global options every command (and the console) takes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "core/intl.h"
#include "core/util.h"
#include "options.h"

const struct option options_long[] = {
    {"config", required_argument, NULL, 'c'},
    {"profile", required_argument, NULL, 'p'},
    {"output", required_argument, NULL, 'o'},
    {"log", required_argument, NULL, OPT_LOG},
    {"readonly", no_argument, NULL, OPT_READONLY},
    {"no-token-cache", no_argument, NULL, OPT_NO_TOKEN_CACHE},
    {"demo", optional_argument, NULL, OPT_DEMO},
    {"csv-raw", no_argument, NULL, OPT_CSV_RAW},
    {"quiet", no_argument, NULL, 'q'},
    {"columns", required_argument, NULL, OPT_COLUMNS},
    {"no-headers", no_argument, NULL, OPT_NO_HEADERS},
    {NULL, 0, NULL, 0},
};
const int options_nlong = (int)ARRAY_SIZE(options_long) - 1;

void options_from_environment(struct options *o)
{
    const char *p = getenv("TENANTRY_PROFILE"), *c = getenv("TENANTRY_CONFIG");
    if (p && *p) {
        o->profile = p;
        o->profile_from_env = true;
    }
    if (c && *c) {
        o->config = c;
        o->config_from_env = true;
    }
}

bool options_apply(struct options *o, int opt, const char *arg)
{
    switch (opt) {
    case 'c':
        o->config = arg;
        o->config_from_env = false;
        return true;
    case 'p':
        o->profile = arg;
        o->profile_from_env = false;
        return true;
    case 'q':
        o->quiet = true;
        return true;
    case 'o':
        o->output = arg;
        return true;
    case OPT_LOG:
        o->log = arg;
        return true;
    case OPT_READONLY:
        o->readonly = true;
        return true;
    case OPT_NO_TOKEN_CACHE:
        o->no_token_cache = true;
        return true;
    case OPT_CSV_RAW:
        o->csv_raw = true;
        return true;
    case OPT_COLUMNS:
        o->columns = arg;
        return true;
    case OPT_NO_HEADERS:
        o->no_headers = true;
        return true;
    case OPT_DEMO:
        o->demo = true;
        o->demo_api = arg;
        return true;
    default:
        return false;
    }
}

void options_help(FILE *f)
{
    /* TRANSLATORS: help text: keep the option names and the placeholders' places; the
     * descriptions start at column 24 and each line must fit in 80 columns. */
    fputs(_("Global options (before the command, or after its verb):\n"
            "  -p, --profile NAME   use profile NAME (default: $TENANTRY_PROFILE, else\n"
            "                       default_profile in the config)\n"
            "  -c, --config FILE    the profiles file (default: $TENANTRY_CONFIG, else\n"
            "                       $XDG_CONFIG_HOME/tenantry/config)\n"
            "  -o, --output FORMAT  table (default), wide (a table that cuts nothing), json,\n"
            "                       jsonl or csv\n"
            "      --columns LIST   the columns of a table (wide too) or csv, and the fields\n"
            "                       a get prints: field paths, comma-separated\n"
            "                       (name,subdomain,environment.name; data.plan)\n"
            "      --no-headers     a table or csv without its header line\n"
            "      --csv-raw        csv: no ' before a cell starting with =, +, - or @ (which\n"
            "                       a spreadsheet would run as a formula)\n"
            "      --readonly       refuse every create, update and delete\n"
            "      --no-token-cache keep the OAuth token in memory only, not in the kernel\n"
            "                       keyring for the next commands\n"
            "      --demo[=API]     run against a throwaway local sandbox with seeded data,\n"
            "                       speaking API: mattr (the default) or system\n"
            "      --log FILE       append a debug log (requests, statuses, timings; never\n"
            "                       secrets or tokens) to FILE\n"
            "  -q, --quiet          no progress and no hints on standard error (errors stay)\n"),
          f);
}
