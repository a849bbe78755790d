/* mattr.h: the Management API's routes (token, environments, tenants, clients). */
#ifndef TENANTRY_SANDBOX_MATTR_H
#define TENANTRY_SANDBOX_MATTR_H

#include <stddef.h>

#include "sandbox/opts.h"
#include "sandbox/server.h"
#include "sandbox/store.h"

/* Give the handlers the options and the data they serve. */
void mattr_init(const struct sandbox_opts *opts, struct store *store);

extern const struct route mattr_routes[];
extern const size_t mattr_nroutes;

#endif
