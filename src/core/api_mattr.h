/* api_mattr.h: the MATTR VII Management API backend. */
#ifndef TENANTRY_API_MATTR_H
#define TENANTRY_API_MATTR_H

#include "core/api.h"

extern const struct api_backend mattr_backend;

#endif
