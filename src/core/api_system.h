/* api_system.h: the /system/tenants API backend (Basic auth, page numbers, version locking). */
#ifndef TENANTRY_API_SYSTEM_H
#define TENANTRY_API_SYSTEM_H

#include "core/api.h"

extern const struct api_backend system_backend;

#endif
