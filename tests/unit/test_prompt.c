/* test_prompt.c: tui/prompt editing and completion, tui/textview search (no drawing). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <curses.h>

#include "tui/detail.h"
#include "tui/keys.h"
#include "tui/prompt.h"
#include "tui/textview.h"

#define K_LEFT (KEYS_FN + KEY_LEFT)
#define K_RIGHT (KEYS_FN + KEY_RIGHT)
#define K_HOME (KEYS_FN + KEY_HOME)
#define K_END (KEYS_FN + KEY_END)
#define K_BS (KEYS_FN + KEY_BACKSPACE)
#define K_DEL (KEYS_FN + KEY_DC)

/* Type each code point of keys (0-terminated), expecting each to change the text. */
static void type(struct prompt *p, const int *keys)
{
    for (; *keys; keys++)
        assert_int_equal(prompt_key(p, *keys), PROMPT_CHANGED);
}

/* Type an ASCII string. */
static void type_ascii(struct prompt *p, const char *s)
{
    for (; *s; s++)
        assert_int_equal(prompt_key(p, (unsigned char)*s), PROMPT_CHANGED);
}

static void test_type_ascii_and_initial(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", NULL);
    assert_string_equal(prompt_text(p), "");
    type_ascii(p, "acme 01");
    assert_string_equal(prompt_text(p), "acme 01");
    prompt_free(p);

    p = prompt_new(":", "profile ");
    type_ascii(p, "prod");
    assert_string_equal(prompt_text(p), "profile prod");
    prompt_free(p);
}

static void test_type_multibyte(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", NULL);
    /* é (2 bytes), € (3 bytes), 😀 (4 bytes), 漢 (3 bytes, wide) */
    type(p, (const int[]){'a', 0xE9, 0x20AC, 0x1F600, 0x6F22, 0});
    assert_string_equal(prompt_text(p), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xE6\xBC\xA2");
    prompt_free(p);
}

static void test_cursor_moves_by_characters(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", NULL);
    type(p, (const int[]){0xE9, 0x20AC, 0x1F600, 0});
    /* Left over the 4-byte emoji, then insert: it lands between € and the emoji */
    assert_int_equal(prompt_key(p, K_LEFT), PROMPT_EDITING);
    assert_int_equal(prompt_key(p, 'x'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "\xC3\xA9\xE2\x82\xAC" "x\xF0\x9F\x98\x80");
    /* two more Lefts pass x and €; insert after é */
    prompt_key(p, K_LEFT);
    prompt_key(p, K_LEFT);
    prompt_key(p, 'y');
    assert_string_equal(prompt_text(p), "\xC3\xA9y\xE2\x82\xAC" "x\xF0\x9F\x98\x80");
    /* Home, Right over é, insert */
    assert_int_equal(prompt_key(p, K_HOME), PROMPT_EDITING);
    prompt_key(p, K_RIGHT);
    prompt_key(p, 'z');
    assert_string_equal(prompt_text(p), "\xC3\xA9zy\xE2\x82\xAC" "x\xF0\x9F\x98\x80");
    /* Left at the start and Right at the end do nothing */
    prompt_key(p, 1); /* C-a */
    assert_int_equal(prompt_key(p, K_LEFT), PROMPT_EDITING);
    prompt_key(p, 'A');
    prompt_key(p, 5); /* C-e */
    assert_int_equal(prompt_key(p, K_RIGHT), PROMPT_EDITING);
    prompt_key(p, 'E');
    assert_string_equal(prompt_text(p), "A\xC3\xA9zy\xE2\x82\xAC" "x\xF0\x9F\x98\x80" "E");
    prompt_key(p, K_END);
    prompt_key(p, '!');
    assert_string_equal(prompt_text(p), "A\xC3\xA9zy\xE2\x82\xAC" "x\xF0\x9F\x98\x80" "E!");
    prompt_free(p);
}

static void test_backspace_and_delete(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", NULL);
    type(p, (const int[]){'a', 0x20AC, 'b', 0});
    /* Backspace in the middle removes the whole € */
    prompt_key(p, K_LEFT);
    assert_int_equal(prompt_key(p, K_BS), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "ab");
    prompt_key(p, 'c');
    assert_string_equal(prompt_text(p), "acb");
    /* 127 and C-h are Backspace too */
    assert_int_equal(prompt_key(p, 127), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "ab");
    /* Del removes the character under the cursor; at the end it does nothing */
    prompt_key(p, K_HOME);
    prompt_key(p, 0xE9);
    prompt_key(p, K_LEFT);
    assert_int_equal(prompt_key(p, K_DEL), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "ab");
    prompt_key(p, K_END);
    assert_int_equal(prompt_key(p, K_DEL), PROMPT_EDITING);
    /* Backspace at the start of a non-empty text does nothing */
    prompt_key(p, K_HOME);
    assert_int_equal(prompt_key(p, K_BS), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "ab");
    prompt_key(p, K_END);
    assert_int_equal(prompt_key(p, 8), PROMPT_CHANGED);
    assert_int_equal(prompt_key(p, K_BS), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "");
    /* ... and on an empty text it cancels */
    assert_int_equal(prompt_key(p, K_BS), PROMPT_CANCEL);
    prompt_free(p);
}

static void test_erase_line_and_word(void **state)
{
    (void)state;
    struct prompt *p = prompt_new(":", "profile  prod");
    assert_int_equal(prompt_key(p, 23), PROMPT_CHANGED); /* C-w */
    assert_string_equal(prompt_text(p), "profile  ");
    assert_int_equal(prompt_key(p, 23), PROMPT_CHANGED); /* spaces then the word */
    assert_string_equal(prompt_text(p), "");
    assert_int_equal(prompt_key(p, 23), PROMPT_EDITING);
    prompt_free(p);

    p = prompt_new(":", "tenants list acme");
    for (int i = 0; i < 5; i++)
        prompt_key(p, K_LEFT); /* before " acme" */
    assert_int_equal(prompt_key(p, 23), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "tenants  acme");
    assert_int_equal(prompt_key(p, 21), PROMPT_CHANGED); /* C-u erases to the start */
    assert_string_equal(prompt_text(p), " acme");
    assert_int_equal(prompt_key(p, 21), PROMPT_EDITING);
    prompt_key(p, 'x');
    assert_string_equal(prompt_text(p), "x acme");
    prompt_free(p);
}

static void test_done_and_cancel(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", "x");
    assert_int_equal(prompt_key(p, '\n'), PROMPT_DONE);
    assert_int_equal(prompt_key(p, '\r'), PROMPT_DONE);
    assert_int_equal(prompt_key(p, KEYS_FN + KEY_ENTER), PROMPT_DONE);
    assert_int_equal(prompt_key(p, KEYS_ESC), PROMPT_CANCEL);
    assert_int_equal(prompt_key(p, 3), PROMPT_CANCEL); /* C-c */
    assert_string_equal(prompt_text(p), "x");
    prompt_free(p);
}

static void test_control_chars_ignored(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("/", "a");
    const int junk[] = {0, 7, 12, 0x1B + 1, 0x1F, 0x80, 0x9B, 0x9F, 0xD800, 0x110000, -1,
                        KEYS_FN + KEY_F(1), KEYS_FN + KEY_UP};
    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
        assert_int_equal(prompt_key(p, junk[i]), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "a");
    assert_int_equal(prompt_key(p, 0xA0), PROMPT_CHANGED); /* NBSP is printable */
    assert_string_equal(prompt_text(p), "a\xC2\xA0");
    prompt_free(p);
}

static const char *const commands[] = {"tenants", "profile prod", "profile staging",
                                       "profiles", "quit", "q"};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void test_complete_prefix_and_unique(void **state)
{
    (void)state;
    struct prompt *p = prompt_new(":", "t");
    prompt_set_completions(p, commands, NCOMMANDS);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "tenants");
    /* complete again: nothing more to do */
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "tenants");
    prompt_free(p);

    p = prompt_new(":", "pr");
    prompt_set_completions(p, commands, NCOMMANDS);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile");
    /* the cursor is at the end: typing appends */
    prompt_key(p, ' ');
    prompt_key(p, 's');
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile staging");
    prompt_free(p);
}

static void test_complete_cycles(void **state)
{
    (void)state;
    struct prompt *p = prompt_new(":", "profile");
    prompt_set_completions(p, commands, NCOMMANDS);
    /* "profile" is the common prefix of three: Tab cycles through them in order */
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile prod");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile staging");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profiles");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile prod");
    /* another key ends the cycle; Tab then completes from the new text */
    prompt_key(p, K_BS);
    assert_string_equal(prompt_text(p), "profile pro");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "profile prod");
    prompt_free(p);

    /* "q" is a candidate and the prefix of "quit": the cycle skips the text itself first */
    p = prompt_new(":", "q");
    prompt_set_completions(p, commands, NCOMMANDS);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "quit");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "q");
    prompt_free(p);
}

static void test_complete_no_match(void **state)
{
    (void)state;
    struct prompt *p = prompt_new(":", "x");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING); /* no candidates at all */
    prompt_set_completions(p, commands, NCOMMANDS);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "x");
    /* case-sensitive */
    prompt_key(p, K_BS);
    prompt_key(p, 'T');
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "T");
    /* candidates can be replaced and cleared */
    prompt_set_completions(p, (const char *const[]){"Tenants"}, 1);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "Tenants");
    prompt_set_completions(p, NULL, 0);
    prompt_key(p, K_BS);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "Tenant");
    prompt_free(p);
}

static void test_complete_keeps_utf8_whole(void **state)
{
    (void)state;
    /* é and è share their first byte: the common prefix must stop before it */
    struct prompt *p = prompt_new(":", "caf");
    prompt_set_completions(p, (const char *const[]){"caf\xC3\xA9", "caf\xC3\xA8"}, 2);
    assert_int_equal(prompt_key(p, '\t'), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "caf\xC3\xA9");
    prompt_free(p);
}

static void test_textview_search(void **state)
{
    (void)state;
    struct textview *t = textview_new("help");
    struct view *v = textview_view(t);
    for (int i = 0; i < 100; i++) {
        char line[32];
        snprintf(line, sizeof(line), i % 20 == 5 ? "Line %d Acme" : "line %d", i);
        textview_add(t, line, TH_NORMAL);
    }
    textview_add_text(t, "two\nmore\n", TH_DIM);
    assert_int_equal(textview_lines(t), 102);
    assert_int_equal(textview_top(t), 0);
    assert_string_equal(textview_status(t), "");

    /* forward, case-insensitive; lines 5, 25, 45, 65, 85 match */
    v->ops->search(v, "acme", true);
    assert_string_equal(textview_status(t), "match 1 of 5 for 'acme'");
    v->ops->search(v, "acme", true);
    assert_string_equal(textview_status(t), "match 2 of 5 for 'acme'");
    assert_int_equal(textview_top(t), 25);
    /* n / N through handle */
    assert_int_equal(v->ops->handle(v, ACT_SEARCH_NEXT, 'n'), TR_REDRAW);
    assert_string_equal(textview_status(t), "match 3 of 5 for 'acme'");
    assert_int_equal(textview_top(t), 45); /* a page is one line before any draw */
    v->ops->handle(v, ACT_SEARCH_PREV, 'N');
    v->ops->handle(v, ACT_SEARCH_PREV, 'N');
    assert_string_equal(textview_status(t), "match 1 of 5 for 'acme'");
    /* wraps backward and forward */
    v->ops->handle(v, ACT_SEARCH_PREV, 'N');
    assert_string_equal(textview_status(t), "match 5 of 5 for 'acme'");
    assert_int_equal(textview_top(t), 85);
    v->ops->handle(v, ACT_SEARCH_NEXT, 'n');
    assert_string_equal(textview_status(t), "match 1 of 5 for 'acme'");

    v->ops->search(v, "zebra", true);
    assert_string_equal(textview_status(t), "no match for 'zebra'");
    v->ops->search(v, "", true);
    assert_string_equal(textview_status(t), "");
    assert_int_equal(v->ops->handle(v, ACT_SEARCH_NEXT, 'n'), TR_NONE);

    /* scrolling and closing */
    v->ops->handle(v, ACT_FIRST, 'g');
    assert_int_equal(textview_top(t), 0);
    assert_int_equal(v->ops->handle(v, ACT_MOVE_DOWN, 'j'), TR_REDRAW);
    assert_int_equal(textview_top(t), 1);
    assert_int_equal(v->ops->handle(v, ACT_MOVE_UP, 'k'), TR_REDRAW);
    assert_int_equal(v->ops->handle(v, ACT_MOVE_UP, 'k'), TR_NONE);
    assert_int_equal(v->ops->handle(v, ACT_LAST, 'G'), TR_REDRAW);
    assert_int_equal(textview_top(t), 101);
    assert_int_equal(v->ops->handle(v, ACT_FILTER, '/'), TR_SEARCH);
    assert_int_equal(v->ops->handle(v, ACT_QUIT, 'q'), TR_CLOSE);
    assert_int_equal(v->ops->handle(v, ACT_BACK, KEYS_ESC), TR_CLOSE);
    assert_int_equal(v->ops->handle(v, ACT_NONE, 'x'), TR_NONE);

    textview_clear(t);
    assert_int_equal(textview_lines(t), 0);
    v->ops->free(v);
}

static void test_detail_lines(void **state)
{
    (void)state;
    struct textview *t = detail_view_new("tenant acme");
    assert_int_equal(textview_lines(t), 1);
    detail_set_json(t, "{\"id\":\"t1\",\"name\":\"a\\u001b[31m\",\"n\":[1,2]}");
    struct view *v = textview_view(t);
    assert_true(textview_lines(t) >= 5);
    v->ops->search(v, "\"id\": \"t1\"", true);
    assert_string_equal(textview_status(t), "match 1 of 1 for '\"id\": \"t1\"'");
    v->ops->search(v, "\\u001b", true);
    assert_string_equal(textview_status(t), "match 1 of 1 for '\\u001b'");
    detail_set_json(t, "not json");
    assert_int_equal(textview_lines(t), 2);
    struct tn_error err = {.code = ST_OK, .http_status = 404, .api_code = (char[]){"NotFound"},
                           .message = (char[]){"no such tenant"}, .hint = NULL};
    detail_set_error(t, &err);
    v->ops->search(v, "NotFound", true);
    assert_string_equal(textview_status(t), "match 1 of 1 for 'NotFound'");
    v->ops->free(v);
}

/* ------------------------------------------------------------------ secrets */

#define SECRET_LIMIT 1024 /* bytes a secret may hold (prompt.h) */

static void test_secret_keeps_text_and_buffer(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("Secret: ", NULL);
    prompt_set_secret(p);
    const char *buf = prompt_text(p);
    assert_string_equal(buf, "");
    type_ascii(p, "hunter2");
    assert_string_equal(prompt_text(p), "hunter2");
    assert_ptr_equal(prompt_text(p), buf);
    /* up to the limit, the buffer never moves */
    for (size_t n = strlen("hunter2"); n < SECRET_LIMIT; n++) {
        assert_int_equal(prompt_key(p, 'a' + (int)(n % 26)), PROMPT_CHANGED);
        assert_ptr_equal(prompt_text(p), buf);
    }
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    assert_memory_equal(prompt_text(p), "hunter2", 7);
    /* beyond it, typing is refused: the text stops growing, the buffer stays */
    char *full = strdup(prompt_text(p));
    const int more[] = {'x', 0xE9, 0x20AC, 0x1F600, ' '};
    for (size_t i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
        prompt_key(p, more[i]);
        assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
        assert_string_equal(prompt_text(p), full);
        assert_ptr_equal(prompt_text(p), buf);
    }
    /* also in the middle of the text */
    prompt_key(p, K_HOME);
    prompt_key(p, 'y');
    assert_string_equal(prompt_text(p), full);
    /* room made, a character fits again, at the cursor */
    assert_int_equal(prompt_key(p, K_DEL), PROMPT_CHANGED);
    assert_int_equal(prompt_key(p, 'Z'), PROMPT_CHANGED);
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    assert_int_equal(prompt_text(p)[0], 'Z');
    assert_string_equal(prompt_text(p) + 1, full + 1);
    assert_ptr_equal(prompt_text(p), buf);
    free(full);
    prompt_free(p); /* wiped and freed: the sanitizer run checks the buffer is not leaked */
}

static void test_secret_limit_multibyte(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("", NULL);
    prompt_set_secret(p);
    const char *buf = prompt_text(p);
    for (int i = 0; i < SECRET_LIMIT - 1; i++)
        prompt_key(p, 'a');
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT - 1);
    /* one byte left: a 2-, 3- or 4-byte character does not fit, and none is cut in half */
    prompt_key(p, 0xE9);
    prompt_key(p, 0x20AC);
    prompt_key(p, 0x1F600);
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT - 1);
    assert_int_equal(prompt_text(p)[SECRET_LIMIT - 2], 'a');
    /* a 1-byte one does */
    assert_int_equal(prompt_key(p, 'b'), PROMPT_CHANGED);
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    assert_int_equal(prompt_text(p)[SECRET_LIMIT - 1], 'b');
    assert_ptr_equal(prompt_text(p), buf);
    /* 256 emoji are exactly the limit */
    prompt_key(p, K_END);
    prompt_key(p, 21); /* C-u: erase all */
    assert_string_equal(prompt_text(p), "");
    for (int i = 0; i < SECRET_LIMIT / 4; i++)
        assert_int_equal(prompt_key(p, 0x1F600), PROMPT_CHANGED);
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    prompt_key(p, 'x');
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    assert_ptr_equal(prompt_text(p), buf);
    prompt_free(p);
}

static void test_secret_edit_utf8(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("Secret: ", NULL);
    prompt_set_secret(p);
    const char *buf = prompt_text(p);
    /* a é € 😀 b */
    type(p, (const int[]){'a', 0xE9, 0x20AC, 0x1F600, 'b', 0});
    assert_string_equal(prompt_text(p), "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80" "b");
    /* Left over b, Backspace removes the whole emoji */
    assert_int_equal(prompt_key(p, K_LEFT), PROMPT_EDITING);
    assert_int_equal(prompt_key(p, K_BS), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "a\xC3\xA9\xE2\x82\xAC" "b");
    /* Left over €, Del removes it whole */
    prompt_key(p, K_LEFT);
    assert_int_equal(prompt_key(p, K_DEL), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "a\xC3\xA9" "b");
    /* insert in the middle */
    assert_int_equal(prompt_key(p, 0x6F22), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "a\xC3\xA9\xE6\xBC\xA2" "b");
    /* Home, Right over a, Del removes é */
    prompt_key(p, K_HOME);
    prompt_key(p, K_RIGHT);
    assert_int_equal(prompt_key(p, K_DEL), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "a\xE6\xBC\xA2" "b");
    /* C-k erases to the end, C-w a word, C-u to the start */
    assert_int_equal(prompt_key(p, 11), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "a");
    type_ascii(p, "b cd");
    assert_int_equal(prompt_key(p, 23), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "ab ");
    assert_int_equal(prompt_key(p, 21), PROMPT_CHANGED);
    assert_string_equal(prompt_text(p), "");
    assert_ptr_equal(prompt_text(p), buf);
    /* and on empty, Backspace cancels as on any prompt */
    assert_int_equal(prompt_key(p, K_BS), PROMPT_CANCEL);
    prompt_free(p);
}

static void test_secret_from_initial_and_no_completion(void **state)
{
    (void)state;
    /* text typed before it became a secret is kept; completions are dropped */
    struct prompt *p = prompt_new(":", "pro");
    prompt_set_completions(p, commands, NCOMMANDS);
    prompt_set_secret(p);
    const char *buf = prompt_text(p);
    assert_string_equal(buf, "pro");
    assert_int_equal(prompt_key(p, '\t'), PROMPT_EDITING);
    assert_string_equal(prompt_text(p), "pro");
    type_ascii(p, "xy");
    assert_string_equal(prompt_text(p), "proxy");
    assert_ptr_equal(prompt_text(p), buf);
    /* Enter and Esc as on any prompt, the text kept */
    assert_int_equal(prompt_key(p, '\n'), PROMPT_DONE);
    assert_int_equal(prompt_key(p, KEYS_ESC), PROMPT_CANCEL);
    assert_string_equal(prompt_text(p), "proxy");
    prompt_free(p);

    /* a secret never typed into is freed fine too */
    p = prompt_new("", NULL);
    prompt_set_secret(p);
    prompt_free(p);
}

/* A key refused at a secret's limit once reported PROMPT_CHANGED ("the text changed",
 * prompt.h) though nothing changed, and a form reran its live check. */
static void test_secret_refused_key_changes_nothing(void **state)
{
    (void)state;
    struct prompt *p = prompt_new("", NULL);
    prompt_set_secret(p);
    for (int i = 0; i < SECRET_LIMIT; i++)
        prompt_key(p, 'a');
    assert_int_equal(strlen(prompt_text(p)), SECRET_LIMIT);
    enum prompt_result r = prompt_key(p, 'x');
    size_t len = strlen(prompt_text(p));
    prompt_free(p); /* before the assertions: a failure leaks nothing */
    assert_int_equal(len, SECRET_LIMIT);
    assert_int_equal(r, PROMPT_EDITING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_type_ascii_and_initial),
        cmocka_unit_test(test_type_multibyte),
        cmocka_unit_test(test_cursor_moves_by_characters),
        cmocka_unit_test(test_backspace_and_delete),
        cmocka_unit_test(test_erase_line_and_word),
        cmocka_unit_test(test_done_and_cancel),
        cmocka_unit_test(test_control_chars_ignored),
        cmocka_unit_test(test_complete_prefix_and_unique),
        cmocka_unit_test(test_complete_cycles),
        cmocka_unit_test(test_complete_no_match),
        cmocka_unit_test(test_complete_keeps_utf8_whole),
        cmocka_unit_test(test_textview_search),
        cmocka_unit_test(test_detail_lines),
        cmocka_unit_test(test_secret_keeps_text_and_buffer),
        cmocka_unit_test(test_secret_limit_multibyte),
        cmocka_unit_test(test_secret_edit_utf8),
        cmocka_unit_test(test_secret_from_initial_and_no_completion),
        cmocka_unit_test(test_secret_refused_key_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
