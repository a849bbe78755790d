/* complete.h: shell completion: `tenantry completion SHELL` prints the script, and the hidden
 * `tenantry __complete WORD...` the scripts call says what may stand in the last word. */
#ifndef TENANTRY_CLI_COMPLETE_H
#define TENANTRY_CLI_COMPLETE_H

#include "options.h"

/* `__complete [--] WORD... CURRENT` (argv[0] is "__complete"): print on stdout a first line
 * "KIND<TAB>PREFIX", KIND one of words, files, commands, variables (what the shell completes
 * itself), PREFIX the part of CURRENT before the value ("--data="), then the candidate words
 * that start with the rest of CURRENT, one a line, each maybe followed by a tab and a
 * description. Never prompts and never runs a secret command. The exit status. */
int cli_complete(const struct options *opt, int argc, char **argv);
/* `completion SHELL` (argv[0] is "completion"): print the shell's script; the exit status. */
int cli_completion(int argc, char **argv);

#endif
