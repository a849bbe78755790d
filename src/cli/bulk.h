/* bulk.h: the command line's deletes of several objects: `tenants delete ID...`,
 * `clients delete TENANT ID...`, or the IDs one a line from a file or stdin (--from). */
#ifndef TENANTRY_CLI_BULK_H
#define TENANTRY_CLI_BULK_H

#include <stdbool.h>
#include <stddef.h>

#include "cli/cli.h"

/* Read IDs one a line from path ("-": stdin) into *ids (appended; *n of them): blank lines
 * and spaces around an ID are skipped. False with c's error set. */
bool bulk_read_ids(struct cli *c, const char *path, char ***ids, size_t *n);
/* Delete the n objects ids of t->kind (under t->parent), in_flight at a time (0: the
 * profile's in_flight), after one confirmation (yes: none asked): a line for each on stdout
 * (or its error on stderr), then a summary. ST_OK only when every one was deleted. */
int bulk_delete_run(struct cli *c, const struct api_target *t, char *const *ids, size_t n,
                    int in_flight, bool yes);

#endif
