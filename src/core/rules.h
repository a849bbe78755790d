/* rules.h: the rules the API documents set on inputs, in one place for the console, the CLI
 * and the sandbox (which may link this module, as it links core/util and core/json): a
 * subdomain label and the roles of a client. Tables and pure checks only: no I/O, no state. */
#ifndef TENANTRY_RULES_H
#define TENANTRY_RULES_H

#include <stdbool.h>
#include <stddef.h>

/* The longest subdomain label (a DNS label). */
#define RULES_LABEL_MAX 63

/* The roles MATTR documents for a client, in the document's order (RULES_NROLES of them). */
#define RULES_NROLES 6
extern const char *const rules_roles[RULES_NROLES];

/* The index of role name in rules_roles, or -1 when it is none of them. */
int rules_role_index(const char *name);
/* True when s is a subdomain label: 1..63 of a-z, 0-9 and '-', not starting or ending with
 * '-'. */
bool rules_label_ok(const char *s);
/* NULL when s is a subdomain label, else what is wrong and what to do (translated), written
 * into buf (size bytes) or a constant string. */
const char *rules_label_problem(const char *s, char *buf, size_t size);

#endif
