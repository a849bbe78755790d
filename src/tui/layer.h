/* layer.h: the console as a stack of layers (tig's views, htop's panels). At the bottom the
 * panes (or the setup screen), above them an overlay (details, help, profiles), a conflict,
 * the prompt, a dialog. Keys go top-down: each layer handles a key or returns LAYER_NOT_MINE
 * and the key falls through to the layer below, unless the layer is modal. Drawing goes
 * bottom-up, from the topmost layer that covers the panes. The help, the status line's key
 * hints and the script runner (busy) read the same list. A layer closed while keys are being
 * handled is freed once the handling is over, so a handler may close any layer, itself too. */
#ifndef TENANTRY_LAYER_H
#define TENANTRY_LAYER_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/action.h"
#include "tui/draw.h"

struct tui;
struct layer;

/* What a key handler did: flags that combine (htop's HandlerResult). */
typedef unsigned layer_result;
#define LAYER_NOT_MINE 0u        /* the key falls through to the layer below */
#define LAYER_HANDLED (1u << 0)  /* the key was this layer's */
#define LAYER_REDRAW (1u << 1)   /* something on screen changed */
#define LAYER_RELOAD (1u << 2)   /* list the focused pane again (and any that failed) */
#define LAYER_CLOSE (1u << 3)    /* take this layer off the stack */
#define LAYER_QUIT (1u << 4)     /* leave the console */

/* Where a layer stands: a layer goes above every layer of its level or lower. */
enum layer_level { LEVEL_BASE, LEVEL_OVERLAY, LEVEL_CONFLICT, LEVEL_PROMPT, LEVEL_DIALOG };

/* A key the status line offers while a layer is on top ("? help"). */
struct layer_hint {
    enum action act;
    const char *what; /* N_() marked */
};

/* What makes one kind of layer. Every function but key and free may be NULL. */
struct layer_ops {
    const char *name;       /* for messages and tests: "panes", "detail", "dialog" */
    enum layer_level level;
    bool modal;             /* while shown, no key falls through it */
    bool covers;            /* it paints the whole area: the layers below are not drawn */
    const struct layer_hint *hints; /* the status line's hints while it is on top */
    size_t nhints;
    /* Handle key (act is what the keymap binds it to, or ACT_NONE). */
    layer_result (*key)(struct layer *l, struct tui *t, enum action act, int key);
    /* Paint into r (the area under the header), through draw only. */
    void (*draw)(struct layer *l, struct tui *t, struct rect r);
    /* False while the layer waits unseen (a dialog hidden until its answer comes). */
    bool (*shown)(const struct layer *l, const struct tui *t);
    /* True while it has a request in flight or work due. */
    bool (*busy)(const struct layer *l, const struct tui *t);
    /* Start what is due, from the loop (never from a network callback). */
    void (*tick)(struct layer *l, struct tui *t);
    /* True when help should leave act out (read-only: the changing keys). */
    bool (*hides)(const struct layer *l, const struct tui *t, enum action act);
    /* Cancel what is in flight and free the layer (wiping any secret it holds). */
    void (*free)(struct layer *l, struct tui *t);
};

/* A layer: embedded first in the struct of each kind. */
struct layer {
    const struct layer_ops *ops;
    bool closed; /* off the stack, freed when the handling is over */
};

#define LAYERS_MAX 16

/* The stack, bottom first. */
struct layer_stack {
    struct layer *v[LAYERS_MAX];
    size_t n;
    struct layer *closed[LAYERS_MAX]; /* closed while handling, not freed yet */
    size_t nclosed;
    int depth; /* > 0 while keys or ticks are being handled */
};

/* Put l on s above every layer of its level or lower (taking it). */
void layers_push(struct layer_stack *s, struct layer *l);
/* Take l off s and free it (later, when s is handling a key or a tick). */
void layers_close(struct layer_stack *s, struct layer *l, struct tui *t);
/* Close every layer of level (every layer: level < 0). */
void layers_close_level(struct layer_stack *s, int level, struct tui *t);
/* The topmost layer of kind ops, or NULL. */
struct layer *layers_find(const struct layer_stack *s, const struct layer_ops *ops);
/* The topmost layer of level, or NULL. */
struct layer *layers_at(const struct layer_stack *s, enum layer_level level);
/* True when l is shown (ops->shown, or always). */
bool layer_shown(const struct layer *l, const struct tui *t);
/* The topmost shown layer that covers the area (where drawing starts), or NULL. */
struct layer *layers_cover(const struct layer_stack *s, const struct tui *t);
/* The topmost shown layer with hints, or NULL. */
struct layer *layers_hinting(const struct layer_stack *s, const struct tui *t);
/* Hand key to the shown layers top-down until one handles it (or a modal one stops it); what
 * the handler returned, LAYER_NOT_MINE when none did. A layer answering LAYER_CLOSE closes. */
layer_result layers_key(struct layer_stack *s, struct tui *t, enum action act, int key);
/* Draw the shown layers bottom-up from the topmost covering one, each into r. */
void layers_draw(struct layer_stack *s, struct tui *t, struct rect r);
/* True when a layer is busy. */
bool layers_busy(const struct layer_stack *s, const struct tui *t);
/* Let each layer start what is due, top-down. */
void layers_tick(struct layer_stack *s, struct tui *t);
/* True when a layer hides act from help. */
bool layers_hide(const struct layer_stack *s, const struct tui *t, enum action act);
/* Free every layer (the end). */
void layers_free(struct layer_stack *s, struct tui *t);

#endif
