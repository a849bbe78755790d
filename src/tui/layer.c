/* layer.c: the stack of layers: keys top-down, drawing bottom-up, closing deferred while a
 * handler runs. */
#include "config.h"

#include "tui/layer.h"

#include "core/util.h"

/* Free the layers closed while handling, once nothing handles. */
static void sweep(struct layer_stack *s, struct tui *t)
{
    if (s->depth > 0)
        return;
    while (s->nclosed) {
        struct layer *l = s->closed[--s->nclosed];
        l->ops->free(l, t);
    }
}

void layers_push(struct layer_stack *s, struct layer *l)
{
    if (s->n == LAYERS_MAX)
        die("too many layers");
    size_t at = s->n;
    while (at > 0 && s->v[at - 1]->ops->level > l->ops->level)
        at--;
    for (size_t i = s->n; i > at; i--)
        s->v[i] = s->v[i - 1];
    s->v[at] = l;
    s->n++;
    l->closed = false;
}

void layers_close(struct layer_stack *s, struct layer *l, struct tui *t)
{
    size_t i = 0;
    while (i < s->n && s->v[i] != l)
        i++;
    if (i == s->n)
        return; /* not on the stack (closed already) */
    for (; i + 1 < s->n; i++)
        s->v[i] = s->v[i + 1];
    s->n--;
    l->closed = true;
    if (s->nclosed == LAYERS_MAX)
        die("too many layers");
    s->closed[s->nclosed++] = l;
    sweep(s, t);
}

void layers_close_level(struct layer_stack *s, int level, struct tui *t)
{
    s->depth++; /* free them together, after the loop */
    for (size_t i = s->n; i-- > 0;)
        if (level < 0 || (int)s->v[i]->ops->level == level)
            layers_close(s, s->v[i], t);
    s->depth--;
    sweep(s, t);
}

struct layer *layers_find(const struct layer_stack *s, const struct layer_ops *ops)
{
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i]->ops == ops)
            return s->v[i];
    return NULL;
}

struct layer *layers_at(const struct layer_stack *s, enum layer_level level)
{
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i]->ops->level == level)
            return s->v[i];
    return NULL;
}

bool layer_shown(const struct layer *l, const struct tui *t)
{
    return !l->ops->shown || l->ops->shown(l, t);
}

struct layer *layers_cover(const struct layer_stack *s, const struct tui *t)
{
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i]->ops->covers && layer_shown(s->v[i], t))
            return s->v[i];
    return NULL;
}

struct layer *layers_hinting(const struct layer_stack *s, const struct tui *t)
{
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i]->ops->nhints && layer_shown(s->v[i], t))
            return s->v[i];
    return NULL;
}

layer_result layers_key(struct layer_stack *s, struct tui *t, enum action act, int key)
{
    /* a snapshot: handlers may push and close layers */
    struct layer *v[LAYERS_MAX];
    size_t n = s->n;
    for (size_t i = 0; i < n; i++)
        v[i] = s->v[i];
    layer_result r = LAYER_NOT_MINE;
    s->depth++;
    for (size_t i = n; i-- > 0;) {
        struct layer *l = v[i];
        if (l->closed || !layer_shown(l, t))
            continue;
        r = l->ops->key(l, t, act, key);
        if (r & LAYER_CLOSE)
            layers_close(s, l, t);
        if (r != LAYER_NOT_MINE)
            break;
        if (l->ops->modal) {
            r = LAYER_HANDLED; /* no key passes a modal layer */
            break;
        }
    }
    s->depth--;
    sweep(s, t);
    return r;
}

void layers_draw(struct layer_stack *s, struct tui *t, struct rect r)
{
    struct layer *cover = layers_cover(s, t);
    size_t from = 0;
    while (cover && from < s->n && s->v[from] != cover)
        from++;
    if (from == s->n)
        from = 0;
    for (size_t i = from; i < s->n; i++)
        if (s->v[i]->ops->draw && layer_shown(s->v[i], t))
            s->v[i]->ops->draw(s->v[i], t, r);
}

bool layers_busy(const struct layer_stack *s, const struct tui *t)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i]->ops->busy && s->v[i]->ops->busy(s->v[i], t))
            return true;
    return false;
}

void layers_tick(struct layer_stack *s, struct tui *t)
{
    struct layer *v[LAYERS_MAX];
    size_t n = s->n;
    for (size_t i = 0; i < n; i++)
        v[i] = s->v[i];
    s->depth++;
    for (size_t i = n; i-- > 0;)
        if (!v[i]->closed && v[i]->ops->tick)
            v[i]->ops->tick(v[i], t);
    s->depth--;
    sweep(s, t);
}

bool layers_hide(const struct layer_stack *s, const struct tui *t, enum action act)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i]->ops->hides && s->v[i]->ops->hides(s->v[i], t, act))
            return true;
    return false;
}

void layers_free(struct layer_stack *s, struct tui *t)
{
    layers_close_level(s, -1, t);
}
