/* harness_http.c: HTTP requests to the sandbox, assertions on answers, list walks and
 * fixtures (cmocka). */
#include "config.h"

#include "harness.h"

#include "core/json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define REQUEST_TIMEOUT_S 120L

/* ------------------------------------------------------------------ HTTP */

struct upload {
    const char *p;
    size_t left;
};

size_t harness_write_cb(char *data, size_t size, size_t n, void *ud)
{
    sb_add(ud, data, size * n);
    return size * n;
}

static size_t read_cb(char *buf, size_t size, size_t n, void *ud)
{
    struct upload *up = ud;
    size_t len = size * n;
    if (len > up->left)
        len = up->left;
    /* Small chunks, so that a chunked body really arrives in many pieces. */
    if (len > 16384)
        len = 16384;
    memcpy(buf, up->p, len);
    up->p += len;
    up->left -= len;
    return len;
}

static void set_header(char **slot, const char *value, size_t len)
{
    free(*slot);
    *slot = xstrndup(value, len);
}

static size_t header_cb(char *data, size_t size, size_t n, void *ud)
{
    struct resp *r = ud;
    size_t len = size * n;
    if (len >= 5 && memcmp(data, "HTTP/", 5) == 0) {
        /* A new response (after 100 Continue): forget the previous one's headers. */
        free(r->content_type);
        free(r->retry_after);
        free(r->allow);
        free(r->www_authenticate);
        r->content_type = r->retry_after = r->allow = r->www_authenticate = NULL;
        return len;
    }
    const char *colon = memchr(data, ':', len);
    if (!colon)
        return len;
    size_t name_len = (size_t)(colon - data);
    const char *v = colon + 1;
    const char *end = data + len;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
        end--;
    static const struct {
        const char *name;
        size_t offset;
    } wanted[] = {
        {"Content-Type", offsetof(struct resp, content_type)},
        {"Retry-After", offsetof(struct resp, retry_after)},
        {"Allow", offsetof(struct resp, allow)},
        {"WWW-Authenticate", offsetof(struct resp, www_authenticate)},
    };
    for (size_t i = 0; i < ARRAY_SIZE(wanted); i++) {
        if (strlen(wanted[i].name) == name_len &&
            strncasecmp(data, wanted[i].name, name_len) == 0)
            set_header((char **)((char *)r + wanted[i].offset), v, (size_t)(end - v));
    }
    return len;
}

struct resp *http_send(struct sandbox *sb, const struct req *rq)
{
    CURL *c = sandbox_curl(sb);
    struct resp *r = xcalloc(1, sizeof *r);
    struct strbuf body = SB_INIT;
    struct curl_slist *headers = NULL;
    struct upload up = {NULL, 0};
    char *url = sandbox_url(sb, rq->path);
    char *h;

    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROXY, "");
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, harness_write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, r);

    const char *payload = rq->body;
    if (!payload && (strcmp(rq->method, "POST") == 0 || strcmp(rq->method, "PUT") == 0))
        payload = "";
    if (strcmp(rq->method, "HEAD") == 0)
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    else if (strcmp(rq->method, "GET") != 0)
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, rq->method);
    if (payload) {
        size_t len = rq->body_len ? rq->body_len : strlen(payload);
        if (rq->chunked) {
            up.p = payload;
            up.left = len;
            curl_easy_setopt(c, CURLOPT_POST, 1L);
            curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
            curl_easy_setopt(c, CURLOPT_READDATA, &up);
            headers = curl_slist_append(headers, "Transfer-Encoding: chunked");
        } else {
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload);
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        }
        if (!rq->content_type)
            headers = curl_slist_append(headers, "Content-Type:");
    }
    if (rq->content_type) {
        h = xasprintf("Content-Type: %s", rq->content_type);
        headers = curl_slist_append(headers, h);
        free(h);
    }
    if (rq->accept) {
        h = *rq->accept ? xasprintf("Accept: %s", rq->accept) : xstrdup("Accept:");
        headers = curl_slist_append(headers, h);
        free(h);
    }
    if (rq->authorization || rq->bearer) {
        if (rq->authorization)
            h = xasprintf("Authorization: %s", rq->authorization);
        else
            h = xasprintf("Authorization: Bearer %s", rq->bearer);
        headers = curl_slist_append(headers, h);
        free(h);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

    double t0 = mono_now();
    r->curl_rc = curl_easy_perform(c);
    r->seconds = mono_now() - t0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    r->len = body.len;
    r->body = sb_steal(&body);

    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_slist_free_all(headers);
    free(url);
    return r;
}

struct resp *http(struct sandbox *sb, const char *method, const char *path, const char *bearer,
                  const char *body, const char *content_type)
{
    struct req rq = {
        .method = method,
        .path = path,
        .bearer = bearer,
        .body = body,
        .content_type = content_type,
    };
    return http_send(sb, &rq);
}

char *basic_auth(const char *user, const char *password)
{
    char *pair = xasprintf("%s:%s", user, password);
    char *enc = util_base64_encode(pair, strlen(pair));
    char *value = xasprintf("Basic %s", enc);
    free(enc);
    free(pair);
    return value;
}

struct resp *api(struct sandbox *sb, const char *method, const char *path, const char *body)
{
    const char *token = sandbox_token(sb);
    return http(sb, method, path, token, body, body ? "application/json" : NULL);
}

cJSON *resp_json(struct resp *r)
{
    if (r->json)
        return r->json;
    const char *end = NULL;
    if (strlen(r->body) == r->len)
        r->json = cJSON_ParseWithLengthOpts(r->body, r->len + 1, &end, 1);
    if (!r->json)
        FAIL("the body of a %ld answer is not valid JSON (%zu bytes): %.300s", r->status, r->len,
             r->body);
    return r->json;
}

void resp_free(struct resp *r)
{
    if (!r)
        return;
    cJSON_Delete(r->json);
    free(r->body);
    free(r->content_type);
    free(r->retry_after);
    free(r->allow);
    free(r->www_authenticate);
    free(r);
}

/* ------------------------------------------------------------------ assertions */

void assert_status_at(const struct resp *r, long status, const char *file, int line)
{
    if (r->curl_rc != CURLE_OK)
        harness_fail(file, line, "expected HTTP %ld, the transfer failed: %s", status,
                     curl_easy_strerror(r->curl_rc));
    if (r->status != status)
        harness_fail(file, line, "expected HTTP %ld, got %ld: %.500s", status, r->status,
                     r->body);
}

void assert_405_at(struct sandbox *sb, const char *method, const char *path, const char *allow,
                   const char *file, int line)
{
    struct resp *r = api(sb, method, path, "{}");
    assert_error_at(r, 405, "MethodNotAllowed", file, line);
    if (!r->allow || strcmp(r->allow, allow) != 0)
        harness_fail(file, line, "%s %s: Allow is '%s', expected '%s'", method, path,
                     r->allow ? r->allow : "(none)", allow);
    resp_free(r);
}

static bool is_json_type(const char *ct)
{
    return ct && strncasecmp(ct, "application/json", 16) == 0 &&
           (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
}

cJSON *assert_error_at(struct resp *r, long status, const char *code, const char *file, int line)
{
    assert_status_at(r, status, file, line);
    if (!is_json_type(r->content_type))
        harness_fail(file, line, "HTTP %ld error: Content-Type is %s, not application/json",
                     status, r->content_type ? r->content_type : "(none)");
    cJSON *j = resp_json(r);
    const char *keys[] = {"code", "type", "message"};
    for (size_t i = 0; i < ARRAY_SIZE(keys); i++) {
        if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, keys[i])))
            harness_fail(file, line, "HTTP %ld error body has no string \"%s\": %.500s", status,
                         keys[i], r->body);
    }
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "details")))
        harness_fail(file, line, "HTTP %ld error body has no details array: %.500s", status,
                     r->body);
    const char *got = cJSON_GetObjectItemCaseSensitive(j, "code")->valuestring;
    if (strcmp(got, code) != 0)
        harness_fail(file, line, "HTTP %ld error code is \"%s\", expected \"%s\"", status, got,
                     code);
    return j;
}

void assert_bad_param_at(struct resp *r, const char *location, const char *param,
                         const char *file, int line)
{
    cJSON *j = assert_error_at(r, 400, "BadRequest", file, line);
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(j, "details")) {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(d, "param");
        if (!cJSON_IsString(p) || strcmp(p->valuestring, param) != 0)
            continue;
        const cJSON *loc = cJSON_GetObjectItemCaseSensitive(d, "location");
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(d, "msg");
        if (!cJSON_IsString(loc) || strcmp(loc->valuestring, location) != 0)
            harness_fail(file, line, "details entry for \"%s\" has location %s, expected \"%s\": "
                         "%.500s", param, cJSON_IsString(loc) ? loc->valuestring : "(none)",
                         location, r->body);
        if (!cJSON_IsString(msg) || !*msg->valuestring)
            harness_fail(file, line, "details entry for \"%s\" has no msg: %.500s", param,
                         r->body);
        return;
    }
    harness_fail(file, line, "no 400 details entry names param \"%s\": %.500s", param, r->body);
}

/* ------------------------------------------------------------------ small helpers */

bool is_uuid(const char *s)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    if (!s || strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++) {
        bool hex = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
        if (shape[i] == '-' ? s[i] != '-' : !hex)
            return false;
    }
    return true;
}

bool is_alnum_id(const char *s, size_t n)
{
    if (!s || strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return false;
    }
    return true;
}

const char *member_string(const cJSON *obj, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(item)) {
        char *text = obj ? cJSON_PrintUnformatted(obj) : NULL;
        char msg[600];
        snprintf(msg, sizeof msg, "%.500s", text ? text : "(null)");
        cJSON_free(text);
        FAIL("no string member \"%s\" in %s", key, msg);
    }
    return item->valuestring;
}

const cJSON *find_by(const cJSON *array, const char *key, const char *value)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
    {
        if (strcmp(member_string(item, key), value) == 0)
            return item;
    }
    return NULL;
}

cJSON *json_literal(const char *text)
{
    cJSON *j = cJSON_Parse(text);
    if (!j)
        FAIL("bad JSON literal in a test: %s", text);
    return j;
}

char *url_escape(const char *s)
{
    struct strbuf out = SB_INIT;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            sb_addc(&out, (char)*p);
        else
            sb_addf(&out, "%%%02X", *p);
    }
    return sb_steal(&out);
}

void strlist_add(struct strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(s);
}

size_t strlist_count(const struct strlist *l, const char *s)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        n += strcmp(l->v[i], s) == 0;
    return n;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool strlist_unique(const struct strlist *l)
{
    if (l->n < 2)
        return true;
    char **sorted = xcalloc(l->n, sizeof *sorted);
    memcpy(sorted, l->v, l->n * sizeof *sorted);
    qsort(sorted, l->n, sizeof *sorted, cmp_str);
    bool unique = true;
    for (size_t i = 1; i < l->n && unique; i++)
        unique = strcmp(sorted[i - 1], sorted[i]) != 0;
    free(sorted);
    return unique;
}

void strlist_free(struct strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

/* ------------------------------------------------------------------ lists */

struct resp *list_page(struct sandbox *sb, const char *path, int limit, const char *cursor)
{
    struct strbuf url = SB_INIT;
    char sep = strchr(path, '?') ? '&' : '?';
    sb_adds(&url, path);
    if (limit) {
        sb_addf(&url, "%climit=%d", sep, limit);
        sep = '&';
    }
    if (cursor) {
        char *esc = url_escape(cursor);
        sb_addf(&url, "%ccursor=%s", sep, esc);
        free(esc);
    }
    struct resp *r = api(sb, "GET", sb_str(&url), NULL);
    sb_free(&url);
    assert_status(r, 200);
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data")))
        FAIL("a list page has no data array: %.300s", r->body);
    return r;
}

cJSON *page_data(struct resp *page)
{
    return cJSON_GetObjectItemCaseSensitive(resp_json(page), "data");
}

const char *page_next(struct resp *page)
{
    const cJSON *next = cJSON_GetObjectItemCaseSensitive(resp_json(page), "nextCursor");
    if (next && !cJSON_IsString(next))
        FAIL("nextCursor is not a string: %.300s", page->body);
    return next ? next->valuestring : NULL;
}

size_t walk_list(struct sandbox *sb, const char *path, int limit, const char *key,
                 struct strlist *ids)
{
    size_t pages = 0;
    char *cursor = NULL;
    for (;;) {
        struct resp *r = list_page(sb, path, limit, cursor);
        free(cursor);
        cursor = NULL;
        const cJSON *data = page_data(r);
        if (cJSON_GetArraySize(data) == 0) {
            cJSON *empty = json_literal("{\"data\":[]}");
            bool same = cJSON_Compare(empty, resp_json(r), true);
            cJSON_Delete(empty);
            if (!same)
                FAIL("the page after the last row of %s is not exactly {\"data\":[]}: %.300s",
                     path, r->body);
            resp_free(r);
            return pages;
        }
        pages++;
        if (limit && cJSON_GetArraySize(data) > limit)
            FAIL("a page of %s has %d rows, more than limit %d", path, cJSON_GetArraySize(data),
                 limit);
        const cJSON *row;
        cJSON_ArrayForEach(row, data)
            strlist_add(ids, member_string(row, key));
        const char *next = page_next(r);
        if (!next || !*next)
            FAIL("non-empty page %zu of %s has no nextCursor", pages, path);
        cursor = xstrdup(next);
        resp_free(r);
        if (pages > 100000)
            FAIL("the walk of %s does not end", path);
    }
}

/* ------------------------------------------------------------------ fixtures */

cJSON *environments_get(struct sandbox *sb)
{
    struct resp *r = list_page(sb, "/v1/environments", 1000, NULL);
    cJSON *copy = cJSON_Duplicate(page_data(r), true);
    resp_free(r);
    if (!copy)
        FAIL("out of memory");
    return copy;
}

char *environment_id(struct sandbox *sb, int index)
{
    cJSON *envs = environments_get(sb);
    const cJSON *env = cJSON_GetArrayItem(envs, index);
    if (!env)
        FAIL("there is no environment number %d", index);
    char *id = xstrdup(member_string(env, "id"));
    cJSON_Delete(envs);
    return id;
}

char *tenant_body(const char *name, const char *subdomain, const char *env_id)
{
    cJSON *o = json_new_object();
    if (name)
        json_add_string(o, "name", name);
    json_add_string(o, "subdomain", subdomain);
    json_add_string(o, "environmentId", env_id);
    char *text = json_print(o);
    cJSON_Delete(o);
    return text;
}

cJSON *tenant_create(struct sandbox *sb, const char *label, const char *env_id)
{
    char *own_env = env_id ? NULL : environment_id(sb, 0);
    char *body = tenant_body(label, label, env_id ? env_id : own_env);
    struct resp *r = api(sb, "POST", "/v1/tenants", body);
    free(body);
    free(own_env);
    assert_status(r, 201);
    cJSON *t = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return t;
}

char *tenant_create_id(struct sandbox *sb, const char *label)
{
    cJSON *t = tenant_create(sb, label, NULL);
    char *id = xstrdup(member_string(t, "id"));
    cJSON_Delete(t);
    return id;
}

cJSON *client_create(struct sandbox *sb, const char *tenant_id, const char *name,
                     const char *roles_json)
{
    char *path = xasprintf("/v1/tenants/%s/clients", tenant_id);
    char *body = xasprintf("{\"name\":\"%s\",\"roles\":%s}", name, roles_json);
    struct resp *r = api(sb, "POST", path, body);
    free(body);
    free(path);
    assert_status(r, 201);
    cJSON *c = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return c;
}

char *first_tenant_id(struct sandbox *sb)
{
    struct resp *r = list_page(sb, "/v1/tenants", 1, NULL);
    const cJSON *row = cJSON_GetArrayItem(page_data(r), 0);
    if (!row)
        FAIL("there are no tenants");
    char *id = xstrdup(member_string(row, "id"));
    resp_free(r);
    return id;
}
