/* bulk.c: one change made to many objects, a few at a time. */
#include "config.h"

#include "core/bulk.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* One request in the air. */
struct slot {
    struct bulk *b;
    size_t i;             /* the ID's index */
    struct api_call *call; /* NULL when free */
};

struct bulk {
    struct api_session *s;
    const struct api_kind_def *kind;
    char *parent;
    char **ids;
    size_t n, next, ended, succeeded, unknown;
    struct slot *slots;
    int nslots;
    bool stopped;
    bulk_item_fn fn;
    void *ud;
};

/* True when ids[0..n) holds id already. */
static bool seen(char *const *ids, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ids[i], id))
            return true;
    return false;
}

struct bulk *bulk_delete_new(struct api_session *s, const struct api_target *t,
                             const char *const *ids, size_t n, int in_flight, bulk_item_fn fn,
                             void *ud)
{
    struct bulk *b = xcalloc(1, sizeof(*b));
    b->s = s;
    b->kind = t->kind;
    b->parent = t->parent ? xstrdup(t->parent) : NULL;
    b->ids = xcalloc(n ? n : 1, sizeof(*b->ids));
    for (size_t i = 0; i < n; i++) /* each once: a repeat would be a second DELETE */
        if (!seen(b->ids, b->n, ids[i]))
            b->ids[b->n++] = xstrdup(ids[i]);
    b->nslots = in_flight < 1 ? 1 : in_flight > BULK_IN_FLIGHT_MAX ? BULK_IN_FLIGHT_MAX : in_flight;
    b->slots = xcalloc((size_t)b->nslots, sizeof(*b->slots));
    for (int k = 0; k < b->nslots; k++)
        b->slots[k].b = b;
    b->fn = fn;
    b->ud = ud;
    return b;
}

/* Report the outcome of slot's ID and free the slot. */
static void end(struct slot *sl, const struct tn_error *err)
{
    struct bulk *b = sl->b;
    size_t i = sl->i;
    sl->call = NULL;
    b->ended++;
    if (err->code == ST_OK)
        b->succeeded++;
    else if (err->maybe_done)
        b->unknown++;
    b->fn(b->ud, i, b->ids[i], err);
}

static void on_deleted(void *ud, const struct tn_error *err)
{
    end(ud, err);
}

bool bulk_pump(struct bulk *b)
{
    bool busy = false;
    for (int k = 0; k < b->nslots; k++) {
        struct slot *sl = &b->slots[k];
        while (!sl->call && !b->stopped && b->next < b->n) {
            sl->i = b->next++;
            struct api_target t = {.kind = b->kind, .parent = b->parent, .id = b->ids[sl->i]};
            struct tn_error err = {0};
            sl->call = api_delete(b->s, &t, on_deleted, sl, &err);
            if (!sl->call) { /* refused before sending (read-only): its outcome now */
                end(sl, &err);
                err_clear(&err);
            }
        }
        busy |= sl->call != NULL;
    }
    return busy || (!b->stopped && b->next < b->n);
}

void bulk_stop(struct bulk *b)
{
    b->stopped = true;
}

size_t bulk_total(const struct bulk *b)
{
    return b->n;
}

size_t bulk_ended(const struct bulk *b)
{
    return b->ended;
}

size_t bulk_succeeded(const struct bulk *b)
{
    return b->succeeded;
}

size_t bulk_unknown(const struct bulk *b)
{
    return b->unknown;
}

size_t bulk_in_flight(const struct bulk *b)
{
    size_t n = 0;
    for (int k = 0; k < b->nslots; k++)
        n += b->slots[k].call != NULL;
    return n;
}

void bulk_free(struct bulk *b)
{
    if (!b)
        return;
    for (int k = 0; k < b->nslots; k++)
        if (b->slots[k].call)
            api_cancel(b->s, b->slots[k].call);
    for (size_t i = 0; i < b->n; i++)
        free(b->ids[i]);
    free(b->ids);
    free(b->slots);
    free(b->parent);
    free(b);
}
