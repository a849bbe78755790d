/* prompt_layer.c: the filter, search and command line as a layer over the status line. */
#include "config.h"

#include "tui/prompt_layer.h"

#include <stdlib.h>

#include "core/history.h"
#include "tui/command.h"
#include "tui/overlay.h"
#include "tui/prompt.h"
#include "tui/tui_state.h"

struct prompt_layer {
    struct layer base;
    struct prompt *p;
    enum prompt_use use;
    char *saved; /* the filter before editing, restored by Esc */
    bool pending; /* the text changed: the filter runs again once the keys read are handled */
};

static layer_result pl_key(struct layer *l, struct tui *t, enum action act, int key)
{
    struct prompt_layer *pl = (struct prompt_layer *)l;
    (void)act; /* what is typed here is text */
    enum prompt_result r = prompt_key(pl->p, key);
    struct pane *p = tui_focused(t);
    if (pl->use == PROMPT_FILTER && p) {
        /* a burst of keys (typing, a paste) filters once, at the tick after it (pl_tick):
         * over a million rows each pass is felt */
        if (r == PROMPT_CHANGED)
            pl->pending = true;
        else if (r == PROMPT_CANCEL)
            pane_set_filter(p, pl->saved);
        else if (r == PROMPT_DONE && pl->pending)
            pane_set_filter(p, prompt_text(pl->p));
        if (r == PROMPT_CANCEL || r == PROMPT_DONE)
            pl->pending = false;
    }
    if (r != PROMPT_DONE && r != PROMPT_CANCEL)
        return LAYER_HANDLED | LAYER_REDRAW;
    char *text = xstrdup(prompt_text(pl->p));
    enum prompt_use use = pl->use;
    if (r == PROMPT_DONE && *text) /* kept for Up, in this run and the next */
        history_add(tui_history(t, use), text);
    layers_close(&t->layers, l, t); /* before the command: it may open another line */
    if (r == PROMPT_DONE && use == PROMPT_SEARCH)
        overlay_search(t, text);
    else if (r == PROMPT_DONE && use == PROMPT_COMMAND)
        command_run(t, text);
    free(text);
    return LAYER_HANDLED | LAYER_REDRAW;
}

/* The keys read are all handled: filter with what they typed. */
static void pl_tick(struct layer *l, struct tui *t)
{
    struct prompt_layer *pl = (struct prompt_layer *)l;
    struct pane *p = tui_focused(t);
    if (pl->pending && p)
        pane_set_filter(p, prompt_text(pl->p));
    pl->pending = false;
}

/* The line is the status line: the row under the area. */
static void pl_draw(struct layer *l, struct tui *t, struct rect r)
{
    struct prompt_layer *pl = (struct prompt_layer *)l;
    (void)t;
    int y = r.y + r.h;
    draw_fill(y, r.x, r.w, TH_NORMAL);
    prompt_draw(pl->p, y, r.x, r.w);
}

static void pl_free(struct layer *l, struct tui *t)
{
    struct prompt_layer *pl = (struct prompt_layer *)l;
    prompt_free(pl->p);
    free(pl->saved);
    free(pl);
    t->dirty = true;
}

static const struct layer_ops prompt_ops = {
    .name = "prompt",
    .level = LEVEL_PROMPT,
    .modal = true,
    .key = pl_key,
    .draw = pl_draw,
    .tick = pl_tick,
    .free = pl_free,
};

struct prompt *prompt_layer_open(struct tui *t, enum prompt_use use, const char *label,
                                 const char *initial)
{
    layers_close_level(&t->layers, LEVEL_PROMPT, t);
    struct prompt_layer *pl = xcalloc(1, sizeof(*pl));
    pl->base.ops = &prompt_ops;
    pl->use = use;
    pl->p = prompt_new(label, initial);
    prompt_set_history(pl->p, tui_history(t, use));
    if (use == PROMPT_FILTER)
        pl->saved = xstrdup(initial ? initial : "");
    layers_push(&t->layers, &pl->base);
    t->dirty = true;
    return pl->p;
}
