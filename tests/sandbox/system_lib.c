/* system_lib.c: requests, assertions and list walks shared by the /system/tenants sandbox
 * tests. */
#include "config.h"

#include "system_lib.h"

#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ------------------------------------------------------------------ requests */

/* method path as user:password with this Accept (NULL: curl's default, any type; "": none)
 * and, when body is not NULL, a body of content type ctype. */
struct resp *sys_as(struct sandbox *sb, const char *user, const char *password,
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
struct resp *sys(struct sandbox *sb, const char *method, const char *path,
                 const char *accept, const char *body)
{
    return sys_as(sb, "system", "system", method, path, accept, body, body ? JSON : NULL);
}

/* ------------------------------------------------------------------ assertions */

/* Is the media type of Content-Type ct exactly type (parameters aside)? */
bool type_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

void assert_type_at(const struct resp *r, const char *type, const char *file, int line)
{
    if (!type_is(r->content_type, type))
        harness_fail(file, line, "Content-Type is %s, expected %s",
                     r->content_type ? r->content_type : "(none)", type);
}

/* Fail unless r is an application/problem+json answer of this status with the type, title and
 * a detail of API Platform; return the body. */
cJSON *assert_problem_at(struct resp *r, long status, const char *file, int line)
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
void assert_violation_at(struct resp *r, const char *path, const char *message,
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
long long member_int(const cJSON *obj, const char *key)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(m) || m->valuedouble != (double)(long long)m->valuedouble)
        FAIL("no integer member \"%s\"", key);
    return (long long)m->valuedouble;
}

/* Is s a time as "2018-07-31T14:57:10+00:00"? */
bool is_time(const char *s)
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
time_t time_of(const char *s)
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
void assert_tenant(const cJSON *t, bool ld, bool write_only)
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
struct resp *list_get(struct sandbox *sb, const char *path, const char *accept)
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
const cJSON *members(struct resp *r)
{
    cJSON *j = resp_json(r);
    return cJSON_IsArray(j) ? j : cJSON_GetObjectItemCaseSensitive(j, "hydra:member");
}

/* The hydra:view of a list answer, or NULL. */
const cJSON *view(struct resp *r)
{
    return cJSON_GetObjectItemCaseSensitive(resp_json(r), "hydra:view");
}

/* The ids of a list answer's tenants, as "1,2,3". */
char *ids_of(struct resp *r)
{
    struct strbuf sb = SB_INIT;
    const cJSON *t;
    cJSON_ArrayForEach(t, members(r))
        sb_addf(&sb, "%s%lld", sb.len ? "," : "", member_int(t, "id"));
    return sb_steal(&sb);
}

/* Fail unless GET path (JSON-LD) lists exactly the tenants ids ("" for none). */
void assert_ids_at(struct sandbox *sb, const char *path, const char *ids,
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
long long total_of(struct sandbox *sb, const char *path)
{
    struct resp *r = list_get(sb, path, LD);
    long long n = member_int(resp_json(r), "hydra:totalItems");
    resp_free(r);
    return n;
}

/* All tenants (GET ?limit=1000 as JSON), a copy the caller deletes. */
cJSON *all_tenants(struct sandbox *sb)
{
    struct resp *r = list_get(sb, SYS "?limit=1000", JSON);
    cJSON *copy = cJSON_Duplicate(resp_json(r), true);
    resp_free(r);
    return copy;
}

/* The tenant with this id among all. */
const cJSON *tenant_at(const cJSON *all, long long id)
{
    const cJSON *t;
    cJSON_ArrayForEach(t, all)
        if (member_int(t, "id") == id)
            return t;
    FAIL("no tenant has id %lld", id);
    return NULL;
}

/* The page number a view link ends with ("...page=K"). */
long long link_page(const char *iri, const char *name)
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
long long walk_hydra(struct sandbox *sb, const char *path, const char *page_name,
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
char *event_nth(struct sandbox *sb, const char *name, int nth)
{
    if (events_wait(sb, name, nth + 1) < nth + 1) {
        char *all = events_read(sb);
        fail_msg("no event %s number %d; events:\n%s", name, nth, all);
    }
    return events_line(sb, name, nth);
}
