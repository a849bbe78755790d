/* rotate.h: `clients rotate TENANT CLIENT`: a client's secret renewed the only way the API
 * allows, a new client with the same name and roles, and then the old one deleted (asked on a
 * terminal, or --delete-old) or kept for a grace period (--keep-old). */
#ifndef TENANTRY_CLI_ROTATE_H
#define TENANTRY_CLI_ROTATE_H

#include "cli/cli.h"

/* What to do with the old client once the new one exists. */
enum rotate_old { ROTATE_ASK, ROTATE_DELETE, ROTATE_KEEP };

/* Rotate client t->id of tenant t->parent (kind t->kind: clients). Prints the new client (its
 * secret once) on stdout and what became of the old one on stderr; a failure at any step says
 * where things stand. The status. */
int rotate_run(struct cli *c, const struct api_target *t, enum rotate_old old);

#endif
