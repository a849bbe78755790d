/* marks.h: a set of marked objects, by ID, in the order they were marked: what the console's
 * Space and * mark, and what a bulk change works on. Marks are kept by ID, so they outlive
 * the rows shown (scrolling, sorting, filtering, pages arriving, a refresh). Each holds the
 * name shown for it and, after a change failed on it, that failure's words. Lookups hash, so
 * that a hundred thousand marks stay quick to draw. */
#ifndef TENANTRY_MARKS_H
#define TENANTRY_MARKS_H

#include <stdbool.h>
#include <stddef.h>

struct marks;

/* A new empty set. */
struct marks *marks_new(void);
/* Free it. NULL is fine. */
void marks_free(struct marks *m);
/* True when id is marked. */
bool marks_has(const struct marks *m, const char *id);
/* Mark id, shown as name (both copied; name NULL: the ID); true when it was not marked. */
bool marks_add(struct marks *m, const char *id, const char *name);
/* Unmark id; true when it was marked. */
bool marks_remove(struct marks *m, const char *id);
/* Unmark everything. */
void marks_clear(struct marks *m);
/* How many are marked; how many of them have an error. */
size_t marks_count(const struct marks *m);
size_t marks_failed(const struct marks *m);
/* The first max marks in marking order, their IDs into ids and names into names (either may
 * be NULL); how many were filled. The strings are the set's, valid until it next changes. */
size_t marks_list(const struct marks *m, const char **ids, const char **names, size_t max);
/* Set the error of a marked id (copied; NULL clears it); no-op when id is not marked. */
void marks_set_error(struct marks *m, const char *id, const char *error);
/* The error of id, or NULL (not marked, or none). */
const char *marks_error(const struct marks *m, const char *id);

#endif
