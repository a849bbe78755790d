/* sysformat.c: the /system/tenants API's formats: the Accept header's negotiation (JSON-LD by
 * default, plain JSON; 406 otherwise) and a tenant rendered in either. */
#include "config.h"

#include "sandbox/sysformat.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/json.h"
#include "core/util.h"

#define SUPPORTED "Supported MIME types are \"application/ld+json\", \"application/json\"."

/* ------------------------------------------------------------------ formats */

/* The format one media range of an Accept header asks for. */
static enum format media_format(const char *type, size_t n)
{
    static const struct {
        const char *type;
        enum format format;
    } known[] = {
        {"application/ld+json", FORMAT_JSONLD},
        {"application/json", FORMAT_JSON},
        {"application/*", FORMAT_JSONLD}, /* the first format API Platform lists */
        {"*/*", FORMAT_JSONLD},
    };
    for (size_t i = 0; i < ARRAY_SIZE(known); i++)
        if (strlen(known[i].type) == n && strncasecmp(type, known[i].type, n) == 0)
            return known[i].format;
    return FORMAT_NONE;
}

/* The quality (q=) among the parameters of one media range, 1 when there is none. */
static double media_quality(const char *params, size_t n)
{
    const char *p = params, *end = params + n;
    while (p < end) {
        while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
            p++;
        if (end - p > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
            char buf[16];
            size_t len = strcspn(p + 2, ";,");
            snprintf(buf, sizeof(buf), "%.*s", (int)(len < 15 ? len : 15), p + 2);
            char *stop;
            double q = strtod(buf, &stop);
            return stop != buf && q >= 0.0 && q <= 1.0 ? q : 1.0;
        }
        p += strcspn(p, ";");
    }
    return 1.0;
}

/* The answer's format for an Accept header: the known media range of highest quality (the
 * first of equal ones); JSON-LD when there is no header; FORMAT_NONE when none is known. */
static enum format negotiate(const char *accept)
{
    enum format best = FORMAT_NONE;
    double best_q = 0.0;
    bool any = false;
    for (const char *p = accept ? accept : ""; *p;) {
        size_t len = strcspn(p, ",");
        const char *type = p, *end = p + len;
        while (type < end && (*type == ' ' || *type == '\t'))
            type++;
        size_t tlen = strcspn(type, ";,");
        while (tlen && (type[tlen - 1] == ' ' || type[tlen - 1] == '\t'))
            tlen--;
        if (tlen) {
            any = true;
            enum format f = media_format(type, tlen);
            double q = media_quality(type + tlen, (size_t)(end - type) - tlen);
            if (f != FORMAT_NONE && q > best_q) {
                best = f;
                best_q = q;
            }
        }
        p = *end ? end + 1 : end;
    }
    return any ? best : FORMAT_JSONLD;
}

enum format sysformat_request(const struct sandbox_opts *opts, const struct request *req,
                              struct reply *rep)
{
    const char *accept = request_header(req, "Accept");
    enum format f = negotiate(accept);
    if (f == FORMAT_NONE) {
        char *msg = xasprintf("Requested format \"%s\" is not supported. " SUPPORTED, accept);
        reply_problem(rep, 406, msg);
        free(msg);
    }
    return f == FORMAT_JSONLD && opts->plain_json ? FORMAT_JSON : f;
}

void sysformat_reply(struct reply *rep, unsigned status, cJSON *body, enum format f)
{
    reply_json(rep, status, body);
    if (f == FORMAT_JSONLD)
        rep->content_type = "application/ld+json; charset=utf-8";
}

/* ------------------------------------------------------------------ rendering */

/* "2018-07-31T14:57:10+00:00" */
static void format_time(int64_t secs, char out[32])
{
    time_t t = (time_t)secs;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
}

cJSON *sysformat_item(const struct sandbox_opts *opts, const struct systenant *t,
                      enum item_form form)
{
    char when[32];
    cJSON *o = json_new_object();
    if (form == ITEM_LD)
        json_add_string(o, "@context", SYS_CONTEXT);
    if (form != ITEM_PLAIN) {
        char *iri = xasprintf(SYS_COLLECTION_PATH "/%s", t->uuid);
        json_add_string(o, "@id", iri);
        json_add_string(o, "@type", "Tenant");
        free(iri);
    }
    cJSON_AddNumberToObject(o, "id", (double)t->id);
    json_add_string(o, "uuid", t->uuid);
    format_time(t->created, when);
    json_add_string(o, "createdAt", when);
    format_time(t->updated, when);
    json_add_string(o, "updatedAt", when);
    if (!opts->write_only_data) {
        cJSON *data = cJSON_CreateRaw(t->data); /* the store's own printed JSON */
        if (!data)
            die("out of memory");
        json_add(o, "data", data);
    }
    cJSON_AddNumberToObject(o, "version", (double)t->version);
    return o;
}

void sysformat_reply_item(const struct sandbox_opts *opts, struct reply *rep, unsigned status,
                          const struct systenant *t, enum format f)
{
    sysformat_reply(rep, status, sysformat_item(opts, t, f == FORMAT_JSONLD ? ITEM_LD : ITEM_PLAIN),
                    f);
}
