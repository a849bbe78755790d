/* resource_verbs.h: the verbs of a resource kind and their --help, for cli/resource.c. */
#ifndef TENANTRY_CLI_RESOURCE_VERBS_H
#define TENANTRY_CLI_RESOURCE_VERBS_H

#include <stddef.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/api.h"

/* Verbs that are not one API operation: edit = get, the editor, update; rotate = create a
 * client like another, then delete that one (cli/rotate.c). */
#define OP_EDIT 0x100u
#define OP_ROTATE 0x200u

/* A verb of the command line: its word, its operation and its summary (N_() marked). */
struct verb {
    const char *name;
    unsigned op; /* API_OP_*, OP_EDIT or OP_ROTATE */
    const char *summary;
};

/* Every verb, in the order help lists them, and how many. */
extern const struct verb verbs[];
extern const size_t verbs_n;

/* The verbs kind offers (a mask of ops): its operations, edit where it has a versioned
 * document, rotate where a create returns a secret. */
unsigned verbs_of_kind(const struct api_kind_def *kind);
/* The positional arguments a verb takes, for help and checks: the parent's ID, the ID (NULL
 * when it takes none). */
void verbs_positionals(const struct api_kind_def *kind, unsigned op, const char **parent,
                       const char **id);
/* Print v's --help for kind to f. */
void verbs_help(struct cli *c, const struct api_kind_def *kind, const struct verb *v, FILE *f);
/* Print kind's --help (its verbs) to f. */
void verbs_kind_help(struct cli *c, const struct api_kind_def *kind, FILE *f);

#endif
