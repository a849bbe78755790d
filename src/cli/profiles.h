/* profiles.h: the profile verbs: list, add, remove, default, test. */
#ifndef TENANTRY_CLI_PROFILES_H
#define TENANTRY_CLI_PROFILES_H

#include "cli/cli.h"

/* Run `profile VERB ...` (argv[0] is "profile"); ST_OK, an error code (c's error set), or -1
 * when help was printed. */
int cli_profile(struct cli *c, int argc, char **argv);
/* For completion: the i-th profile verb (NULL past the last), its summary, its long options
 * (NULL-terminated, or NULL) and how many arguments it takes at most (a profile NAME). */
const char *profiles_verb(size_t i, const char **summary, const struct option **options,
                          int *npositional);

#endif
