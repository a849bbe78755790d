/* test_keys.c: tui/keys: key names, the default keymap (etc/keys.conf), rebinding, the
 * `keys` group of the config file; and the help view built from them. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <curses.h>

#include "core/util.h"
#include "tui/help.h"
#include "tui/keys.h"
#include "install_dirs.h"

#define FN(k) (KEYS_FN + (k))
#define CTRL(c) ((c) & 0x1f)

/* The keys of r as keymap_describe gives them (a static buffer). */
static const char *described(const struct keymap *km, enum action r)
{
    static char buf[256];
    struct strbuf sb = SB_INIT;
    keymap_describe(km, r, &sb);
    snprintf(buf, sizeof(buf), "%s", sb_str(&sb));
    sb_free(&sb);
    return buf;
}

/* Assert that keys_parse accepts name as key (and alt). */
static void parses_as(const char *name, int key, int alt)
{
    int k = -1, a = -1;
    if (!keys_parse(name, &k, &a))
        fail_msg("\"%s\" does not parse", name);
    assert_int_equal(k, key);
    assert_int_equal(a, alt);
}

static void test_every_action_has_a_default(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    for (int r = ACT_NONE + 1; r < ACT_COUNT; r++) {
        if (!*described(km, (enum action)r))
            fail_msg("no default key for %s", action_name((enum action)r));
    }
    assert_string_equal(described(km, ACT_MOVE_DOWN), "j, Down");
    assert_string_equal(described(km, ACT_PAGE_DOWN), "PgDn, C-f, C-d");
    assert_string_equal(described(km, ACT_PREV_PANE), "BTab, h, Left");
    assert_string_equal(described(km, ACT_BACK), "Esc, Backspace");
    assert_string_equal(described(km, ACT_HELP), "?, F1");
    assert_string_equal(described(km, ACT_COMMAND), ":");
    assert_string_equal(described(km, ACT_NONE), "");
    keymap_free(km);
}

static void test_default_lookup(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    static const struct {
        int key;
        enum action r;
    } want[] = {
        {'j', ACT_MOVE_DOWN},       {FN(KEY_DOWN), ACT_MOVE_DOWN}, {'k', ACT_MOVE_UP},
        {FN(KEY_UP), ACT_MOVE_UP},  {FN(KEY_NPAGE), ACT_PAGE_DOWN}, {CTRL('f'), ACT_PAGE_DOWN},
        {CTRL('d'), ACT_PAGE_DOWN}, {CTRL('u'), ACT_PAGE_UP},    {'g', ACT_FIRST},
        {'G', ACT_LAST},            {FN(KEY_END), ACT_LAST},     {'\t', ACT_NEXT_PANE},
        {FN(KEY_BTAB), ACT_PREV_PANE}, {'\n', ACT_ENTER},        {'\r', ACT_ENTER},
        {FN(KEY_ENTER), ACT_ENTER}, {KEYS_ESC, ACT_BACK},        {127, ACT_BACK},
        {FN(KEY_BACKSPACE), ACT_BACK}, {'/', ACT_FILTER},        {'N', ACT_SEARCH_PREV},
        {'S', ACT_SORT_REVERSE},    {':', ACT_COMMAND},          {'P', ACT_PROFILES},
        {'?', ACT_HELP},            {FN(KEY_F(1)), ACT_HELP},    {CTRL('l'), ACT_REDRAW},
        {'q', ACT_QUIT},            {'x', ACT_NONE},             {CTRL('h'), ACT_NONE},
        {'Q', ACT_NONE},            {FN(KEY_F(2)), ACT_NONE},    {0, ACT_NONE},
    };
    for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
        char name[32];
        if (keymap_lookup(km, want[i].key) != want[i].r)
            fail_msg("%s: %s, not %s", keys_name(want[i].key, name),
                     action_name(keymap_lookup(km, want[i].key)), action_name(want[i].r));
    }
    keymap_free(km);
}

static void test_rebind_replaces_and_moves(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    struct tn_error err = {0};
    assert_true(keymap_bind(km, "move-down", "J,C-n", &err));
    assert_int_equal(keymap_lookup(km, 'j'), ACT_NONE); /* the defaults are replaced */
    assert_int_equal(keymap_lookup(km, FN(KEY_DOWN)), ACT_NONE);
    assert_int_equal(keymap_lookup(km, 'J'), ACT_MOVE_DOWN);
    assert_int_equal(keymap_lookup(km, CTRL('n')), ACT_MOVE_DOWN);
    assert_string_equal(described(km, ACT_MOVE_DOWN), "J, C-n");

    assert_true(keymap_bind(km, "quit", " j  k,, Q ", &err)); /* k moves from move-up */
    assert_int_equal(keymap_lookup(km, 'k'), ACT_QUIT);
    assert_int_equal(keymap_lookup(km, 'q'), ACT_NONE);
    assert_string_equal(described(km, ACT_QUIT), "j, k, Q");
    assert_string_equal(described(km, ACT_MOVE_UP), "Up");

    assert_true(keymap_bind(km, "move-down", "j j", &err)); /* back again; twice is once */
    assert_int_equal(keymap_lookup(km, 'j'), ACT_MOVE_DOWN);
    assert_string_equal(described(km, ACT_MOVE_DOWN), "j");
    assert_string_equal(described(km, ACT_QUIT), "k, Q");

    assert_true(keymap_bind(km, "details", "Return", &err)); /* all three codes move */
    assert_int_equal(keymap_lookup(km, '\n'), ACT_DETAILS);
    assert_int_equal(keymap_lookup(km, '\r'), ACT_DETAILS);
    assert_int_equal(keymap_lookup(km, FN(KEY_ENTER)), ACT_DETAILS);
    assert_string_equal(described(km, ACT_DETAILS), "Enter");
    assert_string_equal(described(km, ACT_ENTER), "");

    assert_true(keymap_bind(km, "enter", "C-m", &err)); /* one code of Enter only */
    assert_int_equal(keymap_lookup(km, '\r'), ACT_ENTER);
    assert_int_equal(keymap_lookup(km, '\n'), ACT_DETAILS);
    assert_string_equal(described(km, ACT_ENTER), "C-m");
    assert_true(keymap_bind(km, "details", "C-m", &err)); /* a named code moves as a key */
    assert_string_equal(described(km, ACT_ENTER), "");
    assert_int_equal(keymap_lookup(km, '\r'), ACT_DETAILS);

    assert_true(keymap_bind(km, "redraw", "C-l\tC-r\n", &err)); /* any blank separates */
    assert_string_equal(described(km, ACT_REDRAW), "C-l, C-r");

    assert_true(keymap_bind(km, "back", "", &err)); /* an empty spec unbinds */
    assert_string_equal(described(km, ACT_BACK), "");
    assert_int_equal(keymap_lookup(km, KEYS_ESC), ACT_NONE);
    assert_int_equal(keymap_lookup(km, 127), ACT_NONE);
    assert_int_equal(keymap_lookup(km, FN(KEY_BACKSPACE)), ACT_NONE);
    assert_null(err.message);
    keymap_free(km);
}

/* The conflict view's keys are a scope of their own: r, e and d there by default, still
 * refresh, edit and delete elsewhere; rebinding one moves a key only within its scope. */
static void test_conflict_scope(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    struct tn_error err = {0};
    assert_int_equal(keymap_lookup(km, 'r'), ACT_REFRESH);
    assert_int_equal(keymap_lookup(km, 'e'), ACT_EDIT);
    assert_int_equal(keymap_lookup(km, 'd'), ACT_DELETE);
    assert_int_equal(keymap_lookup_conflict(km, 'r'), ACT_CONFLICT_REAPPLY);
    assert_int_equal(keymap_lookup_conflict(km, 'e'), ACT_CONFLICT_EDIT);
    assert_int_equal(keymap_lookup_conflict(km, 'd'), ACT_CONFLICT_DISCARD);
    assert_int_equal(keymap_lookup_conflict(km, 'j'), ACT_NONE);

    assert_true(keymap_bind(km, "conflict-reapply", "R", &err));
    assert_int_equal(keymap_lookup_conflict(km, 'R'), ACT_CONFLICT_REAPPLY);
    assert_int_equal(keymap_lookup_conflict(km, 'r'), ACT_NONE);
    assert_int_equal(keymap_lookup(km, 'R'), ACT_ROTATE); /* not taken from the main scope */
    assert_int_equal(keymap_lookup(km, 'r'), ACT_REFRESH);
    assert_true(keymap_bind(km, "conflict-edit", "d", &err)); /* from discard, not delete */
    assert_string_equal(described(km, ACT_CONFLICT_DISCARD), "");
    assert_int_equal(keymap_lookup(km, 'd'), ACT_DELETE);
    char buf[32];
    assert_string_equal(keymap_hint(km, ACT_CONFLICT_DISCARD, buf), "<conflict-discard>");
    assert_null(err.message);
    keymap_free(km);
}

/* The profiles list's keys are a scope of their own too: * marks every row elsewhere and
 * makes the default profile there; Space marks; rebinding moves a key only within its scope. */
static void test_profiles_scope(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    struct tn_error err = {0};
    assert_int_equal(keymap_lookup(km, '*'), ACT_MARK_ALL);
    assert_int_equal(keymap_lookup(km, ' '), ACT_MARK);
    assert_int_equal(keymap_lookup_profiles(km, '*'), ACT_PROFILE_DEFAULT);
    assert_int_equal(keymap_lookup_profiles(km, 'a'), ACT_PROFILE_ADD);
    assert_int_equal(keymap_lookup_profiles(km, 'D'), ACT_PROFILE_REMOVE);
    assert_int_equal(keymap_lookup(km, 'a'), ACT_NONE);
    assert_int_equal(keymap_lookup_profiles(km, 'j'), ACT_NONE);
    assert_string_equal(described(km, ACT_MARK), "Space");
    assert_true(keymap_bind(km, "mark-all", "D", &err)); /* not from profile-remove */
    assert_int_equal(keymap_lookup(km, 'D'), ACT_MARK_ALL);
    assert_int_equal(keymap_lookup_profiles(km, 'D'), ACT_PROFILE_REMOVE);
    assert_int_equal(keymap_lookup(km, '*'), ACT_NONE);
    assert_true(keymap_bind(km, "profile-default", "m", &err));
    assert_int_equal(keymap_lookup_profiles(km, '*'), ACT_NONE);
    assert_null(err.message);
    keymap_free(km);
}

static void test_bad_names_change_nothing(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    struct tn_error err = {0};
    assert_false(keymap_bind(km, "mvoe-down", "x", &err));
    assert_int_equal(err.code, ST_USAGE);
    assert_non_null(strstr(err.message, "unknown action \"mvoe-down\""));
    /* the installed file, not the source tree's */
    assert_null(strstr(err.message, "etc/keys.conf"));
    assert_non_null(strstr(err.message, DOCDIR "/keys.conf"));
    assert_int_equal(keymap_lookup(km, 'x'), ACT_NONE);
    err_clear(&err);

    assert_false(keymap_bind(km, "quit", "x Ctrl-x", &err));
    assert_non_null(strstr(err.message, "unknown key \"Ctrl-x\" for \"quit\""));
    assert_non_null(strstr(err.message, "C-x"));
    assert_int_equal(keymap_lookup(km, 'x'), ACT_NONE); /* not half done */
    assert_int_equal(keymap_lookup(km, 'q'), ACT_QUIT);
    assert_string_equal(described(km, ACT_QUIT), "q");
    err_clear(&err);

    assert_false(keymap_bind(km, "", "q", &err));
    err_clear(&err);
    assert_false(keymap_bind(km, "help", "F13", &err));
    assert_string_equal(described(km, ACT_HELP), "?, F1");
    err_clear(&err);
    keymap_free(km);
}

static void test_key_names(void **state)
{
    (void)state;
    static const char *const canonical[] = {
        "j", "G", "?", "/", ":", "~", "0", "é", "€", "😀", "C-a", "C-z", "C-@", "C-\\", "C-]",
        "C-^", "C-_", "C-m", "Enter", "Esc", "Tab", "BTab", "Backspace", "Space", "Comma",
        "Del", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
    };
    char buf[32], name[8];
    int key, alt;
    for (size_t i = 0; i < ARRAY_SIZE(canonical); i++) {
        if (!keys_parse(canonical[i], &key, NULL))
            fail_msg("\"%s\" does not parse", canonical[i]);
        assert_string_equal(keys_name(key, buf), canonical[i]);
    }
    for (int n = 1; n <= 12; n++) {
        snprintf(name, sizeof(name), "F%d", n);
        parses_as(name, FN(KEY_F(n)), 0);
        assert_string_equal(keys_name(FN(KEY_F(n)), buf), name);
    }
    for (int c = 0; c < 0x20; c++) /* every control character has a name that parses back */
        assert_true(keys_parse(keys_name(c, buf), &key, NULL) && key == c);

    parses_as("Enter", '\n', '\r');
    parses_as("C-j", '\n', '\r'); /* the same key */
    parses_as("Backspace", FN(KEY_BACKSPACE), 127);
    parses_as("Esc", KEYS_ESC, 0);
    parses_as("C-[", KEYS_ESC, 0);
    parses_as("C-i", '\t', 0);
    parses_as("C-L", CTRL('l'), 0);
    parses_as("c-l", CTRL('l'), 0);
    parses_as("pgdn", FN(KEY_NPAGE), 0);
    parses_as("PageDown", FN(KEY_NPAGE), 0);
    parses_as("S-Tab", FN(KEY_BTAB), 0);
    parses_as("g", 'g', 0);
    parses_as("é", 0xe9, 0);
    assert_string_equal(keys_name(127, buf), "Backspace");
    assert_string_equal(keys_name(FN(KEY_ENTER), buf), "Enter");
    assert_string_equal(keys_name('\r', buf), "C-m");
    assert_string_equal(keys_name(0x85, buf), "U+0085");
    assert_string_equal(keys_name(FN(KEY_SLEFT), buf), "KEY_SLEFT"); /* curses' name */

    static const char *const bad[] = {
        "", "Ctrl-x", "^x", "M-x", "C-", "C-1", "C-é", "jk", "F0", "F13", "F01", "F1x", "Fn",
        "\x01", "\x7f", "\t", "\xff", "\xc3", "\xc3\xa9x", "\xc0\xaf", "\xed\xa0\x80",
        "\xc2\x85",
    };
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        key = alt = -7;
        if (keys_parse(bad[i], &key, &alt))
            fail_msg("\"%s\" parses as %d", bad[i], key);
        assert_int_equal(key, -7); /* untouched */
    }
    assert_false(keys_parse(NULL, &key, &alt));
}

/* Write text to a new 0600 file in a fresh folder; returns its path (free it, and rmdir). */
static char *config_file(const char *text)
{
    const char *base = getenv("TENANTRY_TEST_TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    mkdir(base, 0700);
    char *dir = xasprintf("%s/test_keys.XXXXXX", base);
    assert_non_null(mkdtemp(dir));
    char *path = xasprintf("%s/config", dir);
    free(dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_true(fputs(text, f) >= 0);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0600), 0);
    return path;
}

/* Remove what config_file made. */
static void remove_config(char *path)
{
    assert_int_equal(unlink(path), 0);
    *strrchr(path, '/') = '\0';
    assert_int_equal(rmdir(path), 0);
    free(path);
}

/* Load a profiles file holding text and apply its keys to a default keymap: the result of
 * keymap_load, with the keymap in *out and the error in err. */
static bool load_keys(const char *text, struct keymap **out, char **path, struct tn_error *err)
{
    struct profile_set set;
    *path = config_file(text);
    if (!profile_load(*path, &set, err))
        fail_msg("%s", err->message);
    *out = keymap_new();
    bool ok = keymap_load(*out, &set, err);
    profile_set_free(&set);
    return ok;
}

#define PROFILE                                                                              \
    "profiles = ( { name = \"p\"; url = \"https://api.example.com\"; "                       \
    "auth_url = \"https://auth.example.com/t\"; audience = \"a\"; client_id = \"c\"; "        \
    "client_secret_env = \"TN_SECRET\"; } );\n"

static void test_config_overrides(void **state)
{
    (void)state;
    struct keymap *km;
    struct tn_error err = {0};
    char *path;
    assert_true(load_keys(PROFILE "keys = {\n  quit = \"Q\";\n  move-down = \"J, Down\";\n};\n",
                          &km, &path, &err));
    assert_int_equal(keymap_lookup(km, 'q'), ACT_NONE);
    assert_int_equal(keymap_lookup(km, 'Q'), ACT_QUIT);
    assert_int_equal(keymap_lookup(km, 'J'), ACT_MOVE_DOWN);
    assert_int_equal(keymap_lookup(km, 'j'), ACT_NONE);
    assert_int_equal(keymap_lookup(km, 'k'), ACT_MOVE_UP); /* the rest keep their defaults */
    keymap_free(km);
    remove_config(path);

    assert_true(load_keys(PROFILE, &km, &path, &err)); /* no keys group: the defaults */
    assert_int_equal(keymap_lookup(km, 'q'), ACT_QUIT);
    keymap_free(km);
    remove_config(path);

    /* Bad bindings are reported (the first, with the file), the good ones applied. */
    assert_false(load_keys(PROFILE "keys = { mvoe-down = \"x\"; quit = \"Ctrl-x\"; "
                                   "help = \"H\"; };\n", &km, &path, &err));
    assert_non_null(strstr(err.message, "unknown action \"mvoe-down\" in the keys group of"));
    assert_non_null(strstr(err.message, path));
    assert_int_equal(keymap_lookup(km, 'H'), ACT_HELP);
    assert_int_equal(keymap_lookup(km, 'q'), ACT_QUIT);
    err_clear(&err);
    keymap_free(km);
    remove_config(path);

    assert_false(load_keys(PROFILE "keys = {\n  quit = 1;\n  help = \"H\";\n};\n", &km, &path,
                           &err));
    char *want = xasprintf("%s:3: ", path);
    assert_non_null(strstr(err.message, want));
    assert_non_null(strstr(err.message, "quit"));
    assert_int_equal(keymap_lookup(km, 'H'), ACT_HELP);
    free(want);
    err_clear(&err);
    keymap_free(km);
    remove_config(path);

    assert_false(load_keys(PROFILE "keys = \"q\";\n", &km, &path, &err));
    assert_non_null(strstr(err.message, "must be a group"));
    err_clear(&err);
    keymap_free(km);
    remove_config(path);
}

static void test_missing_config(void **state)
{
    (void)state;
    struct profile_set set;
    struct tn_error err = {0};
    assert_true(profile_load("/nonexistent/tenantry/config", &set, &err));
    struct keymap *km = keymap_new();
    assert_true(keymap_load(km, &set, &err));
    assert_int_equal(keymap_lookup(km, 'q'), ACT_QUIT);
    keymap_free(km);
    profile_set_free(&set);
}

/* True when the help view t has a line holding text (through its search). */
static bool help_has(struct textview *t, const char *text)
{
    struct view *v = textview_view(t);
    v->ops->search(v, text, true);
    return !strncmp(textview_status(t), "match ", 6);
}

/* Hide copy (as a read-only console might hide mutating actions). */
static bool hide_copy(void *ud, enum action r)
{
    (void)ud;
    return r == ACT_COPY;
}

/* Hide the Changing and conflict groups (what a read-only console does). */
static bool hide_changing(void *ud, enum action r)
{
    (void)ud;
    return action_group(r) == ACT_GROUP_CHANGE || action_group(r) == ACT_GROUP_CONFLICT;
}

/* Hide the whole Program group. */
static bool hide_program(void *ud, enum action r)
{
    (void)ud;
    return action_group(r) == ACT_GROUP_PROGRAM;
}

/* Six commands, as tui/command.c gives help its own. */
static const struct help_command cmds[] = {
    {":environments", "Go to the environments pane"}, {":tenants", "Go to the tenants pane"},
    {":clients", "Go to the clients pane"}, {":filter TERMS", "Let the server filter"},
    {":profile NAME", "Switch to the profile called NAME"}, {":q", "Quit"},
};

static void test_help(void **state)
{
    (void)state;
    struct keymap *km = keymap_new();
    struct tn_error err = {0};
    assert_true(keymap_bind(km, "sort", "", &err));
    struct textview *t = help_new(km, NULL, NULL, cmds, ARRAY_SIZE(cmds), NULL, 0);
    /* 6 titles, every action, 5 blank lines between groups; blank, title, 6 commands; blank,
     * the two last lines. */
    assert_int_equal(textview_lines(t), 6 + ACT_COUNT - 1 + 5 + 2 + 6 + 3);
    assert_true(help_has(t, "In a conflict"));
    assert_true(help_has(t, "Discard your edit"));
    assert_true(help_has(t, "j, Down"));
    assert_true(help_has(t, "Move the selection down"));
    assert_true(help_has(t, "(unbound)"));
    assert_true(help_has(t, ":profile NAME"));
    assert_true(help_has(t, "keys.conf"));
    assert_true(help_has(t, "Copy the selected ID"));
    struct view *v = textview_view(t);
    v->ops->free(v);

    t = help_new(km, hide_copy, NULL, cmds, ARRAY_SIZE(cmds), NULL, 0);
    assert_int_equal(textview_lines(t), 6 + ACT_COUNT - 2 + 5 + 2 + 6 + 3);
    assert_false(help_has(t, "Copy the selected ID"));
    v = textview_view(t);
    v->ops->free(v);

    t = help_new(km, hide_changing, NULL, cmds, ARRAY_SIZE(cmds), NULL, 0); /* read-only: no Changing title, no c/e/d */
    assert_int_equal(textview_lines(t), 4 + ACT_COUNT - 8 + 3 + 2 + 6 + 3);
    assert_false(help_has(t, "Changing"));
    assert_false(help_has(t, "In a conflict"));
    assert_false(help_has(t, "Delete the selection"));
    assert_true(help_has(t, "Copy the selected ID"));
    v = textview_view(t);
    v->ops->free(v);

    t = help_new(km, hide_program, NULL, cmds, ARRAY_SIZE(cmds), NULL, 0); /* no Program title, no commands */
    assert_false(help_has(t, ":profile NAME"));
    assert_false(help_has(t, "Quit"));
    assert_true(help_has(t, "keys.conf"));
    v = textview_view(t);
    v->ops->free(v);
    keymap_free(km);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_action_has_a_default),
        cmocka_unit_test(test_default_lookup),
        cmocka_unit_test(test_rebind_replaces_and_moves),
        cmocka_unit_test(test_conflict_scope),
        cmocka_unit_test(test_profiles_scope),
        cmocka_unit_test(test_bad_names_change_nothing),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_config_overrides),
        cmocka_unit_test(test_missing_config),
        cmocka_unit_test(test_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
