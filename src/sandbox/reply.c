/* reply.c: the sandbox's answers: JSON bodies, the Management API's error shape (code, type,
 * message, details) and the system API's problem+json with violations. */
#include "config.h"

#include "sandbox/server.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/util.h"

static const struct {
    unsigned status;
    const char *code, *type;
} error_kinds[] = {
    {400, "BadRequest", "BadRequestError"},
    {401, "Unauthorized", "UnauthorizedError"},
    {403, "Forbidden", "ForbiddenError"},
    {404, "NotFound", "NotFoundError"},
    {405, "MethodNotAllowed", "MethodNotAllowedError"},
    {409, "Conflict", "ConflictError"},
    {413, "PayloadTooLarge", "PayloadTooLargeError"},
    {429, "TooManyRequests", "TooManyRequestsError"},
    {500, "InternalServerError", "InternalServerError"},
    {502, "BadGateway", "BadGatewayError"},
    {503, "ServiceUnavailable", "ServiceUnavailableError"},
    {504, "GatewayTimeout", "GatewayTimeoutError"},
};

void reply_text(struct reply *rep, unsigned status, char *body, const char *type)
{
    free(rep->body);
    rep->status = status;
    rep->body = body;
    rep->len = body ? strlen(body) : 0;
    rep->content_type = type;
}

void reply_json(struct reply *rep, unsigned status, cJSON *body)
{
    reply_text(rep, status, json_print(body), "application/json; charset=utf-8");
    cJSON_Delete(body);
}

void reply_empty(struct reply *rep, unsigned status)
{
    reply_text(rep, status, NULL, NULL);
}

cJSON *detail_new(const char *location, const char *param, const char *msg, const char *value)
{
    cJSON *d = json_new_object();
    json_add_string(d, "location", location);
    json_add_string(d, "param", param);
    json_add_string(d, "msg", msg);
    if (value)
        json_add_string(d, "value", value);
    return d;
}

void reply_error(struct reply *rep, unsigned status, const char *message, cJSON *details)
{
    const char *code = "Error", *type = "Error";
    for (size_t i = 0; i < ARRAY_SIZE(error_kinds); i++) {
        if (error_kinds[i].status == status) {
            code = error_kinds[i].code;
            type = error_kinds[i].type;
        }
    }
    cJSON *body = json_new_object();
    json_add_string(body, "code", code);
    json_add_string(body, "type", type);
    json_add_string(body, "message", message);
    json_add(body, "details", details ? details : json_new_array());
    reply_json(rep, status, body);
}

void reply_bad_param(struct reply *rep, const char *location, const char *param, const char *msg,
                     const char *value)
{
    cJSON *details = json_new_array();
    json_append(details, detail_new(location, param, msg, value));
    reply_error(rep, 400, "Validation Error", details);
}

/* A problem body {type, title, detail} for the /system API (API Platform's shape). */
static cJSON *problem_new(const char *detail)
{
    cJSON *body = json_new_object();
    json_add_string(body, "type", "https://tools.ietf.org/html/rfc2616#section-10");
    json_add_string(body, "title", "An error occurred");
    json_add_string(body, "detail", detail);
    return body;
}

static void reply_problem_body(struct reply *rep, unsigned status, cJSON *body)
{
    reply_text(rep, status, json_print(body), "application/problem+json; charset=utf-8");
    cJSON_Delete(body);
}

void reply_problem(struct reply *rep, unsigned status, const char *detail)
{
    reply_problem_body(rep, status, problem_new(detail));
}

cJSON *violation_new(const char *path, const char *message)
{
    cJSON *v = json_new_object();
    json_add_string(v, "propertyPath", path);
    json_add_string(v, "message", message);
    return v;
}

void reply_violations(struct reply *rep, cJSON *violations)
{
    struct strbuf detail = SB_INIT;
    const cJSON *v;
    cJSON_ArrayForEach(v, violations)
    {
        if (detail.len)
            sb_addc(&detail, '\n');
        sb_addf(&detail, "%s: %s", json_get_string(v, "propertyPath"),
                json_get_string(v, "message"));
    }
    cJSON *body = problem_new(sb_str(&detail));
    json_add(body, "violations", violations);
    reply_problem_body(rep, 400, body);
    sb_free(&detail);
}
