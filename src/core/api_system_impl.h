/* api_system_impl.h: what the /system/tenants backend's files share (api_system.c sends the
 * requests, api_system_read.c reads the answers): its session state and a request's record. */
#ifndef TENANTRY_API_SYSTEM_IMPL_H
#define TENANTRY_API_SYSTEM_IMPL_H

#include "core/api.h"
#include "core/http.h"

/* A request in flight and what its answer needs: the page asked for, the version and data
 * an update sent, and (while an update's answer is checked by a re-read) the first answer. */
struct pending {
    struct pending *prev, *next;
    struct api_impl *impl;
    struct api_call *call; /* NULL for a page fetched ahead that no call asked for yet */
    struct http_request *req;
    long long page;    /* a list: the page number asked for (0 when the token was not one) */
    long long size;    /* a list: the page size the server chose, when known (token_page) */
    long long version; /* an update: the version it was based on */
    cJSON *data;       /* an update: the data it sent, or NULL */
    bool rereading;    /* an update's answer is being checked by a GET */
    bool ahead;        /* a list of a bulk load: the pages after it may be fetched ahead */
    bool held;         /* a page fetched ahead has its answer: req is finished, ours */
    struct api_values *filter; /* a list: its filters (a copy), or NULL */
    struct tn_error first; /* the update's answer, while rereading */
};

struct api_impl {
    struct http_engine *engine;
    struct api_link link;
    char *auth_line; /* "Authorization: Basic ..." (a secret) */
    char page_param[64], limit_param[64];
    int parallel; /* pages of a bulk load in flight at once (parallel_pages) */
    struct pending *pending;
};


/* The tenants kind (the backend's only one). */
extern const struct api_kind_def system_tenants;

/* An error from a non-2xx answer: problem+json {title, detail, violations[]}, JSON-LD
 * {hydra:title, hydra:description}, or bare text; with the hints of 401, 403 and 404. */
void system_read_error(struct http_request *req, struct tn_error *err);
/* A row from one tenant object, without the JSON-LD keys (@context, @id, @type). */
struct row *system_read_row(const cJSON *obj);
/* Turn a list answer j to p (limit rows asked for) into page; false with err set. */
bool system_read_page(const cJSON *j, const struct pending *p, int limit, struct page *page,
                      struct tn_error *err);

#endif
