/* bulk.h: one change made to many objects, a few at a time: the deletes of a marked set or of
 * a list of IDs. The API has no bulk endpoint, so each object is its own request, at most
 * in_flight of them in the air; each ID once (repeats are dropped); each outcome reported as it
 * comes. Stopping sends no more, and lets those in the air land. */
#ifndef TENANTRY_BULK_H
#define TENANTRY_BULK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/api.h"

struct bulk;

/* The outcome of the i-th ID (in the order given, repeats dropped): err->code ST_OK when it
 * was deleted (also a 404 after an answer lost on the way: that first request deleted it);
 * else it failed, or, with err->maybe_done, its outcome is unknown (a send got no answer and
 * the later ones were refused: the first may have deleted it). */
typedef void (*bulk_item_fn)(void *ud, size_t i, const char *id, const struct tn_error *err);

/* The default and the bounds of in_flight. */
#define BULK_IN_FLIGHT_DEFAULT 4
#define BULK_IN_FLIGHT_MAX 64

/* Delete the n objects ids (copied) of kind t->kind (under t->parent) through session s, at
 * most in_flight at once (1..BULK_IN_FLIGHT_MAX). Nothing is sent before bulk_pump. */
struct bulk *bulk_delete_new(struct api_session *s, const struct api_target *t,
                             const char *const *ids, size_t n, int in_flight, bulk_item_fn fn,
                             void *ud);
/* Send what the free slots allow; true while something is left to send or in the air. Call
 * it after each turn of the engine. */
bool bulk_pump(struct bulk *b);
/* Send no more; those in the air still report. */
void bulk_stop(struct bulk *b);
/* How many IDs (repeats dropped), how many ended, how many ended done, how many ended of
 * unknown outcome (err->maybe_done), how many are in the air. */
size_t bulk_total(const struct bulk *b);
size_t bulk_ended(const struct bulk *b);
size_t bulk_succeeded(const struct bulk *b);
size_t bulk_unknown(const struct bulk *b);
size_t bulk_in_flight(const struct bulk *b);
/* Free it, cancelling what is in the air (their outcomes are never reported). */
void bulk_free(struct bulk *b);

#endif
