/* journal.h: the journal verb: the changes core/journal.h recorded, printed. */
#ifndef TENANTRY_CLI_JOURNAL_H
#define TENANTRY_CLI_JOURNAL_H

#include "cli/cli.h"

/* tenantry journal [--since DATE] [-p PROFILE] [-o FORMAT]: argv[0] is "journal". Returns a
 * status code, or -1 after --help. */
int cli_journal(struct cli *c, int argc, char **argv);
/* For completion: journal's own long options (NULL-terminated). */
const struct option *cli_journal_options(void);

#endif
