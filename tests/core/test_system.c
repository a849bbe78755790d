/* test_system.c: core/api + core/system, the /system/tenants backend, against the real
 * tenantry-sandbox: input and filter checks, pages with hydra:totalItems, the server's
 * filters, conflicts (409, and a 500 told apart by re-reading the version), a call cancelled
 * while that re-read is in flight, and a server whose page parameter has another name. */
#include "config.h"

#include "../sandbox/harness.h"
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/api.h"
#include "core/http.h"
#include "core/log.h"
#include "core/model.h"
#include "core/profile.h"
#include "core/status.h"
#include "core/api_system.h"
#include "core/walk.h"

/* What a callback got: the error (copied), a page or a row (owned). */
struct result {
    int calls;
    struct tn_error err;
    struct page page;
    struct row *row;
};

static void on_page(void *ud, struct page *page, const struct tn_error *err)
{
    struct result *r = ud;
    r->calls++;
    err_copy(&r->err, err);
    model_page_clear(&r->page);
    r->page = *page;
    *page = (struct page){0};
}

static void on_row(void *ud, struct row *row, const struct tn_error *err)
{
    struct result *r = ud;
    r->calls++;
    err_copy(&r->err, err);
    model_row_free(r->row);
    r->row = row;
}

static void result_free(struct result *r)
{
    err_clear(&r->err);
    model_page_clear(&r->page);
    model_row_free(r->row);
    *r = (struct result){0};
}

struct fixture {
    struct http_engine *e;
    struct api_session *s;
    const struct api_kind_def *tenants;
};

/* A session as user "system" (password "system") on sb, with page_params when not NULL. */
static void open_session(struct fixture *f, struct sandbox *sb, const char *page_params)
{
    struct profile p = {0};
    struct tn_error err = {0};
    p.name = xstrdup("sys");
    p.api = xstrdup("system");
    p.url = sandbox_url(sb, "/");
    p.user = xstrdup("system");
    p.password = xstrdup("system");
    p.page_params = page_params ? xstrdup(page_params) : NULL;
    p.page_size = PROFILE_DEFAULT_PAGE_SIZE;
    p.timeout = 10;
    assert_true(profile_validate(&p, &err));
    f->e = http_engine_new();
    f->s = api_open(f->e, &p, &err);
    profile_free(&p);
    if (!f->s)
        FAIL("api_open: %s", err.message ? err.message : "(no message)");
    assert_ptr_equal(api_backend(f->s), &system_backend);
    f->tenants = api_kind_find(&system_backend, "tenants");
    assert_non_null(f->tenants);
}

static void close_session(struct fixture *f)
{
    api_close(f->s);
    http_engine_free(f->e);
}

static void list_sync(struct fixture *f, const struct api_values *filter, const char *next,
                      int limit, struct result *r)
{
    struct api_target t = {.kind = f->tenants, .filter = filter};
    int before = r->calls;
    api_list(f->s, &t, next, limit, NULL, on_page, r);
    pump_until(f->e, &r->calls, before + 1, 15);
}

static void get_sync(struct fixture *f, const char *uuid, struct result *r)
{
    struct api_target t = {.kind = f->tenants, .id = uuid};
    int before = r->calls;
    api_get(f->s, &t, on_row, r);
    pump_until(f->e, &r->calls, before + 1, 15);
}

/* Send an update of uuid to data at version; the call (not NULL). */
static struct api_call *update(struct fixture *f, const char *uuid, const char *data,
                               const char *version, struct result *r)
{
    struct api_value v[] = {{"data", data}, {"version", version}};
    struct api_values in = {v, 2};
    struct api_target t = {.kind = f->tenants, .id = uuid};
    struct tn_error err = {0};
    struct api_call *call = api_update(f->s, &t, &in, on_row, r, &err);
    if (!call)
        FAIL("api_update refused: %s", err.message);
    return call;
}

/* ------------------------------------------------------------------ checks, no server */

static void test_dates(void **state)
{
    (void)state;
    static const char *const good[] = {"2024-01-01", "2018-07-20T13:19:30.181Z",
                                       "2024-02-29T00:00", "2024-01-01T23:59:59+05:30",
                                       "2024-01-01 10:00:00-01:00", "2024-12-31T10:00:00.1",
                                       "2000-02-29"};
    static const char *const bad[] = {"", "2024", "2024-1-01", "2024-13-01", "2024-00-10",
                                      "2024-01-32", "yesterday", "2024-01-01T24:00",
                                      "2024-01-01T10:60", "2024-01-01T10:00:61",
                                      "2024-01-01T10:00:00.", "2024-01-01Z", "2024-01-01T10:00+5",
                                      "2024-01-01T10:00:00+05:30x", " 2024-01-01", "2024-02-30",
                                      "2023-02-29", "1900-02-29", "2024-04-31"};
    for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++)
        if (!api_date_ok(good[i]))
            FAIL("'%s' should be a date", good[i]);
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
        if (api_date_ok(bad[i]))
            FAIL("'%s' should not be a date", bad[i]);
}

/* The error of checking n values of in against the tenants kind (create or update). */
static void expect_input(bool create, const struct api_value *v, size_t n, const char *frag)
{
    const struct api_kind_def *k = api_kind_find(&system_backend, "tenants");
    struct api_values in = {v, n};
    struct tn_error err = {0};
    bool ok = api_check_input(k, &in, create, &err);
    if (!frag) {
        if (!ok)
            FAIL("refused: %s", err.message);
        return;
    }
    assert_false(ok);
    assert_int_equal(err.code, ST_USAGE);
    if (!strstr(err.message, frag))
        FAIL("'%s' not in '%s'", frag, err.message);
    err_clear(&err);
}

static void test_inputs(void **state)
{
    (void)state;
    struct api_value data = {"data", "{}"}, version = {"version", "3"}, uuid = {"uuid", "123e4567-e89b-42d3-a456-426614174000"};
    struct api_value bad_version = {"version", "three"}, name = {"name", "x"};
    struct api_value bad_uuid = {"uuid", "u"};
    expect_input(true, &data, 1, NULL);
    expect_input(true, (struct api_value[]){data, uuid, version}, 3, NULL);
    expect_input(true, &uuid, 1, "a new tenant needs --data FILE");
    expect_input(false, (struct api_value[]){data, version}, 2, NULL);
    expect_input(false, &data, 1, "needs --version N");
    expect_input(false, &version, 1, "nothing to change");
    expect_input(false, (struct api_value[]){data, bad_version}, 2,
                 "--version must be a whole number");
    expect_input(false, (struct api_value[]){data, version, uuid}, 3, "uuid cannot be set");
    expect_input(true, (struct api_value[]){data, name}, 2, "name cannot be set");
    expect_input(true, (struct api_value[]){data, bad_uuid}, 2, "--uuid must be a UUID");
}

static void test_filters(void **state)
{
    (void)state;
    const struct api_kind_def *k = api_kind_find(&system_backend, "tenants");
    struct tn_error err = {0};
    struct api_value ok[] = {{"id", "1"}, {"id", "2"}, {"uuid", "123e4567-e89b-42d3-a456-426614174000"},
                             {"uuid", "223E4567-E89B-42D3-A456-426614174000"},
                             {"created-after", "2024-01-01"}, {"updated-before", "2025-01-01"}};
    struct api_values f = {ok, 6};
    assert_true(api_check_filter(k, &f, &err));
    static const struct {
        struct api_value v[2];
        size_t n;
        const char *frag;
    } bad[] = {
        {{{"id", "x"}}, 1, "--id must be a whole number"},
        {{{"created-after", "2024-13-01"}}, 1, "--created-after must be a date"},
        {{{"created-after", "2024-01-01"}, {"created-after", "2024-01-02"}}, 2,
         "--created-after is given more than once"},
        {{{"name", "x"}}, 1, "name cannot be set"},
        {{{"uuid", "a"}}, 1, "--uuid must be a UUID"},
        {{{"uuid", ""}}, 1, "--uuid is empty"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        struct api_values b = {bad[i].v, bad[i].n};
        assert_false(api_check_filter(k, &b, &err));
        if (!strstr(err.message, bad[i].frag))
            FAIL("'%s' not in '%s'", bad[i].frag, err.message);
        err_clear(&err);
    }
    /* the MATTR API filters nothing on the server */
    const struct api_kind_def *m = api_kind_find(api_backend_find("mattr"), "tenants");
    struct api_values one = {ok, 1};
    assert_false(api_check_filter(m, &one, &err));
    assert_non_null(strstr(err.message, "cannot filter"));
    err_clear(&err);
    assert_true(api_check_filter(m, NULL, &err));
}

/* ------------------------------------------------------------------ against the sandbox */

static void test_pages_totals_and_filters(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "25", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    struct result r = {0};
    struct strlist seen = {0};
    char *next = NULL;
    int pages = 0;
    do {
        list_sync(&f, NULL, next, 10, &r);
        if (r.err.code != ST_OK)
            FAIL("list: %s", r.err.message);
        assert_true(r.page.has_total);
        assert_int_equal(r.page.total, 25);
        for (size_t i = 0; i < r.page.n; i++)
            strlist_add(&seen, model_row_id(r.page.rows[i]));
        free(next);
        next = r.page.next ? xstrdup(r.page.next) : NULL;
        pages++;
    } while (next);
    assert_int_equal(pages, 3); /* 10 + 10 + 5, and no empty fourth */
    assert_int_equal(seen.n, 25);
    assert_true(strlist_unique(&seen));
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS"), 3);

    /* the server's filters: two ids, and a date after which only some remain */
    struct api_value ids[] = {{"id", "3"}, {"id", "7"}};
    struct api_values two = {ids, 2};
    list_sync(&f, &two, NULL, 10, &r);
    assert_int_equal(r.err.code, ST_OK);
    assert_int_equal(r.page.n, 2);
    assert_string_equal(model_row_get(r.page.rows[0], "id"), "3");
    assert_string_equal(model_row_get(r.page.rows[1], "id"), "7");
    char *created = xstrdup(model_row_get(r.page.rows[1], "createdAt"));
    struct api_value after[] = {{"created-after", created}};
    struct api_values a = {after, 1};
    list_sync(&f, &a, NULL, 100, &r);
    assert_int_equal(r.err.code, ST_OK);
    assert_int_equal(r.page.total, 25 - 6); /* inclusive: id 7 and those after it */
    for (size_t i = 0; i < r.page.n; i++)
        assert_true(strcmp(model_row_get(r.page.rows[i], "createdAt"), created) >= 0);
    free(created);
    strlist_free(&seen);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* The first tenant's uuid and version. */
static char *first_tenant(struct fixture *f, char **version)
{
    struct result r = {0};
    list_sync(f, NULL, NULL, 1, &r);
    assert_int_equal(r.err.code, ST_OK);
    char *uuid = xstrdup(model_row_id(r.page.rows[0]));
    *version = xstrdup(model_row_get(r.page.rows[0], "version"));
    result_free(&r);
    return uuid;
}

/* A stale update fails with ST_CONFLICT and hands over the tenant as it is now; status is the
 * sandbox's --conflict-status. */
static void conflict_with(const char *status)
{
    struct sandbox *sb = sandbox_start("--system-tenants", "3", "--conflict-status", status, NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    char *version;
    char *uuid = first_tenant(&f, &version);
    struct result r = {0};
    update(&f, uuid, "{\"a\":1}", version, &r);
    pump_until(f.e, &r.calls, 1, 15);
    assert_int_equal(r.err.code, ST_OK);
    long long v = atoll(version);
    char now[32];
    snprintf(now, sizeof(now), "%lld", v + 1);
    assert_string_equal(model_row_get(r.row, "version"), now);

    /* the same version again is stale now */
    update(&f, uuid, "{\"a\":2}", version, &r);
    pump_until(f.e, &r.calls, 2, 15);
    assert_int_equal(r.err.code, ST_CONFLICT);
    assert_int_equal(status_exit_code(r.err.code), 5);
    assert_int_equal(r.err.http_status, atol(status));
    assert_non_null(r.row); /* the tenant as it is now */
    assert_string_equal(model_row_get(r.row, "version"), now);
    assert_string_equal(model_row_get(r.row, "data"), "{\"a\":1}");
    char *want = xasprintf("based on version %s, the server has version %s", version, now);
    if (!strstr(r.err.message, want))
        FAIL("'%s' not in '%s'", want, r.err.message);
    free(want);
    /* a re-read followed the refused PUT */
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_FAIL"), 1);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_RETRIEVE_SUCCESS"), 1);

    /* re-applied on the version now: one more success, at now + 1 */
    update(&f, uuid, "{\"a\":2}", now, &r);
    pump_until(f.e, &r.calls, 3, 15);
    assert_int_equal(r.err.code, ST_OK);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_UPDATE_SUCCESS"), 2);
    free(uuid);
    free(version);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

static void test_conflict_409(void **state)
{
    (void)state;
    conflict_with("409");
}

static void test_conflict_500(void **state)
{
    (void)state;
    conflict_with("500");
}

/* The text of the file at path ("" when missing), newly allocated. */
static char *slurp(const char *path)
{
    struct strbuf sb = SB_INIT;
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t n;
    while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
        sb_add(&sb, buf, n);
    if (f)
        fclose(f);
    return sb_steal(&sb);
}

/* Cancelling an update while its re-read is in flight: no callback, nothing left behind
 * (the sanitizer build checks the memory). The sandbox sleeps before it serves (and logs)
 * a request, so the debug log tells that the re-read was sent. */
static void test_cancel_during_reread(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "2", "--latency-ms", "1500", NULL);
    char *log = xasprintf("%s.debug", sandbox_events_path(sb));
    struct tn_error err = {0};
    assert_true(log_open(log, &err));
    struct fixture f;
    open_session(&f, sb, NULL);
    char *version;
    char *uuid = first_tenant(&f, &version);
    char stale[32];
    snprintf(stale, sizeof(stale), "%lld", atoll(version) + 100);
    struct result r = {0};
    struct api_call *call = update(&f, uuid, "{}", stale, &r);
    double deadline = mono_now() + 15;
    char *text = NULL;
    do {
        pump_for(f.e, 0.02);
        free(text);
        text = slurp(log);
    } while (!strstr(text, "reading the tenant again") && mono_now() < deadline);
    if (!strstr(text, "reading the tenant again"))
        FAIL("no re-read in the debug log:\n%s", text);
    assert_int_equal(r.calls, 0);
    api_cancel(f.s, call);
    pump_for(f.e, 0.3);
    assert_int_equal(r.calls, 0);
    free(text);
    log_close();
    unlink(log);
    free(log);
    free(uuid);
    free(version);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* A server whose page parameter is "_page": a profile without page_params is told so at the
 * first page, instead of being sent page 1 again and again; with it, the walk works. */
static void test_page_param_names(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--system-tenants", "250", "--page-params", "_page,_limit", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    struct result r = {0};
    list_sync(&f, NULL, NULL, 10, &r);
    assert_int_equal(r.err.code, ST_OTHER);
    assert_non_null(strstr(r.err.message, "\"_page\""));
    assert_non_null(strstr(r.err.hint, "page_params"));
    assert_int_equal(r.page.n, 0); /* a failed list hands over no rows */
    /* repeated filters are in both links alike: still told (not pages of the same rows) */
    struct api_value ids[15];
    char names[15][8];
    for (int i = 0; i < 15; i++) {
        snprintf(names[i], sizeof(names[i]), "%d", i + 1);
        ids[i] = (struct api_value){"id", names[i]};
    }
    struct api_values many = {ids, 15};
    list_sync(&f, &many, NULL, 10, &r);
    assert_int_equal(r.err.code, ST_OTHER);
    assert_non_null(strstr(r.err.message, "\"_page\""));
    close_session(&f);

    open_session(&f, sb, "_page,_limit");
    size_t total = 0;
    char *next = NULL;
    int pages = 0;
    do {
        list_sync(&f, NULL, next, 1000, &r); /* the server caps a page at 100 */
        assert_int_equal(r.err.code, ST_OK);
        assert_int_equal(r.page.n, pages < 2 ? 100 : 50);
        total += r.page.n;
        free(next);
        next = r.page.next ? xstrdup(r.page.next) : NULL;
        pages++;
    } while (next);
    assert_int_equal(total, 250);
    assert_int_equal(pages, 3);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* A plain JSON server (no totals, no links) that caps the page size at 100: the walk goes
 * on past a first page shorter than asked for, and ends at a shorter page. */
static void test_plain_json_capped(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "250", "--page-params", "_page,_limit",
                                       "--plain-json", NULL);
    struct fixture f;
    open_session(&f, sb, "_page,_limit");
    struct result r = {0};
    struct strlist seen = {0};
    char *next = NULL;
    int pages = 0;
    do {
        list_sync(&f, NULL, next, 200, &r);
        if (r.err.code != ST_OK)
            FAIL("list: %s", r.err.message);
        assert_false(r.page.has_total);
        for (size_t i = 0; i < r.page.n; i++)
            strlist_add(&seen, model_row_id(r.page.rows[i]));
        free(next);
        next = r.page.next ? xstrdup(r.page.next) : NULL;
        pages++;
    } while (next);
    assert_int_equal(seen.n, 250);
    assert_true(strlist_unique(&seen));
    assert_int_equal(pages, 3); /* 100, 100, 50 */
    /* a short plain list costs one more request, which finds nothing */
    close_session(&f);
    sandbox_stop(sb);
    sb = sandbox_start("--system-tenants", "3", "--plain-json", NULL);
    open_session(&f, sb, NULL);
    list_sync(&f, NULL, NULL, 10, &r);
    assert_int_equal(r.page.n, 3);
    assert_non_null(r.page.next);
    char *again = xstrdup(r.page.next);
    list_sync(&f, NULL, again, 10, &r);
    free(again);
    assert_int_equal(r.err.code, ST_OK);
    assert_int_equal(r.page.n, 0);
    assert_null(r.page.next);
    strlist_free(&seen);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* Walk from the start through a walk (walk.h) with limit until the end or an error (at most
 * 50 pages); the UUIDs go to seen. Returns the pages that came; r holds the last outcome. */
static int walk_sync(struct fixture *f, int limit, struct strlist *seen, struct result *r)
{
    struct walk *w = walk_new();
    struct api_target t = {.kind = f->tenants};
    char *next = NULL;
    int pages = 0;
    do {
        int before = r->calls;
        api_list(f->s, &t, next, limit, w, on_page, r);
        pump_until(f->e, &r->calls, before + 1, 15);
        pages++;
        for (size_t i = 0; i < r->page.n; i++)
            strlist_add(seen, model_row_id(r->page.rows[i]));
        free(next);
        next = r->page.next ? xstrdup(r->page.next) : NULL;
    } while (r->err.code == ST_OK && next && pages < 50);
    free(next);
    walk_free(w);
    return pages;
}

/* A plain JSON server that names its page parameters _page,_limit, walked with the default
 * names: it ignores them and sends its first page again and again. The second page stops the
 * walk with an error naming the cause and the page_params fix (before: a walk that never
 * ended). */
static void test_ignored_page_parameter_stops(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "250", "--page-params", "_page,_limit",
                                       "--plain-json", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    struct result r = {0};
    struct strlist seen = {0};
    assert_int_equal(walk_sync(&f, 100, &seen, &r), 2);
    assert_int_equal(r.err.code, ST_NETWORK);
    assert_non_null(strstr(r.err.message, "page 2 starts with the rows of the first page"));
    assert_non_null(strstr(r.err.hint, "page_params"));
    assert_non_null(strstr(r.err.hint, "\"_page,_limit\""));
    assert_int_equal(seen.n, 10); /* the server's default page, once */
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_RETRIEVE_LIST_SUCCESS"), 2);
    strlist_free(&seen);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* JSON-LD: hydra:next is followed as it is (its page number), so a link leading back to the
 * page just read stops the walk; a server capping pages (10 of 100) loses no row. */
static void test_hydra_next_followed(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "25", "--repeat-cursor-rate", "1", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    struct result r = {0};
    struct strlist seen = {0};
    list_sync(&f, NULL, NULL, 10, &r);
    assert_int_equal(r.err.code, ST_OK);
    assert_string_equal(r.page.next, "1"); /* hydra:next names page 1 again */
    result_free(&r);
    assert_int_equal(walk_sync(&f, 10, &seen, &r), 2);
    assert_int_equal(r.err.code, ST_NETWORK);
    assert_null(strstr(r.err.hint, "page_params")); /* the links name our parameter */
    assert_int_equal(seen.n, 10);
    strlist_free(&seen);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);

    sb = sandbox_start("--system-tenants", "25", "--page-cap", "10", NULL);
    open_session(&f, sb, NULL);
    assert_int_equal(walk_sync(&f, 100, &seen, &r), 3);
    assert_int_equal(r.err.code, ST_OK);
    assert_int_equal(seen.n, 25);
    assert_true(strlist_unique(&seen));
    strlist_free(&seen);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* Updates whose answers are lost (the sandbox saves, then drops the connection): each is read
 * again, and one version on with the data sent it is saved, not an error. The fault draws
 * follow --seed, so the run is the same every time. */
static void test_lost_answers_saved(void **state)
{
    (void)state;
    struct sandbox *sb =
        sandbox_start("--system-tenants", "1", "--drop-rate", "0.3", "--seed", "7", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    char *version;
    char *uuid = first_tenant(&f, &version);
    long long v = atoll(version);
    struct result r = {0};
    for (int i = 0; i < 12; i++) {
        char data[32], at[32];
        snprintf(data, sizeof(data), "{\"i\":%d}", i);
        snprintf(at, sizeof(at), "%lld", v);
        update(&f, uuid, data, at, &r);
        pump_until(f.e, &r.calls, i + 1, 30);
        if (r.err.code != ST_OK)
            FAIL("update %d: %s", i, r.err.message);
        assert_int_equal(atoll(model_row_get(r.row, "version")), v + 1);
        assert_string_equal(model_row_get(r.row, "data"), data);
        v++;
    }
    /* some of those answers were lost indeed */
    char *ev = events_read(sb);
    int dropped = 0;
    for (const char *l = ev; (l = strstr(l, "SYSTEM_TENANT_UPDATE_SUCCESS")); l++) {
        const char *end = strchr(l, '\n');
        const char *d = strstr(l, "fault=drop");
        dropped += d && (!end || d < end);
    }
    free(ev);
    if (dropped < 1)
        FAIL("no update answer was dropped: pick another --seed");
    free(uuid);
    free(version);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

/* 201 and 200 both mean created; an unknown uuid is ST_NOT_FOUND. */
static void test_create_and_not_found(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start("--system-tenants", "0", "--post-status", "201", NULL);
    struct fixture f;
    open_session(&f, sb, NULL);
    struct api_value v[] = {{"data", "{\"plan\":\"gold\"}"},
                            {"uuid", "d928b020-94f6-4928-a510-04fc49d5a174"}};
    struct api_values in = {v, 2};
    struct api_target t = {.kind = f.tenants};
    struct result r = {0};
    struct tn_error err = {0};
    assert_non_null(api_create(f.s, &t, &in, on_row, &r, &err));
    pump_until(f.e, &r.calls, 1, 15);
    assert_int_equal(r.err.code, ST_OK);
    assert_string_equal(model_row_id(r.row), "d928b020-94f6-4928-a510-04fc49d5a174");
    assert_string_equal(model_row_get(r.row, "version"), "1");
    assert_string_equal(model_row_get(r.row, "data"), "{\"plan\":\"gold\"}");
    assert_null(strstr(r.row->raw, "@id")); /* JSON-LD's keys are not the tenant's */
    get_sync(&f, "00000000-0000-4000-8000-000000000000", &r);
    assert_int_equal(r.err.code, ST_NOT_FOUND);
    /* data that is no JSON object is refused before sending */
    struct api_value bad[] = {{"data", "[1]"}};
    struct api_values b = {bad, 1};
    assert_null(api_create(f.s, &t, &b, on_row, &r, &err));
    assert_int_equal(err.code, ST_USAGE);
    err_clear(&err);
    assert_int_equal(events_count(sb, "SYSTEM_TENANT_CREATE_START"), 1);
    result_free(&r);
    close_session(&f);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_inputs),
        cmocka_unit_test(test_filters),
        SANDBOX_TEST(test_pages_totals_and_filters),
        SANDBOX_TEST(test_conflict_409),
        SANDBOX_TEST(test_conflict_500),
        SANDBOX_TEST(test_cancel_during_reread),
        SANDBOX_TEST(test_page_param_names),
        SANDBOX_TEST(test_plain_json_capped),
        SANDBOX_TEST(test_ignored_page_parameter_stops),
        SANDBOX_TEST(test_hydra_next_followed),
        SANDBOX_TEST(test_lost_answers_saved),
        SANDBOX_TEST(test_create_and_not_found),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
