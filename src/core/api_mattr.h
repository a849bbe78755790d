/* api_mattr.h: the MATTR VII Management API backend. */
#ifndef TENANTRY_API_MATTR_H
#define TENANTRY_API_MATTR_H

#include "core/api.h"

extern const struct api_backend mattr_backend;

/* For tests and fuzzers: read body as the answer to a list of kind (op API_OP_LIST, limit rows
 * asked for: the rows and next token into page) or to a get or create (op API_OP_GET: the row
 * into *row), as an answer of the server is read. False with err set. */
bool api_mattr_parse(const struct api_kind_def *kind, enum api_op op, const char *body,
                     size_t len, int limit, struct page *page, struct row **row,
                     struct tn_error *err);

#endif
