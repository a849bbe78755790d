/* test_system.c: the /system/tenants API: Basic auth, JSON and JSON-LD, filters, paging,
 * create, retrieve, update with version locking, delete, problem+json errors and events. */
#include "config.h"

#include "harness.h"

#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SYS "/system/tenants"
#define JSON "application/json"
#define LD "application/ld+json"
#define PROBLEM_TYPE "https://tools.ietf.org/html/rfc2616#section-10"
#define PARALLEL 16

/* ------------------------------------------------------------------ requests */

/* method path as user:password with this Accept (NULL: curl's default, any type; "": none)
 * and, when body is not NULL, a body of content type ctype. */
static struct resp *sys_as(struct sandbox *sb, const char *user, const char *password,
                           const char *method, const char *path, const char *accept,
                           const char *body, const char *ctype)
{
    char *auth = basic_auth(user, password);
    struct req rq = {
        .method = method,
        .path = path,
        .authorization = auth,
        .body = body,
        .content_type = ctype,
        .accept = accept,
    };
    struct resp *r = http_send(sb, &rq);
    free(auth);
    return r;
}

/* method path with the default credentials and, when body is not NULL, a JSON body. */
static struct resp *sys(struct sandbox *sb, const char *method, const char *path,
                        const char *accept, const char *body)
{
    return sys_as(sb, "system", "system", method, path, accept, body, body ? JSON : NULL);
}

/* ------------------------------------------------------------------ assertions */

/* Is the media type of Content-Type ct exactly type (parameters aside)? */
static bool type_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

#define assert_type(r, type) assert_type_at((r), (type), __FILE__, __LINE__)
static void assert_type_at(const struct resp *r, const char *type, const char *file, int line)
{
    if (!type_is(r->content_type, type))
        harness_fail(file, line, "Content-Type is %s, expected %s",
                     r->content_type ? r->content_type : "(none)", type);
}

/* Fail unless r is an application/problem+json answer of this status with the type, title and
 * a detail of API Platform; return the body. */
#define assert_problem(r, status) assert_problem_at((r), (status), __FILE__, __LINE__)
static cJSON *assert_problem_at(struct resp *r, long status, const char *file, int line)
{
    assert_status_at(r, status, file, line);
    assert_type_at(r, "application/problem+json", file, line);
    cJSON *j = resp_json(r);
    const char *type = json_get_string(j, "type"), *title = json_get_string(j, "title");
    if (!type || strcmp(type, PROBLEM_TYPE) != 0 || !title ||
        strcmp(title, "An error occurred") != 0 || !json_get_string(j, "detail") ||
        !*json_get_string(j, "detail"))
        harness_fail(file, line, "not an API Platform problem body: %.500s", r->body);
    return j;
}

/* Fail unless r is a 400 whose violations hold one for path (with this message unless NULL),
 * and whose detail holds "path: message". */
#define assert_violation(r, path, message) \
    assert_violation_at((r), (path), (message), __FILE__, __LINE__)
static void assert_violation_at(struct resp *r, const char *path, const char *message,
                                const char *file, int line)
{
    cJSON *j = assert_problem_at(r, 400, file, line);
    const cJSON *v, *vs = cJSON_GetObjectItemCaseSensitive(j, "violations");
    if (!cJSON_IsArray(vs))
        harness_fail(file, line, "a 400 without violations: %.500s", r->body);
    cJSON_ArrayForEach(v, vs)
    {
        const char *p = json_get_string(v, "propertyPath"), *m = json_get_string(v, "message");
        if (!p || !m || strcmp(p, path) != 0)
            continue;
        if (message && strcmp(m, message) != 0)
            harness_fail(file, line, "violation of %s says \"%s\", expected \"%s\"", path, m,
                         message);
        char *line_text = xasprintf("%s: %s", p, m);
        bool in_detail = strstr(json_get_string(j, "detail"), line_text) != NULL;
        free(line_text);
        if (!in_detail)
            harness_fail(file, line, "the detail does not say \"%s: %s\": %.500s", p, m,
                         r->body);
        return;
    }
    harness_fail(file, line, "no violation names \"%s\": %.500s", path, r->body);
}

/* The whole-number member key of obj; fails the test otherwise. */
static long long member_int(const cJSON *obj, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(m) || m->valuedouble != (double)(long long)m->valuedouble)
        FAIL("no integer member \"%s\"", key);
    return (long long)m->valuedouble;
}

/* Is s a time as "2018-07-31T14:57:10+00:00"? */
static bool is_time(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd+00:00";
    if (strlen(s) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
            return false;
    return true;
}

/* Seconds since the epoch of a time as is_time() accepts. */
static time_t time_of(const char *s)
{
    struct tm tm = {0};
    if (sscanf(s, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
               &tm.tm_min, &tm.tm_sec) != 6)
        FAIL("not a time: %s", s);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm);
}

/* Fail unless t is a tenant {id, uuid, createdAt, updatedAt, data?, version}, with @id and
 * @type when ld, with data unless write_only. */
static void assert_tenant(const cJSON *t, bool ld, bool write_only)
{
    assert_true(member_int(t, "id") >= 1);
    const char *uuid = member_string(t, "uuid");
    assert_true(is_uuid(uuid));
    const char *created = member_string(t, "createdAt"), *updated = member_string(t, "updatedAt");
    assert_true(is_time(created));
    assert_true(is_time(updated));
    assert_true(strcmp(updated, created) >= 0);
    long long version = member_int(t, "version");
    assert_true(version >= 1);
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
    if (write_only)
        assert_null(data);
    else
        assert_true(cJSON_IsObject(data));
    if (ld) {
        char *iri = xasprintf(SYS "/%s", uuid);
        assert_string_equal(member_string(t, "@id"), iri);
        assert_string_equal(member_string(t, "@type"), "Tenant");
        free(iri);
    } else {
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "@id"));
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "@type"));
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "@context"));
    }
}

/* ------------------------------------------------------------------ lists */

/* GET path with Accept accept; fail unless 200 with a hydra:Collection (JSON-LD) or an array
 * (JSON) of tenants. */
static struct resp *list_get(struct sandbox *sb, const char *path, const char *accept)
{
    struct resp *r = sys(sb, "GET", path, accept, NULL);
    assert_status(r, 200);
    cJSON *j = resp_json(r);
    if (accept && strcmp(accept, JSON) == 0) {
        assert_type(r, JSON);
        if (!cJSON_IsArray(j))
            FAIL("a JSON list is not an array: %.300s", r->body);
        return r;
    }
    assert_type(r, LD);
    assert_string_equal(member_string(j, "@context"), "/contexts/Tenant");
    assert_string_equal(member_string(j, "@id"), SYS);
    assert_string_equal(member_string(j, "@type"), "hydra:Collection");
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(j, "hydra:member")))
        FAIL("a collection without hydra:member: %.300s", r->body);
    member_int(j, "hydra:totalItems");
    return r;
}

/* The tenants of a list answer. */
static const cJSON *members(struct resp *r)
{
    cJSON *j = resp_json(r);
    return cJSON_IsArray(j) ? j : cJSON_GetObjectItemCaseSensitive(j, "hydra:member");
}

/* The hydra:view of a list answer, or NULL. */
static const cJSON *view(struct resp *r)
{
    return cJSON_GetObjectItemCaseSensitive(resp_json(r), "hydra:view");
}

/* The ids of a list answer's tenants, as "1,2,3". */
static char *ids_of(struct resp *r)
{
    struct strbuf sb = SB_INIT;
    const cJSON *t;
    cJSON_ArrayForEach(t, members(r))
        sb_addf(&sb, "%s%lld", sb.len ? "," : "", member_int(t, "id"));
    return sb_steal(&sb);
}

/* Fail unless GET path (JSON-LD) lists exactly the tenants ids ("" for none). */
#define assert_ids(sb, path, ids) assert_ids_at((sb), (path), (ids), __FILE__, __LINE__)
static void assert_ids_at(struct sandbox *sb, const char *path, const char *ids,
                          const char *file, int line)
{
    struct resp *r = list_get(sb, path, NULL);
    char *got = ids_of(r);
    if (strcmp(got, ids) != 0)
        harness_fail(file, line, "GET %s lists ids [%s], expected [%s]", path, got, ids);
    free(got);
    resp_free(r);
}

/* hydra:totalItems of GET path. */
static long long total_of(struct sandbox *sb, const char *path)
{
    struct resp *r = list_get(sb, path, LD);
    long long n = member_int(resp_json(r), "hydra:totalItems");
    resp_free(r);
    return n;
}

/* All tenants (GET ?limit=1000 as JSON), a copy the caller deletes. */
static cJSON *all_tenants(struct sandbox *sb)
{
    struct resp *r = list_get(sb, SYS "?limit=1000", JSON);
    cJSON *copy = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return copy;
}

/* The tenant with this id among all. */
static const cJSON *tenant_at(const cJSON *all, long long id)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, all)
        if (member_int(t, "id") == id)
            return t;
    FAIL("no tenant has id %lld", id);
    return NULL;
}

/* The page number a view link ends with ("...page=K"). */
static long long link_page(const char *iri, const char *name)
{
    char *key = xasprintf("%s=", name);
    const char *p = strstr(iri, key);
    const char *last = NULL;
    for (; p; p = strstr(p + 1, key))
        if (p[-1] == '?' || p[-1] == '&')
            last = p;
    free(key);
    if (!last)
        FAIL("the link %s names no %s", iri, name);
    long long k;
    if (!str_to_llong(last + strlen(name) + 1, 1, 1LL << 62, &k))
        FAIL("the link %s does not end with %s=N", iri, name);
    return k;
}

/* Walk the JSON-LD list from path by hydra:next, adding each uuid to uuids and checking every
 * page: the same hydra:totalItems, @id of the view the page fetched, first at page 1, last the
 * same everywhere, previous on all but the first, next on all but the last. Return the number
 * of pages; *total gets hydra:totalItems. */
static long long walk_hydra(struct sandbox *sb, const char *path, const char *page_name,
                            struct strlist *uuids, long long *total)
{
    char *next = xstrdup(path);
    long long pages = 0, last = 0;
    *total = -1;
    while (next) {
        struct resp *r = list_get(sb, next, NULL);
        pages++;
        long long n = member_int(resp_json(r), "hydra:totalItems");
        if (*total >= 0 && n != *total)
            FAIL("hydra:totalItems went from %lld to %lld", *total, n);
        *total = n;
        const cJSON *t;
        cJSON_ArrayForEach(t, members(r))
            strlist_add(uuids, member_string(t, "uuid"));
        const cJSON *v = view(r);
        free(next);
        next = NULL;
        if (!v) { /* all on one page */
            assert_int_equal(pages, 1);
            resp_free(r);
            return pages;
        }
        assert_string_equal(member_string(v, "@type"), "hydra:PartialCollectionView");
        if (pages > 1)
            assert_int_equal(link_page(member_string(v, "@id"), page_name), pages);
        assert_int_equal(link_page(member_string(v, "hydra:first"), page_name), 1);
        long long l = link_page(member_string(v, "hydra:last"), page_name);
        if (last && l != last)
            FAIL("hydra:last went from page %lld to page %lld", last, l);
        last = l;
        const cJSON *prev = cJSON_GetObjectItemCaseSensitive(v, "hydra:previous");
        if (pages == 1)
            assert_null(prev);
        else
            assert_int_equal(link_page(member_string(v, "hydra:previous"), page_name),
                             pages - 1);
        if (cJSON_GetObjectItemCaseSensitive(v, "hydra:next")) {
            const char *nx = member_string(v, "hydra:next");
            assert_int_equal(link_page(nx, page_name), pages + 1);
            next = xstrdup(nx);
        }
        resp_free(r);
        if (pages > 100000)
            FAIL("the walk of %s does not end", path);
    }
    assert_int_equal(pages, last);
    return pages;
}

/* ------------------------------------------------------------------ events */

/* Wait for the nth (from 0) line named name and return it; fail when it does not come. */
static char *event_nth(struct sandbox *sb, const char *name, int nth)
{
    if (events_wait(sb, name, nth + 1) < nth + 1) {
        char *all = events_read(sb);
        fail_msg("no event %s number %d; events:\n%s", name, nth, all);
    }
    return events_line(sb, name, nth);
}

/* ------------------------------------------------------------------ seeded data, formats */

static void test_default_seed_is_25_tenants_as_jsonld(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS "?limit=1000", NULL);
    cJSON *j = resp_json(r);
    assert_int_equal(member_int(j, "hydra:totalItems"), 25);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    assert_null(view(r)); /* it all fits on one page */
    const cJSON *t, *prev = NULL;
    long long id = 0;
    cJSON_ArrayForEach(t, members(r))
    {
        assert_tenant(t, true, false);
        assert_null(cJSON_GetObjectItemCaseSensitive(t, "@context"));
        assert_int_equal(member_int(t, "id"), ++id);
        long long v = member_int(t, "version");
        assert_true(v >= 1 && v <= 3);
        const char *created = member_string(t, "createdAt");
        assert_true(strncmp(created, "2018", 4) >= 0 && strncmp(created, "2026", 4) < 0);
        if (v == 1)
            assert_string_equal(member_string(t, "updatedAt"), created);
        if (prev) /* createdAt grows with the id */
            assert_true(strcmp(created, member_string(prev, "createdAt")) > 0);
        const cJSON *data = cJSON_GetObjectItemCaseSensitive(t, "data");
        assert_true(strlen(member_string(data, "name")) > 0);
        member_string(data, "plan");
        prev = t;
    }
    resp_free(r);
    sandbox_stop(sb);
}

static void test_system_tenants_flag_sets_count(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "3", NULL);
    assert_int_equal(total_of(sb, SYS), 3);
    sandbox_stop(sb);
    sb = sandbox_start("--system-tenants", "0", NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 0);
    assert_int_equal(cJSON_GetArraySize(members(r)), 0);
    assert_null(view(r));
    resp_free(r);
    r = list_get(sb, SYS, JSON);
    assert_string_equal(r->body, "[]");
    resp_free(r);
    sandbox_stop(sb);
}

static void test_json_accept_gives_plain_array_of_ten(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 10);
    char *ids = ids_of(r);
    assert_string_equal(ids, "1,2,3,4,5,6,7,8,9,10");
    free(ids);
    const cJSON *t;
    cJSON_ArrayForEach(t, members(r))
        assert_tenant(t, false, false);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_accept_negotiation(void **state)
{
    (void)state;
    static const struct {
        const char *accept;
        const char *type; /* NULL: 406 */
    } cases[] = {
        {"", LD},
        {"*/*", LD},
        {LD, LD},
        {JSON, JSON},
        {"application/*", LD},
        {"APPLICATION/JSON; charset=utf-8", JSON},
        {"text/html, application/json;q=0.9", JSON},
        {"application/json;q=0.5, application/ld+json", LD},
        {"application/ld+json;q=0.1, application/json", JSON},
        {"text/html", NULL},
        {"application/xml, text/plain;q=0.5", NULL},
        {"application/json;q=0", NULL},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "GET", SYS, cases[i].accept, NULL);
        if (!cases[i].type) {
            cJSON *j = assert_problem(r, 406);
            assert_non_null(strstr(json_get_string(j, "detail"), "not supported"));
        } else {
            assert_status(r, 200);
            if (!type_is(r->content_type, cases[i].type))
                fail_msg("Accept \"%s\": Content-Type %s, expected %s", cases[i].accept,
                         r->content_type, cases[i].type);
            assert_int_equal(cJSON_IsArray(resp_json(r)), strcmp(cases[i].type, JSON) == 0);
        }
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_unacceptable_accept_is_406_everywhere(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 1), "uuid"));
    struct {
        const char *method, *path, *body;
    } calls[] = {
        {"GET", SYS, NULL},
        {"POST", SYS, "{\"data\":{},\"version\":1}"},
        {"GET", item, NULL},
        {"PUT", item, "{\"version\":1}"},
        {"DELETE", item, NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys(sb, calls[i].method, calls[i].path, "text/html", calls[i].body);
        assert_problem(r, 406);
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25); /* nothing was created or deleted */
    struct resp *r = sys(sb, "GET", item, JSON, NULL);
    assert_status(r, 200);
    assert_true(cJSON_Compare(resp_json(r), tenant_at(all, 1), true));
    resp_free(r);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_same_seed_same_tenants_other_seed_others(void **state)
{
    (void)state;
    cJSON *runs[3];
    const char *seeds[] = {"7", "7", "8"};
    for (int i = 0; i < 3; i++) {
        struct sandbox *sb = sandbox_start("--seed", seeds[i], NULL);
        runs[i] = all_tenants(sb);
        sandbox_stop(sb);
    }
    assert_true(cJSON_Compare(runs[0], runs[1], true));
    assert_false(cJSON_Compare(runs[0], runs[2], true));
    assert_string_not_equal(member_string(tenant_at(runs[0], 1), "uuid"),
                            member_string(tenant_at(runs[2], 1), "uuid"));
    for (int i = 0; i < 3; i++)
        cJSON_Delete(runs[i]);
}

/* ------------------------------------------------------------------ auth */

static void test_missing_or_wrong_credentials_are_401(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *wrong_pass = basic_auth("system", "nope");
    char *wrong_user = basic_auth("nobody", "system");
    char *prefix = basic_auth("system", "syste");
    char *longer = basic_auth("system", "systemx");
    char *bearer = xasprintf("Bearer %s", sandbox_token(sb));
    const char *no_colon = "Basic c3lzdGVt"; /* "system" */
    const char *values[] = {NULL,     wrong_pass, wrong_user, prefix,         longer, bearer,
                            no_colon, "Basic",    "Basic !!!!", "Digest x=1", "c3lzdGVtOnN5c3RlbQ=="};
    for (size_t i = 0; i < ARRAY_SIZE(values); i++) {
        struct req rq = {.method = "GET", .path = SYS, .authorization = values[i]};
        struct resp *r = http_send(sb, &rq);
        assert_problem(r, 401);
        if (!r->www_authenticate || strcmp(r->www_authenticate, "Basic realm=\"system\"") != 0)
            fail_msg("Authorization %s: WWW-Authenticate is %s", values[i] ? values[i] : "(none)",
                     r->www_authenticate ? r->www_authenticate : "(none)");
        assert_null(cJSON_GetObjectItemCaseSensitive(resp_json(r), "hydra:member"));
        resp_free(r);
    }
    /* The document's example header, and the scheme in any case, are let in. */
    const char *good[] = {"Basic c3lzdGVtOnN5c3RlbQ==", "basic c3lzdGVtOnN5c3RlbQ==",
                          "BASIC  c3lzdGVtOnN5c3RlbQ"};
    for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
        struct req rq = {.method = "GET", .path = SYS, .authorization = good[i]};
        struct resp *r = http_send(sb, &rq);
        assert_status(r, 200);
        resp_free(r);
    }
    free(bearer);
    free(longer);
    free(prefix);
    free(wrong_user);
    free(wrong_pass);
    sandbox_stop(sb);
}

static void test_every_route_asks_for_credentials(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 2), "uuid"));
    struct {
        const char *method, *path, *body;
    } calls[] = {
        {"GET", SYS, NULL},
        {"POST", SYS, "{\"data\":{},\"version\":1}"},
        {"GET", item, NULL},
        {"PUT", item, "{\"version\":1}"},
        {"DELETE", item, NULL},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys_as(sb, "system", "wrong", calls[i].method, calls[i].path, NULL,
                                calls[i].body, calls[i].body ? JSON : NULL);
        assert_problem(r, 401);
        assert_non_null(r->www_authenticate);
        resp_free(r);
    }
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(all, after, true)); /* nothing changed */
    cJSON_Delete(after);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_basic_is_not_accepted_on_v1(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *basic = basic_auth("system", "system");
    struct req rq = {.method = "GET", .path = "/v1/tenants", .authorization = basic};
    struct resp *r = http_send(sb, &rq);
    assert_error(r, 401, "Unauthorized");
    resp_free(r);
    free(basic);
    sandbox_stop(sb);
}

static void test_credentials_flags_and_environment(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--system-user", "admin", "--system-password", "s3cret pass", NULL);
    struct resp *r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(sb, "admin", "s3cret pass", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    sandbox_stop(sb);

    /* The password from the environment, as argv is visible to ps; a flag overrides it. */
    setenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD", "from-env", 1);
    sb = sandbox_start(NULL);
    struct sandbox *flagged = sandbox_start("--system-password", "from-flag", NULL);
    unsetenv("TENANTRY_SANDBOX_SYSTEM_PASSWORD");
    r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(sb, "system", "from-env", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    r = sys_as(flagged, "system", "from-env", "GET", SYS, NULL, NULL, NULL);
    assert_problem(r, 401);
    resp_free(r);
    r = sys_as(flagged, "system", "from-flag", "GET", SYS, NULL, NULL, NULL);
    assert_status(r, 200);
    resp_free(r);
    sandbox_stop(flagged);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ items */

static void test_get_item_in_both_forms(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 17);
    const char *uuid = member_string(row, "uuid");
    char *path = xasprintf(SYS "/%s", uuid);

    struct resp *r = sys(sb, "GET", path, JSON, NULL);
    assert_status(r, 200);
    assert_type(r, JSON);
    assert_true(cJSON_Compare(resp_json(r), row, true));
    resp_free(r);

    r = sys(sb, "GET", path, NULL, NULL);
    assert_status(r, 200);
    assert_type(r, LD);
    cJSON *j = resp_json(r);
    assert_tenant(j, true, false);
    assert_string_equal(member_string(j, "@context"), "/contexts/Tenant");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@context");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@id");
    cJSON_DeleteItemFromObjectCaseSensitive(j, "@type");
    assert_true(cJSON_Compare(j, row, true));
    resp_free(r);

    /* An uppercase uuid finds the same tenant. */
    char *upper = xstrdup(path);
    for (char *p = upper + strlen(SYS); *p; p++)
        *p = (char)toupper((unsigned char)*p);
    r = sys(sb, "GET", upper, JSON, NULL);
    assert_status(r, 200);
    assert_true(cJSON_Compare(resp_json(r), row, true));
    resp_free(r);
    free(upper);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_unknown_or_malformed_uuid_is_404(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    const char *paths[] = {SYS "/" UNKNOWN_UUID, SYS "/not-a-uuid", SYS "/1"};
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        struct resp *r = sys(sb, "GET", paths[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
        r = sys(sb, "PUT", paths[i], NULL, "{\"version\":1}");
        assert_problem(r, 404);
        resp_free(r);
        /* The tenant is looked for before the body's type is. */
        r = sys_as(sb, "system", "system", "PUT", paths[i], NULL, "x", "text/plain");
        assert_problem(r, 404);
        resp_free(r);
        r = sys(sb, "DELETE", paths[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
    }
    /* An unknown path under /system/ is answered in the same style. */
    const char *routes[] = {SYS "/", "/system/nothing", SYS "/" UNKNOWN_UUID "/more"};
    for (size_t i = 0; i < ARRAY_SIZE(routes); i++) {
        struct resp *r = sys(sb, "GET", routes[i], NULL, NULL);
        assert_problem(r, 404);
        resp_free(r);
    }
    sandbox_stop(sb);
}

static void test_other_methods_are_405(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *item = xasprintf(SYS "/%s", member_string(tenant_at(all, 1), "uuid"));
    struct {
        const char *method, *path, *allow;
    } calls[] = {
        {"PATCH", item, "GET, PUT, DELETE"},
        {"POST", item, "GET, PUT, DELETE"},
        {"PUT", SYS, "GET, POST"},
        {"DELETE", SYS, "GET, POST"},
        {"PATCH", SYS, "GET, POST"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct resp *r = sys(sb, calls[i].method, calls[i].path, NULL, "{}");
        assert_problem(r, 405);
        if (!r->allow || strcmp(r->allow, calls[i].allow) != 0)
            fail_msg("%s %s: Allow is %s, expected %s", calls[i].method, calls[i].path,
                     r->allow ? r->allow : "(none)", calls[i].allow);
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25);
    free(item);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ create */

static void test_create_answers_200_with_the_tenant(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    time_t before = time(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"plan\":\"gold\"},\"version\":1}");
    assert_status(r, 200);
    assert_type(r, JSON);
    cJSON *t = resp_json(r);
    assert_tenant(t, false, false);
    assert_int_equal(member_int(t, "id"), 26);
    const char *uuid = member_string(t, "uuid");
    assert_int_equal(uuid[14], '4'); /* a version-4 UUID */
    assert_string_equal(member_string(t, "createdAt"), member_string(t, "updatedAt"));
    time_t created = time_of(member_string(t, "createdAt"));
    assert_true(created >= before - 1 && created <= time(NULL) + 1);
    cJSON *want = json_literal("{\"plan\":\"gold\"}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(t, "data"), want, true));
    cJSON_Delete(want);
    assert_int_equal(member_int(t, "version"), 1);

    /* It is listed last and answers GET as created. */
    cJSON *all = all_tenants(sb);
    assert_int_equal(cJSON_GetArraySize(all), 26);
    assert_true(cJSON_Compare(tenant_at(all, 26), t, true));
    char *path = xasprintf(SYS "/%s", uuid);
    struct resp *g = sys(sb, "GET", path, JSON, NULL);
    assert_status(g, 200);
    assert_true(cJSON_Compare(resp_json(g), t, true));
    resp_free(g);
    free(path);
    cJSON_Delete(all);
    resp_free(r);

    /* In JSON-LD by default. */
    r = sys(sb, "POST", SYS, NULL, "{\"data\":{},\"version\":3}");
    assert_status(r, 200);
    assert_type(r, LD);
    assert_tenant(resp_json(r), true, false);
    assert_string_equal(member_string(resp_json(r), "@context"), "/contexts/Tenant");
    assert_int_equal(member_int(resp_json(r), "id"), 27);
    assert_int_equal(member_int(resp_json(r), "version"), 3);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_post_status_201(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--post-status", "201", NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":1}");
    assert_status(r, 201);
    assert_tenant(resp_json(r), false, false);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    sandbox_stop(sb);
}

static void test_create_with_uuid_and_taken_uuid(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON,
                         "{\"uuid\":\"D928B020-94F6-4928-A510-04FC49D5A174\",\"data\":{},"
                         "\"version\":1}");
    assert_status(r, 200);
    assert_string_equal(member_string(resp_json(r), "uuid"),
                        "d928b020-94f6-4928-a510-04fc49d5a174");
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON,
            "{\"uuid\":\"d928b020-94f6-4928-a510-04fc49d5a174\",\"data\":{},\"version\":1}");
    assert_violation(r, "uuid", "This value is already used.");
    resp_free(r);
    /* A seeded tenant's uuid is taken too. */
    cJSON *all = all_tenants(sb);
    char *body = xasprintf("{\"uuid\":\"%s\",\"data\":{},\"version\":1}",
                           member_string(tenant_at(all, 3), "uuid"));
    r = sys(sb, "POST", SYS, JSON, body);
    assert_violation(r, "uuid", "This value is already used.");
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    /* A deleted tenant's uuid is free again. */
    char *path = xasprintf(SYS "/%s", member_string(tenant_at(all, 3), "uuid"));
    r = sys(sb, "DELETE", path, NULL, NULL);
    assert_status(r, 204);
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON, body);
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "id"), 27);
    resp_free(r);
    free(path);
    free(body);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_create_violations(void **state)
{
    (void)state;
    static const struct {
        const char *body, *path, *message;
    } cases[] = {
        {"{\"version\":1}", "data", "This value should not be blank."},
        {"{\"data\":null,\"version\":1}", "data", "This value should not be blank."},
        {"{\"data\":[],\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":\"x\",\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":3,\"version\":1}", "data", "This value should be of type object."},
        {"{\"data\":{}}", "version", "This value should not be blank."},
        {"{\"data\":{},\"version\":null}", "version", "This value should not be blank."},
        {"{\"data\":{},\"version\":1.5}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":\"1\"}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":true}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":{}}", "version", "This value should be of type integer."},
        {"{\"data\":{},\"version\":0}", "version", "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":-3}", "version", "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":2147483648}", "version",
         "This value should be between 1 and 2147483647."},
        {"{\"data\":{},\"version\":1e300}", "version",
         "This value should be between 1 and 2147483647."},
        {"{\"uuid\":\"nope\",\"data\":{},\"version\":1}", "uuid", "This is not a valid UUID."},
        {"{\"uuid\":42,\"data\":{},\"version\":1}", "uuid", "This value should be of type string."},
        {"{\"data\":{},\"version\":1,\"name\":\"x\"}", "name", "This field was not expected."},
        {"{\"data\":{},\"version\":1,\"@context\":\"/contexts/Tenant\"}", "@context",
         "This field was not expected."},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "POST", SYS, JSON, cases[i].body);
        if (r->status != 400)
            fail_msg("POST %s: expected 400, got %ld: %s", cases[i].body, r->status, r->body);
        assert_violation(r, cases[i].path, cases[i].message);
        resp_free(r);
    }
    /* Every problem at once, one line of detail each. */
    struct resp *r = sys(sb, "POST", SYS, JSON, "{}");
    cJSON *j = assert_problem(r, 400);
    assert_string_equal(json_get_string(j, "detail"),
                        "data: This value should not be blank.\n"
                        "version: This value should not be blank.");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(j, "violations")), 2);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 25); /* nothing was created */

    /* The largest version is fine; read-only members are ignored. */
    r = sys(sb, "POST", SYS, JSON,
            "{\"id\":99,\"createdAt\":\"1999-01-01T00:00:00+00:00\",\"data\":{},"
            "\"version\":2147483647}");
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "id"), 26);
    assert_int_equal(member_int(resp_json(r), "version"), 2147483647);
    assert_true(strncmp(member_string(resp_json(r), "createdAt"), "1999", 4) != 0);
    resp_free(r);
    sandbox_stop(sb);
}

static void test_malformed_body_is_400(void **state)
{
    (void)state;
    const char *bodies[] = {"{", "", "[1]", "42", "{\"data\":{},\"version\":1} x",
                            "{\"data\":{\"a\":\"\\u0000\"},\"version\":1}"};
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bodies); i++) {
        struct resp *r = sys(sb, "POST", SYS, JSON, bodies[i]);
        cJSON *j = assert_problem(r, 400);
        assert_null(cJSON_GetObjectItemCaseSensitive(j, "violations"));
        const char *detail = json_get_string(j, "detail");
        assert_true(strstr(detail, "JSON") || strstr(detail, "misformatted"));
        resp_free(r);
    }
    assert_int_equal(total_of(sb, SYS), 25);
    sandbox_stop(sb);
}

static void test_content_type_must_be_json(void **state)
{
    (void)state;
    const char *body = "{\"data\":{},\"version\":1}";
    const char *refused[] = {"text/plain", "application/ld+json", "application/x-www-form-urlencoded",
                             NULL};
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(refused); i++) {
        struct resp *r = sys_as(sb, "system", "system", "POST", SYS, JSON, body, refused[i]);
        assert_problem(r, 415);
        resp_free(r);
    }
    struct resp *r =
        sys_as(sb, "system", "system", "POST", SYS, JSON, body, "Application/JSON; charset=utf-8");
    assert_status(r, 200);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS), 26);
    sandbox_stop(sb);
}

static void test_body_over_limit_is_413(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    size_t n = BODY_LIMIT + 10;
    char *big = xmalloc(n + 1);
    memset(big, ' ', n);
    memcpy(big, "{\"data\":{},\"version\":1}", 23);
    big[n] = '\0';
    struct resp *r = sys(sb, "POST", SYS, JSON, big);
    assert_problem(r, 413);
    resp_free(r);
    free(big);
    assert_int_equal(total_of(sb, SYS), 25);
    sandbox_stop(sb);
}

static void test_hostile_data_round_trips(void **state)
{
    (void)state;
    const char *data = "{\"name\":\"\\u001b[31mRed\\u0007\\n\",\"nested\":{\"list\":[1,\"two\","
                       "null,true,{\"deep\":\"\\u00e9\\ud83d\\ude80\"}]},\"n\":1.25}";
    struct sandbox *sb = sandbox_start(NULL);
    char *body = xasprintf("{\"data\":%s,\"version\":1}", data);
    struct resp *r = sys(sb, "POST", SYS, JSON, body);
    assert_status(r, 200);
    cJSON *want = json_literal(data);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    struct resp *g = sys(sb, "GET", path, NULL, NULL);
    assert_status(g, 200);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(g), "data"), want, true));
    resp_free(g);
    free(path);
    cJSON_Delete(want);
    resp_free(r);
    free(body);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ update */

static void test_update_bumps_version_and_replaces_data(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 5);
    long long v = member_int(row, "version");
    const char *uuid = member_string(row, "uuid");
    char *path = xasprintf(SYS "/%s", uuid);
    time_t before = time(NULL);

    char *body = xasprintf("{\"data\":{\"x\":1},\"version\":%lld}", v);
    struct resp *r = sys(sb, "PUT", path, JSON, body);
    assert_status(r, 200);
    assert_type(r, JSON);
    cJSON *t = resp_json(r);
    assert_tenant(t, false, false);
    assert_int_equal(member_int(t, "id"), 5);
    assert_string_equal(member_string(t, "uuid"), uuid);
    assert_int_equal(member_int(t, "version"), v + 1);
    assert_string_equal(member_string(t, "createdAt"), member_string(row, "createdAt"));
    time_t updated = time_of(member_string(t, "updatedAt"));
    assert_true(updated >= before - 1 && updated <= time(NULL) + 1);
    cJSON *want = json_literal("{\"x\":1}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(t, "data"), want, true));
    resp_free(r);
    free(body);

    /* Without data the data stays; the uuid may be repeated (in any case). */
    char *upper = xstrdup(uuid);
    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    body = xasprintf("{\"uuid\":\"%s\",\"version\":%lld}", upper, v + 1);
    r = sys(sb, "PUT", path, NULL, body);
    assert_status(r, 200);
    assert_type(r, LD);
    assert_tenant(resp_json(r), true, false);
    assert_int_equal(member_int(resp_json(r), "version"), v + 2);
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    resp_free(r);
    free(body);

    /* The events say which version each PUT wrote. */
    char *line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 0);
    assert_event_field(line, "id", uuid);
    char *vs = xasprintf("%lld", v + 1);
    assert_event_field(line, "version", vs);
    free(vs);
    free(line);
    line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 1);
    vs = xasprintf("%lld", v + 2);
    assert_event_field(line, "version", vs);
    free(vs);
    free(line);

    /* Others are untouched. */
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(tenant_at(after, 4), tenant_at(all, 4), true));
    assert_true(cJSON_Compare(tenant_at(after, 6), tenant_at(all, 6), true));
    assert_int_equal(member_int(tenant_at(after, 5), "version"), v + 2);
    cJSON_Delete(after);
    cJSON_Delete(want);
    free(upper);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_stale_version_is_409(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"a\":1},\"version\":1}");
    assert_status(r, 200);
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"version\":1}");
    assert_status(r, 200);
    resp_free(r);
    const char *stale[] = {"{\"version\":1,\"data\":{\"b\":2}}", "{\"version\":7}"};
    const char *details[] = {"The version 1 is stale: the tenant is at version 2.",
                             "The version 7 is stale: the tenant is at version 2."};
    for (size_t i = 0; i < ARRAY_SIZE(stale); i++) {
        r = sys(sb, "PUT", path, JSON, stale[i]);
        cJSON *j = assert_problem(r, 409);
        assert_string_equal(json_get_string(j, "detail"), details[i]);
        resp_free(r);
    }
    /* Nothing changed. */
    r = sys(sb, "GET", path, JSON, NULL);
    assert_status(r, 200);
    assert_int_equal(member_int(resp_json(r), "version"), 2);
    cJSON *want = json_literal("{\"a\":1}");
    assert_true(cJSON_Compare(cJSON_GetObjectItemCaseSensitive(resp_json(r), "data"), want, true));
    cJSON_Delete(want);
    resp_free(r);
    char *line = event_nth(sb, "SYSTEM_TENANT_UPDATE_FAIL", 0);
    assert_event_field(line, "status", "409");
    assert_null(event_field(line, "version"));
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_SUCCESS"), 1);
    free(path);
    sandbox_stop(sb);
}

static void test_conflict_status_500(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--conflict-status", "500", NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 1);
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    char *body = xasprintf("{\"version\":%lld}", member_int(row, "version") + 1);
    struct resp *r = sys(sb, "PUT", path, JSON, body);
    cJSON *j = assert_problem(r, 500);
    assert_string_equal(json_get_string(j, "detail"), "Internal Server Error");
    resp_free(r);
    free(body);
    /* The right version still goes through. */
    body = xasprintf("{\"version\":%lld}", member_int(row, "version"));
    r = sys(sb, "PUT", path, JSON, body);
    assert_status(r, 200);
    resp_free(r);
    free(body);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_update_violations(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 2);
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    long long v = member_int(row, "version");
    char *other = xasprintf("{\"uuid\":\"%s\",\"version\":%lld}",
                            member_string(tenant_at(all, 3), "uuid"), v);
    char *bad_data = xasprintf("{\"data\":[],\"version\":%lld}", v);
    char *null_data = xasprintf("{\"data\":null,\"version\":%lld}", v);
    char *extra = xasprintf("{\"version\":%lld,\"plan\":\"x\"}", v);
    struct {
        const char *body, *path, *message;
    } cases[] = {
        {"{}", "version", "This value should not be blank."},
        {"{\"data\":{}}", "version", "This value should not be blank."},
        {"{\"version\":\"1\"}", "version", "This value should be of type integer."},
        {"{\"version\":2.5}", "version", "This value should be of type integer."},
        {other, "uuid", NULL},
        {bad_data, "data", "This value should be of type object."},
        {null_data, "data", "This value should not be blank."},
        {extra, "plan", "This field was not expected."},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct resp *r = sys(sb, "PUT", path, JSON, cases[i].body);
        if (r->status != 400)
            fail_msg("PUT %s: expected 400, got %ld: %s", cases[i].body, r->status, r->body);
        assert_violation(r, cases[i].path, cases[i].message);
        resp_free(r);
    }
    struct resp *r = sys_as(sb, "system", "system", "PUT", path, JSON, "{}", "text/plain");
    assert_problem(r, 415);
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"version\":");
    assert_problem(r, 400);
    resp_free(r);
    cJSON *after = all_tenants(sb);
    assert_true(cJSON_Compare(after, all, true)); /* nothing changed */
    cJSON_Delete(after);
    free(extra);
    free(null_data);
    free(bad_data);
    free(other);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* PUT the same body to path n times at once (curl_multi); store each status. */
static void put_at_once(struct sandbox *sb, const char *path, const char *body, int n,
                        long *status)
{
    char *url = sandbox_url(sb, path);
    char *basic = basic_auth("system", "system");
    char *auth = xasprintf("Authorization: %s", basic);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    CURLM *multi = curl_multi_init();
    CURL **easy = xcalloc((size_t)n, sizeof *easy);
    struct strbuf *out = xcalloc((size_t)n, sizeof *out);
    for (int i = 0; i < n; i++) {
        easy[i] = curl_easy_init();
        curl_easy_setopt(easy[i], CURLOPT_URL, url);
        curl_easy_setopt(easy[i], CURLOPT_PROXY, "");
        curl_easy_setopt(easy[i], CURLOPT_NOPROXY, "*");
        curl_easy_setopt(easy[i], CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy[i], CURLOPT_CUSTOMREQUEST, "PUT");
        curl_easy_setopt(easy[i], CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(easy[i], CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy[i], CURLOPT_WRITEFUNCTION, harness_write_cb);
        curl_easy_setopt(easy[i], CURLOPT_WRITEDATA, &out[i]);
        curl_easy_setopt(easy[i], CURLOPT_TIMEOUT, 120L);
        curl_multi_add_handle(multi, easy[i]);
    }
    int still = n;
    while (still > 0) {
        assert_int_equal(curl_multi_perform(multi, &still), CURLM_OK);
        if (still > 0)
            assert_int_equal(curl_multi_poll(multi, NULL, 0, 1000, NULL), CURLM_OK);
    }
    for (int i = 0; i < n; i++) {
        status[i] = 0;
        curl_easy_getinfo(easy[i], CURLINFO_RESPONSE_CODE, &status[i]);
        sb_free(&out[i]);
        curl_multi_remove_handle(multi, easy[i]);
        curl_easy_cleanup(easy[i]);
    }
    curl_multi_cleanup(multi);
    free(out);
    free(easy);
    curl_slist_free_all(headers);
    free(auth);
    free(basic);
    free(url);
}

static void test_parallel_updates_of_one_version_let_one_win(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const cJSON *row = tenant_at(all, 9);
    long long v = member_int(row, "version");
    char *path = xasprintf(SYS "/%s", member_string(row, "uuid"));
    char *body = xasprintf("{\"version\":%lld}", v);
    long status[PARALLEL];
    put_at_once(sb, path, body, PARALLEL, status);
    int won = 0, conflicts = 0;
    for (int i = 0; i < PARALLEL; i++) {
        won += status[i] == 200;
        conflicts += status[i] == 409;
    }
    assert_int_equal(won, 1);
    assert_int_equal(conflicts, PARALLEL - 1);
    struct resp *r = sys(sb, "GET", path, JSON, NULL);
    assert_int_equal(member_int(resp_json(r), "version"), v + 1);
    resp_free(r);
    free(body);
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ delete */

static void test_delete_removes_the_tenant(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    char *path = xasprintf(SYS "/%s", member_string(tenant_at(all, 5), "uuid"));
    struct resp *r = sys(sb, "DELETE", path, NULL, NULL);
    assert_status(r, 204);
    assert_int_equal(r->len, 0);
    resp_free(r);
    r = sys(sb, "GET", path, NULL, NULL);
    assert_problem(r, 404);
    resp_free(r);
    r = sys(sb, "DELETE", path, NULL, NULL);
    assert_problem(r, 404);
    resp_free(r);
    r = sys(sb, "PUT", path, NULL, "{\"version\":1}");
    assert_problem(r, 404);
    resp_free(r);
    /* The others keep their ids; the list and its total skip the deleted one. */
    assert_int_equal(total_of(sb, SYS), 24);
    assert_ids(sb, SYS "?id[]=4&id[]=5&id[]=6", "4,6");
    assert_ids(sb, SYS, "1,2,3,4,6,7,8,9,10,11");
    assert_ids(sb, SYS "?page=3", "22,23,24,25");
    free(path);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ filters */

static void test_id_filters(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    assert_ids(sb, SYS "?id=3", "3");
    assert_ids(sb, SYS "?id[]=5&id[]=2&id[]=5", "2,5");
    assert_ids(sb, SYS "?id%5B%5D=7&id%5B%5D=1", "1,7");
    assert_ids(sb, SYS "?id[0]=4&id[1]=6", "4,6");
    assert_ids(sb, SYS "?id=2&id[]=9", "2,9");
    assert_ids(sb, SYS "?id=999", "");
    assert_ids(sb, SYS "?id=0&id=-1", "");
    assert_int_equal(total_of(sb, SYS "?id[]=1&id[]=2&id[]=3&limit=2"), 3);
    const char *bad[][2] = {{"?id=abc", "id"}, {"?id[]=1.5", "id[]"}, {"?id=", "id"},
                            {"?id[]=1&id[]=x", "id[]"}, {"?id[x]=1", "id[x]"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, NULL, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    sandbox_stop(sb);
}

static void test_uuid_filters(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const char *u3 = member_string(tenant_at(all, 3), "uuid");
    const char *u8 = member_string(tenant_at(all, 8), "uuid");
    char *path = xasprintf(SYS "?uuid=%s", u3);
    assert_ids(sb, path, "3");
    free(path);
    path = xasprintf(SYS "?uuid[]=%s&uuid[]=%s&uuid[]=%s", u8, u3, u8);
    assert_ids(sb, path, "3,8");
    free(path);
    char *upper = xstrdup(u8);
    for (char *p = upper; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    path = xasprintf(SYS "?uuid=%s", upper);
    assert_ids(sb, path, "8");
    free(path);
    path = xasprintf(SYS "?uuid=%s", UNKNOWN_UUID);
    assert_ids(sb, path, "");
    free(path);
    /* Filters combine. */
    path = xasprintf(SYS "?id=3&uuid=%s", u8);
    assert_ids(sb, path, "");
    free(path);
    path = xasprintf(SYS "?id[]=3&id[]=8&uuid=%s", u8);
    assert_ids(sb, path, "8");
    free(path);
    const char *bad[][2] = {{"?uuid=nope", "uuid"}, {"?uuid[]=1", "uuid[]"},
                            {"?uuid[foo]=x", "uuid[foo]"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        path = xasprintf(SYS "%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, NULL, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    free(upper);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

/* How many of all have member key (a time) at or before (cmp < 0: strictly before...) t. */
static long long count_times(const cJSON *all, const char *key, const char *t, bool before)
{
    long long n = 0;
    const cJSON *row;
    cJSON_ArrayForEach(row, all)
    {
        int c = strcmp(member_string(row, key), t);
        n += before ? c <= 0 : c >= 0;
    }
    return n;
}

/* GET SYS?key=value (value %-encoded) and return hydra:totalItems. */
static long long total_with(struct sandbox *sb, const char *key, const char *value)
{
    char *esc = url_escape(value);
    char *path = xasprintf(SYS "?%s=%s", key, esc);
    long long n = total_of(sb, path);
    free(path);
    free(esc);
    return n;
}

static void test_date_filters_are_inclusive(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    const char *c12 = member_string(tenant_at(all, 12), "createdAt");
    assert_int_equal(total_with(sb, "createdAt[before]", c12), 12);
    assert_int_equal(total_with(sb, "createdAt[after]", c12), 14);
    assert_int_equal(total_with(sb, "createdAt[strictly_before]", c12), 11);
    assert_int_equal(total_with(sb, "createdAt[strictly_after]", c12), 13);
    char *esc = url_escape(c12);
    char *path = xasprintf(SYS "?createdAt[after]=%s&createdAt[before]=%s", esc, esc);
    assert_ids(sb, path, "12");
    free(path);
    /* One second later or earlier leaves the row out. */
    char later[32], earlier[32];
    time_t t = time_of(c12);
    strftime(later, sizeof later, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){t + 1}));
    strftime(earlier, sizeof earlier, "%Y-%m-%dT%H:%M:%SZ", gmtime(&(time_t){t - 1}));
    assert_int_equal(total_with(sb, "createdAt[after]", later), 13);
    assert_int_equal(total_with(sb, "createdAt[before]", earlier), 11);
    free(esc);

    /* updatedAt, on a tenant updated after its creation. */
    const cJSON *row = NULL, *r;
    cJSON_ArrayForEach(r, all)
        if (!row && member_int(r, "version") > 1)
            row = r;
    assert_non_null(row);
    const char *u = member_string(row, "updatedAt");
    assert_int_equal(total_with(sb, "updatedAt[before]", u), count_times(all, "updatedAt", u, true));
    assert_int_equal(total_with(sb, "updatedAt[after]", u), count_times(all, "updatedAt", u, false));
    esc = url_escape(u);
    path = xasprintf(SYS "?updatedAt[after]=%s&updatedAt[before]=%s&limit=100", esc, esc);
    struct resp *lr = list_get(sb, path, JSON);
    const cJSON *m;
    cJSON_ArrayForEach(m, members(lr))
        assert_string_equal(member_string(m, "updatedAt"), u);
    assert_non_null(find_by(members(lr), "uuid", member_string(row, "uuid")));
    resp_free(lr);
    free(path);
    free(esc);

    /* One instant, written many ways, gives the same totals. */
    const char *same[] = {"2022-01-01",
                          "2022-01-01T00:00:00",
                          "2022-01-01T00:00",
                          "2022-01-01T00:00:00Z",
                          "2022-01-01T00:00:00.000Z",
                          "2022-01-01T00:00:00.000000+00:00",
                          "2022-01-01T02:00:00+02:00",
                          "2022-01-01T02:00:00+0200",
                          "2022-01-01T02:00:00.000+02",
                          "2021-12-31T19:00:00-05:00"};
    long long want_before = count_times(all, "createdAt", "2022-01-01T00:00:00+00:00", true);
    long long want_after = count_times(all, "createdAt", "2022-01-01T00:00:00+00:00", false);
    assert_true(want_before > 0 && want_after > 0);
    for (size_t i = 0; i < ARRAY_SIZE(same); i++) {
        if (total_with(sb, "createdAt[before]", same[i]) != want_before ||
            total_with(sb, "createdAt[after]", same[i]) != want_after)
            fail_msg("createdAt %s does not count as 2022-01-01 midnight UTC", same[i]);
    }
    /* An unencoded '+' arrives as a space, and still means +. */
    assert_int_equal(total_of(sb, SYS "?createdAt[before]=2022-01-01T02:00:00+02:00"),
                     want_before);
    /* Both bounds together. */
    assert_int_equal(total_of(sb, SYS "?createdAt[after]=2018-01-01&createdAt[before]=2030-01-01"),
                     25);
    assert_int_equal(total_of(sb, SYS "?createdAt[after]=2026-01-01"), 0);
    assert_int_equal(total_of(sb, SYS "?createdAt[before]=2024-02-29"),
                     count_times(all, "createdAt", "2024-02-29T00:00:00+00:00", true));
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_bad_dates_and_unknown_filters_are_400(void **state)
{
    (void)state;
    const char *bad[][2] = {
        {"createdAt[before]=2021-13-01", "createdAt[before]"},
        {"createdAt[before]=2021-02-29", "createdAt[before]"},
        {"createdAt[after]=yesterday", "createdAt[after]"},
        {"createdAt[after]=", "createdAt[after]"},
        {"updatedAt[before]=2021-01-01T25:00:00", "updatedAt[before]"},
        {"updatedAt[after]=2021-01-01T10:00:00%2B25:00", "updatedAt[after]"},
        {"updatedAt[after]=2021-01-01T10:00:00.Z", "updatedAt[after]"},
        {"updatedAt[after]=2021-1-1", "updatedAt[after]"},
        {"createdAt[around]=2021-01-01", "createdAt[around]"},
        {"createdAt=2021-01-01", "createdAt"},
        {"updatedAt[before][]=2021-01-01", "updatedAt[before][]"},
    };
    struct sandbox *sb = sandbox_start(NULL);
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        struct resp *r = sys(sb, "GET", path, JSON, NULL);
        if (r->status != 400)
            fail_msg("GET %s: expected 400, got %ld", path, r->status);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    /* Every bad parameter is named at once; unknown parameters are ignored. */
    struct resp *r = sys(sb, "GET", SYS "?id=x&createdAt[before]=x&page=0&foo=bar", NULL, NULL);
    assert_violation(r, "id", NULL);
    assert_violation(r, "createdAt[before]", NULL);
    assert_violation(r, "page", NULL);
    resp_free(r);
    assert_int_equal(total_of(sb, SYS "?foo=bar&sort=id"), 25);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ paging */

static void test_paging_with_default_names(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 25);
    const cJSON *v = view(r);
    assert_non_null(v);
    assert_string_equal(member_string(v, "@id"), SYS "?page=1");
    assert_string_equal(member_string(v, "hydra:first"), SYS "?page=1");
    assert_string_equal(member_string(v, "hydra:last"), SYS "?page=3");
    assert_string_equal(member_string(v, "hydra:next"), SYS "?page=2");
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:previous"));
    resp_free(r);

    r = list_get(sb, SYS "?page=3", NULL);
    char *ids = ids_of(r);
    assert_string_equal(ids, "21,22,23,24,25");
    free(ids);
    v = view(r);
    assert_string_equal(member_string(v, "@id"), SYS "?page=3");
    assert_string_equal(member_string(v, "hydra:previous"), SYS "?page=2");
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:next"));
    resp_free(r);

    /* The links keep the filters and the limit, in the order sent, and the page goes last. */
    r = list_get(sb, SYS "?page=2&createdAt[after]=2018-01-01&limit=4&id[]=1&id[]=2&id[]=3"
                     "&id[]=4&id[]=5&id[]=6",
                 NULL);
    ids = ids_of(r);
    assert_string_equal(ids, "5,6");
    free(ids);
    v = view(r);
    assert_string_equal(member_string(v, "@id"),
                        SYS "?createdAt%5Bafter%5D=2018-01-01&limit=4&id%5B%5D=1&id%5B%5D=2"
                            "&id%5B%5D=3&id%5B%5D=4&id%5B%5D=5&id%5B%5D=6&page=2");
    assert_int_equal(link_page(member_string(v, "hydra:last"), "page"), 2);
    assert_null(cJSON_GetObjectItemCaseSensitive(v, "hydra:next"));
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 6);
    resp_free(r);

    /* Past the end: an empty page, the total still right. */
    r = list_get(sb, SYS "?page=4", NULL);
    assert_int_equal(cJSON_GetArraySize(members(r)), 0);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 25);
    resp_free(r);
    r = list_get(sb, SYS "?page=9223372036854775807&limit=1000", JSON);
    assert_string_equal(r->body, "[]");
    resp_free(r);

    /* Everything on one page: no hydra:view. */
    r = list_get(sb, SYS "?limit=25", NULL);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    assert_null(view(r));
    resp_free(r);
    r = list_get(sb, SYS "?limit=1000", JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 25);
    resp_free(r);

    const char *bad[][2] = {{"page=0", "page"},     {"page=-1", "page"},   {"page=abc", "page"},
                            {"page=", "page"},      {"page=1.5", "page"},  {"limit=0", "limit"},
                            {"limit=1001", "limit"}, {"limit=x", "limit"}, {"limit=-5", "limit"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        r = sys(sb, "GET", path, JSON, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }
    /* _page and _limit are nobody's here. */
    assert_ids(sb, SYS "?_page=2&_limit=2", "1,2,3,4,5,6,7,8,9,10");
    sandbox_stop(sb);
}

static void test_walk_by_hydra_next(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    cJSON *all = all_tenants(sb);
    struct strlist uuids = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?limit=7", "page", &uuids, &total), 4);
    assert_int_equal(total, 25);
    assert_int_equal(uuids.n, 25);
    for (size_t i = 0; i < uuids.n; i++) /* in id order, each once */
        assert_string_equal(uuids.v[i], member_string(tenant_at(all, (long long)i + 1), "uuid"));
    strlist_free(&uuids);

    /* A filtered walk keeps its filter on every page. */
    char *esc = url_escape(member_string(tenant_at(all, 10), "createdAt"));
    char *path = xasprintf(SYS "?createdAt[after]=%s&limit=4", esc);
    assert_int_equal(walk_hydra(sb, path, "page", &uuids, &total), 4);
    assert_int_equal(total, 16);
    assert_int_equal(uuids.n, 16);
    for (size_t i = 0; i < uuids.n; i++)
        assert_string_equal(uuids.v[i], member_string(tenant_at(all, (long long)i + 10), "uuid"));
    strlist_free(&uuids);
    free(path);
    free(esc);

    /* One page exactly full: no next, and last is that page. */
    assert_int_equal(walk_hydra(sb, SYS "?limit=5", "page", &uuids, &total), 5);
    assert_int_equal(uuids.n, 25);
    assert_true(strlist_unique(&uuids));
    strlist_free(&uuids);
    cJSON_Delete(all);
    sandbox_stop(sb);
}

static void test_renamed_page_params(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--page-params", "_page,_limit", "--system-tenants", "250", NULL);
    /* The limit is cut to 100. */
    const char *capped[] = {SYS "?_limit=500", SYS "?_limit=100", SYS "?_limit=1000",
                            SYS "?_limit=100000"};
    for (size_t i = 0; i < ARRAY_SIZE(capped); i++) {
        struct resp *r = list_get(sb, capped[i], NULL);
        assert_int_equal(cJSON_GetArraySize(members(r)), 100);
        assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 250);
        assert_int_equal(link_page(member_string(view(r), "hydra:last"), "_page"), 3);
        resp_free(r);
    }
    struct resp *r = list_get(sb, SYS "?_limit=500", NULL);
    assert_string_equal(member_string(view(r), "hydra:next"), SYS "?_limit=500&_page=2");
    resp_free(r);
    assert_ids(sb, SYS "?_page=3&_limit=3", "7,8,9");
    r = list_get(sb, SYS "?_page=2&_limit=100", JSON);
    assert_int_equal(member_int(cJSON_GetArrayItem(members(r), 0), "id"), 101);
    assert_int_equal(member_int(cJSON_GetArrayItem(members(r), 99), "id"), 200);
    resp_free(r);
    r = list_get(sb, SYS "?_page=3&_limit=100", JSON);
    assert_int_equal(cJSON_GetArraySize(members(r)), 50);
    resp_free(r);

    /* page and limit are ignored like any unknown parameter, and kept in the links. */
    r = list_get(sb, SYS "?page=2&limit=5", NULL);
    char *ids = ids_of(r);
    assert_string_equal(ids, "1,2,3,4,5,6,7,8,9,10");
    free(ids);
    assert_string_equal(member_string(view(r), "@id"), SYS "?page=2&limit=5&_page=1");
    assert_string_equal(member_string(view(r), "hydra:last"), SYS "?page=2&limit=5&_page=25");
    resp_free(r);
    r = sys(sb, "GET", SYS "?limit=0&page=0", NULL, NULL);
    assert_status(r, 200);
    resp_free(r);

    const char *bad[][2] = {{"_page=0", "_page"}, {"_page=x", "_page"}, {"_limit=0", "_limit"},
                            {"_limit=abc", "_limit"}};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        char *path = xasprintf(SYS "?%s", bad[i][0]);
        r = sys(sb, "GET", path, JSON, NULL);
        assert_violation(r, bad[i][1], NULL);
        resp_free(r);
        free(path);
    }

    struct strlist uuids = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?_limit=1000", "_page", &uuids, &total), 3);
    assert_int_equal(total, 250);
    assert_int_equal(uuids.n, 250);
    assert_true(strlist_unique(&uuids));
    strlist_free(&uuids);
    sandbox_stop(sb);
}

static void test_walk_of_ten_thousand(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "10000", NULL);
    struct strlist uuids = {0};
    double t0 = mono_now();
    long long expect_id = 1;
    for (int page = 1;; page++) {
        char *path = xasprintf(SYS "?page=%d&limit=1000", page);
        struct resp *r = list_get(sb, path, JSON);
        free(path);
        int n = cJSON_GetArraySize(members(r));
        if (n == 0) {
            assert_int_equal(page, 11);
            resp_free(r);
            break;
        }
        assert_int_equal(n, 1000);
        const cJSON *t;
        cJSON_ArrayForEach(t, members(r))
        {
            assert_int_equal(member_int(t, "id"), expect_id++);
            strlist_add(&uuids, member_string(t, "uuid"));
        }
        resp_free(r);
    }
    assert_int_equal(uuids.n, 10000);
    assert_true(strlist_unique(&uuids));
    double json_walk = mono_now() - t0;

    /* The same walk in JSON-LD by hydra:next returns the same uuids in the same order. */
    struct strlist ld = {0};
    long long total;
    assert_int_equal(walk_hydra(sb, SYS "?limit=1000", "page", &ld, &total), 10);
    assert_int_equal(total, 10000);
    assert_int_equal(ld.n, 10000);
    for (size_t i = 0; i < ld.n; i++)
        assert_string_equal(ld.v[i], uuids.v[i]);
    strlist_free(&ld);
    strlist_free(&uuids);
    if (json_walk > 30.0)
        fail_msg("walking 10,000 tenants took %.1f s", json_walk);
    sandbox_stop(sb);
}

static void test_a_million_start_and_page_fast(void **state)
{
    (void)state;
    double t0 = mono_now();
    struct sandbox *sb = sandbox_start("--system-tenants", "1000000", NULL);
    double started = mono_now() - t0;
    struct resp *r = list_get(sb, SYS "?page=50000&limit=20", NULL);
    assert_int_equal(member_int(resp_json(r), "hydra:totalItems"), 1000000);
    char *ids = ids_of(r);
    assert_true(strncmp(ids, "999981,999982,", 14) == 0);
    free(ids);
    assert_null(cJSON_GetObjectItemCaseSensitive(view(r), "hydra:next"));
    assert_true(r->seconds < 5.0);
    resp_free(r);
    assert_ids(sb, SYS "?id=654321", "654321");
    if (started > 30.0) /* seconds normally; a sanitizer build is slower */
        fail_msg("a million system tenants took %.1f s to start", started);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ --write-only-data */

static void test_write_only_data_leaves_data_out(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--write-only-data", NULL);
    const char *accepts[] = {JSON, LD};
    for (size_t i = 0; i < ARRAY_SIZE(accepts); i++) {
        struct resp *r = list_get(sb, SYS "?limit=1000", accepts[i]);
        const cJSON *t;
        assert_int_equal(cJSON_GetArraySize(members(r)), 25);
        cJSON_ArrayForEach(t, members(r))
            assert_tenant(t, i == 1, true);
        resp_free(r);
    }
    struct resp *r = sys(sb, "POST", SYS, JSON, "{\"data\":{\"secret\":\"s\"},\"version\":1}");
    assert_status(r, 200);
    assert_tenant(resp_json(r), false, true);
    assert_null(strstr(r->body, "secret"));
    char *path = xasprintf(SYS "/%s", member_string(resp_json(r), "uuid"));
    resp_free(r);
    r = sys(sb, "GET", path, NULL, NULL);
    assert_status(r, 200);
    assert_tenant(resp_json(r), true, true);
    resp_free(r);
    r = sys(sb, "PUT", path, JSON, "{\"data\":{\"secret\":\"t\"},\"version\":1}");
    assert_status(r, 200);
    assert_tenant(resp_json(r), false, true);
    assert_int_equal(member_int(resp_json(r), "version"), 2);
    resp_free(r);
    free(path);
    /* Data is still required on create. */
    r = sys(sb, "POST", SYS, JSON, "{\"version\":1}");
    assert_violation(r, "data", NULL);
    resp_free(r);
    sandbox_stop(sb);
}

/* ------------------------------------------------------------------ events, faults, hardening */

static void test_events_of_every_operation(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = list_get(sb, SYS, NULL);
    resp_free(r);
    char *start = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_START", 0);
    char *line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS", 0);
    char *req = event_field(start, "req");
    assert_event_field(line, "req", req);
    assert_event_field(line, "method", "GET");
    assert_event_field(line, "path", SYS);
    assert_event_field(line, "status", "200");
    free(req);
    free(line);
    free(start);

    r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":4}");
    assert_status(r, 200);
    char *uuid = xstrdup(member_string(resp_json(r), "uuid"));
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_CREATE_SUCCESS", 0);
    assert_event_field(line, "status", "200");
    assert_event_field(line, "id", uuid);
    assert_event_field(line, "version", "4");
    free(line);

    char *path = xasprintf(SYS "/%s", uuid);
    r = sys(sb, "GET", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_SUCCESS", 0);
    assert_event_field(line, "path", path);
    assert_null(event_field(line, "version"));
    free(line);

    r = sys(sb, "PUT", path, NULL, "{\"version\":4}");
    assert_status(r, 200);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_UPDATE_SUCCESS", 0);
    assert_event_field(line, "id", uuid);
    assert_event_field(line, "version", "5");
    assert_event_field(line, "method", "PUT");
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_START"), 1);

    r = sys(sb, "DELETE", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_DELETE_SUCCESS", 0);
    assert_event_field(line, "status", "204");
    free(line);

    /* Refusals log _FAIL with the status and neither id nor version. */
    r = sys(sb, "POST", SYS, JSON, "{}");
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_CREATE_FAIL", 0);
    assert_event_field(line, "status", "400");
    assert_null(event_field(line, "id"));
    assert_null(event_field(line, "version"));
    free(line);
    r = sys_as(sb, "system", "wrong", "GET", path, NULL, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_FAIL", 0);
    assert_event_field(line, "status", "401");
    free(line);
    r = sys(sb, "DELETE", path, NULL, NULL);
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_DELETE_FAIL", 0);
    assert_event_field(line, "status", "404");
    free(line);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_CREATE_START"), 2);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_DELETE_START"), 2);
    assert_int_equal(events_count(sb, "TENANT_CREATE_START"), 0);
    free(path);
    free(uuid);
    sandbox_stop(sb);
}

static void test_faults_apply_to_system_routes(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--fail-rate", "1", "--fail-status", "503", NULL);
    struct resp *r = sys(sb, "GET", SYS, NULL, NULL);
    assert_problem(r, 503);
    assert_non_null(r->retry_after);
    assert_string_equal(r->retry_after, "1");
    resp_free(r);
    r = sys(sb, "POST", SYS, JSON, "{\"data\":{},\"version\":1}");
    assert_problem(r, 503);
    resp_free(r);
    char *line = event_nth(sb, "SYSTEM_TENANT_CREATE_FAIL", 0);
    assert_event_field(line, "fault", "fail");
    assert_event_field(line, "status", "503");
    free(line);
    sandbox_stop(sb);

    sb = sandbox_start("--malformed-rate", "1", NULL);
    r = sys(sb, "GET", SYS, JSON, NULL);
    assert_status(r, 200);
    assert_null(cJSON_Parse(r->body));
    resp_free(r);
    line = event_nth(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS", 0);
    assert_event_field(line, "fault", "malformed");
    free(line);
    sandbox_stop(sb);
}

static void test_nul_and_bad_escapes_are_400(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = sys(sb, "GET", SYS "?uuid=a%00b", NULL, NULL);
    assert_violation(r, "uuid", NULL);
    resp_free(r);
    r = sys(sb, "GET", SYS "/%zz", NULL, NULL);
    assert_problem(r, 400);
    resp_free(r);
    r = sys(sb, "GET", SYS "/%00", NULL, NULL);
    assert_problem(r, 400);
    resp_free(r);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_default_seed_is_25_tenants_as_jsonld),
        SANDBOX_TEST(test_system_tenants_flag_sets_count),
        SANDBOX_TEST(test_json_accept_gives_plain_array_of_ten),
        SANDBOX_TEST(test_accept_negotiation),
        SANDBOX_TEST(test_unacceptable_accept_is_406_everywhere),
        SANDBOX_TEST(test_same_seed_same_tenants_other_seed_others),
        SANDBOX_TEST(test_missing_or_wrong_credentials_are_401),
        SANDBOX_TEST(test_every_route_asks_for_credentials),
        SANDBOX_TEST(test_basic_is_not_accepted_on_v1),
        SANDBOX_TEST(test_credentials_flags_and_environment),
        SANDBOX_TEST(test_get_item_in_both_forms),
        SANDBOX_TEST(test_unknown_or_malformed_uuid_is_404),
        SANDBOX_TEST(test_other_methods_are_405),
        SANDBOX_TEST(test_create_answers_200_with_the_tenant),
        SANDBOX_TEST(test_post_status_201),
        SANDBOX_TEST(test_create_with_uuid_and_taken_uuid),
        SANDBOX_TEST(test_create_violations),
        SANDBOX_TEST(test_malformed_body_is_400),
        SANDBOX_TEST(test_content_type_must_be_json),
        SANDBOX_TEST(test_body_over_limit_is_413),
        SANDBOX_TEST(test_hostile_data_round_trips),
        SANDBOX_TEST(test_update_bumps_version_and_replaces_data),
        SANDBOX_TEST(test_stale_version_is_409),
        SANDBOX_TEST(test_conflict_status_500),
        SANDBOX_TEST(test_update_violations),
        SANDBOX_TEST(test_parallel_updates_of_one_version_let_one_win),
        SANDBOX_TEST(test_delete_removes_the_tenant),
        SANDBOX_TEST(test_id_filters),
        SANDBOX_TEST(test_uuid_filters),
        SANDBOX_TEST(test_date_filters_are_inclusive),
        SANDBOX_TEST(test_bad_dates_and_unknown_filters_are_400),
        SANDBOX_TEST(test_paging_with_default_names),
        SANDBOX_TEST(test_walk_by_hydra_next),
        SANDBOX_TEST(test_renamed_page_params),
        SANDBOX_TEST(test_walk_of_ten_thousand),
        SANDBOX_TEST(test_a_million_start_and_page_fast),
        SANDBOX_TEST(test_write_only_data_leaves_data_out),
        SANDBOX_TEST(test_events_of_every_operation),
        SANDBOX_TEST(test_faults_apply_to_system_routes),
        SANDBOX_TEST(test_nul_and_bad_escapes_are_400),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}
