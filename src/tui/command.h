/* command.h: the ':' command line: its completions (commands and profiles) and running a
 * command (:tenants, :filter TERMS, :profile NAME, :q...). */
#ifndef TENANTRY_COMMAND_H
#define TENANTRY_COMMAND_H

struct tui;

/* Open the ':' line with every command and profile as completions. */
void command_open(struct tui *t);
/* Run a ':' command line (the text typed, without the ':'). */
void command_run(struct tui *t, const char *line);

#endif
