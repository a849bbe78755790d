/* cli.h: what every command shares: one run (struct cli), argument parsing, usage errors,
 * refusing, confirming, waiting. The entry point is cli/main.h. */
#ifndef TENANTRY_CLI_H
#define TENANTRY_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/output.h"
#include "core/api.h"
#include "core/profile.h"
#include "core/status.h"
#include "connect.h"
#include "options.h"

/* One run of a command. */
struct cli {
    struct connection conn; /* options, profiles, the session; conn.err is what to report */
    enum output_format format;
    const char *resource, *verb; /* as typed */
};

/* Parse a command's arguments: global options anywhere, the command's own long options
 * (codes >= OPT_FIRST_LOCAL or letters), --help. on_opt handles a local option and returns
 * false (with c->err set) on a bad value. The positional arguments are left in
 * argv[*first..argc). Returns ST_OK, ST_USAGE, or -1 when --help was printed.
 * With help NULL it only takes the global options, quietly (on_opt is not called): a first
 * look, on a copy of argv (getopt reorders it), to learn the profile before the command's
 * own options are known. */
int cli_parse(struct cli *c, int argc, char **argv, const struct option *local,
              bool (*on_opt)(struct cli *c, void *ctx, int opt, const char *arg), void *ctx,
              void (*help)(struct cli *c, FILE *f), int *first);
/* Read -o (c->conn.opt.output) into c->format; false with a usage error naming the formats
 * when it is none of them. */
bool cli_parse_format(struct cli *c);
/* Set a usage error with the "Try ... --help" hint. */
void cli_usage_error(struct cli *c, const char *fmt, ...) TN_PRINTF(2, 3);

/* True when the profile in use (or --readonly) forbids changes; sets c->err then. */
bool cli_refuse_readonly(struct cli *c, const char *what);
/* Ask on the terminal "Really ACTION? [y/N]" (action: "delete tenant X"); without a terminal,
 * require --yes (yes). False with c->err set when not confirmed. */
bool cli_confirm(struct cli *c, bool yes, const char *action);

/* The output of rows of kind def on stdout as the options ask (-o, --columns, --no-headers,
 * --csv-raw; a table fits the terminal); NULL with c->conn.err set (ST_USAGE) when --columns
 * names a column the kind does not have. */
struct output *cli_output(struct cli *c, const struct api_kind_def *def);

/* Wait for the requests in flight once and run the callbacks of those that finished (they
 * store the outcome): callers loop until theirs came. */
void cli_wait(struct cli *c);

#endif
