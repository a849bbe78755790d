/* test_journal.c: core/journal and core/xdg: where the journal goes (TENANTRY_JOURNAL, then
 * XDG_STATE_HOME, then HOME), a line's members and outcome words, folders made 0700 and the
 * file 0600, and two processes appending 1,000 lines each at once losing none. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/journal.h"
#include "core/json.h"
#include "core/util.h"
#include "core/xdg.h"

/* A fresh folder for one test (under TENANTRY_TEST_TMPDIR or /tmp). */
static char *scratch(void)
{
    const char *base = getenv("TENANTRY_TEST_TMPDIR");
    char *tmpl = xasprintf("%s/unit-journal.XXXXXX", base && *base ? base : "/tmp");
    mkdir(base && *base ? base : "/tmp", 0700);
    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

static void test_paths(void **state)
{
    (void)state;
    setenv("TENANTRY_JOURNAL", "/x/j.jsonl", 1);
    char *p = journal_path();
    assert_string_equal(p, "/x/j.jsonl");
    free(p);
    unsetenv("TENANTRY_JOURNAL");
    setenv("XDG_STATE_HOME", "/state/", 1);
    p = journal_path();
    assert_string_equal(p, "/state/tenantry/journal.jsonl");
    free(p);
    setenv("XDG_STATE_HOME", "relative", 1); /* not absolute: ignored, as the spec says */
    setenv("HOME", "/home/op", 1);
    p = journal_path();
    assert_string_equal(p, "/home/op/.local/state/tenantry/journal.jsonl");
    free(p);
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", "/", 1);
    p = xdg_path("XDG_CONFIG_HOME", ".config", "tenantry/config");
    assert_string_equal(p, "/.config/tenantry/config");
    free(p);
}

static void test_line_and_modes(void **state)
{
    (void)state;
    char *dir = scratch();
    char *path = xasprintf("%s/a/b/journal.jsonl", dir);
    struct journal_entry *e = journal_entry_new("update", "clients");
    journal_entry_set(e, "profile", "prod");
    journal_entry_set(e, "name", "old");
    journal_entry_set(e, "name", "new"); /* the last wins */
    journal_entry_set(e, "parent", NULL);
    journal_entry_add_field(e, "name");
    journal_entry_add_field(e, "roles");
    journal_entry_add_field(e, "name"); /* once */
    assert_string_equal(journal_entry_outcome(e), "unknown: answer lost"); /* not ended */
    journal_entry_end(e, ST_INVALID, 400, "refused");
    assert_string_equal(journal_entry_outcome(e), "failed");
    struct tn_error err = {0};
    assert_true(journal_append(path, e, &err));
    journal_entry_end(e, ST_OK, 200, "ignored when done");
    assert_string_equal(journal_entry_outcome(e), "done");
    assert_true(journal_append(path, e, &err));
    journal_entry_end(e, ST_NETWORK, 503, "refused after a send that got no answer");
    journal_entry_unknown(e);
    assert_string_equal(journal_entry_outcome(e), "unknown: answer lost");
    journal_entry_free(e);

    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    char *a = xasprintf("%s/a", dir);
    assert_int_equal(stat(a, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0700);
    free(a);

    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[1024];
    assert_non_null(fgets(line, sizeof(line), f));
    cJSON *j = json_parse(line, strlen(line));
    assert_non_null(j);
    assert_string_equal(json_get_string(j, "operation"), "update");
    assert_string_equal(json_get_string(j, "kind"), "clients");
    assert_string_equal(json_get_string(j, "name"), "new");
    assert_null(cJSON_GetObjectItem(j, "parent"));
    assert_string_equal(json_get_string(j, "outcome"), "failed");
    assert_string_equal(json_get_string(j, "error"), "refused");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j, "fields")), 2);
    assert_int_equal((int)cJSON_GetObjectItem(j, "status")->valuedouble, 400);
    cJSON_Delete(j);
    assert_non_null(fgets(line, sizeof(line), f));
    j = json_parse(line, strlen(line));
    assert_string_equal(json_get_string(j, "outcome"), "done");
    assert_null(cJSON_GetObjectItem(j, "error"));
    cJSON_Delete(j);
    assert_null(fgets(line, sizeof(line), f));
    fclose(f);
    free(path);
    free(dir);
}

/* Two processes append 1,000 lines each at once: 2,000 whole lines, 1,000 of each. */
static void test_two_writers(void **state)
{
    (void)state;
    char *dir = scratch();
    char *path = xasprintf("%s/journal.jsonl", dir);
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        kids[k] = fork();
        assert_true(kids[k] >= 0);
        if (kids[k] == 0) {
            struct journal_entry *e = journal_entry_new("delete", "tenants");
            journal_entry_set(e, "profile", k ? "second" : "first");
            /* a long name, so that a torn write would show */
            char name[600];
            memset(name, 'a' + k, sizeof(name) - 1);
            name[sizeof(name) - 1] = '\0';
            journal_entry_set(e, "name", name);
            journal_entry_end(e, ST_OK, 204, NULL);
            struct tn_error err = {0};
            for (int i = 0; i < 1000; i++)
                if (!journal_append(path, e, &err))
                    _exit(1);
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int st;
        assert_int_equal(waitpid(kids[k], &st, 0), kids[k]);
        assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int count[2] = {0, 0};
    while ((n = getline(&line, &cap, f)) > 0) {
        cJSON *j = json_parse(line, (size_t)n);
        assert_non_null(j);
        const char *p = json_get_string(j, "profile");
        assert_non_null(p);
        count[!strcmp(p, "second")]++;
        assert_int_equal(strlen(json_get_string(j, "name")), 599);
        cJSON_Delete(j);
    }
    free(line);
    fclose(f);
    assert_int_equal(count[0], 1000);
    assert_int_equal(count[1], 1000);
    free(path);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_line_and_modes),
        cmocka_unit_test(test_two_writers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
