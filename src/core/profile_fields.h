/* profile_fields.h: one profile's fields, for core/profile.c only: reading a profile group of
 * the libconfig tree, its defaults, and writing one back. */
#ifndef TENANTRY_PROFILE_FIELDS_H
#define TENANTRY_PROFILE_FIELDS_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/profile.h"
#include "core/status.h"
#include "core/util.h"

/* Set err to a usage error (printf-style) and return false. */
bool profile_usage(struct tn_error *err, const char *fmt, ...) TN_PRINTF(2, 3);
/* Read the profile group g (the number-th of the file, from 1) into p, with its defaults, and
 * check it; false with err naming the profile and the field. */
bool profile_fields_parse(config_setting_t *g, size_t number, struct profile *p,
                          struct tn_error *err);
/* Fill in the defaults for what p leaves unset. */
void profile_fields_defaults(struct profile *p);
/* Write p as a new group at the end of list (defaults left out). */
void profile_fields_write(config_setting_t *list, const struct profile *p);

#endif
