/* command.h: the ':' command line: its completions (commands and profiles) and running a
 * command (:tenants, :filter TERMS, :profile NAME, :q...). */
#ifndef TENANTRY_COMMAND_H
#define TENANTRY_COMMAND_H

#include <stddef.h>

#include "tui/help.h"

struct tui;

/* Open the ':' line with every command and profile as completions. */
void command_open(struct tui *t);
/* Run a ':' command line (the text typed, without the ':'). */
void command_run(struct tui *t, const char *line);
/* The commands as help shows them, into out (at most max); how many. */
size_t command_docs(struct help_command *out, size_t max);

#endif
