/* test_events.c: the events file counts what really happened, and keeps secrets out. */
#include "config.h"

#include "harness.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Fail unless time=... is UTC with milliseconds, as 2026-11-22T18:41:00.123Z. */
static void assert_event_time(const char *line)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
    char *t = event_field(line, "time");
    assert_non_null(t);
    assert_int_equal(strlen(t), sizeof shape - 1);
    for (size_t i = 0; shape[i]; i++)
        assert_true(shape[i] == 'd' ? isdigit((unsigned char)t[i]) != 0 : t[i] == shape[i]);
    free(t);
}

/* How many lines of each kind an event (as "TENANT_CREATE") has in the events file. */
struct counts {
    int start, success, fail;
};

static struct counts snapshot(const struct sandbox *sb, const char *event)
{
    char *start = xasprintf("%s_START", event);
    char *success = xasprintf("%s_SUCCESS", event);
    char *fail = xasprintf("%s_FAIL", event);
    struct counts c = {events_count(sb, start), events_count(sb, success), events_count(sb, fail)};
    free(fail);
    free(success);
    free(start);
    return c;
}

/* Wait for the outcome of one request to event made after the snapshot before, and fail
 * unless it added exactly one _START and one line of outcome ("SUCCESS" or "FAIL") with the
 * same req, the outcome with this status; return the outcome line. */
static char *assert_logged(struct sandbox *sb, const char *event, const struct counts *before,
                           const char *outcome, const char *status)
{
    bool success = strcmp(outcome, "SUCCESS") == 0;
    char *start = xasprintf("%s_START", event);
    char *done = xasprintf("%s_%s", event, outcome);
    int done_before = success ? before->success : before->fail;
    events_wait(sb, done, done_before + 1);
    struct counts now = snapshot(sb, event);
    struct counts want = *before;
    want.start++;
    if (success)
        want.success++;
    else
        want.fail++;
    if (now.start != want.start || now.success != want.success || now.fail != want.fail) {
        char *all = events_read(sb);
        fail_msg("%s: expected %d/%d/%d START/SUCCESS/FAIL lines, got %d/%d/%d; events:\n%s",
                 event, want.start, want.success, want.fail, now.start, now.success, now.fail,
                 all);
    }
    char *start_line = events_line(sb, start, before->start);
    char *line = events_line(sb, done, done_before);
    char *req_start = event_field(start_line, "req");
    char *req_done = event_field(line, "req");
    assert_non_null(req_start);
    assert_non_null(req_done);
    assert_string_equal(req_start, req_done);
    assert_event_time(start_line);
    assert_event_time(line);
    assert_event_field(line, "status", status);
    free(req_start);
    free(req_done);
    free(start_line);
    free(done);
    free(start);
    return line;
}

/* assert_logged() for the first request to event. */
static char *assert_first_logged(struct sandbox *sb, const char *event, const char *outcome,
                                 const char *status)
{
    struct counts none = {0, 0, 0};
    return assert_logged(sb, event, &none, outcome, status);
}

static void test_create_logs_one_start_and_one_success(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *id = tenant_create_id(sb, "counted");
    char *line = assert_first_logged(sb, "TENANT_CREATE", "SUCCESS", "201");
    assert_event_field(line, "id", id);
    assert_event_field(line, "method", "POST");
    assert_event_field(line, "path", "/v1/tenants");
    char *start = events_line(sb, "TENANT_CREATE_START", 0);
    assert_event_field(start, "method", "POST");
    assert_event_field(start, "path", "/v1/tenants");
    assert_null(event_field(line, "fault"));
    free(start);
    free(line);
    free(id);
    sandbox_stop(sb);
}

static void test_refused_create_logs_one_start_and_one_fail(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = api(sb, "POST", "/v1/tenants", "{\"subdomain\":\"-bad-\"}");
    assert_status(r, 400);
    resp_free(r);
    char *line = assert_first_logged(sb, "TENANT_CREATE", "FAIL", "400");
    assert_null(event_field(line, "id"));
    free(line);
    sandbox_stop(sb);
}

static void test_every_route_logs_its_events(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    char *tenant = tenant_create_id(sb, "evented");
    cJSON *client = client_create(sb, tenant, "evented", "[\"admin\"]");
    char *one = xasprintf("/v1/tenants/%s", tenant);
    char *clients = xasprintf("/v1/tenants/%s/clients", tenant);
    char *client_one = xasprintf("%s/%s", clients, member_string(client, "clientId"));
    const struct {
        const char *method, *path, *body, *event, *status;
    } calls[] = {
        {"GET", "/v1/environments", NULL, "ENVIRONMENT_RETRIEVE_LIST", "200"},
        {"GET", "/v1/tenants", NULL, "TENANT_RETRIEVE_LIST", "200"},
        {"GET", one, NULL, "TENANT_RETRIEVE", "200"},
        {"GET", clients, NULL, "TENANT_CLIENT_RETRIEVE_LIST", "200"},
        {"PUT", client_one, "{\"name\":\"renamed\"}", "TENANT_CLIENT_UPDATE", "200"},
        {"DELETE", client_one, NULL, "TENANT_CLIENT_DELETE", "204"},
        {"DELETE", one, NULL, "TENANT_DELETE", "204"},
    };
    /* The two creates above were logged too. */
    free(assert_first_logged(sb, "TENANT_CREATE", "SUCCESS", "201"));
    free(assert_first_logged(sb, "TENANT_CLIENT_CREATE", "SUCCESS", "201"));
    for (size_t i = 0; i < ARRAY_SIZE(calls); i++) {
        struct counts before = snapshot(sb, calls[i].event);
        struct resp *r = api(sb, calls[i].method, calls[i].path, calls[i].body);
        assert_int_equal(r->status, atol(calls[i].status));
        resp_free(r);
        char *line = assert_logged(sb, calls[i].event, &before, "SUCCESS", calls[i].status);
        assert_event_field(line, "method", calls[i].method);
        free(line);
    }
    free(client_one);
    free(clients);
    free(one);
    cJSON_Delete(client);
    free(tenant);
    sandbox_stop(sb);
}

static void test_requests_have_distinct_req_numbers(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    for (int i = 0; i < 5; i++) {
        struct resp *r = api(sb, "GET", "/v1/environments", NULL);
        assert_status(r, 200);
        resp_free(r);
    }
    assert_int_equal(events_wait(sb, "ENVIRONMENT_RETRIEVE_LIST_SUCCESS", 5), 5);
    struct strlist reqs = {0};
    for (int i = 0; i < 5; i++) {
        char *line = events_line(sb, "ENVIRONMENT_RETRIEVE_LIST_START", i);
        assert_non_null(line);
        char *req = event_field(line, "req");
        assert_non_null(req);
        strlist_add(&reqs, req);
        free(req);
        free(line);
    }
    assert_true(strlist_unique(&reqs));
    strlist_free(&reqs);
    sandbox_stop(sb);
}

static void test_token_requests_log_auth_events(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    sandbox_token(sb);
    free(assert_first_logged(sb, "AUTH_TOKEN_CREATE", "SUCCESS", "200"));
    struct counts before = snapshot(sb, "AUTH_TOKEN_CREATE");
    char *body = xasprintf(DEMO_TOKEN_BODY_FMT, "wrong");
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, body, "application/json");
    assert_status(r, 401);
    resp_free(r);
    free(body);
    free(assert_logged(sb, "AUTH_TOKEN_CREATE", &before, "FAIL", "401"));
    sandbox_stop(sb);
}

static void test_unauthorized_request_logs_fail(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = http(sb, "GET", "/v1/tenants", NULL, NULL, NULL);
    assert_status(r, 401);
    resp_free(r);
    free(assert_first_logged(sb, "TENANT_RETRIEVE_LIST", "FAIL", "401"));
    sandbox_stop(sb);
}

static void test_not_found_logs_fail(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants/" UNKNOWN_UUID, NULL);
    assert_status(r, 404);
    resp_free(r);
    free(assert_first_logged(sb, "TENANT_RETRIEVE", "FAIL", "404"));
    sandbox_stop(sb);
}

static void test_secrets_never_reach_events(void **state)
{
    (void)state;
    struct sandbox *sb = sandbox_start(NULL);
    struct strlist secrets = {0};
    strlist_add(&secrets, DEMO_CLIENT_SECRET);
    strlist_add(&secrets, "typo-secret-77b1");
    strlist_add(&secrets, sandbox_token(sb));

    char *body = xasprintf(DEMO_TOKEN_BODY_FMT, DEMO_CLIENT_SECRET);
    struct resp *t = http(sb, "POST", "/oauth/token", NULL, body, "application/json");
    assert_status(t, 200);
    const char *token = member_string(resp_json(t), "access_token");
    strlist_add(&secrets, token);
    free(body);
    body = xasprintf(DEMO_TOKEN_BODY_FMT, "typo-secret-77b1");
    struct resp *r = http(sb, "POST", "/oauth/token", NULL, body, "application/json");
    assert_status(r, 401);
    resp_free(r);
    free(body);
    r = http(sb, "POST", "/oauth/token", NULL,
             "client_id=" DEMO_CLIENT_ID "&client_secret=" DEMO_CLIENT_SECRET "&audience="
             "https%3A%2F%2Fmanage.sandbox.tenantry.test&grant_type=client_credentials",
             "application/x-www-form-urlencoded");
    assert_status(r, 200);
    resp_free(r);

    char *env = environment_id(sb, 0);
    char *create = tenant_body(NULL, "secretive", env);
    r = http(sb, "POST", "/v1/tenants", token, create, "application/json");
    assert_status(r, 201);
    const char *tenant = member_string(resp_json(r), "id");
    strlist_add(&secrets, member_string(cJSON_GetObjectItemCaseSensitive(resp_json(r), "client"),
                                        "clientSecret"));
    char *clients = xasprintf("/v1/tenants/%s/clients", tenant);
    struct resp *c = http(sb, "POST", clients, token, "{\"name\":\"c\",\"roles\":[\"issuer\"]}",
                          "application/json");
    assert_status(c, 201);
    strlist_add(&secrets, member_string(resp_json(c), "clientSecret"));
    resp_free(c);
    resp_free(r);

    assert_true(events_wait(sb, "TENANT_CLIENT_CREATE_SUCCESS", 1) == 1);
    char *all = events_read(sb);
    assert_true(strlen(all) > 0);
    for (size_t i = 0; i < secrets.n; i++) {
        if (strstr(all, secrets.v[i]))
            fail_msg("secret \"%s\" appears in the events file", secrets.v[i]);
    }
    free(all);
    free(clients);
    free(create);
    free(env);
    resp_free(t);
    strlist_free(&secrets);
    sandbox_stop(sb);
}

static void test_unsafe_path_characters_are_escaped(void **state)
{
    (void)state;
    static const char *const names[] = {
        "ENVIRONMENT_RETRIEVE_LIST_", "TENANT_", "AUTH_TOKEN_CREATE_",
    };
    struct sandbox *sb = sandbox_start(NULL);
    struct resp *r = api(sb, "GET", "/v1/tenants/a%0Ab%20c%1B[31m", NULL);
    assert_status(r, 400);
    resp_free(r);
    free(assert_first_logged(sb, "TENANT_RETRIEVE", "FAIL", "400"));

    /* Every line is still one event, and no raw control character or space got in. */
    char *all = events_read(sb);
    for (char *line = all; *line;) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        bool known = false;
        for (size_t i = 0; i < ARRAY_SIZE(names); i++)
            known |= strncmp(line, names[i], strlen(names[i])) == 0;
        if (!known)
            fail_msg("not an event line: %s", line);
        for (const char *p = line; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
        line = nl + 1;
    }
    free(all);
    char *line = events_line(sb, "TENANT_RETRIEVE_START", 0);
    char *path = event_field(line, "path");
    assert_non_null(path);
    if (strncasecmp(path, "/v1/tenants/a%0Ab%20c%1B", 24) != 0)
        fail_msg("path not escaped as %%XX: %s", path);
    free(path);
    free(line);
    sandbox_stop(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        SANDBOX_TEST(test_create_logs_one_start_and_one_success),
        SANDBOX_TEST(test_refused_create_logs_one_start_and_one_fail),
        SANDBOX_TEST(test_every_route_logs_its_events),
        SANDBOX_TEST(test_requests_have_distinct_req_numbers),
        SANDBOX_TEST(test_token_requests_log_auth_events),
        SANDBOX_TEST(test_unauthorized_request_logs_fail),
        SANDBOX_TEST(test_not_found_logs_fail),
        SANDBOX_TEST(test_secrets_never_reach_events),
        SANDBOX_TEST(test_unsafe_path_characters_are_escaped),
    };
    return cmocka_run_group_tests(tests, NULL, sandbox_reap);
}
