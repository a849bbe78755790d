/* options.h: the global options every command (and the console) takes, wherever they stand. */
#ifndef TENANTRY_OPTIONS_H
#define TENANTRY_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

/* What the global options said. */
struct options {
    const char *config;  /* -c FILE */
    const char *profile; /* -p NAME */
    const char *output;  /* -o FORMAT */
    const char *log;     /* --log FILE */
    bool readonly;       /* --readonly */
    bool no_token_cache; /* --no-token-cache */
    bool fresh_token;    /* not an option: take no cached token (profile test) */
    bool csv_raw;        /* --csv-raw */
    const char *columns; /* --columns a,b,c: the columns of a table or csv */
    bool no_headers;     /* --no-headers */
    bool demo;           /* --demo */
    const char *demo_api; /* --demo=API: "mattr" (NULL: the default) or "system" */
    bool quiet;          /* -q, --quiet: no progress or hints on stderr */
    bool profile_from_env, config_from_env; /* profile, config: from TENANTRY_PROFILE, _CONFIG */
};

/* getopt_long codes of the global options without a short form. */
enum { OPT_LOG = 0x100, OPT_READONLY, OPT_DEMO, OPT_NO_TOKEN_CACHE, OPT_CSV_RAW, OPT_COLUMNS,
       OPT_NO_HEADERS, OPT_FIRST_LOCAL = 0x200 };

/* The short option letters of the global options ("c:p:o:q"). */
#define OPTIONS_SHORT "c:p:o:q"
/* The long global options, NULL-terminated; their count without the terminator. */
extern const struct option options_long[];
extern const int options_nlong;

/* Take the profile and the profiles file from TENANTRY_PROFILE and TENANTRY_CONFIG (when set
 * and not empty): below -p and -c, which replace them, above the defaults. */
void options_from_environment(struct options *o);
/* Record a global option; false when opt is not one. */
bool options_apply(struct options *o, int opt, const char *arg);
/* Print the global options' help lines to f. */
void options_help(FILE *f);

#endif
