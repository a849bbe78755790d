/* sysfilter.h: whether a /system/tenants row satisfies a list's filters (--id, --uuid,
 * --created-before...), to tell when a server did not apply them (API Platform ignores a
 * filter it does not know instead of refusing it). */
#ifndef TENANTRY_SYSFILTER_H
#define TENANTRY_SYSFILTER_H

#include <stdbool.h>

#include "core/api.h"

/* True when row (a system tenant) contradicts filter, as the API defines it: id among the
 * --id values, uuid among the --uuid values (any case), createdAt and updatedAt within the
 * dates (inclusive). A value that cannot be read (no date) contradicts nothing. */
bool sysfilter_contradicts(const struct api_values *filter, const struct row *row);
/* A deep copy of filter (NULL when it holds nothing); free with sysfilter_free. */
struct api_values *sysfilter_copy(const struct api_values *filter);
void sysfilter_free(struct api_values *copy);

#endif
