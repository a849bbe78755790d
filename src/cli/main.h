/* main.h: the command line's entry point. */
#ifndef TENANTRY_CLI_MAIN_H
#define TENANTRY_CLI_MAIN_H

#include <stdio.h>

#include "options.h"

/* Print the top-level help to f. */
void cli_help(FILE *f);
/* Run the command in argv (after the global options parsed into opt); the exit status. */
int cli_main(const struct options *opt, int argc, char **argv);

#endif
