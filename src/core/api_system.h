/* api_system.h: the /system/tenants API backend (Basic auth, page numbers, version locking). */
#ifndef TENANTRY_API_SYSTEM_H
#define TENANTRY_API_SYSTEM_H

#include "core/api.h"

extern const struct api_backend system_backend;

/* For tests and fuzzers: read body as the answer to a list of tenants (op API_OP_LIST: page
 * number page_no of limit rows asked for with the parameters page and limit; the rows, total
 * and next token into page) or to a get or create (op API_OP_GET: the row into *row), as an
 * answer of the server is read. False with err set. */
bool api_system_parse(enum api_op op, const char *body, size_t len, long long page_no,
                      int limit, struct page *page, struct row **row, struct tn_error *err);

#endif
