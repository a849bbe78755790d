/* test_form.c: tui/form keys, checks, values and errors (no drawing). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "core/status.h"
#include "tui/form.h"
#include "tui/keys.h"

#define K_UP (KEYS_FN + KEY_UP)
#define K_DOWN (KEYS_FN + KEY_DOWN)
#define K_LEFT (KEYS_FN + KEY_LEFT)
#define K_RIGHT (KEYS_FN + KEY_RIGHT)
#define K_BTAB (KEYS_FN + KEY_BTAB)
#define K_BS (KEYS_FN + KEY_BACKSPACE)
#define K_ENTER (KEYS_FN + KEY_ENTER)
#define K_CTRL_C 3
#define PROBE 0x2603 /* a snowman: typed into a text field, ignored by choices and lists */

/* Type an ASCII string into the focused field, each key changing what is shown. */
static void type_ascii(struct form *f, const char *s)
{
    for (; *s; s++)
        assert_int_equal(form_key(f, (unsigned char)*s), FORM_REDRAW);
}

/* The key (among keys, n of them: text or secret fields) of the focused text field, found by
 * typing a probe character and erasing it again; NULL when the focus is on none of them. */
static const char *focused_text(struct form *f, const char *const *keys, size_t n)
{
    char *before[8];
    assert_true(n <= 8);
    for (size_t i = 0; i < n; i++)
        before[i] = strdup(form_value(f, keys[i]));
    form_key(f, PROBE);
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(before[i], form_value(f, keys[i])) != 0) {
            assert_null(found); /* one field changed at most */
            found = keys[i];
            assert_int_equal(form_key(f, K_BS), FORM_REDRAW);
            assert_string_equal(form_value(f, keys[i]), before[i]);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(before[i]);
    return found;
}

#define FOCUS(f, ...)                                                                          \
    focused_text((f), (const char *const[]){__VA_ARGS__},                                      \
                 sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* ------------------------------------------------------------------ checks */

static int calls; /* how many times a check ran */

/* Valid when the text is non-empty and all lower-case letters or digits. */
static const char *check_name(const char *text, const void *ud)
{
    calls++;
    if (ud)
        (*(int *)(uintptr_t)ud)++;
    if (!*text)
        return "required";
    for (const char *p = text; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
            return "lower-case letters and digits only";
    return NULL;
}

/* ------------------------------------------------------------------ text fields */

static void test_text_typing_and_focus(void **state)
{
    (void)state;
    struct form *f = form_new("New tenant", "Create");
    form_note(f, "A tenant groups clients.");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_text(f, "desc", "Description", "first", NULL, NULL, false);
    form_text(f, "owner", "Owner", NULL, NULL, NULL, false);
    assert_string_equal(form_value(f, "name"), "");
    assert_string_equal(form_value(f, "desc"), "first");
    assert_null(form_value(f, "nope"));

    /* the focus starts on the first field */
    type_ascii(f, "acme");
    assert_string_equal(form_value(f, "name"), "acme");
    assert_string_equal(form_value(f, "desc"), "first");
    assert_string_equal(form_value(f, "owner"), "");

    /* Tab: next field; typing appends at the end of its initial text */
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW);
    type_ascii(f, " two");
    assert_string_equal(form_value(f, "desc"), "first two");
    /* Down: next field */
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    type_ascii(f, "bob");
    assert_string_equal(form_value(f, "owner"), "bob");
    /* Tab on the last field wraps to the first */
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc", "owner"), "name");
    /* BTab on the first field wraps to the last; Up goes back one more */
    assert_int_equal(form_key(f, K_BTAB), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc", "owner"), "owner");
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc", "owner"), "desc");
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW); /* Up wraps too */
    assert_string_equal(FOCUS(f, "name", "desc", "owner"), "owner");
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW); /* and Down */
    assert_string_equal(FOCUS(f, "name", "desc", "owner"), "name");

    /* cursor keys edit inside the field (the prompt's keys) */
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_int_equal(form_key(f, 'X'), FORM_REDRAW);
    assert_string_equal(form_value(f, "name"), "acmXe");
    /* UTF-8 goes in whole */
    assert_int_equal(form_key(f, 0xE9), FORM_REDRAW);
    assert_string_equal(form_value(f, "name"), "acmX\xC3\xA9" "e");

    /* with no check, Enter submits at once */
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    assert_int_equal(form_key(f, '\r'), FORM_SUBMIT);
    assert_int_equal(form_key(f, K_ENTER), FORM_SUBMIT);
    form_free(f);
    form_free(NULL);
}

static void test_secret_field(void **state)
{
    (void)state;
    struct form *f = form_new("Client secret", "Save");
    form_text(f, "name", "Name", "app", NULL, NULL, false);
    form_secret(f, "secret", "Secret", check_name, NULL);
    assert_string_equal(form_value(f, "secret"), "");
    assert_false(form_changed(f, "secret"));
    form_key(f, '\t');
    type_ascii(f, "s3cret");
    assert_string_equal(form_value(f, "secret"), "s3cret");
    assert_string_equal(form_value(f, "name"), "app");
    assert_true(form_changed(f, "secret"));
    assert_false(form_changed(f, "name"));
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f); /* wiped; the sanitizer run checks nothing leaks */
}

static void test_backspace_on_empty_does_nothing(void **state)
{
    (void)state;
    struct form *f = form_new("New tenant", "Create");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_secret(f, "secret", "Secret", NULL, NULL);
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    assert_int_equal(form_key(f, 127), FORM_NONE);
    assert_int_equal(form_key(f, 8), FORM_NONE); /* C-h */
    assert_string_equal(form_value(f, "name"), "");
    form_key(f, '\t');
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    /* the form is still there and takes keys */
    type_ascii(f, "ab");
    assert_int_equal(form_key(f, K_BS), FORM_REDRAW);
    assert_int_equal(form_key(f, K_BS), FORM_REDRAW);
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    assert_string_equal(form_value(f, "secret"), "");
    assert_string_equal(FOCUS(f, "name", "secret"), "secret");
    /* unknown function keys do nothing either */
    assert_int_not_equal(form_key(f, KEYS_FN + KEY_F(5)), FORM_CANCEL);
    assert_int_not_equal(form_key(f, KEYS_FN + KEY_F(5)), FORM_SUBMIT);
    assert_string_equal(form_value(f, "secret"), "");
    form_free(f);
}

static void test_changed_text(void **state)
{
    (void)state;
    struct form *f = form_new("Edit client", "Save");
    form_text(f, "name", "Name", "app", NULL, NULL, false);
    form_text(f, "empty", "Empty", NULL, NULL, NULL, false);
    assert_false(form_changed(f, "name"));
    assert_false(form_changed(f, "empty"));
    assert_false(form_changed(f, "nope"));
    type_ascii(f, "s");
    assert_true(form_changed(f, "name"));
    assert_false(form_changed(f, "empty"));
    assert_int_equal(form_key(f, K_BS), FORM_REDRAW);
    assert_string_equal(form_value(f, "name"), "app");
    assert_false(form_changed(f, "name"));
    /* a different text of the same length is a change */
    form_key(f, K_BS);
    type_ascii(f, "x");
    assert_string_equal(form_value(f, "name"), "apx");
    assert_true(form_changed(f, "name"));
    form_key(f, K_BS);
    type_ascii(f, "p");
    assert_false(form_changed(f, "name"));
    /* a field initially empty */
    form_key(f, '\t');
    type_ascii(f, "q");
    assert_true(form_changed(f, "empty"));
    form_key(f, K_BS);
    assert_false(form_changed(f, "empty"));
    form_free(f);
}

/* ------------------------------------------------------------------ checks */

static void test_live_check(void **state)
{
    (void)state;
    int mine = 0;
    struct form *f = form_new("New tenant", "Create");
    form_text(f, "name", "Name", NULL, check_name, &mine, true);
    form_text(f, "desc", "Description", NULL, NULL, NULL, false);

    /* the check runs as the text is typed */
    type_ascii(f, "Acme");
    assert_int_equal(mine, 4);
    /* cursor moves do not run it */
    form_key(f, K_LEFT);
    assert_int_equal(mine, 4);
    form_key(f, KEYS_FN + KEY_END);

    /* Enter with the name invalid, from another field: no submit, the focus goes to it */
    form_key(f, '\t');
    type_ascii(f, "d");
    assert_string_equal(FOCUS(f, "name", "desc"), "desc");
    mine = 0;
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_true(mine >= 1);
    assert_string_equal(FOCUS(f, "name", "desc"), "name");
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW); /* still invalid */

    /* fix it: Home, Del the 'A', type 'a' */
    form_key(f, KEYS_FN + KEY_HOME);
    assert_int_equal(form_key(f, KEYS_FN + KEY_DC), FORM_REDRAW);
    type_ascii(f, "a");
    assert_string_equal(form_value(f, "name"), "acme");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);

    /* empty again: the check says so at Enter */
    form_key(f, KEYS_FN + KEY_HOME);
    for (int i = 0; i < 4; i++)
        form_key(f, KEYS_FN + KEY_DC);
    assert_string_equal(form_value(f, "name"), "");
    form_key(f, '\t');
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc"), "name");
    form_free(f);
}

static void test_non_live_check_runs_at_enter(void **state)
{
    (void)state;
    int mine = 0;
    struct form *f = form_new("New tenant", "Create");
    form_text(f, "desc", "Description", NULL, NULL, NULL, false);
    form_text(f, "name", "Name", NULL, check_name, &mine, false);
    form_key(f, K_DOWN);
    type_ascii(f, "BAD");
    form_key(f, K_BS);
    assert_int_equal(mine, 0); /* not while typing */
    form_key(f, '\t');
    assert_int_equal(mine, 0);
    assert_string_equal(FOCUS(f, "desc", "name"), "desc");
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_true(mine >= 1);
    assert_string_equal(FOCUS(f, "desc", "name"), "name");
    /* fixing it does not run it either; Enter does and submits */
    mine = 0;
    form_key(f, 21); /* C-u */
    type_ascii(f, "ok");
    assert_int_equal(mine, 0);
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    assert_true(mine >= 1);
    assert_string_equal(form_value(f, "name"), "ok");
    form_free(f);
}

static void test_first_invalid_field_gets_focus(void **state)
{
    (void)state;
    struct form *f = form_new("New", "Create");
    form_text(f, "a", "A", "ok", check_name, NULL, true);
    form_text(f, "b", "B", "B1", check_name, NULL, false);
    form_text(f, "c", "C", "C1", check_name, NULL, true);
    form_key(f, K_UP); /* on c */
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "a", "b", "c"), "b");
    form_key(f, 21);
    type_ascii(f, "b1");
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "a", "b", "c"), "c");
    form_key(f, 21);
    type_ascii(f, "c1");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f);
}

/* ------------------------------------------------------------------ busy and cancel */

static void test_busy(void **state)
{
    (void)state;
    struct form *f = form_new("New tenant", "Create");
    form_text(f, "name", "Name", NULL, check_name, NULL, true);
    form_text(f, "desc", "Description", NULL, NULL, NULL, false);
    type_ascii(f, "acme");
    assert_false(form_busy(f));
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_set_busy(f, "Creating tenant...");
    assert_true(form_busy(f));

    /* one Enter, one request */
    assert_int_equal(form_key(f, '\n'), FORM_NONE);
    assert_int_equal(form_key(f, K_ENTER), FORM_NONE);
    /* typing, moving and erasing change nothing */
    assert_int_equal(form_key(f, 'x'), FORM_NONE);
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    assert_int_equal(form_key(f, 21), FORM_NONE);
    assert_int_equal(form_key(f, '\t'), FORM_NONE);
    assert_int_equal(form_key(f, K_DOWN), FORM_NONE);
    assert_string_equal(form_value(f, "name"), "acme");
    assert_string_equal(form_value(f, "desc"), "");
    /* Esc and C-c still cancel */
    assert_int_equal(form_key(f, KEYS_ESC), FORM_CANCEL);
    assert_int_equal(form_key(f, K_CTRL_C), FORM_CANCEL);
    assert_true(form_busy(f));

    /* done: keys work again, still on the same field */
    form_set_busy(f, NULL);
    assert_false(form_busy(f));
    assert_string_equal(FOCUS(f, "name", "desc"), "name");
    type_ascii(f, "2");
    assert_string_equal(form_value(f, "name"), "acme2");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    /* busy twice replaces the text, no leak */
    form_set_busy(f, "one");
    form_set_busy(f, "two");
    assert_true(form_busy(f));
    form_free(f);
}

static void test_cancel(void **state)
{
    (void)state;
    struct form *f = form_new("New tenant", "Create");
    form_text(f, "name", "Name", "x", NULL, NULL, false);
    form_choice(f, "kind", "Kind", (const char *const[]){"A"}, (const char *const[]){"a"}, 1, 0);
    form_checks(f, "env", "Env", (const char *const[]){"dev"}, 1, NULL, 0);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(form_key(f, KEYS_ESC), FORM_CANCEL);
        assert_int_equal(form_key(f, K_CTRL_C), FORM_CANCEL);
        form_key(f, '\t');
    }
    assert_string_equal(form_value(f, "name"), "x");
    form_free(f);

    /* a form with no fields (notes alone): Esc cancels, Enter submits, nothing else does a
     * thing */
    f = form_new("Empty", "OK");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    assert_int_equal(form_key(f, '\t'), FORM_NONE);
    assert_int_equal(form_key(f, 'x'), FORM_NONE);
    assert_int_equal(form_key(f, KEYS_ESC), FORM_CANCEL);
    form_free(f);
}

/* ------------------------------------------------------------------ choice */

static const char *const kind_labels[] = {"Production", "staging", "Development", "Sandbox"};
static const char *const kind_values[] = {"prod", "stage", "dev", "sbx"};

static void test_choice(void **state)
{
    (void)state;
    struct form *f = form_new("New tenant", "Create");
    form_choice(f, "kind", "Kind", kind_labels, kind_values, 4, 1);
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    /* the value, not the label */
    assert_string_equal(form_value(f, "kind"), "stage");
    assert_false(form_changed(f, "kind"));

    /* Right and Space go forward, wrapping; Left goes back, wrapping */
    assert_int_equal(form_key(f, K_RIGHT), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "dev");
    assert_true(form_changed(f, "kind"));
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "sbx");
    assert_int_equal(form_key(f, K_RIGHT), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "prod");
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "sbx");
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "stage");
    assert_false(form_changed(f, "kind")); /* back where it started */
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_int_equal(form_key(f, K_LEFT), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "sbx"); /* from the first back to the last */

    /* a letter jumps to the next label starting with it, either case */
    assert_int_equal(form_key(f, 'p'), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "prod");
    assert_int_equal(form_key(f, 'S'), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "stage");
    assert_int_equal(form_key(f, 's'), FORM_REDRAW); /* the next one with s */
    assert_string_equal(form_value(f, "kind"), "sbx");
    assert_int_equal(form_key(f, 's'), FORM_REDRAW); /* wrapping */
    assert_string_equal(form_value(f, "kind"), "stage");
    assert_int_equal(form_key(f, 'D'), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "dev");
    /* no label starts with it, or only the one chosen: nothing */
    assert_int_equal(form_key(f, 'z'), FORM_NONE);
    assert_int_equal(form_key(f, 'd'), FORM_NONE);
    assert_int_equal(form_key(f, PROBE), FORM_NONE);
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    assert_string_equal(form_value(f, "kind"), "dev");
    assert_true(form_changed(f, "kind"));

    /* Tab leaves; the text field gets the letters */
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW);
    type_ascii(f, "s");
    assert_string_equal(form_value(f, "name"), "s");
    assert_string_equal(form_value(f, "kind"), "dev");
    /* Up comes back, and Down (not a choice key) leaves */
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_int_equal(form_key(f, 'p'), FORM_REDRAW);
    assert_string_equal(form_value(f, "kind"), "prod");
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name"), "name");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f);
}

static void test_choice_edges(void **state)
{
    (void)state;
    /* a selection out of range starts at the first */
    struct form *f = form_new("x", "OK");
    form_choice(f, "kind", "Kind", kind_labels, kind_values, 4, 99);
    assert_string_equal(form_value(f, "kind"), "prod");
    assert_false(form_changed(f, "kind"));
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f);

    /* a single value: cycling stays on it */
    f = form_new("x", "OK");
    form_choice(f, "one", "One", (const char *const[]){"Only"}, (const char *const[]){"only"},
                1, 0);
    form_key(f, K_RIGHT);
    form_key(f, ' ');
    form_key(f, K_LEFT);
    assert_string_equal(form_value(f, "one"), "only");
    assert_false(form_changed(f, "one"));
    assert_int_equal(form_key(f, 'o'), FORM_NONE);
    form_free(f);

    /* nothing to choose from: no value, and no submit */
    f = form_new("x", "OK");
    form_choice(f, "none", "None", NULL, NULL, 0, 0);
    assert_null(form_value(f, "none"));
    assert_int_equal(form_key(f, K_RIGHT), FORM_NONE);
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    form_free(f);
}

/* ------------------------------------------------------------------ checklist */

static const char *const envs[] = {"dev", "test", "prod"};

static void test_checklist(void **state)
{
    (void)state;
    struct form *f = form_new("New client", "Create");
    form_text(f, "name", "Name", "app", NULL, NULL, false);
    form_checks(f, "env", "Environments", envs, 3, (const bool[]){false, true, false}, 1);
    form_text(f, "desc", "Description", NULL, NULL, NULL, false);
    assert_false(form_checked(f, "env", 0));
    assert_true(form_checked(f, "env", 1));
    assert_false(form_checked(f, "env", 2));
    assert_false(form_checked(f, "env", 3)); /* out of range */
    assert_false(form_checked(f, "name", 0)); /* not a checklist */
    assert_false(form_checked(f, "nope", 0));
    assert_null(form_value(f, "env"));
    assert_false(form_changed(f, "env"));

    /* Down from the text field: onto the first item; Space toggles it */
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_true(form_checked(f, "env", 0));
    assert_true(form_changed(f, "env"));
    /* Down moves through the items */
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_false(form_checked(f, "env", 1));
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_true(form_checked(f, "env", 2));
    assert_true(form_checked(f, "env", 0));
    /* letters do nothing to a checklist */
    assert_int_equal(form_key(f, 'x'), FORM_NONE);
    assert_int_equal(form_key(f, K_BS), FORM_NONE);
    /* Down past the last item leaves for the next field */
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc"), "desc");
    type_ascii(f, "d");
    assert_string_equal(form_value(f, "desc"), "d");
    /* Up comes back onto the last item */
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_false(form_checked(f, "env", 2));
    /* Up through the items; Up on the first leaves for the previous field */
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_int_equal(form_key(f, ' '), FORM_REDRAW);
    assert_false(form_checked(f, "env", 0));
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc"), "name");
    /* back to where it started */
    assert_false(form_checked(f, "env", 0));
    assert_false(form_checked(f, "env", 1));
    assert_false(form_checked(f, "env", 2));
    assert_true(form_changed(f, "env")); /* item 1 was checked at first */

    /* min: none checked, Enter refuses and focuses the list */
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    assert_null(FOCUS(f, "name", "desc"));
    assert_int_equal(form_key(f, ' '), FORM_REDRAW); /* the item under the cursor: 0 */
    assert_true(form_checked(f, "env", 0));
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    /* back as it started: not changed */
    form_key(f, ' ');
    form_key(f, K_DOWN);
    form_key(f, ' ');
    assert_true(form_checked(f, "env", 1));
    assert_false(form_changed(f, "env"));

    /* Tab leaves from any item; BTab onto a checklist lands on its last item */
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc"), "desc");
    assert_int_equal(form_key(f, K_BTAB), FORM_REDRAW);
    form_key(f, ' ');
    assert_true(form_checked(f, "env", 2));
    assert_int_equal(form_key(f, K_BTAB), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "desc"), "name");
    form_free(f);
}

static void test_checklist_min_and_wrap(void **state)
{
    (void)state;
    /* min 2, the checklist is the only field: Up/Down leave and wrap back onto it */
    struct form *f = form_new("x", "OK");
    form_checks(f, "env", "Env", envs, 3, NULL, 2);
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    form_key(f, ' ');
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW); /* one is not enough */
    form_key(f, K_UP); /* leaves, wraps, lands on the last item */
    form_key(f, ' ');
    assert_true(form_checked(f, "env", 0));
    assert_false(form_checked(f, "env", 1));
    assert_true(form_checked(f, "env", 2));
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_key(f, K_DOWN); /* past the last: wraps onto the first */
    form_key(f, ' ');
    assert_false(form_checked(f, "env", 0));
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW);
    form_free(f);

    /* an empty checklist with min 0 is valid; keys do not crash */
    f = form_new("x", "OK");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_checks(f, "none", "None", NULL, 0, NULL, 0);
    form_key(f, '\t');
    assert_int_equal(form_key(f, ' '), FORM_NONE);
    assert_false(form_checked(f, "none", 0));
    assert_false(form_changed(f, "none"));
    assert_int_equal(form_key(f, K_DOWN), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name"), "name");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f);
}

/* ------------------------------------------------------------------ errors */

static void test_set_error_focuses_named_field(void **state)
{
    (void)state;
    struct form *f = form_new("New client", "Create");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_text(f, "environment", "Environment", NULL, NULL, NULL, false);
    form_text(f, "desc", "Description", NULL, NULL, NULL, false);
    form_alias(f, "environment", "environmentId");
    form_alias(f, "nope", "whatever"); /* no such field: ignored */
    type_ascii(f, "app");
    form_key(f, '\t');
    type_ascii(f, "dev");
    form_key(f, '\t');
    type_ascii(f, "text");

    /* named by its alias */
    struct tn_error err = {0};
    err_set(&err, ST_INVALID, "POST /clients: environmentId is not valid");
    err.http_status = 400;
    err_add_detail(&err, "environmentId", "is not valid");
    form_set_error(f, &err);
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "environment");
    assert_string_equal(form_value(f, "name"), "app");
    assert_string_equal(form_value(f, "environment"), "dev");
    assert_string_equal(form_value(f, "desc"), "text");
    assert_true(form_changed(f, "name"));
    err_clear(&err);

    /* several details: the first one naming a field wins, by key; unknown ones are kept in
     * the message, not crashed on */
    form_key(f, '\t');
    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "tenantId", "no such tenant");
    err_add_detail(&err, "desc", "too long");
    err_add_detail(&err, "name", "taken");
    err_add_detail(&err, "", "empty name");
    form_set_error(f, &err);
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "desc");
    err_clear(&err);

    /* the key itself still works after an alias */
    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "environment", "bad");
    form_set_error(f, &err);
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "environment");
    err_clear(&err);

    /* no field named at all, or no details: the focus stays */
    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "somethingElse", "odd");
    form_set_error(f, &err);
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "environment");
    err_clear(&err);
    err_set(&err, ST_NETWORK, "no connection");
    form_set_error(f, &err);
    form_set_error(f, &err); /* twice: the old one freed */
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "environment");
    err_clear(&err);

    /* the values are unchanged through it all, and Enter still submits */
    assert_string_equal(form_value(f, "name"), "app");
    assert_string_equal(form_value(f, "environment"), "dev");
    assert_string_equal(form_value(f, "desc"), "text");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    /* busy clears the error; a second refusal after it is fine */
    form_set_busy(f, "Creating...");
    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "name", "taken");
    form_set_busy(f, NULL);
    form_set_error(f, &err);
    assert_string_equal(FOCUS(f, "name", "environment", "desc"), "name");
    err_clear(&err);
    form_free(f);
}

static void test_set_error_on_choice_and_checks(void **state)
{
    (void)state;
    struct form *f = form_new("New client", "Create");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_choice(f, "kind", "Kind", kind_labels, kind_values, 4, 0);
    form_checks(f, "env", "Env", envs, 3, NULL, 0);
    form_alias(f, "env", "environments");
    struct tn_error err = {0};
    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "environments", "not allowed");
    form_set_error(f, &err);
    err_clear(&err);
    /* the focus is on the checklist: Space toggles an item there */
    assert_null(FOCUS(f, "name"));
    form_key(f, ' ');
    assert_true(form_checked(f, "env", 0));
    assert_string_equal(form_value(f, "kind"), "prod");

    err_set(&err, ST_INVALID, "refused");
    err_add_detail(&err, "kind", "not allowed");
    form_set_error(f, &err);
    err_clear(&err);
    form_key(f, ' ');
    assert_string_equal(form_value(f, "kind"), "stage");
    assert_true(form_checked(f, "env", 0));
    form_free(f);
}

static void test_field_error_moves_focus(void **state)
{
    (void)state;
    struct form *f = form_new("Delete tenant", "Delete");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_text(f, "confirm", "Type the name", NULL, NULL, NULL, false);
    form_text(f, "reason", "Reason", NULL, NULL, NULL, false);
    form_alias(f, "confirm", "confirmation");
    type_ascii(f, "acme");
    form_field_error(f, "reason", "say why");
    assert_string_equal(FOCUS(f, "name", "confirm", "reason"), "reason");
    form_field_error(f, "confirmation", "does not match"); /* by alias */
    assert_string_equal(FOCUS(f, "name", "confirm", "reason"), "confirm");
    type_ascii(f, "x");
    assert_string_equal(form_value(f, "confirm"), "x");
    form_field_error(f, "nope", "ignored"); /* no such field: the focus stays */
    assert_string_equal(FOCUS(f, "name", "confirm", "reason"), "confirm");
    form_field_error(f, "name", NULL); /* no message: just the focus */
    assert_string_equal(FOCUS(f, "name", "confirm", "reason"), "name");
    assert_string_equal(form_value(f, "name"), "acme");
    /* an error shown does not stop a submit when the fields are valid */
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    form_free(f);
}

/* ------------------------------------------------------------------ bugs found */

/* A choice's letter jump once compared (c | 0x20), which folds case for letters but also
 * paired '[' with '{' and '@' with '`': typing '[' must reach the label starting with '['. */
static void test_choice_jump_keeps_punctuation_apart(void **state)
{
    (void)state;
    struct form *f = form_new("x", "OK");
    form_choice(f, "fmt", "Format", (const char *const[]){"auto", "{json}", "[list]"},
                (const char *const[]){"auto", "json", "list"}, 3, 0);
    form_key(f, '[');
    char got[16];
    snprintf(got, sizeof(got), "%s", form_value(f, "fmt"));
    form_free(f); /* before the assertion: a failure leaks nothing */
    assert_string_equal(got, "list");
}

/* ------------------------------------------------------------------ hidden fields */

/* A hidden field (a setting another choice makes moot) is skipped by Tab, Down, BTab and Up,
 * not checked on Enter, keeps its value, and comes back when shown; hiding the focused field
 * moves the focus on. */
static void test_hidden_fields(void **state)
{
    (void)state;
    static const char *const apis[] = {"mattr", "system"};
    struct form *f = form_new("New profile", "save");
    form_text(f, "name", "Name", NULL, NULL, NULL, false);
    form_choice(f, "api", "API", apis, apis, 2, 0);
    form_text(f, "client_id", "Client ID", "kept", check_name, NULL, false);
    form_text(f, "user", "User", NULL, check_name, NULL, false);
    form_show(f, "user", false);
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "name");
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW); /* API */
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "client_id");
    type_ascii(f, "x");
    assert_int_equal(form_key(f, '\t'), FORM_REDRAW); /* past the hidden user: back to name */
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "name");
    assert_int_equal(form_key(f, K_UP), FORM_REDRAW); /* and back over it the other way */
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "client_id");
    /* the hidden user is empty, which its check refuses: Enter submits all the same */
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    /* the other API: client_id hidden while focused (the focus moves on), user shown */
    form_show(f, "user", true);
    form_show(f, "client_id", false);
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "user");
    assert_int_equal(form_key(f, '\n'), FORM_REDRAW); /* user is empty: refused now */
    type_ascii(f, "bob");
    assert_int_equal(form_key(f, '\n'), FORM_SUBMIT);
    assert_string_equal(form_value(f, "client_id"), "keptx"); /* hidden, not lost */
    form_show(f, "client_id", true);
    form_show(f, "nosuchfield", false); /* nothing happens */
    assert_int_equal(form_key(f, K_BTAB), FORM_REDRAW);
    assert_string_equal(FOCUS(f, "name", "client_id", "user"), "client_id");
    form_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_typing_and_focus),
        cmocka_unit_test(test_secret_field),
        cmocka_unit_test(test_backspace_on_empty_does_nothing),
        cmocka_unit_test(test_changed_text),
        cmocka_unit_test(test_live_check),
        cmocka_unit_test(test_non_live_check_runs_at_enter),
        cmocka_unit_test(test_first_invalid_field_gets_focus),
        cmocka_unit_test(test_busy),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_choice),
        cmocka_unit_test(test_choice_edges),
        cmocka_unit_test(test_checklist),
        cmocka_unit_test(test_checklist_min_and_wrap),
        cmocka_unit_test(test_set_error_focuses_named_field),
        cmocka_unit_test(test_set_error_on_choice_and_checks),
        cmocka_unit_test(test_field_error_moves_focus),
        cmocka_unit_test(test_choice_jump_keeps_punctuation_apart),
        cmocka_unit_test(test_hidden_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
