/* sysformat.h: the /system/tenants API's formats: content negotiation and rendering. */
#ifndef TENANTRY_SANDBOX_SYSFORMAT_H
#define TENANTRY_SANDBOX_SYSFORMAT_H

#include <cJSON.h>

#include "sandbox/opts.h"
#include "sandbox/server.h"
#include "sandbox/systore.h"

#define SYS_COLLECTION_PATH "/system/tenants"
#define SYS_CONTEXT "/contexts/Tenant"

enum format { FORMAT_NONE, FORMAT_JSON, FORMAT_JSONLD };
/* How a tenant is rendered: plain JSON, a JSON-LD document, or a member of a collection. */
enum item_form { ITEM_PLAIN, ITEM_LD, ITEM_LD_MEMBER };

/* The format req asks for (its Accept header; JSON-LD becomes JSON under opts->plain_json);
 * FORMAT_NONE with a 406 answer in rep when it is none we serve. */
enum format sysformat_request(const struct sandbox_opts *opts, const struct request *req,
                              struct reply *rep);
/* Answer with body (owned) in format f. */
void sysformat_reply(struct reply *rep, unsigned status, cJSON *body, enum format f);
/* Tenant t as form renders it (no data under opts->write_only_data). */
cJSON *sysformat_item(const struct sandbox_opts *opts, const struct systenant *t,
                      enum item_form form);
/* Answer with one tenant in format f. */
void sysformat_reply_item(const struct sandbox_opts *opts, struct reply *rep, unsigned status,
                          const struct systenant *t, enum format f);

#endif
