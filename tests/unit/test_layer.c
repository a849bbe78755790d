/* test_layer.c: tui/layer, the stack: keys top-down falling through what a layer does not
 * handle, modal layers, levels, hidden layers, closing from a handler, drawing bottom-up from
 * the covering layer, busy, hints and help's question; and tui/follow, how the panes follow
 * the selection. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/intl.h"
#include "tui/follow.h"
#include "tui/layer.h"

/* A test layer: takes the keys in `mine`, records what happened in a shared log. */
struct fake {
    struct layer base;
    char name;
    const char *mine;  /* the raw keys it handles */
    bool shown, busy, hides_copy;
    bool close_on_key; /* answer LAYER_CLOSE */
    struct layer_stack *stack;
    struct fake *closes; /* close this one from the key handler */
    char *log;           /* "k:a" keys, "d:a" draws, "f:a" frees */
};

static char logbuf[256];

static void note(char what, char name)
{
    size_t n = strlen(logbuf);
    logbuf[n] = what;
    logbuf[n + 1] = name;
    logbuf[n + 2] = ' ';
    logbuf[n + 3] = '\0';
}

static layer_result fk_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct fake *f = (struct fake *)l;
    (void)t;
    (void)act;
    if (!strchr(f->mine, key))
        return LAYER_NOT_MINE;
    note('k', f->name);
    if (f->closes)
        layers_close(f->stack, &f->closes->base, NULL);
    return LAYER_HANDLED | LAYER_REDRAW | (f->close_on_key ? LAYER_CLOSE : 0);
}

static void fk_draw(struct layer *l, struct tui *t, struct rect r)
{
    (void)t;
    (void)r;
    note('d', ((struct fake *)l)->name);
}

static bool fk_shown(const struct layer *l, const struct tui *t)
{
    (void)t;
    return ((const struct fake *)l)->shown;
}

static bool fk_busy(const struct layer *l, const struct tui *t)
{
    (void)t;
    return ((const struct fake *)l)->busy;
}

static bool fk_hides(const struct layer *l, const struct tui *t, enum action act)
{
    (void)t;
    return ((const struct fake *)l)->hides_copy && act == ACT_COPY;
}

static void fk_free(struct layer *l, struct tui *t)
{
    (void)t;
    note('f', ((struct fake *)l)->name);
    free(l);
}

static const struct layer_hint hints[] = {{ACT_HELP, N_("help")}};

#define OPS(var, lvl, is_modal, is_cover, nh)                                                  \
    static const struct layer_ops var = {.name = #var,                                        \
                                         .level = lvl,                                        \
                                         .modal = is_modal,                                   \
                                         .covers = is_cover,                                  \
                                         .hints = hints,                                      \
                                         .nhints = nh,                                        \
                                         .key = fk_key,                                       \
                                         .draw = fk_draw,                                     \
                                         .shown = fk_shown,                                   \
                                         .busy = fk_busy,                                     \
                                         .hides = fk_hides,                                   \
                                         .free = fk_free}
OPS(base_ops, LEVEL_BASE, true, true, 1);
OPS(overlay_ops, LEVEL_OVERLAY, false, true, 1);
OPS(prompt_ops, LEVEL_PROMPT, true, false, 0);
OPS(dialog_ops, LEVEL_DIALOG, false, false, 0);

static struct fake *fake(struct layer_stack *s, const struct layer_ops *ops, char name,
                         const char *mine)
{
    struct fake *f = calloc(1, sizeof(*f));
    assert_non_null(f);
    f->base.ops = ops;
    f->name = name;
    f->mine = mine;
    f->shown = true;
    f->stack = s;
    layers_push(s, &f->base);
    return f;
}

static void test_keys_fall_through(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    logbuf[0] = '\0';
    fake(&s, &base_ops, 'b', "jx");
    struct fake *o = fake(&s, &overlay_ops, 'o', "x");
    assert_int_equal(layers_key(&s, NULL, ACT_NONE, 'x'), LAYER_HANDLED | LAYER_REDRAW);
    assert_int_equal(layers_key(&s, NULL, ACT_NONE, 'j'), LAYER_HANDLED | LAYER_REDRAW);
    assert_string_equal(logbuf, "ko kb "); /* x was the overlay's, j fell to the base */
    /* the base is modal: a key nobody handles stops there, handled */
    assert_int_equal(layers_key(&s, NULL, ACT_NONE, 'z'), LAYER_HANDLED);
    /* a hidden layer takes no key */
    o->shown = false;
    logbuf[0] = '\0';
    layers_key(&s, NULL, ACT_NONE, 'x');
    assert_string_equal(logbuf, "kb ");
    layers_free(&s, NULL);
    assert_int_equal(s.n, 0);
}

static void test_modal_stops_keys(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    logbuf[0] = '\0';
    fake(&s, &base_ops, 'b', "j");
    fake(&s, &prompt_ops, 'p', "a");
    assert_int_equal(layers_key(&s, NULL, ACT_NONE, 'j'), LAYER_HANDLED);
    assert_string_equal(logbuf, ""); /* the prompt is modal: j is text, not the base's */
    layers_free(&s, NULL);
}

static void test_levels_order(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    struct fake *d = fake(&s, &dialog_ops, 'd', "");
    struct fake *b = fake(&s, &base_ops, 'b', "");
    struct fake *o = fake(&s, &overlay_ops, 'o', "");
    assert_ptr_equal(s.v[0], &b->base);
    assert_ptr_equal(s.v[1], &o->base);
    assert_ptr_equal(s.v[2], &d->base);
    assert_ptr_equal(layers_at(&s, LEVEL_OVERLAY), &o->base);
    assert_ptr_equal(layers_find(&s, &dialog_ops), &d->base);
    assert_null(layers_find(&s, &prompt_ops));
    layers_close_level(&s, LEVEL_OVERLAY, NULL);
    assert_null(layers_at(&s, LEVEL_OVERLAY));
    assert_int_equal(s.n, 2);
    layers_free(&s, NULL);
}

static void test_close_from_handler(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    logbuf[0] = '\0';
    struct fake *b = fake(&s, &base_ops, 'b', "");
    struct fake *o = fake(&s, &overlay_ops, 'o', "q");
    o->close_on_key = true;
    struct fake *d = fake(&s, &dialog_ops, 'd', "c");
    d->closes = d; /* a handler closing its own layer: freed after it returned */
    layers_key(&s, NULL, ACT_NONE, 'c');
    assert_string_equal(logbuf, "kd fd ");
    assert_int_equal(s.n, 2);
    layers_key(&s, NULL, ACT_NONE, 'q'); /* LAYER_CLOSE */
    assert_string_equal(logbuf, "kd fd ko fo ");
    assert_int_equal(s.n, 1);
    assert_ptr_equal(s.v[0], &b->base);
    layers_free(&s, NULL);
}

static void test_draw_from_cover(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    struct rect r = {0, 0, 10, 10};
    fake(&s, &base_ops, 'b', "");
    struct fake *o = fake(&s, &overlay_ops, 'o', "");
    fake(&s, &dialog_ops, 'd', "");
    logbuf[0] = '\0';
    layers_draw(&s, NULL, r);
    assert_string_equal(logbuf, "do dd "); /* the overlay covers the base */
    o->shown = false;
    logbuf[0] = '\0';
    layers_draw(&s, NULL, r);
    assert_string_equal(logbuf, "db dd ");
    layers_free(&s, NULL);
}

static void test_busy_hints_hides(void **state)
{
    (void)state;
    struct layer_stack s = {0};
    struct fake *b = fake(&s, &base_ops, 'b', "");
    struct fake *o = fake(&s, &overlay_ops, 'o', "");
    fake(&s, &prompt_ops, 'p', "");
    assert_false(layers_busy(&s, NULL));
    b->busy = true;
    assert_true(layers_busy(&s, NULL));
    /* hints: the topmost shown layer that has some (the prompt has none) */
    assert_ptr_equal(layers_hinting(&s, NULL), &o->base);
    o->shown = false;
    assert_ptr_equal(layers_hinting(&s, NULL), &b->base);
    assert_ptr_equal(layers_cover(&s, NULL), &b->base);
    assert_false(layers_hide(&s, NULL, ACT_COPY));
    b->hides_copy = true;
    assert_true(layers_hide(&s, NULL, ACT_COPY));
    assert_false(layers_hide(&s, NULL, ACT_QUIT));
    layers_free(&s, NULL);
}

/* ------------------------------------------------------------------ follow */

static void test_follow_environment_rests(void **state)
{
    (void)state;
    struct follow f = {0};
    /* the first selection (the list just loaded) is followed at once */
    assert_true(follow_update(&f, "e1", NULL, true, 1000));
    assert_string_equal(follow_environment(&f), "e1");
    assert_false(follow_pending(&f, false, 1000));
    assert_false(follow_update(&f, "e2", NULL, true, 1100)); /* moved: waits to rest */
    assert_true(follow_pending(&f, false, 1100));
    assert_string_equal(follow_environment(&f), "e1");
    assert_false(follow_update(&f, "e3", NULL, true, 1150)); /* moved on: waits again */
    assert_false(follow_update(&f, "e3", NULL, true, 1150 + FOLLOW_SETTLE_MS - 1));
    assert_true(follow_update(&f, "e3", NULL, true, 1150 + FOLLOW_SETTLE_MS));
    assert_string_equal(follow_environment(&f), "e3");
    assert_false(follow_pending(&f, false, 2000));
    /* back to "All environments" (NULL): applied when the pane loses the focus */
    assert_false(follow_update(&f, NULL, NULL, true, 3000));
    assert_true(follow_update(&f, NULL, NULL, false, 3001));
    assert_null(follow_environment(&f)); /* "All environments" */
    /* nothing moved: nothing to do */
    assert_false(follow_update(&f, NULL, NULL, false, 5000));
    follow_reset(&f);
}

static void test_follow_clients_wait_for_tenant(void **state)
{
    (void)state;
    struct follow f = {0};
    follow_update(&f, NULL, "t1", false, 1000);
    /* the first tenant selected (the first screen): its clients at once */
    assert_true(follow_clients_due(&f, false, 1000));
    assert_false(follow_pending(&f, true, 1000));
    follow_update(&f, NULL, "t2", false, 2000); /* the selection moves: it must rest */
    assert_false(follow_clients_due(&f, false, 2000 + FOLLOW_SETTLE_MS - 1));
    assert_true(follow_clients_due(&f, true, 2000)); /* the clients pane has the focus */
    assert_true(follow_pending(&f, true, 2000));     /* the clients about to list: busy */
    assert_false(follow_pending(&f, false, 2000));   /* no clients pane shown: not busy */
    assert_true(follow_clients_due(&f, false, 2000 + FOLLOW_SETTLE_MS));
    follow_update(&f, NULL, "t3", false, 5000);
    assert_false(follow_clients_due(&f, false, 5001));
    follow_now(&f); /* Enter or Tab: at once */
    assert_true(follow_clients_due(&f, false, 5001));
    follow_update(&f, NULL, "t3", false, 5002); /* the same tenant: still due */
    assert_true(follow_clients_due(&f, false, 5002));
    /* no tenant (an empty list), then one again: a first selection, at once */
    follow_update(&f, NULL, NULL, false, 6000);
    follow_update(&f, NULL, "t4", false, 6001);
    assert_true(follow_clients_due(&f, false, 6001));
    follow_reset(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_fall_through),
        cmocka_unit_test(test_modal_stops_keys),
        cmocka_unit_test(test_levels_order),
        cmocka_unit_test(test_close_from_handler),
        cmocka_unit_test(test_draw_from_cover),
        cmocka_unit_test(test_busy_hints_hides),
        cmocka_unit_test(test_follow_environment_rests),
        cmocka_unit_test(test_follow_clients_wait_for_tenant),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
