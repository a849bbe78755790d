/* test_profile_save.c: core/profile: editing and the atomic save (loading: test_profile.c). */
#include "config.h"

#include <dirent.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/profile.h"
#include "core/util.h"
#include "profile_fixture.h"

/* The whole content of path (NULL when it cannot be read). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    struct strbuf sb = SB_INIT;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        sb_add(&sb, buf, n);
    fclose(f);
    return sb_steal(&sb);
}

/* Equal strings, both possibly NULL. */
static bool str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Every field of a and b equal. */
static bool profile_eq(const struct profile *a, const struct profile *b)
{
    return str_eq(a->name, b->name) && str_eq(a->api, b->api) && str_eq(a->url, b->url) &&
           str_eq(a->auth_url, b->auth_url) && str_eq(a->audience, b->audience) &&
           str_eq(a->client_id, b->client_id) && str_eq(a->client_secret, b->client_secret) &&
           str_eq(a->client_secret_env, b->client_secret_env) &&
           str_eq(a->client_secret_command, b->client_secret_command) &&
           str_eq(a->ca_file, b->ca_file) && a->readonly == b->readonly &&
           a->production == b->production && a->page_size == b->page_size &&
           a->timeout == b->timeout;
}

/* The same profiles in the same order and the same default. */
static bool set_eq(const struct profile_set *a, const struct profile_set *b)
{
    if (a->n != b->n || !str_eq(a->default_name, b->default_name))
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (!profile_eq(&a->v[i], &b->v[i]))
            return false;
    return true;
}

/* A profile for profile_add: name, https URLs, secret from the environment. */
static struct profile new_profile(char *name)
{
    static char url[] = "https://new.example", auth[] = "https://new.example/oauth/token";
    static char aud[] = "https://aud.example", id[] = "new-id", env[] = "NEW_SECRET";
    return (struct profile){.name = name, .url = url, .auth_url = auth, .audience = aud,
                            .client_id = id, .client_secret_env = env};
}

static void test_edit_save_reload(void **state)
{
    (void)state;
    struct profile_set set;
    load_ok("keys = { quit = \"q\"; };\ndefault_profile = \"b\";\nprofiles = ( " GOOD("a", INLINE)
            ", " GOOD("b", ENVSRC) " );\nfuture = [1, 2];\n", 0600, &set);
    char *before = xasprintf("%s/config", tmpdir);
    char *old_text = slurp(before);
    struct tn_error err = {0};
    char name[] = "c";
    struct profile p = new_profile(name);
    assert_true(profile_add(&set, &p, &err));
    assert_int_equal(set.v[2].page_size, PROFILE_DEFAULT_PAGE_SIZE); /* 0 means the default */
    assert_string_equal(set.v[2].api, "mattr");
    assert_false(profile_add(&set, &p, &err)); /* the name is taken */
    assert_non_null(strstr(err.message, "\"c\" exists already"));
    char http[] = "http://new.example";
    p.url = http;
    p.name = (char[]){"d"};
    assert_false(profile_add(&set, &p, &err));
    assert_non_null(strstr(err.message, "profile \"d\": field \"url\""));
    p = new_profile((char[]){"bad/name"});
    assert_false(profile_add(&set, &p, &err));
    assert_non_null(strstr(err.message, "field \"name\""));
    assert_int_equal(set.n, 3);
    assert_true(profile_remove(&set, "b", &err)); /* the default: the mark goes too */
    assert_null(set.default_name);
    assert_false(profile_remove(&set, "b", &err));
    assert_non_null(strstr(err.message, "no profile called \"b\""));
    assert_false(profile_set_default(&set, "zz", &err));
    assert_true(profile_set_default(&set, "c", &err));
    assert_true(profile_set_default(&set, set.default_name, &err));
    err_clear(&err);
    assert_true(profile_save(&set, &err));
    struct stat st;
    assert_int_equal(stat(before, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    char *text = slurp(before);
    assert_non_null(strstr(text, "quit = \"q\";")); /* settings we do not know survive */
    assert_non_null(strstr(text, "future"));
    char *backup = xasprintf("%s~", before);
    char *backup_text = slurp(backup);
    assert_string_equal(backup_text, old_text);
    assert_int_equal(stat(backup, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    struct profile_set again;
    assert_true(profile_load(before, &again, &err));
    assert_true(set_eq(&set, &again));
    assert_string_equal(again.default_name, "c");
    assert_string_equal(again.v[0].name, "a");
    assert_string_equal(again.v[1].name, "c");
    assert_ptr_equal(profile_default(&again, &err), &again.v[1]);
    profile_set_free(&again);
    profile_set_free(&set);
    free(backup_text);
    free(backup);
    free(text);
    free(old_text);
    free(before);
}

static void test_save_new_file_and_copy(void **state)
{
    (void)state;
    char *path = xasprintf("%s/a/b/config", tmpdir);
    struct profile_set set;
    struct tn_error err = {0};
    assert_true(profile_load(path, &set, &err));
    struct profile p = new_profile((char[]){"n"});
    p.client_secret_env = NULL;
    p.client_secret = (char[]){"inline-secret"};
    p.readonly = true;
    p.timeout = 99;
    assert_true(profile_add(&set, &p, &err));
    assert_true(profile_save(&set, &err));
    assert_true(set.exists);
    struct stat st;
    char *dir = xasprintf("%s/a/b", tmpdir);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    char *backup = xasprintf("%s~", path);
    assert_int_equal(stat(backup, &st), -1); /* nothing to keep */
    struct profile_set again;
    assert_true(profile_load(path, &again, &err));
    assert_true(set_eq(&set, &again));
    struct profile copy;
    profile_copy(&copy, &again.v[0]);
    assert_true(profile_eq(&copy, &again.v[0]));
    assert_ptr_not_equal(copy.client_secret, again.v[0].client_secret);
    profile_free(&copy);
    assert_null(copy.name);
    profile_set_free(&again);
    profile_set_free(&set);
    free(backup);
    free(dir);
    free(path);
}

/* The names in tmpdir other than config and config~ (count), each removed. */
static int stray_files(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, "config") ||
            !strcmp(e->d_name, "config~"))
            continue;
        if (strncmp(e->d_name, ".config.", 8))
            fail_msg("unexpected file %s", e->d_name);
        char *p = xasprintf("%s/%s", tmpdir, e->d_name);
        unlink(p);
        free(p);
        n++;
    }
    closedir(d);
    return n;
}

static void test_save_failure_keeps_old_file(void **state)
{
    (void)state;
    struct profile_set set;
    load_ok("profiles = ( " GOOD("a", ENVSRC) " );", 0600, &set);
    char *path = xasprintf("%s/config", tmpdir);
    char *old = slurp(path);
    struct profile p = new_profile((char[]){"b"});
    struct tn_error err = {0};
    assert_true(profile_add(&set, &p, &err));
    /* config~ is a non-empty folder: the backup step fails after the temp file is written */
    char *backup = xasprintf("%s~", path), *inside = xasprintf("%s~/x", path);
    assert_int_equal(mkdir(backup, 0700), 0);
    assert_int_equal(mkdir(inside, 0700), 0);
    assert_false(profile_save(&set, &err));
    assert_int_equal(err.code, ST_OTHER);
    assert_non_null(strstr(err.message, backup));
    err_clear(&err);
    char *now = slurp(path);
    assert_string_equal(now, old);
    free(now);
    assert_int_equal(stray_files(), 0);
    rmdir(inside);
    rmdir(backup);
    if (geteuid() != 0) { /* root writes anywhere */
        assert_int_equal(chmod(tmpdir, 0500), 0);
        assert_false(profile_save(&set, &err));
        assert_non_null(strstr(err.message, path));
        err_clear(&err);
        assert_int_equal(chmod(tmpdir, 0700), 0);
        now = slurp(path);
        assert_string_equal(now, old);
        free(now);
        assert_int_equal(stray_files(), 0);
    }
    free(set.path); /* the folder is a regular file */
    set.path = xasprintf("%s/config/sub/config", tmpdir);
    assert_false(profile_save(&set, &err));
    assert_non_null(strstr(err.message, "config/sub"));
    err_clear(&err);
    now = slurp(path);
    assert_string_equal(now, old);
    free(now);
    profile_set_free(&set);
    free(inside);
    free(backup);
    free(old);
    free(path);
}

/* Two holders of the same file (the console from start-up, a command run meanwhile): each
 * change applies to the file as it is now, so neither erases the other's; the stale holder's
 * set then shows the file's content. A change that fails leaves set and file alone. */
static void test_apply_to_the_file_as_it_is(void **state)
{
    (void)state;
    struct profile_set console, cli, got;
    load_ok("profiles = ( " GOOD("a", ENVSRC) " );", 0600, &console);
    load_ok("profiles = ( " GOOD("a", ENVSRC) " );", 0600, &cli);
    struct tn_error err = {0};
    char b[] = "b", c[] = "c";
    struct profile pb = new_profile(b), pc = new_profile(c);
    assert_true(profile_apply(&cli, &(struct profile_change){.add = &pb}, &err));
    assert_true(profile_apply(&console, &(struct profile_change){.add = &pc,
                                                                 .make_default = c}, &err));
    assert_true(profile_load(console.path, &got, &err));
    assert_int_equal(got.n, 3);
    assert_non_null(profile_find(&got, "a"));
    assert_non_null(profile_find(&got, "b")); /* not erased by the console's save */
    assert_non_null(profile_find(&got, "c"));
    assert_string_equal(got.default_name, "c");
    assert_true(set_eq(&got, &console));
    char *text = slurp(console.path);
    assert_false(profile_apply(&cli, &(struct profile_change){.remove = "zz"}, &err));
    err_clear(&err);
    assert_false(profile_apply(&cli, &(struct profile_change){.add = &pb}, &err)); /* taken */
    err_clear(&err);
    char *after = slurp(console.path);
    assert_string_equal(text, after);
    assert_int_equal(cli.n, 2); /* as after its own change */
    char *lock = xasprintf("%s.lock", console.path);
    assert_int_equal(access(lock, F_OK), -1); /* no lock left, also after a failure */
    free(lock);
    free(after);
    free(text);
    profile_set_free(&got);
    profile_set_free(&cli);
    profile_set_free(&console);
}

static void test_save_through_symlink(void **state)
{
    (void)state;
    struct profile_set set;
    load_ok("profiles = ( " GOOD("a", ENVSRC) " );", 0600, &set);
    char *real = xasprintf("%s/config", tmpdir), *link_path = xasprintf("%s/link", tmpdir);
    assert_int_equal(symlink("config", link_path), 0);
    free(set.path);
    set.path = xstrdup(link_path);
    struct tn_error err = {0};
    assert_true(profile_set_default(&set, "a", &err));
    assert_true(profile_save(&set, &err));
    struct stat st;
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *text = slurp(real);
    assert_non_null(strstr(text, "default_profile"));
    free(text);
    profile_set_free(&set);
    free(link_path);
    free(real);
}

/* Kill a process saving two sets in turn at random moments: after each kill the file must
 * load and equal one of the two sets, config~ (when there) too, and at most one temp file
 * (the killed save's own) may be left over; it is removed before the next round. */
static void test_save_survives_kill(void **state)
{
    (void)state;
    struct profile_set a, b;
    load_ok("default_profile = \"a1\"; profiles = ( " GOOD("a1", INLINE) " );", 0600, &a);
    load_ok("keys = { quit = \"q\"; }; profiles = ( " GOOD("b1", ENVSRC) ", "
            GOOD("b2", "client_secret_command = \"pass show b2\";") " );", 0600, &b);
    char *path = xasprintf("%s/config", tmpdir);
    char *backup = xasprintf("%s~", path);
    struct tn_error err = {0};
    int64_t t0 = util_now_ms();
    for (int i = 0; i < 4; i++)
        assert_true(profile_save(i % 2 ? &b : &a, &err)); /* ends with a in the file */
    long save_us = (long)(util_now_ms() - t0) * 1000 / 4 + 100;
    unsigned seed = 12345;
    int seen_a = 0, seen_b = 0, strays = 0;
    /* 200 rounds, more while a kill has not yet landed on each side (a loaded machine may not
     * run the child before the kill): the window grows with the rounds */
    for (int round = 0; round < 200 || ((!seen_a || !seen_b) && round < 4000); round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            alarm(30);
            for (unsigned k = 0;; k++)
                profile_save(k % 2 ? &a : &b, &err);
        }
        long window = 3 * save_us * (1 + round / 200);
        long us = (long)(rand_r(&seed) % (unsigned)(window + 1));
        struct timespec ts = {us / 1000000, us % 1000000 * 1000};
        nanosleep(&ts, NULL);
        assert_int_equal(kill(pid, SIGKILL), 0);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        const char *files[] = {path, backup};
        for (size_t f = 0; f < ARRAY_SIZE(files); f++) {
            struct profile_set got;
            struct stat st;
            if (f == 1 && stat(backup, &st) != 0)
                continue; /* between replacing the old backup and linking the new one */
            if (!profile_load(files[f], &got, &err))
                fail_msg("round %d: %s", round, err.message);
            bool is_a = set_eq(&got, &a), is_b = set_eq(&got, &b);
            assert_true(is_a || is_b);
            if (f == 0) {
                seen_a += is_a;
                seen_b += is_b;
            }
            profile_set_free(&got);
        }
        int n = stray_files();
        assert_in_range(n, 0, 1);
        strays += n;
    }
    print_message("kill test: a %d, b %d, killed while a temp file existed %d\n", seen_a, seen_b,
                  strays);
    assert_true(seen_a > 0 && seen_b > 0); /* kills landed before and after whole saves */
    profile_set_free(&a);
    profile_set_free(&b);
    free(backup);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_edit_save_reload, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_new_file_and_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_failure_keeps_old_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_through_symlink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_apply_to_the_file_as_it_is, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save_survives_kill, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
