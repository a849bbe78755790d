/* system.h: the /system/tenants API's routes (DigitalState's system tenants, as served by API
 * Platform): list with filters and paging, create, retrieve, update with version locking,
 * delete; Basic auth, JSON or JSON-LD answers, problem+json errors. */
#ifndef TENANTRY_SANDBOX_SYSTEM_H
#define TENANTRY_SANDBOX_SYSTEM_H

#include <stddef.h>

#include "sandbox/opts.h"
#include "sandbox/server.h"
#include "sandbox/systore.h"

/* Give the handlers the options and the data they serve. */
void system_init(const struct sandbox_opts *opts, struct systore *store);

extern const struct route system_routes[];
extern const size_t system_nroutes;

#endif
